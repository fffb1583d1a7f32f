package compare

import (
	"fmt"
	"math"
	"testing"

	"github.com/cuasim/cuasim/metrics"
)

// outcomes are one replication's row counts, by hand: drones by outcome,
// drones outside alerted on, false alerts by cause.
type outcomes struct {
	timely, short, late, missed, outside int
	bird, clutter, ghost, dup            int
}

// handResults builds the results of a comparison from the counts of each
// layout (a, b) and threshold (t1, t2) by replication, ten simulated
// hours each, with the drones.csv rows that go with them.
func handResults(d *Design, counts map[[2]string][]outcomes) *Results {
	res := &Results{Design: d}
	done := map[int]bool{}
	for r := range d.Replications {
		done[r] = true
		for _, l := range d.Layouts {
			for _, th := range d.Thresholds {
				o := counts[[2]string{l, th.Label}][r]
				row := Row{Replication: r, Seed: d.Seed(r), Layout: l, Threshold: th.Label, Hours: d.DurationS / 3600,
					Entered: o.timely + o.short + o.late + o.missed, Timely: o.timely, Short: o.short, Late: o.late, Missed: o.missed,
					OutsideAlerted: o.outside, FalseBird: o.bird, FalseClutter: o.clutter, FalseRFGhost: o.ghost, FalseDuplicate: o.dup}
				row.FalseAlerts = o.bird + o.clutter + o.ghost + o.dup
				row.Incidents = row.FalseAlerts + o.timely + o.short + o.late + o.outside
				res.Rows = append(res.Rows, row)
				// Drones enter at 1000 s; timely ones are alerted on 90 s
				// before, short ones 30 s before, late ones 10 s after.
				add := func(n int, alertS float64, outcome string) {
					for range n {
						dr := DroneRow{Replication: r, Layout: l, Threshold: th.Label, Drone: fmt.Sprintf("d%d", len(res.Drones)),
							EntryS: 1000, FirstDetectionS: 800, FirstTrackS: 850, FirstAlertS: alertS, WarningS: 1000 - alertS, Outcome: outcome}
						if outcome == metrics.OutcomeNoEntry {
							dr.EntryS, dr.WarningS = math.NaN(), math.NaN()
						}
						res.Drones = append(res.Drones, dr)
					}
				}
				add(o.timely, 910, metrics.OutcomeTimely)
				add(o.short, 970, metrics.OutcomeShort)
				add(o.late, 1010, metrics.OutcomeLate)
				add(o.missed, math.NaN(), metrics.OutcomeMissed)
				add(o.outside, 500, metrics.OutcomeNoEntry)
			}
		}
	}
	res.finish(done)
	return res
}

