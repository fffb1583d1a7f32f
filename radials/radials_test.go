package radials

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/stats"
)

// sectorYAML is a site with one staring radar at the centre of a circular
// zone, looking east over a 90° sector (bearings 45° to 135°), and a
// layout "west" that turns it to look west (225° to 315°). It has no
// birds, and the alert rule alerts on every confirmed track (p_drone 0):
// a drone is alerted on when, and only when, the radar sees it.
const sectorYAML = `
name: sector
site: {name: Sector test}
zones:
  - name: pad
    circle: {center: [0, 0], radius_m: 300}
uav_types:
  - name: quad
    rcs: {mean_m2: 0.01, swerling: 1}
    cruise_speed_mps: 20
    max_speed_mps: 25
    rf_silent: true
traffic:
  - name: inbound
    kind: inbound
    type: quad
    count: 1
    toward_zone: pad
    start_range_m: 3000
    alt_m: {min: 50, max: 50}
    speed_mps: {min: 20, max: 20}
sensors:
  - id: radar
    type: radar
    position: [0, 0]
    mast_height_m: 10
    boresight_deg: 90
    frequency_hz: 9.4e9
    reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9}
    scan: {mode: staring, update_rate_hz: 4, width_deg: 90}
    range_m: {min: 50, max: 2500}
    range_resolution_m: 10
layouts:
  - name: west
    change:
      - {sensor: radar, boresight_deg: 270}
alerting: {p_drone: 0}
run: {duration_s: 600, seed: 5}
`

func sectorScenario(t testing.TB) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Parse("sector.yaml", []byte(sectorYAML))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func float(x float64) *float64 { return &x }

