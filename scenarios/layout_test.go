package scenarios

import (
	"strings"
	"testing"
)

// withSection returns the minimal scenario with a section inserted before run.
func withSection(t *testing.T, section string) []byte { return withTracker(t, section) }

const twoLayouts = `layouts:
  - name: moved
    description: the radar moved north and re-tuned, the RF sensor kept
    change:
      - sensor: radar
        position: [0, 500]
        pfa: 1.0e-5
  - name: rf-pair
    remove: [radar]
    add:
      - id: rf2
        type: rf
        position: [-100, 0]
        mast_height_m: 5
        bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}]
        noise_figure_db: 6
        threshold_snr_db: 10
`

func TestLayouts(t *testing.T) {
	s, err := Parse("layouts.yaml", withSection(t, twoLayouts))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.LayoutNames(), ","); got != "base,moved,rf-pair" {
		t.Errorf("layout names %s", got)
	}
	m, err := s.WithLayout("moved")
	if err != nil {
		t.Fatal(err)
	}
	r := m.Sensors[0]
	if r.ID != "radar" || r.Position.NorthM != 500 || r.Radar.Pfa != 1e-5 || r.MastHeightM != 10 || r.Radar.Scan.Rotating.PeriodS != 1 {
		t.Errorf("changed radar = %+v / %+v: want moved to north 500, pfa 1e-5, the rest as listed", r, *r.Radar)
	}
	if s.Sensors[0].Position.NorthM != 0 || s.Sensors[0].Radar.Pfa != 1e-6 {
		t.Errorf("WithLayout changed the listed sensor: %+v", s.Sensors[0])
	}
	if m.Layout() != "moved" || s.Layout() != BaseLayout {
		t.Errorf("Layout() = %q and %q", m.Layout(), s.Layout())
	}
	p, err := s.WithLayout("rf-pair")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, sn := range p.Sensors {
		ids = append(ids, sn.ID)
	}
	if got := strings.Join(ids, ","); got != "rf,rf2" {
		t.Errorf("rf-pair sensors %s, want rf,rf2", got)
	}
	if _, err := s.WithLayout("nope"); err == nil || !strings.Contains(err.Error(), "base, moved, rf-pair") {
		t.Errorf("unknown layout: %v", err)
	}
}

func TestLayoutErrors(t *testing.T) {
	for _, tc := range []struct{ name, section, want string }{
		{"unknown sensor", "layouts:\n  - name: a\n    change:\n      - sensor: radr\n        pfa: 1.0e-5\n",
			`layouts.yaml:43:17: layouts[0].change[0].sensor: expected the id of a listed sensor (radar, rf), found "radr"`},
		{"bad changed value", "layouts:\n  - name: a\n    change:\n      - sensor: radar\n        pfa: 2\n",
			`layouts.yaml:44:14: layouts[0].change[0].pfa: expected a number in (0, 0.1], found 2`},
		{"misspelt changed field", "layouts:\n  - name: a\n    change:\n      - sensor: radar\n        pfaa: 0.01\n",
			`layouts.yaml:44:9: layouts[0].change[0].pfaa: unknown field; did you mean pfa?`},
		{"change type", "layouts:\n  - name: a\n    change:\n      - sensor: radar\n        type: rf\n",
			`layouts.yaml:44:9: layouts[0].change[0].type: a change cannot alter a sensor's type; remove the sensor and add another`},
		{"remove unknown", "layouts:\n  - name: a\n    remove: [radar, rff]\n",
			`layouts.yaml:42:21: layouts[0].remove[1]: expected the id of a listed sensor (radar, rf), found "rff"`},
		{"remove all", "layouts:\n  - name: a\n    remove: [radar, rf]\n",
			`layouts.yaml:41:5: layouts[0]: expected a layout with at least one sensor, found none left`},
		{"base name", "layouts:\n  - name: base\n    remove: [rf]\n",
			`layouts.yaml:41:11: layouts[0].name: expected a name other than base, which is the listed sensors`},
		{"duplicate", "layouts:\n  - name: a\n    remove: [rf]\n  - name: a\n    remove: [radar]\n",
			`layouts.yaml:43:11: layouts[1].name: expected a unique name, found "a" again (first at layouts[0])`},
		{"add existing id", "layouts:\n  - name: a\n    add:\n      - {id: rf, type: rf, position: [0, 0], mast_height_m: 5, bands: [{min_hz: 1.0e9, max_hz: 2.0e9}], noise_figure_db: 6, threshold_snr_db: 10}\n",
			`layouts.yaml:43:14: layouts[0].add[0].id: expected a sensor id not already in the layout, found "rf"`},
		{"change removed", "layouts:\n  - name: a\n    remove: [rf]\n    change:\n      - {sensor: rf, mast_height_m: 9}\n",
			`layouts.yaml:44:18: layouts[0].change[0].sensor: expected a sensor the layout keeps, found "rf", which it removes`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("layouts.yaml", withSection(t, tc.section))
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tc.want {
				t.Errorf("got  %s\nwant %s", err, tc.want)
			}
		})
	}
}