// TestKnownAnswerHand summarises hand-made results whose every figure is
// worked out by hand: two layouts, two thresholds, three replications of
// ten hours (30 hours per cell), four drones entering per replication.
//
//	a at t1: timely 3+4+2 = 9 of 12 (0.75), 1 false alert (clutter): 24·1/30 = 0.8 a day
//	a at t2: timely 2+3+1 = 6 of 12 (0.5), none false: 0 a day
//	b at t1: timely 12 of 12 (1), 60 false (bird 30, clutter 6, RF ghost 20,
//	         duplicate 4): 48 a day (24, 4.8, 16, 3.2)
//	b at t2: timely 1+2+1 = 4 of 12 (1/3), 1 false (RF ghost): 0.8 a day
//
// With a budget of 10 a day, b at t1 is far over it (its exact Poisson
// interval starts at 36 a day) and every other cell is within it (none
// reaches 5 a day), so the operating points are a at t1 and b at t2
// whatever the rule that picks among the cells within the budget: the
// difference a − b there is (9 − 4)/12 = 5/12 in P(timely) and
// 24·(1 − 1)/30 = 0 false alerts a day. At t1, a − b is (9 − 12)/12 =
// −0.25 and 24·(1 − 60)/30 = −47.2 a day; at t2, (6 − 4)/12 = 1/6 and
// 24·(0 − 1)/30 = −0.8 a day.
func TestKnownAnswerHand(t *testing.T) {
	d := &Design{Version: "test", Scenario: "hand", Layouts: []string{"a", "b"}, Variants: []Variant{{}},
		Thresholds: []Variant{{Label: "t1"}, {Label: "t2"}}, Replications: 3, FirstSeed: 40, DurationS: 36000,
		RequiredWarningS: 60, BudgetPerDay: 10, Confidence: 0.95}
	counts := map[[2]string][]outcomes{
		{"a", "t1"}: {{timely: 3, short: 1, outside: 1}, {timely: 4, clutter: 1}, {timely: 2, short: 1, late: 1}},
		{"a", "t2"}: {{timely: 2, short: 1, missed: 1}, {timely: 3, short: 1}, {timely: 1, short: 1, late: 1, missed: 1}},
		{"b", "t1"}: {{timely: 4, outside: 2, bird: 10, clutter: 2, ghost: 7, dup: 1}, {timely: 4, outside: 1, bird: 9, clutter: 2, ghost: 6, dup: 1},
			{timely: 4, outside: 2, bird: 11, clutter: 2, ghost: 7, dup: 2}},
		{"b", "t2"}: {{timely: 1, short: 1, late: 1, missed: 1, ghost: 1}, {timely: 2, short: 1, missed: 1}, {timely: 1, late: 1, missed: 2}},
	}
	res := handResults(d, counts)
	s := Summarise(res)
	type cellWant struct {
		entered, timely, short, late, missed, outside int
		p, perDay                                     float64
		byCause                                       map[string]float64
	}
	for k, w := range map[[2]string]cellWant{
		{"a", "t1"}: {12, 9, 2, 1, 0, 1, 0.75, 0.8, map[string]float64{metrics.CauseClutter: 0.8, metrics.CauseRFGhost: 0, metrics.CauseBird: 0}},
		{"a", "t2"}: {12, 6, 3, 1, 2, 0, 0.5, 0, nil},
		{"b", "t1"}: {12, 12, 0, 0, 0, 5, 1, 48, map[string]float64{metrics.CauseBird: 24, metrics.CauseClutter: 4.8, metrics.CauseRFGhost: 16, metrics.CauseDuplicate: 3.2}},
		{"b", "t2"}: {12, 4, 2, 2, 4, 0, 1.0 / 3, 0.8, map[string]float64{metrics.CauseRFGhost: 0.8, metrics.CauseClutter: 0}},
	} {
		c := s.Cell(k[0], "", k[1])
		if c == nil {
			t.Fatalf("no cell %v", k)
		}
		got := cellWant{c.DronesEntered, c.Timely, c.Short, c.Late, c.Missed, c.OutsideAlerted, float64(c.PTimely.Estimate), float64(c.FalseAlertsPerDay.Estimate), nil}
		if got.entered != w.entered || got.timely != w.timely || got.short != w.short || got.late != w.late || got.missed != w.missed ||
			got.outside != w.outside || !close6(got.p, w.p) || !close6(got.perDay, w.perDay) || !close6(float64(c.Hours), 30) {
			t.Errorf("cell %v: %+v, %g hours; want %+v, 30 hours", k, got, float64(c.Hours), w)
		}
		for cause, want := range w.byCause {
			if got := float64(c.FalseAlertsPerDayByCause[cause].Estimate); !close6(got, want) {
				t.Errorf("cell %v: %s %g a day, want %g", k, cause, got, want)
			}
		}
	}
	type diffWant struct{ p, perDay float64 }
	at := map[[2]string]diffWant{{"t1", "t1"}: {-0.25, -47.2}, {"t2", "t2"}: {1.0 / 6, -0.8}}
	if len(s.AtThreshold) != 2 {
		t.Fatalf("%d differences at each threshold, want 2", len(s.AtThreshold))
	}
	for _, df := range s.AtThreshold {
		w, ok := at[[2]string{df.ThresholdA, df.ThresholdB}]
		if !ok || df.A != "a" || df.B != "b" || !close6(float64(df.PTimely.Estimate), w.p) || !close6(float64(df.FalsePerDay.Estimate), w.perDay) {
			t.Errorf("difference %s@%s − %s@%s: %g, %g a day; want %+v", df.A, df.ThresholdA, df.B, df.ThresholdB,
				float64(df.PTimely.Estimate), float64(df.FalsePerDay.Estimate), w)
		}
	}
	if len(s.AtOperating) != 1 {
		t.Fatalf("%d differences at the operating points, want 1", len(s.AtOperating))
	}
	df, sign := s.AtOperating[0], 1.0
	if df.A == "b" {
		sign = -1 // b ranked first: b − a
	}
	pair := map[string]string{df.A: df.ThresholdA, df.B: df.ThresholdB}
	if pair["a"] != "t1" || pair["b"] != "t2" || !close6(float64(df.PTimely.Estimate), sign*5/12) || !close6(float64(df.FalsePerDay.Estimate), 0) {
		t.Errorf("difference at the operating points %s@%s − %s@%s: %g, %g a day; want a@t1 − b@t2 = 5/12, 0 a day",
			df.A, df.ThresholdA, df.B, df.ThresholdB, float64(df.PTimely.Estimate), float64(df.FalsePerDay.Estimate))
	}
	checkTies(t, res, s)
	// The same figures, written to results.csv, drones.csv and
	// summary.json and read back.
	dir := t.TempDir()
	if err := WriteFiles(dir, res, s, nil); err != nil {
		t.Fatal(err)
	}
	loaded, ls, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(loaded.Rows) != len(res.Rows) || len(loaded.Drones) != len(res.Drones) {
		t.Fatalf("read back %d rows and %d drones, wrote %d and %d", len(loaded.Rows), len(loaded.Drones), len(res.Rows), len(res.Drones))
	}
	checkTies(t, loaded, ls)
}

