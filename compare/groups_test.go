package compare

import (
	"bytes"
	"math"
	"testing"

	"github.com/cuasim/cuasim/metrics"
)

// groupResults builds, by hand, three replications of two layouts (a and
// b, one threshold) with two groups of the traffic entry "swarm" and a
// lone drone each, and a third group that never enters a zone. Against a
// required warning of 60 s:
//
//	swarm-1: members enter at 1000 and 1010 and are first alerted on at
//	  950 and 945; a third member never enters and is alerted on at 920.
//	  The group enters at 1000 and is first alerted on at 920: 80 s,
//	  timely (its members that entered have 50 and 65 s: one short).
//	swarm-2: members enter at 2000 and 2030, alerted on at 1950 and 1990:
//	  the group has 50 s, short (by the last member's entry it would have
//	  80); in replication 2 the first member is alerted on at 1930: 70 s,
//	  timely.
//	swarm-3: its two members never enter (one is alerted on): an arrival,
//	  no trial.
//	lone: a drone alone, late: in no group's figures.
//
// Layout b alerts on every drone 40 s later: no group is timely.
//
// So a has 4 timely of 6 group arrivals that entered (9 arrivals), the
// median group warning of 50, 50, 70, 80, 80, 80 is 70 s (the smallest
// with half at or below), and b has 0 of 6.
func groupResults() *Results {
	d := &Design{Version: "test", Scenario: "hand", Layouts: []string{"a", "b"}, Variants: []Variant{{}},
		Thresholds: []Variant{{Label: "t"}}, Replications: 3, FirstSeed: 1, DurationS: 3600,
		RequiredWarningS: 60, BudgetPerDay: 10, Confidence: 0.95}
	res := &Results{Design: d}
	nan := math.NaN()
	done := map[int]bool{}
	for r := range 3 {
		done[r] = true
		for li, l := range d.Layouts {
			late := 40 * float64(li) // b alerts 40 s later
			row := Row{Replication: r, Seed: d.Seed(r), Layout: l, Threshold: "t", Hours: 1}
			add := func(name, group string, entryS, alertS float64) {
				dr := DroneRow{Replication: r, Layout: l, Threshold: "t", Drone: name, Entry: "swarm", Group: group,
					EntryS: entryS, FirstAlertS: alertS + late, FirstDetectionS: nan, FirstTrackS: nan, ObserveS: nan, LeadS: nan}
				if group == "" {
					dr.Entry = "lone"
				}
				a := metrics.DroneAlerting{EntryS: dr.EntryS, FirstAlertS: dr.FirstAlertS}
				dr.WarningS, dr.Outcome = a.WarningS(), a.Outcome(d.RequiredWarningS)
				switch dr.Outcome {
				case metrics.OutcomeTimely:
					row.Timely++
				case metrics.OutcomeShort:
					row.Short++
				case metrics.OutcomeLate:
					row.Late++
				case metrics.OutcomeMissed:
					row.Missed++
				case metrics.OutcomeNoEntry:
					if !math.IsNaN(dr.FirstAlertS) {
						row.OutsideAlerted++
					}
				}
				if dr.Outcome != metrics.OutcomeNoEntry {
					row.Entered++
				}
				res.Drones = append(res.Drones, dr)
			}
			add("s1.1", "swarm-1", 1000, 950)
			add("s1.2", "swarm-1", 1010, 945)
			add("s1.3", "swarm-1", nan, 920)
			first := 1950.0
			if r == 2 {
				first = 1930
			}
			add("s2.1", "swarm-2", 2000, first)
			add("s2.2", "swarm-2", 2030, 1990)
			add("s3.1", "swarm-3", nan, 1500)
			add("s3.2", "swarm-3", nan, nan)
			add("lone", "", 2500, 2510)
			res.Rows = append(res.Rows, row)
		}
	}
	res.finish(done)
	return res
}

// wilson95 is the Wilson score interval of k of n at 95 %, written out.
func wilson95(k, n float64) (lo, hi float64) {
	z := 1.959963984540054
	p := k / n
	den := 1 + z*z/n
	mid := (p + z*z/(2*n)) / den
	half := z * math.Sqrt(p*(1-p)/n+z*z/(4*n*n)) / den
	return mid - half, mid + half
}

