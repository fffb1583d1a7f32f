package search

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/scenarios"
)

// TestSurrogateOrdersLikeMonteCarlo checks the surrogate against what it
// stands for: on the airport, the main radar (the one whose micro-Doppler
// labels make P(drone)) is moved to five candidates, each layout scored by
// the surrogate and simulated by compare (12 replications of an hour, the
// other sensors where listed). For every pair of layouts whose paired
// difference in P(timely) at p_drone 0.95 is significant, the surrogate
// must order them the same way; at least three pairs must be significant,
// so that the test says something.
func TestSurrogateOrdersLikeMonteCarlo(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("a Monte Carlo of 6 layouts × 12 hours: in scripts/test.sh's plain step")
	}
	sc, err := scenarios.Embedded("airport")
	if err != nil {
		t.Fatal(err)
	}
	o := withDefaults(Options{Seed: 1})
	base, err := sc.WithLayout(scenarios.BaseLayout)
	if err != nil {
		t.Fatal(err)
	}
	res := &Result{Sites: sc.Search.Sites()}
	placed := map[string]bool{}
	for e, p := range sc.Search.Place {
		placed[p.Sensor] = true
		res.Units = append(res.Units, Unit{Entry: e, Sensor: p.Sensor, ID: p.Sensor, Cost: p.Cost})
	}
	samples, err := sampleTraffic(context.Background(), base, o, res)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := newEvaluator(context.Background(), base, placed, samples, o, res)
	if err != nil {
		t.Fatal(err)
	}
	s := &searcher{ev: ev, res: res, seen: map[string]Layout{}}
	listed := s.listed(sc)
	score := map[string]float64{scenarios.BaseLayout: listed.Score}
	var layouts []scenarios.PlacedLayout
	for _, site := range []string{"inner-345", "inner-165", "outer-180", "west-apron", "east-taxiway"} {
		o := slices.IndexFunc(res.EntryOptions[0], func(op Option) bool { return res.Sites[op.Site].Name == site })
		l := Layout{Options: slices.Clone(listed.Options)}
		l.Options[0] = o
		s.eval(&l)
		name := "rm-" + site
		score[name] = l.Score
		layouts = append(layouts, res.Placed(name, "", l))
	}
	src, err := sc.AppendLayouts(layouts)
	if err != nil {
		t.Fatal(err)
	}
	withLayouts, err := scenarios.Parse(sc.File(), src)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{scenarios.BaseLayout}
	for _, l := range layouts {
		names = append(names, l.Name)
	}
	sw, _ := compare.ParseSweep("alerting.p_drone=0.95")
	d, err := compare.NewDesign("airport", withLayouts, compare.Options{Version: "test", Layouts: names, Sweeps: []compare.Sweep{sw},
		Replications: 12, RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95})
	if err != nil {
		t.Fatal(err)
	}
	out, err := (&compare.Runner{Design: d, Scenario: withLayouts}).Run(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	sum := compare.Summarise(out)
	significant := 0
	for _, diff := range sum.AtThreshold {
		if !diff.PTimely.Significant() {
			continue
		}
		significant++
		mc := fmt.Sprintf("%s − %s: P(timely) %+.3f [%+.3f, %+.3f]", diff.A, diff.B, diff.PTimely.Estimate, diff.PTimely.Lo, diff.PTimely.Hi)
		if (score[diff.A] > score[diff.B]) != (diff.PTimely.Estimate > 0) {
			t.Errorf("%s, but the surrogate scores %s %.3f and %s %.3f", mc, diff.A, score[diff.A], diff.B, score[diff.B])
		} else {
			t.Logf("%s; surrogate %.3f vs %.3f", mc, score[diff.A], score[diff.B])
		}
	}
	if significant < 3 {
		t.Errorf("only %d significant differences: the test says too little", significant)
	}
}