// close6 compares figures summary.json rounds to six decimals.
func close6(a, b float64) bool { return math.Abs(a-b) <= 1e-6 }

// checkTies checks what results.csv and drones.csv say against
// summary.json, recomputed from the rows alone: every row's seed is the
// first seed plus its replication; each cell's counts are the sums of its
// rows, and agree with its drones; P(timely) is Σtimely/Σentered; false
// alerts per day are 24·Σfalse/Σhours, by cause too; and every paired
// difference, at the thresholds it states, is Σ(a − b)/Σentered of a in
// P(timely) and 24·Σ(false a − false b)/Σhours of a a day.
func checkTies(t *testing.T, res *Results, s *Summary) {
	t.Helper()
	d := res.Design
	type key struct{ layout, variant, threshold string }
	rows := map[key]map[int]Row{}
	for _, r := range res.Rows {
		if r.Seed != d.FirstSeed+uint64(r.Replication) {
			t.Errorf("row %+v: seed %d, want the first seed %d + replication %d", r, r.Seed, d.FirstSeed, r.Replication)
		}
		if r.Entered != r.Timely+r.Short+r.Late+r.Missed || r.FalseAlerts != r.FalseBird+r.FalseClutter+r.FalseRFGhost+r.FalseDuplicate {
			t.Errorf("row %+v: outcomes or causes do not add up", r)
		}
		k := key{r.Layout, r.Variant, r.Threshold}
		if rows[k] == nil {
			rows[k] = map[int]Row{}
		}
		rows[k][r.Replication] = r
	}
	outcomes := map[key]map[string]int{}
	for _, dr := range res.Drones {
		k := key{dr.Layout, dr.Variant, dr.Threshold}
		if outcomes[k] == nil {
			outcomes[k] = map[string]int{}
		}
		outcomes[k][dr.Outcome]++
		if dr.Outcome == metrics.OutcomeNoEntry && !math.IsNaN(dr.FirstAlertS) {
			outcomes[k]["outside alerted"]++
		}
	}
	for _, c := range s.Cells {
		k := key{c.Layout, c.Variant, c.Threshold}
		var sum Row
		var hours float64
		byCause := map[string]int{}
		for _, r := range rows[k] {
			sum.Entered += r.Entered
			sum.Timely += r.Timely
			sum.Short += r.Short
			sum.Late += r.Late
			sum.Missed += r.Missed
			sum.OutsideAlerted += r.OutsideAlerted
			sum.FalseAlerts += r.FalseAlerts
			byCause[metrics.CauseBird] += r.FalseBird
			byCause[metrics.CauseClutter] += r.FalseClutter
			byCause[metrics.CauseRFGhost] += r.FalseRFGhost
			byCause[metrics.CauseDuplicate] += r.FalseDuplicate
			hours += r.Hours
		}
		if len(rows[k]) != s.Replications {
			t.Errorf("cell %v: %d rows, want one per replication (%d)", k, len(rows[k]), s.Replications)
		}
		if c.DronesEntered != sum.Entered || c.Timely != sum.Timely || c.Short != sum.Short || c.Late != sum.Late ||
			c.Missed != sum.Missed || c.OutsideAlerted != sum.OutsideAlerted {
			t.Errorf("cell %v: counts %d %d %d %d %d %d, rows sum to %d %d %d %d %d %d", k, c.DronesEntered, c.Timely, c.Short, c.Late,
				c.Missed, c.OutsideAlerted, sum.Entered, sum.Timely, sum.Short, sum.Late, sum.Missed, sum.OutsideAlerted)
		}
		o := outcomes[k]
		if o[metrics.OutcomeTimely] != c.Timely || o[metrics.OutcomeShort] != c.Short || o[metrics.OutcomeLate] != c.Late ||
			o[metrics.OutcomeMissed] != c.Missed || o["outside alerted"] != c.OutsideAlerted {
			t.Errorf("cell %v: drones.csv outcomes %v, cell counts %d %d %d %d %d", k, o, c.Timely, c.Short, c.Late, c.Missed, c.OutsideAlerted)
		}
		if sum.Entered > 0 && !close6(float64(c.PTimely.Estimate), float64(sum.Timely)/float64(sum.Entered)) {
			t.Errorf("cell %v: P(timely) %g, want %d/%d", k, float64(c.PTimely.Estimate), sum.Timely, sum.Entered)
		}
		if !close6(float64(c.Hours), hours) || !close6(float64(c.FalseAlertsPerDay.Estimate), 24*float64(sum.FalseAlerts)/hours) {
			t.Errorf("cell %v: %g false alerts a day in %g hours, want 24·%d/%g", k, float64(c.FalseAlertsPerDay.Estimate), float64(c.Hours), sum.FalseAlerts, hours)
		}
		for cause, n := range byCause {
			if got := float64(c.FalseAlertsPerDayByCause[cause].Estimate); !close6(got, 24*float64(n)/hours) {
				t.Errorf("cell %v: %s %g a day, want 24·%d/%g", k, cause, got, n, hours)
			}
		}
	}
	for _, df := range append(append([]Difference(nil), s.AtOperating...), s.AtThreshold...) {
		ra, rb := rows[key{df.A, df.Variant, df.ThresholdA}], rows[key{df.B, df.Variant, df.ThresholdB}]
		var dt, n, df2 int
		var hours float64
		for rep, a := range ra {
			b, ok := rb[rep]
			if !ok {
				t.Fatalf("difference %+v: replication %d of a has no row of b", df, rep)
			}
			dt += a.Timely - b.Timely
			n += a.Entered
			df2 += a.FalseAlerts - b.FalseAlerts
			hours += a.Hours
		}
		if n > 0 && !close6(float64(df.PTimely.Estimate), float64(dt)/float64(n)) {
			t.Errorf("difference %s@%s − %s@%s: P(timely) %g, rows give %d/%d", df.A, df.ThresholdA, df.B, df.ThresholdB, float64(df.PTimely.Estimate), dt, n)
		}
		if !close6(float64(df.FalsePerDay.Estimate), 24*float64(df2)/hours) {
			t.Errorf("difference %s@%s − %s@%s: %g false alerts a day, rows give 24·%d/%g", df.A, df.ThresholdA, df.B, df.ThresholdB, float64(df.FalsePerDay.Estimate), df2, hours)
		}
	}
}