// TestGroupTimelyKnown: P(group timely) and its Wilson interval, the
// median group warning and the paired difference, on hand-made drone
// rows whose answer is worked out above (groupResults).
func TestGroupTimelyKnown(t *testing.T) {
	s := Summarise(groupResults())
	a, b := s.Cell("a", "", "t"), s.Cell("b", "", "t")
	if a.Groups == nil || b.Groups == nil {
		t.Fatalf("no group figures: %+v, %+v", a.Groups, b.Groups)
	}
	lo, hi := wilson95(4, 6)
	g := a.Groups
	if g.Arrivals != 9 || g.Entered != 6 || g.Timely != 4 {
		t.Errorf("a: %d arrivals, %d entered, %d timely; want 9, 6, 4", g.Arrivals, g.Entered, g.Timely)
	}
	near := func(x Num, want float64) bool { return math.Abs(float64(x)-want) < 1e-6 }
	if !near(g.PTimely.Estimate, 4.0/6) || !near(g.PTimely.Lo, lo) || !near(g.PTimely.Hi, hi) {
		t.Errorf("a: P(group timely) %+v, want 0.6667 [%.6f, %.6f]", g.PTimely, lo, hi)
	}
	if g.WarningMedianS.Estimate != 70 {
		t.Errorf("a: median group warning %g s, want 70", float64(g.WarningMedianS.Estimate))
	}
	lo, hi = wilson95(0, 6)
	if g := b.Groups; g.Timely != 0 || g.Entered != 6 || !near(g.PTimely.Lo, lo) || !near(g.PTimely.Hi, hi) {
		t.Errorf("b: %d timely of %d, %+v; want 0 of 6, [%.6f, %.6f]", g.Timely, g.Entered, g.PTimely, lo, hi)
	}
	if len(s.AtOperating) != 1 {
		t.Fatalf("%d differences at the operating points, want 1", len(s.AtOperating))
	}
	df := s.AtOperating[0]
	sign := 1.0
	if df.A == "b" {
		sign = -1
	}
	if df.PGroupTimely == nil || !near(df.PGroupTimely.Estimate, sign*4.0/6) ||
		!(df.PGroupTimely.Lo <= df.PGroupTimely.Estimate && df.PGroupTimely.Estimate <= df.PGroupTimely.Hi) {
		t.Errorf("%s − %s: group difference %+v, want %+.4f inside its interval", df.A, df.B, df.PGroupTimely, sign*4.0/6)
	}
	// Members are counted as drones in P(timely), apart from the groups:
	// a's members that entered, 4 a replication, and the lone drone.
	if a.DronesEntered != 15 {
		t.Errorf("a: %d drones entered, want 15", a.DronesEntered)
	}
}

// TestNoGroupsNoFigures: a comparison without groups gets no group
// figures, so its summary.json and tables are what they were.
func TestNoGroupsNoFigures(t *testing.T) {
	res := groupResults()
	for i := range res.Drones {
		res.Drones[i].Group = ""
	}
	s := Summarise(res)
	for _, c := range s.Cells {
		if c.Groups != nil {
			t.Errorf("%s: group figures %+v without a group", c.Layout, c.Groups)
		}
	}
	for _, df := range s.AtOperating {
		if df.PGroupTimely != nil {
			t.Errorf("%s − %s: group difference %+v without a group", df.A, df.B, df.PGroupTimely)
		}
	}
	if b := files(t, res)[SummaryFile]; bytes.Contains(b, []byte(`"groups"`)) || bytes.Contains(b, []byte(`"p_group_timely"`)) {
		t.Errorf("summary.json without groups has group figures:\n%s", b)
	}
}

// TestGroupFiguresFromFiles: the group figures come from drones.csv alone,
// so a comparison loaded from its files checks and gives them again.
func TestGroupFiguresFromFiles(t *testing.T) {
	res := groupResults()
	dir := t.TempDir()
	if err := WriteFiles(dir, res, Summarise(res), nil); err != nil {
		t.Fatal(err)
	}
	_, s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if g := s.Cell("a", "", "t").Groups; g == nil || g.Timely != 4 || g.Entered != 6 {
		t.Errorf("loaded group figures %+v, want 4 timely of 6", g)
	}
}