func TestOverride(t *testing.T) {
	s, err := Parse("layouts.yaml", withSection(t, twoLayouts))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := s.WithLayout("moved")
	for _, tc := range []struct {
		set   string
		check func(*Scenario) bool
	}{
		{"alerting.p_drone=0.8", func(c *Scenario) bool { return c.Alerting.PDrone == 0.8 }},
		{"tracker.confirm_m=2", func(c *Scenario) bool { return c.Tracker.ConfirmM == 2 }},
		{"tracker.association=jpda", func(c *Scenario) bool { return c.Tracker.Association == "jpda" }},
		{"sensors[radar].pfa=1e-4", func(c *Scenario) bool { return c.Sensors[0].Radar.Pfa == 1e-4 }},
		{"sensors[0].scan.period_s=2", func(c *Scenario) bool { return c.Sensors[0].Radar.Scan.Rotating.PeriodS == 2 }},
		{"traffic[one].legs[0].goto.alt_m=80", func(c *Scenario) bool { return c.Traffic[0].Flight.Legs[0].Goto.AltM == 80 }},
	} {
		o, err := ParseOverride(tc.set)
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.With(o)
		if err != nil {
			t.Errorf("%s: %v", tc.set, err)
			continue
		}
		if !tc.check(c) {
			t.Errorf("%s not applied", tc.set)
		}
	}
	// The original is untouched, and a layout is kept.
	if s.Alerting.PDrone != 0.9 || s.Sensors[0].Radar.Pfa != 1e-6 {
		t.Error("With changed the original")
	}
	c, err := m.With(Override{"sensors[radar].mast_height_m", "20"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Layout() != "moved" || c.Sensors[0].Position.NorthM != 500 || c.Sensors[0].MastHeightM != 20 {
		t.Errorf("override on a layout: %s %+v", c.Layout(), c.Sensors[0])
	}
}

func TestOverrideErrors(t *testing.T) {
	s, err := Load("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ set, want string }{
		{"alerting.p_drone=2", "with alerting.p_drone=2:\ntestdata/minimal.yaml: alerting.p_drone: expected a number in [0, 1], found 2"},
		{"tracker.gate_probabilty=0.99", "with tracker.gate_probabilty=0.99:\ntestdata/minimal.yaml: tracker.gate_probabilty: unknown field; did you mean gate_probability?"},
		{"sensors[radr].pfa=1e-5", `sensors[radr].pfa=1e-5: sensors: no item with id or name "radr"; the items are radar, rf`},
		{"sensors[5].pfa=1e-5", `sensors[5].pfa=1e-5: sensors: no item 5: the list has 2`},
		{"sensors=3", `sensors=3: sensors is a list; only a single value can be set`},
		{"run.duration_s.x=3", `run.duration_s.x=3: run.duration_s is number 300, not a mapping with field x`},
	} {
		o, err := ParseOverride(tc.set)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.With(o)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s:\n got  %v\n want %s", tc.set, err, tc.want)
		}
	}
	for _, bad := range []string{"p_drone", "=3", "a.=3", "a[0=3"} {
		o, err := ParseOverride(bad)
		if err == nil {
			_, err = s.With(o)
		}
		if err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestOverrideAlias checks that setting a value reached through a YAML
// alias changes that place only.
func TestOverrideAlias(t *testing.T) {
	src := strings.Replace(string(withSection(t, "")), "bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}]", "bands: &b [{min_hz: 2.4e9, max_hz: 2.4835e9}]", 1)
	src = strings.Replace(src, "sensors:\n", "sensors:\n  - {id: rf0, type: rf, position: [5, 5], mast_height_m: 5, bands: *b, noise_figure_db: 6, threshold_snr_db: 10}\n", 1)
	src = strings.Replace(src, "  - id: radar", "  - id: radar", 1)
	// rf0 uses the alias before the anchor is defined: move the anchor first.
	src = strings.Replace(src, "bands: *b", "bands: &b [{min_hz: 2.4e9, max_hz: 2.4835e9}]", 1)
	src = strings.Replace(src, "bands: &b [{min_hz: 2.4e9, max_hz: 2.4835e9}]\n    noise", "bands: *b\n    noise", 1)
	s, err := Parse("alias.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.With(Override{"sensors[rf].bands[0].min_hz", "2.41e9"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Sensors[2].RF.Bands[0].MinHz != 2.41e9 || c.Sensors[0].RF.Bands[0].MinHz != 2.4e9 {
		t.Errorf("alias override: rf %g, rf0 %g", c.Sensors[2].RF.Bands[0].MinHz, c.Sensors[0].RF.Bands[0].MinHz)
	}
}

// TestLayoutBudget: a layout whose sensors would make too many detections
// is refused like the listed sensors would be.
func TestLayoutBudget(t *testing.T) {
	src := withSection(t, `layouts:
  - name: noisy
    change:
      - sensor: rf
        false_alarm_rate_per_h: 1.0e10
`)
	_, err := Parse("layouts.yaml", src)
	if err == nil || !strings.Contains(err.Error(), "layouts[0]: expected at most 2e8 detections in a run of this layout") {
		t.Errorf("error %v", err)
	}
}
