package scenarios

import (
	"strings"
	"testing"
)

// TestReferencePfa checks which pfa a radar's reference point is stated
// at: reference.pfa when given, else the radar's pfa as the file (or the
// layout) wrote it; and that an override of the radar's pfa, a --set or one
// point of a --sweep, moves the radar's threshold and leaves the reference
// where the file put it, so that the reference keeps fixing the receiver.
func TestReferencePfa(t *testing.T) {
	s, err := Parse("layouts.yaml", withSection(t, twoLayouts))
	if err != nil {
		t.Fatal(err)
	}
	with := func(t *testing.T, s *Scenario, sets ...string) *Scenario {
		t.Helper()
		var os []Override
		for _, set := range sets {
			o, err := ParseOverride(set)
			if err != nil {
				t.Fatal(err)
			}
			os = append(os, o)
		}
		c, err := s.With(os...)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	layout := func(t *testing.T, s *Scenario, name string) *Scenario {
		t.Helper()
		c, err := s.WithLayout(name)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	moved := layout(t, s, "moved")
	pfa1e4 := with(t, s, "sensors[radar].pfa=1e-4")
	for _, tc := range []struct {
		name         string
		sc           *Scenario
		pfa, refPfa  float64
		wantedLayout string
	}{
		{"as written", s, 1e-6, 1e-6, BaseLayout},
		{"a layout's own pfa", moved, 1e-5, 1e-5, "moved"},
		{"pfa set", pfa1e4, 1e-4, 1e-6, BaseLayout},
		{"pfa set, then a threshold", with(t, pfa1e4, "alerting.p_drone=0.8"), 1e-4, 1e-6, BaseLayout},
		{"pfa set, then the layout", layout(t, pfa1e4, "moved"), 1e-5, 1e-5, "moved"},
		{"a layout's pfa set", with(t, moved, "layouts[0].change[0].pfa=1e-4"), 1e-4, 1e-5, "moved"},
		{"reference.pfa set", with(t, s, "sensors[radar].reference.pfa=1e-5"), 1e-6, 1e-5, BaseLayout},
		{"both set", with(t, s, "sensors[radar].pfa=1e-4", "sensors[radar].reference.pfa=1e-5"), 1e-4, 1e-5, BaseLayout},
		{"reference.pfa set, then pfa", with(t, with(t, s, "sensors[radar].reference.pfa=1e-5"), "sensors[radar].pfa=1e-4"), 1e-4, 1e-5, BaseLayout},
	} {
		r := tc.sc.Sensors[0].Radar
		if tc.sc.Layout() != tc.wantedLayout || r.Pfa != tc.pfa || r.Reference.Pfa != tc.refPfa {
			t.Errorf("%s: layout %s, pfa %g, reference stated at %g; want %s, %g, %g",
				tc.name, tc.sc.Layout(), r.Pfa, r.Reference.Pfa, tc.wantedLayout, tc.pfa, tc.refPfa)
		}
	}
	if r := s.Sensors[0].Radar; r.Pfa != 1e-6 || r.Reference.Pfa != 1e-6 {
		t.Errorf("With changed the original: pfa %g, reference at %g", r.Pfa, r.Reference.Pfa)
	}
	// A layout that moves the radar and keeps its pfa takes the listed
	// radar's: set, as a threshold; its reference stays the file's.
	n, err := Parse("north.yaml", withSection(t, "layouts:\n  - name: north\n    change:\n      - {sensor: radar, position: [0, 500]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r := layout(t, with(t, n, "sensors[radar].pfa=1e-4"), "north").Sensors[0].Radar; r.Pfa != 1e-4 || r.Reference.Pfa != 1e-6 {
		t.Errorf("layout north, pfa set: pfa %g, reference at %g; want 1e-4, 1e-6", r.Pfa, r.Reference.Pfa)
	}
	if r := with(t, layout(t, n, "north"), "sensors[radar].pfa=1e-4").Sensors[0].Radar; r.Pfa != 1e-4 || r.Reference.Pfa != 1e-6 {
		t.Errorf("pfa set on layout north: pfa %g, reference at %g; want 1e-4, 1e-6", r.Pfa, r.Reference.Pfa)
	}

	// reference.pfa in the file, and pd checked against the pfa the
	// reference is stated at, not the radar's.
	src := string(withSection(t, ""))
	const ref = "reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9}"
	if !strings.Contains(src, ref) {
		t.Fatalf("testdata/minimal.yaml has no %q", ref)
	}
	given, err := Parse("given.yaml", []byte(strings.Replace(src, ref, "reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9, pfa: 1.0e-4}", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if r := given.Sensors[0].Radar; r.Pfa != 1e-6 || r.Reference.Pfa != 1e-4 {
		t.Errorf("reference.pfa given: pfa %g, reference at %g; want 1e-6, 1e-4", r.Pfa, r.Reference.Pfa)
	}
	low, err := Parse("low.yaml", []byte(strings.Replace(src, ref, "reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.05}", 1)))
	if err != nil {
		t.Fatal(err)
	}
	// pd 0.05 at 1e-6 stays a valid reference for a radar run at 0.1.
	if c := with(t, low, "sensors[radar].pfa=0.1"); c.Sensors[0].Radar.Reference.Pfa != 1e-6 {
		t.Errorf("pfa 0.1 set: reference at %g, want 1e-6", c.Sensors[0].Radar.Reference.Pfa)
	}
	for _, tc := range []struct{ reference, want string }{
		{"reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.05, pfa: 0.1}", "expected a probability > reference.pfa (0.1), found 0.05"},
		{"reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9, pfa: 0.2}", "reference.pfa: expected a number in (0, 0.1], found 0.2"},
	} {
		_, err := Parse("bad.yaml", []byte(strings.Replace(src, ref, tc.reference, 1)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error with %q", tc.reference, err, tc.want)
		}
	}
}