// TestKnownAnswerFiles runs the corridor (a drone from the north and one
// from the south each replication, 250 s each, the first seed 5) at two
// alert horizons, writes the files and reads them back, and checks
// results.csv, drones.csv and summary.json against each other
// (checkTies) and against what is known without the code:
//   - every row covers 250 s of the 300 of the scenario: 250/3600 hours;
//   - both drones enter (they start at 3 km, by 60 s, at 15 m/s: inside
//     the 400 m pad by 234 s);
//   - with a 10 s horizon no alert comes more than 10 s + 300 m (the
//     largest uncertainty allowance) / 15 m/s = 30 s before entry, give or
//     take 3 s (an evaluation period, and a track up to 30 m ahead of its
//     drone), so none is timely against 60 s, in either layout, and the
//     paired difference is exactly 0; with 60 s, the base layout, which
//     sees all round, gives timely warning of most;
//   - replication i runs seed 5 + i: a design whose first seed is 7 gives,
//     in its replication 0, the rows of replication 2.
func TestKnownAnswerFiles(t *testing.T) {
	sc := corridor(t)
	designFrom := func(seed uint64, reps int) *Design {
		sw, err := ParseSweep("alerting.horizon_s=10,60")
		if err != nil {
			t.Fatal(err)
		}
		d, err := NewDesign("testdata/corridor.yaml", sc, Options{Version: "test", Replications: reps, DurationS: 250, Seed: &seed,
			RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95, Sweeps: []Sweep{sw}})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := designFrom(5, 3)
	res := run(t, &Runner{Design: d, Scenario: sc}, nil)
	dir := t.TempDir()
	if err := WriteFiles(dir, res, Summarise(res), nil); err != nil {
		t.Fatal(err)
	}
	loaded, s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if d.FirstSeed != 5 || loaded.Design.FirstSeed != 5 || len(loaded.Rows) != 3*2*2 {
		t.Fatalf("first seed %d (loaded %d), %d rows; want 5 and 12", d.FirstSeed, loaded.Design.FirstSeed, len(loaded.Rows))
	}
	checkTies(t, loaded, s)
	for _, r := range loaded.Rows {
		if math.Abs(r.Hours-250.0/3600) > 1e-9 || r.Entered != 2 {
			t.Errorf("row %+v: want 250/3600 hours and 2 drones entered", r)
		}
	}
	for _, dr := range loaded.Drones {
		if dr.Threshold == "horizon_s=10" && dr.WarningS > 10+300.0/15+3 {
			t.Errorf("drone %+v: %g s of warning with a 10 s horizon, want at most 33", dr, dr.WarningS)
		}
	}
	for _, l := range d.Layouts {
		if c := s.Cell(l, "", "horizon_s=10"); c.Timely != 0 || c.DronesEntered != 6 {
			t.Errorf("%s, 10 s horizon: %d timely of %d, want 0 of 6", l, c.Timely, c.DronesEntered)
		}
	}
	if c := s.Cell("base", "", "horizon_s=60"); c.Timely < 5 {
		t.Errorf("base, 60 s horizon: %d timely of %d, want at least 5", c.Timely, c.DronesEntered)
	}
	for _, df := range s.AtThreshold {
		if df.ThresholdA == "horizon_s=10" && df.PTimely.Estimate != 0 {
			t.Errorf("difference at the 10 s horizon %g, want exactly 0", float64(df.PTimely.Estimate))
		}
	}
	// Seed = first + replication: replication 2 of seed 5 is replication
	// 0 of seed 7.
	d7 := designFrom(7, 1)
	res7 := run(t, &Runner{Design: d7, Scenario: sc}, nil)
	var want []Row
	for _, r := range res.Rows {
		if r.Replication == 2 {
			r.Replication = 0
			want = append(want, r)
		}
	}
	if len(res7.Rows) != len(want) {
		t.Fatalf("seed 7: %d rows, want %d", len(res7.Rows), len(want))
	}
	for i, r := range res7.Rows {
		if r.Seed != 7 || r != want[i] {
			t.Errorf("seed 7, replication 0: %+v\nwant replication 2 of seed 5: %+v", r, want[i])
		}
	}
}

// TestRowsOfKnown turns a hand-made run of two hours into its row: four
// drones that entered (alerted 80 s before entry: timely against 60 s;
// 30 s before: short; 30 s after: late; never: missed), two that stayed
// outside and were alerted on, one outside never alerted on; and incidents
// about the three drones alerted before or after entry, the two outside,
// and ten false ones: 2 birds, 1 clutter, 3 RF ghosts, 4 duplicates; and
// a bird and an RF ghost part of a group's alert, incidents but no false
// alerts.
func TestRowsOfKnown(t *testing.T) {
	nan := math.NaN()
	drone := func(name string, entryS, alertS float64) metrics.DroneAlerting {
		return metrics.DroneAlerting{Name: name, FirstSensor: -1, ObserveS: nan, StartS: 0, EntryS: entryS, FirstDetectionS: nan,
			FirstTrackS: nan, FirstAlertS: alertS}
	}
	res := &metrics.AlertResult{DurationS: 7200, Drones: []metrics.DroneAlerting{
		drone("timely", 100, 20), drone("short", 100, 70), drone("late", 100, 130), drone("missed", 100, nan),
		drone("outside", nan, 50), drone("unseen", nan, nan), drone("outside-2", nan, 60),
	}}
	for _, c := range []struct {
		cause string
		n     int
	}{{metrics.CauseIntruder, 3}, {metrics.CauseOutside, 2}, {metrics.CauseBird, 2}, {metrics.CauseClutter, 1},
		{metrics.CauseRFGhost, 3}, {metrics.CauseDuplicate, 4}} {
		for range c.n {
			res.Incidents = append(res.Incidents, metrics.Incident{Track: len(res.Incidents), Cause: c.cause})
		}
	}
	for _, c := range []string{metrics.CauseBird, metrics.CauseRFGhost} {
		res.Incidents = append(res.Incidents, metrics.Incident{Track: len(res.Incidents), Cause: c, InGroup: true})
	}
	row, drones := rowsOf(3, 43, "a", "v", "t", res, nil, 60)
	want := Row{Replication: 3, Seed: 43, Layout: "a", Variant: "v", Threshold: "t", Hours: 2, Entered: 4, Timely: 1, Short: 1, Late: 1,
		Missed: 1, OutsideAlerted: 2, Incidents: 17, FalseAlerts: 10, FalseBird: 2, FalseClutter: 1, FalseRFGhost: 3, FalseDuplicate: 4}
	if row != want {
		t.Errorf("row\n%+v\nwant\n%+v", row, want)
	}
	wantDrones := []struct {
		outcome  string
		warningS float64
	}{{metrics.OutcomeTimely, 80}, {metrics.OutcomeShort, 30}, {metrics.OutcomeLate, -30}, {metrics.OutcomeMissed, nan},
		{metrics.OutcomeNoEntry, nan}, {metrics.OutcomeNoEntry, nan}, {metrics.OutcomeNoEntry, nan}}
	if len(drones) != len(wantDrones) {
		t.Fatalf("%d drone rows, want %d", len(drones), len(wantDrones))
	}
	for i, w := range wantDrones {
		d := drones[i]
		if d.Outcome != w.outcome || !(d.WarningS == w.warningS || math.IsNaN(d.WarningS) && math.IsNaN(w.warningS)) || d.Replication != 3 {
			t.Errorf("drone %s: %s, warning %g s; want %s, %g s", d.Drone, d.Outcome, d.WarningS, w.outcome, w.warningS)
		}
	}
}