// TestDefaults: the defaults come from the inbound traffic (zone, class,
// speed and altitude band middles), and the start is the radar's
// instrumented range from the zone's centre (the radar stands there),
// 2500 m, a multiple of 500 m already.
func TestDefaults(t *testing.T) {
	d, err := NewDesign("sector", sectorScenario(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Zone != "pad" || d.Class != "quad" || d.SpeedMPS != 20 || d.AltitudeM != 50 || d.StartM != 2500 ||
		d.StepDeg != DefaultStepDeg || len(d.BearingsDeg) != 36 || d.Replications != DefaultReplications || d.FirstSeed != 5 ||
		d.RequiredWarningS != DefaultRequiredWarningS || d.PDrone != 0 || strings.Join(d.Layouts, ",") != "base,west" {
		t.Errorf("defaults: %+v", d)
	}
	if want := math.Ceil(2500.0/20) + TailS; d.DurationS != want {
		t.Errorf("duration %g s, want %g", d.DurationS, want)
	}
}

// TestPathGeometry: the drone appears StartM from the zone's centre on
// the bearing (east = R sin b, north = R cos b), heads for the centre, and
// enters the circular zone of radius 300 m when it has flown R − 300 m at
// its speed: at (R − 300)/V, to within one step (0.1 s) after. Each run
// ends TailS after the entry.
func TestPathGeometry(t *testing.T) {
	sc := sectorScenario(t)
	d, err := NewDesign("sector", sc, Options{StepDeg: 45, Replications: 1, StartM: 3000, Layouts: []string{"base"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range d.BearingsDeg {
		p := d.Path(b)
		rad := b * math.Pi / 180
		if math.Abs(p.StartEastM-3000*math.Sin(rad)) > 1e-9 || math.Abs(p.StartNorthM-3000*math.Cos(rad)) > 1e-9 {
			t.Errorf("bearing %g: start %g, %g", b, p.StartEastM, p.StartNorthM)
		}
		if want := math.Mod(b+180, 360); p.HeadingDeg != want {
			t.Errorf("bearing %g: heading %g, want %g", b, p.HeadingDeg, want)
		}
		rs, err := d.RunScenario(sc, b, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs.Traffic) != 1 || rs.Traffic[0].Flight == nil || len(rs.Birds) != len(sc.Birds) || rs.Run.DurationS != d.DurationS {
			t.Fatalf("bearing %g: run scenario traffic %+v, duration %g", b, rs.Traffic, rs.Run.DurationS)
		}
	}
	res, err := (&Runner{Design: d, Scenario: sc, Workers: 2}).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != len(d.BearingsDeg) {
		t.Fatalf("%d rows, want %d", len(res.Rows), len(d.BearingsDeg))
	}
	want := (3000.0 - 300) / 20
	for _, r := range res.Rows {
		if r.EntryZone != "pad" || !(r.EntryS >= want-1e-6 && r.EntryS <= want+0.1+1e-6) {
			t.Errorf("bearing %g: entry %q at %g s, want pad at %g s (+ one 0.1 s step)", r.BearingDeg, r.EntryZone, r.EntryS, want)
		}
		if math.Abs(r.DurationS-(r.EntryS+TailS)) > 0.1+1e-6 {
			t.Errorf("bearing %g: the run lasted %g s, want entry + %d s = %g", r.BearingDeg, r.DurationS, TailS, r.EntryS+TailS)
		}
	}
}

// TestKnownAnswerSector: the radar sees only bearings 45°–135° (base) or
// 225°–315° (west). A drone from outside the sector is never detected,
// so never alerted on: P(timely) is 0 exactly. From inside it is in view
// from 2.5 km, 110 s before it enters, with Pd ≥ 0.9 per look inside
// 2 km at 4 looks a second: it is tracked within seconds and alerted on
// by the 60 s horizon long before the 30 s required; the pooled P(timely)
// of the inside bearings must have a Wilson lower bound ≥ 0.85 (36 runs:
// at most one not timely). Paired differences west − base are −1 on the
// east, +1 on the west, significant, and 0 where neither sees.
func TestKnownAnswerSector(t *testing.T) {
	sc := sectorScenario(t)
	reps := 12 // 36 runs inside: 6 would give 18, whose Wilson bound cannot reach 0.85
	d, err := NewDesign("sector", sc, Options{StepDeg: 30, Replications: reps, RequiredWarningS: float(30)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := (&Runner{Design: d, Scenario: sc}).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s := Summarise(res)
	inside := map[string]func(b float64) bool{
		"base": func(b float64) bool { return b > 45 && b < 135 },
		"west": func(b float64) bool { return b > 225 && b < 315 },
	}
	for li, l := range d.Layouts {
		var k, n int
		for bi, b := range d.BearingsDeg {
			c := s.Cell(li, bi)
			if c.Entered != reps {
				t.Errorf("%s %g°: %d of %d runs entered", l, b, c.Entered, reps)
			}
			if inside[l](b) {
				k, n = k+c.Timely, n+c.Entered
				continue
			}
			if c.Timely != 0 || c.Missed != c.Entered || !math.IsInf(c.WarningMedianS.Estimate, -1) || !math.IsInf(c.LeadMedianS.Estimate, -1) {
				t.Errorf("%s %g° (unseen): %+v; want every run missed", l, b, c)
			}
		}
		if iv := stats.Wilson(k, n, 0.95); iv.Lo < 0.85 {
			t.Errorf("%s: inside the sector %d of %d timely, Wilson interval %v; want its lower end >= 0.85", l, k, n, iv)
		}
	}
	for bi, b := range d.BearingsDeg {
		c := s.Cell(1, bi)
		switch {
		case inside["base"](b) && (c.DiffPTimely.Estimate > -0.9 || !c.DiffPTimely.Significant()):
			t.Errorf("west − base at %g°: %v, want about −1, significant", b, *c.DiffPTimely)
		case inside["west"](b) && (c.DiffPTimely.Estimate < 0.9 || !c.DiffPTimely.Significant()):
			t.Errorf("west − base at %g°: %v, want about +1, significant", b, *c.DiffPTimely)
		case !inside["base"](b) && !inside["west"](b) && (c.DiffPTimely.Estimate != 0 || c.DiffPTimely.Significant()):
			t.Errorf("west − base at %g°: %v, want 0", b, *c.DiffPTimely)
		}
	}
	sec := s.Below(0, 0.5)
	if len(sec) != 1 || sec[0].FromDeg != 150 || sec[0].ToDeg != 30 || sec[0].Bearings != 9 {
		t.Errorf("base: arcs under half timely %+v, want 150° to 30° through north, 9 bearings", sec)
	}
}

// TestWorkersIndependence: the files are byte-identical whatever the
// number of workers.
func TestWorkersIndependence(t *testing.T) {
	sc := sectorScenario(t)
	d, err := NewDesign("sector", sc, Options{StepDeg: 60, Replications: 3, RequiredWarningS: float(30)})
	if err != nil {
		t.Fatal(err)
	}
	var outs []string
	for _, w := range []int{1, 3} {
		res, err := (&Runner{Design: d, Scenario: sc, Workers: w}).Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := WriteRuns(&b, res); err != nil {
			t.Fatal(err)
		}
		if err := Summarise(res).WriteCSV(&b); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b.String())
	}
	if outs[0] != outs[1] {
		t.Errorf("1 worker and 3 workers differ:\n%s\n---\n%s", outs[0], outs[1])
	}
}

// TestCancel: a cancelled context stops the run with its error.
func TestCancel(t *testing.T) {
	sc := sectorScenario(t)
	d, err := NewDesign("sector", sc, Options{StepDeg: 90, Replications: 2})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (&Runner{Design: d, Scenario: sc, Workers: 2}).Run(ctx); err != context.Canceled {
		t.Errorf("cancelled run: %v, want context.Canceled", err)
	}
}

// TestBadOptions: each bad option is refused, naming the flag and what it
// expects.
func TestBadOptions(t *testing.T) {
	sc := sectorScenario(t)
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{Zone: "nope"}, `--zone: no zone "nope" in sector; it has pad`},
		{Options{Class: "nope"}, `--class: no uav_types entry "nope" in sector; it has quad`},
		{Options{SpeedMPS: float(30)}, "--speed-mps: expected a speed in (0, 25] m/s (the max_speed_mps of quad), found 30"},
		{Options{AltitudeM: float(-1)}, "--altitude-m: expected metres from 0 to 20000, found -1"},
		{Options{StepDeg: 400}, "--step-deg: expected degrees from 0.1 to 360, found 400"},
		{Options{Replications: -1}, "--reps: expected a whole number from 1 to 100000, found -1"},
		{Options{Layouts: []string{"east"}}, `--layout: no layout "east" in sector; it has base, west`},
		{Options{Layouts: []string{"base", "base"}}, "--layout: base given twice"},
		{Options{StartM: 200}, "--start-m: 200 m from the centre of pad on bearing 0° is inside zone pad; start further out"},
		{Options{RequiredWarningS: float(math.Inf(1))}, "--required-s: expected a time >= 0 s, found +Inf"},
	} {
		_, err := NewDesign("sector", sc, c.o)
		if err == nil || err.Error() != c.want {
			t.Errorf("%+v: error %v, want %q", c.o, err, c.want)
		}
	}
}

// TestBelowWraps: arcs under the level are found through north, and a
// single bearing is an arc of one.
func TestBelowWraps(t *testing.T) {
	d := &Design{Layouts: []string{"a"}, BearingsDeg: []float64{0, 60, 120, 180, 240, 300}}
	s := &Summary{Design: d}
	for _, p := range []float64{0.2, 0.9, 0.3, 0.8, 0.6, 0.1} {
		s.Cells = append(s.Cells, Cell{PTimely: stats.Interval{Estimate: p}})
	}
	got := s.Below(0, 0.5)
	if len(got) != 2 || got[0] != (Sector{120, 120, 1}) || got[1] != (Sector{300, 0, 2}) {
		t.Errorf("arcs %+v, want 120° alone and 300° to 0°", got)
	}
	if w := s.Weakest(0, 2); w[0] != 5 || w[1] != 0 {
		t.Errorf("weakest %v, want bearings 300° (0.1) and 0° (0.2)", w)
	}
}

// TestOutcome: the row's outcome and warning follow metrics' definitions.
func TestOutcome(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		r    Row
		want string
		w    float64
	}{
		{Row{EntryS: 100, FirstAlertS: 30}, metrics.OutcomeTimely, 70},
		{Row{EntryS: 100, FirstAlertS: 50}, metrics.OutcomeShort, 50},
		{Row{EntryS: 100, FirstAlertS: 110}, metrics.OutcomeLate, -10},
		{Row{EntryS: 100, FirstAlertS: nan}, metrics.OutcomeMissed, math.Inf(-1)},
	} {
		if got := c.r.Outcome(60); got != c.want || c.r.WarningS() != c.w {
			t.Errorf("%+v: %s, warning %g; want %s, %g", c.r, got, c.r.WarningS(), c.want, c.w)
		}
	}
}

// TestCommonRandomNumbers: a layout that changes nothing (its radar's
// mast set to the height it has) sees, on every bearing and run, the same
// drone, detections, tracks and alerts as base: the layouts of one bearing
// and run share the seed and the world. Its paired differences are zero.
func TestCommonRandomNumbers(t *testing.T) {
	src := strings.Replace(sectorYAML, "layouts:\n", "layouts:\n  - name: twin\n    change:\n      - {sensor: radar, mast_height_m: 10}\n", 1)
	sc, err := scenarios.Parse("twin.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDesign("twin", sc, Options{StepDeg: 45, Replications: 4, RequiredWarningS: float(30), Layouts: []string{"base", "twin"}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := (&Runner{Design: d, Scenario: sc, Workers: 2}).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	same := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
	for i := 0; i < len(res.Rows); i += 2 {
		a, b := res.Rows[i], res.Rows[i+1]
		if a.Layout != "base" || b.Layout != "twin" || a.BearingDeg != b.BearingDeg || a.Replication != b.Replication || a.Seed != b.Seed ||
			!same(a.EntryS, b.EntryS) || !same(a.FirstDetectionS, b.FirstDetectionS) || !same(a.FirstTrackS, b.FirstTrackS) ||
			!same(a.FirstHeldS, b.FirstHeldS) || !same(a.FirstAlertS, b.FirstAlertS) || a.FalseAlerts != b.FalseAlerts {
			t.Errorf("base and twin differ:\n%+v\n%+v", a, b)
		}
	}
	s := Summarise(res)
	for bi := range d.BearingsDeg {
		if c := s.Cell(1, bi); c.DiffPTimely.Estimate != 0 || c.DiffPTimely.Significant() {
			t.Errorf("twin − base at %g°: %v, want 0", c.BearingDeg, *c.DiffPTimely)
		}
	}
}

// TestDefaultStartBeyondZones: with no sensor that can hear or see the
// class (an RF-silent drone, RF detectors only), the default start is
// still 500 m beyond the zone: the circle of 300 m about the target,
// 800 m, a multiple of 500 m rounded up to 1000 m.
func TestDefaultStartBeyondZones(t *testing.T) {
	src := strings.Replace(sectorYAML, `  - id: radar
    type: radar
    position: [0, 0]
    mast_height_m: 10
    boresight_deg: 90
    frequency_hz: 9.4e9
    reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9}
    scan: {mode: staring, update_rate_hz: 4, width_deg: 90}
    range_m: {min: 50, max: 2500}
    range_resolution_m: 10
`, `  - id: radar
    type: rf
    position: [0, 0]
    mast_height_m: 10
    bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}]
    noise_figure_db: 6
    threshold_snr_db: 10
`, 1)
	src = strings.Replace(src, "boresight_deg: 270", "boresight_deg: 180", 1)
	sc, err := scenarios.Parse("rf.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDesign("rf", sc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.StartM != 1000 {
		t.Errorf("default start %g m, want 1000", d.StartM)
	}
}

// TestWeakestTies: bearings alike in P(timely) and in warning to the
// second are told apart by their lead.
func TestWeakestTies(t *testing.T) {
	d := &Design{Layouts: []string{"a"}, BearingsDeg: []float64{0, 90, 180, 270}}
	s := &Summary{Design: d}
	for _, c := range []struct{ w, lead float64 }{{83.2, 170}, {82.9, 120}, {83.4, 140}, {81, 200}} {
		s.Cells = append(s.Cells, Cell{PTimely: stats.Interval{Estimate: 1}, WarningMedianS: stats.Interval{Estimate: c.w}, LeadMedianS: stats.Interval{Estimate: c.lead}})
	}
	if w := s.Weakest(0, 4); w[0] != 3 || w[1] != 1 || w[2] != 2 || w[3] != 0 {
		t.Errorf("weakest %v, want 270° (81 s), then 90°, 180°, 0° (83 s; leads 120, 140, 170 s)", w)
	}
}
