package search

import (
	"context"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/track"
)

func load(t *testing.T, file string) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestKnownBestPlacement is issue 17's known answer: drones come from the
// east only, and of the candidates only "east" sees their approach before
// the required warning. The search must put the radar there, at every
// seed, and score every other candidate lower.
func TestKnownBestPlacement(t *testing.T) {
	sc := load(t, "testdata/onesector.yaml")
	for seed := uint64(1); seed <= 3; seed++ {
		res, err := Run(context.Background(), sc, Options{Seed: seed, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Found) == 0 {
			t.Fatal("found no layout")
		}
		best := res.Found[0]
		if got := res.Sites[res.EntryOptions[0][best.Options[0]].Site].Name; got != "east" {
			t.Errorf("seed %d: the radar went to %s (score %.3f), want east; %s", seed, got, best.Score, res.Describe(best))
		}
		if !(best.Score > 0.5) || !(res.Listed.Score < best.Score) {
			t.Errorf("seed %d: best %.3f, listed %.3f: want the best well above the listed", seed, best.Score, res.Listed.Score)
		}
		for _, f := range res.Found[1:] {
			if !(f.Score < best.Score) {
				t.Errorf("seed %d: %s scores %.3f, not below the best", seed, res.Describe(f), f.Score)
			}
		}
		t.Logf("seed %d: %d drones, %d points; best %s %.3f; listed %.3f; %d scored", seed, res.Drones, res.Points, res.Describe(best), best.Score, res.Listed.Score, res.Scored)
	}
}

// TestAtLeastTwo checks the probability that at least two of independent
// events happen against the sum over all outcomes.
func TestAtLeastTwo(t *testing.T) {
	for _, p := range [][]float64{{}, {0.5}, {0.3, 0.6}, {0.1, 0.2, 0.9}, {1, 1, 0}, {0.25, 0.5, 0.75, 0.4}} {
		want := 0.0
		for mask := 0; mask < 1<<len(p); mask++ {
			pr, n := 1.0, 0
			for i, q := range p {
				if mask&(1<<i) != 0 {
					pr *= q
					n++
				} else {
					pr *= 1 - q
				}
			}
			if n >= 2 {
				want += pr
			}
		}
		if got := atLeastTwo(p); math.Abs(got-want) > 1e-12 {
			t.Errorf("atLeastTwo(%v) = %g, want %g", p, got, want)
		}
	}
}

// TestPoissonTail checks P(N ≥ m) against 1 − Σ_{k<m} e^−λ λ^k / k!.
func TestPoissonTail(t *testing.T) {
	for _, lam := range []float64{0, 0.3, 2.5, 7} {
		for m := 0; m <= 5; m++ {
			want := 1.0
			if m > 0 {
				term, sum := math.Exp(-lam), 0.0
				for k := range m {
					sum += term
					term *= lam / float64(k+1)
				}
				want = 1 - sum
			}
			if got := poissonTail(m, lam); math.Abs(got-want) > 1e-12 {
				t.Errorf("poissonTail(%d, %g) = %g, want %g", m, lam, got, want)
			}
		}
	}
}

// TestClassified checks the classification factor on hand-worked cases:
// with need 4.39 (P(drone) 0.9 from a prior of 0.1), RF evidence and
// kinematics count in full, and labels must make up the rest as a Poisson
// count.
func TestClassified(t *testing.T) {
	ev := &evaluator{need: math.Log(0.9/0.1) - math.Log(0.1/0.9), cls: track.Classifier()}
	rf := ev.cls.MaxRF / ev.cls.RFPerSecond // seconds of RF pairs that reach the bound
	// 6.39 to make up with labels of 2 each (3 log-odds over 1.5
	// expected labels): 4 labels, P(Poisson(1.5) ≥ 4).
	four := 1 - math.Exp(-1.5)*(1+1.5+1.5*1.5/2+1.5*1.5*1.5/6)
	for _, c := range []struct {
		name                       string
		kin, rfPairs, nLabels, llr float64
		want                       float64
	}{
		{"nothing", 0, 0, 0, 0, 0},
		{"RF at its bound (4.6 > 4.39)", 0, 2 * rf, 0, 0, 1},
		{"RF short of its bound", 0, rf / 2, 0, 0, 0},
		{"RF at its bound, birdlike speed, no labels", -2, 2 * rf, 0, 0, 0},
		{"four labels needed", -2, 0, 1.5, 3, four},
		{"RF and labels", -2, rf, 1.5, 3, 1 - math.Exp(-1.5)}, // 6.39 − 4.6: one label
		{"need beyond the labels' bound", -ev.cls.MaxKinematic - 10, 0, 5, 10, 0},
	} {
		if got := ev.classified(c.kin, c.rfPairs, c.nLabels, c.llr); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: classified = %g, want %g", c.name, got, c.want)
		}
	}
}

// TestBudget places under a budget: two sensors of cost 1 and one of cost
// 3 with a budget of 2 can only buy the two cheap ones, and the search
// never spends more than the budget.
func TestBudget(t *testing.T) {
	src, err := os.ReadFile("testdata/onesector.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), "  place:\n    - sensor: radar\n", "  place:\n    - {sensor: radar, count: 3, cost: 1}\n  budget: 2\n", 1)
	sc, err := scenarios.Parse("budget.yaml", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), sc, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Found {
		cost := 0.0
		for u, o := range f.Options {
			if o >= 0 {
				cost += res.Units[u].Cost
			}
		}
		if cost > 2 {
			t.Errorf("%s costs %g, over the budget of 2", res.Describe(f), cost)
		}
	}
	best := res.Found[0]
	sites := map[string]bool{}
	for u, o := range best.Options {
		if o >= 0 {
			sites[res.Sites[res.EntryOptions[res.Units[u].Entry][o].Site].Name] = true
		}
	}
	if !sites["east"] {
		t.Errorf("best under the budget is %s: want a radar at east", res.Describe(best))
	}
	// With the budget raised to one sensor's cost, one is placed.
	s1 := strings.Replace(s, "budget: 2", "budget: 1", 1)
	sc1, err := scenarios.Parse("budget1.yaml", []byte(s1))
	if err != nil {
		t.Fatal(err)
	}
	r1, err := Run(context.Background(), sc1, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r1.Found {
		n := 0
		for _, o := range f.Options {
			if o >= 0 {
				n++
			}
		}
		if n > 1 {
			t.Errorf("budget 1 placed %d sensors: %s", n, r1.Describe(f))
		}
	}
}

// TestWorkersDoNotMatter: the search's result is the same for any number
// of workers.
func TestWorkersDoNotMatter(t *testing.T) {
	sc := load(t, "testdata/onesector.yaml")
	a, err := Run(context.Background(), sc, Options{Seed: 7, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), sc, Options{Seed: 7, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("results differ between 1 and 3 workers")
	}
}

// TestScoreByHand scores a hand-made evaluator: one drone, four points, the
// last two its window. A radar's detections count for location only in the
// window; two RF detectors locate it together, one alone does not; labels
// count over the whole history.
func TestScoreByHand(t *testing.T) {
	ev := &evaluator{
		samples: []sample{{points: make([]r3.Vec, 4), locFrom: 2}},
		confirm: 1,
		// need 2.2: a radar label of 2.2 log-odds is enough.
		need: 2.2, cls: track.Classifier(),
		det: [][]float32{
			{0.9, 0.9, 0, 0},     // 0: radar, sees only before the window
			{0, 0, 0.5, 0.5},     // 1: radar, in the window
			{0.5, 0.5, 0.5, 0.5}, // 2, 3: RF
			{0.5, 0.5, 0.5, 0.5},
		},
		labels: [][]float32{{0.5, 0.5, 0, 0}, {0, 0, 0, 0}, nil, nil},
		llr:    []float64{2.2, 0, 0, 0},
		radar:  []bool{true, true, false, false},
	}
	located := func(l float64) float64 { return 1 - math.Exp(-l) }
	classified := 1 - math.Exp(-1) // one label needed of mean 0.5 + 0.5
	for _, c := range []struct {
		name    string
		sensors []int
		want    float64
	}{
		{"radar seeing early only", []int{0}, 0},
		{"radar in the window, no labels", []int{1}, 0},
		{"both radars", []int{0, 1}, located(1) * classified},
		{"one RF", []int{0, 2}, 0},
		{"two RF", []int{0, 2, 3}, located(0.5) * classified},
		{"two RF, no labels", []int{2, 3}, 0}, // 1 s of pairs: 1.5 log-odds, short of 2.2
	} {
		if got, _ := ev.score(c.sensors); math.Abs(got-c.want) > 1e-6 {
			t.Errorf("%s: score %g, want %g", c.name, got, c.want)
		}
	}
	// Located alone: two RF detectors locate it without classifying it.
	if score, loc := ev.score([]int{2, 3}); score != 0 || math.Abs(loc-located(0.5)) > 1e-6 {
		t.Errorf("two RF: score %g, located %g; want 0 and %g", score, loc, located(0.5))
	}
}

// TestSampleWindow follows one drone flying straight at a zone at 10 m/s:
// its sampled points end the required warning before its entry, 60 s ×
// 10 m/s = 600 m outside the zone's edge, the window is the last 30 s of
// them and the history at most 100 s; its speed, in the birds' band, costs
// its track kinematic log-odds, to the bound.
func TestSampleWindow(t *testing.T) {
	sc, err := scenarios.Parse("straight.yaml", []byte(`name: straight
site: {name: Straight}
zones:
  - {name: pad, circle: {center: [0, 0], radius_m: 100}}
uav_types:
  - name: quad
    rcs: {mean_m2: 0.01, swerling: 1}
    cruise_speed_mps: 10
    max_speed_mps: 15
    rf_silent: true
traffic:
  - {name: one, kind: flight, type: quad, from: [3000, 0], from_alt_m: 50, legs: [{goto: {to: [0, 0], alt_m: 50}}]}
sensors:
  - {id: radar, type: radar, position: [0, 0], mast_height_m: 10, frequency_hz: 9.4e9, reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9}, scan: {mode: rotating, period_s: 1}, range_m: {min: 50, max: 5000}, range_resolution_m: 10}
search:
  candidates: [{position: [500, 0]}]
  place: [{sensor: radar}]
run: {duration_s: 600}
`))
	if err != nil {
		t.Fatal(err)
	}
	res := &Result{}
	smp, err := sampleTraffic(context.Background(), sc, withDefaults(Options{Samples: 1, RequiredWarningS: 60, WindowS: 30, HistoryS: 100}), res)
	if err != nil {
		t.Fatal(err)
	}
	if len(smp) != 1 {
		t.Fatalf("%d samples, want 1", len(smp))
	}
	s := smp[0]
	if last := s.points[len(s.points)-1]; math.Abs(last.X-700) > 10 || math.Abs(last.Y) > 1e-6 {
		t.Errorf("last point %v, want 600 m outside the zone's 100 m radius, 700 m east", last)
	}
	if n := len(s.points); n != 101 {
		t.Errorf("%d points, want the 100 s history and its end", n)
	}
	if w := len(s.points) - s.locFrom; w != 31 {
		t.Errorf("window of %d points, want 31", w)
	}
	if cls := track.Classifier(); s.kin != -cls.MaxKinematic {
		t.Errorf("kinematic log-odds %g, want %g (10 m/s for 100 s, in the birds' band)", s.kin, -cls.MaxKinematic)
	}
}

// TestVerdict checks each branch of the verdict on hand-made comparisons:
// a significant gain within the budget, a gain that breaks the budget where
// base keeps it, no difference, and base over the budget where the found
// layout is not.
func TestVerdict(t *testing.T) {
	iv := func(e, lo, hi float64) compare.Interval {
		return compare.Interval{Estimate: compare.Num(e), Lo: compare.Num(lo), Hi: compare.Num(hi)}
	}
	sum := func(foundBudget, baseBudget string, pt compare.Interval, aIsBase bool) *compare.Summary {
		d := compare.Difference{A: "search-1", B: "base", PTimely: pt, FalsePerDay: iv(1, -1, 3)}
		if aIsBase {
			d.A, d.B = "base", "search-1"
			d.PTimely = iv(-float64(pt.Estimate), -float64(pt.Hi), -float64(pt.Lo))
		}
		return &compare.Summary{
			Design:      &compare.Design{Variants: []compare.Variant{{}}},
			Operating:   []compare.Choice{{Layout: "base", Budget: baseBudget}, {Layout: "search-1", Budget: foundBudget}},
			AtOperating: []compare.Difference{d},
		}
	}
	for _, c := range []struct {
		name string
		s    *compare.Summary
		want []string
	}{
		{"better", sum("within", "within", iv(0.2, 0.1, 0.3), false), []string{"significantly better than base", "Verdict: the search found a layout of these sensors better than base at the operating points: search-1."}},
		{"better, base first", sum("within", "within", iv(0.2, 0.1, 0.3), true), []string{"P(timely) +20.0 pp", "significantly better than base", "better than base at the operating points: search-1."}},
		{"better but over", sum("over", "within", iv(0.2, 0.1, 0.3), false), []string{"more timely alerts than base, but over the false-alert budget", "Verdict: no layout found beats base within the false-alert budget; search-1 warn"}},
		{"over, no gain", sum("over", "undecided", iv(0, -0.1, 0.1), false), []string{"over the false-alert budget, where base is not", "Verdict: no layout found is significantly better"}},
		{"no difference", sum("within", "within", iv(0.02, -0.01, 0.05), false), []string{"not significantly different from base", "Verdict: no layout found is significantly better"}},
		{"worse", sum("within", "within", iv(-0.2, -0.3, -0.1), false), []string{"significantly worse than base", "Verdict: no layout found is significantly better"}},
		{"base over", sum("undecided", "over", iv(0, -0.1, 0.1), false), []string{"where base is over", "better than base at the operating points: search-1."}},
	} {
		var b strings.Builder
		Verdict(&b, c.s, []string{"search-1"}, ObjectiveMean)
		for _, w := range c.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s: the verdict lacks %q:\n%s", c.name, w, b.String())
			}
		}
	}
	// Better, with its budget undecided: whether the estimate is over the
	// budget (7.2 a day against 2, as 20 replications of the airport with
	// two main radars gave) is said; under it (1.5), nothing is added.
	for _, est := range []float64{7.2, 1.5} {
		s := sum("undecided", "within", iv(0.3, 0.2, 0.4), false)
		s.Design.BudgetPerDay = 2
		s.Operating[1].Threshold = "p_drone=0.98"
		s.Cells = []compare.Cell{
			{Layout: "search-1", Threshold: "p_drone=0.9", FalseAlertsPerDay: iv(12, 4, 22)},
			{Layout: "search-1", Threshold: "p_drone=0.98", FalseAlertsPerDay: iv(est, 1.9, 15.7)},
		}
		var b strings.Builder
		Verdict(&b, s, []string{"search-1"}, ObjectiveMean)
		said := strings.Contains(b.String(), "7.2 a day by the estimate, are over the budget of 2") &&
			strings.Contains(b.String(), "search-1; but search-1 may break the false-alert budget: confirm with more --replications.")
		if !strings.Contains(b.String(), "significantly better than base") || said != (est > 2) {
			t.Errorf("estimate %g a day, budget undecided: the verdict is\n%s", est, b.String())
		}
	}
}

// TestWorstSectorScore: two drones from one sector and one from another; a
// sensor that sees only the first two scores 2/3 on the mean and 0 on the
// worst sector, one that sees only the third 1/3 and 0, and both together 1
// either way.
func TestWorstSectorScore(t *testing.T) {
	mk := func(worst bool) *evaluator {
		return &evaluator{
			samples: []sample{{points: make([]r3.Vec, 1), sector: 2}, {points: make([]r3.Vec, 1), sector: 2}, {points: make([]r3.Vec, 1), sector: 6}},
			confirm: 1, need: -1, cls: track.Classifier(), worst: worst,
			det:   [][]float32{{1, 1, 0}, {0, 0, 1}},
			radar: []bool{true, true}, labels: [][]float32{nil, nil}, llr: []float64{0, 0},
		}
	}
	p := 1 - math.Exp(-1) // located in the one second with Pd 1: P(Poisson(1) ≥ 1)
	for _, c := range []struct {
		sensors     []int
		mean, worst float64
	}{
		{[]int{0}, 2 * p / 3, 0},
		{[]int{1}, p / 3, 0},
		{[]int{0, 1}, p, p},
	} {
		for _, worst := range []bool{false, true} {
			got, _ := mk(worst).score(c.sensors)
			want := c.mean
			if worst {
				want = c.worst
			}
			if math.Abs(got-want) > 1e-12 {
				t.Errorf("sensors %v, worst %v: score %g, want %g", c.sensors, worst, got, want)
			}
		}
	}
	// The scratch is cleared between layouts.
	ev := mk(true)
	ev.score([]int{0, 1})
	if got, _ := ev.score([]int{0}); got != 0 {
		t.Errorf("a second layout scored %g: the sectors' sums were not cleared", got)
	}
}

// TestWorstSectorVerdict: with the worst-sector objective a found layout is
// better when its weakest approach's interval lies wholly above base's.
func TestWorstSectorVerdict(t *testing.T) {
	iv := func(e, lo, hi float64) compare.Interval {
		return compare.Interval{Estimate: compare.Num(e), Lo: compare.Num(lo), Hi: compare.Num(hi)}
	}
	sector := func(layout, value string, p compare.Interval) compare.Breakdown {
		return compare.Breakdown{Layout: layout, By: "sector", Value: value, DronesEntered: 20, PTimely: p}
	}
	for _, c := range []struct {
		name  string
		found compare.Interval
		want  string
	}{
		{"above", iv(0.5, 0.3, 0.7), "search-1's weakest approach: from the S, P(timely) 0.50 [0.30, 0.70]: better on its weakest approach"},
		{"overlapping", iv(0.2, 0.1, 0.4), "not shown better on its weakest approach"},
	} {
		s := &compare.Summary{
			Design:    &compare.Design{Variants: []compare.Variant{{}}},
			Operating: []compare.Choice{{Layout: "base", Budget: "within"}, {Layout: "search-1", Budget: "within"}},
			Breakdowns: []compare.Breakdown{
				sector("base", "N", iv(1, 0.9, 1)), sector("base", "W", iv(0, 0, 0.19)),
				sector("search-1", "N", iv(1, 0.9, 1)), sector("search-1", "S", c.found),
			},
		}
		var b strings.Builder
		Verdict(&b, s, []string{"search-1"}, ObjectiveWorstSector)
		if !strings.Contains(b.String(), c.want) || !strings.Contains(b.String(), "base's weakest approach: from the W") {
			t.Errorf("%s: the verdict lacks %q:\n%s", c.name, c.want, b.String())
		}
	}
}

// TestDescribeIsWhatIsWritten checks that each found layout is described
// (on standard output, in search.json and in the description written into
// search.yaml) with the sensors where search.yaml puts them. With two
// main radars on the airport, a search once described "radar-main at
// north-apron-east; radar-main-2 at inner-225" and wrote the opposite:
// the description followed the order the search placed the units in, the
// file the units' interchangeable order.
func TestDescribeIsWhatIsWritten(t *testing.T) {
	sc, err := scenarios.Open("airport")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(sc.Source()), "  place:\n    - sensor: radar-main\n", "  place:\n    - {sensor: radar-main, count: 2}\n", 1)
	if s == string(sc.Source()) {
		t.Fatal("the airport's search section is not as the test expects")
	}
	sc, err = scenarios.Parse("two-radars.yaml", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), sc, Options{Seed: 1, Keep: 3})
	if err != nil {
		t.Fatal(err)
	}
	site := map[string]string{}
	for _, st := range res.Sites {
		site[fmt.Sprintf("%g,%g", st.Position.EastM, st.Position.NorthM)] = st.Name
	}
	for i, f := range res.Found {
		desc := res.Describe(f)
		j := res.layoutJSON(f)
		for _, p := range res.Placed("x", "", f).Placements {
			at := site[fmt.Sprintf("%g,%g", p.Position.EastM, p.Position.NorthM)]
			if !strings.Contains(desc, p.ID+" at "+at) {
				t.Errorf("found %d: written with %s at %s, described as %s", i+1, p.ID, at, desc)
			}
			for _, q := range j.Placements {
				if q.ID == p.ID && q.Candidate != at {
					t.Errorf("found %d: written with %s at %s, search.json has it at %s", i+1, p.ID, at, q.Candidate)
				}
			}
		}
	}
}

// TestListedOverBudget: with the airport's three placed sensors (cost 1
// each, the default) and a budget of 2, the listed layout is none the
// search may propose. The table once showed it as "radar-main not placed;
// radar-east not placed; rf-south not placed" with score 0, as if base had
// no sensors; it must say what it costs instead, and the found layouts'
// descriptions must not compare them with a listed score of 0.
func TestListedOverBudget(t *testing.T) {
	sc, err := scenarios.Open("airport")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(sc.Source()), "    - sensor: rf-south\n", "    - sensor: rf-south\n  budget: 2\n", 1)
	if s == string(sc.Source()) {
		t.Fatal("the airport's search section is not as the test expects")
	}
	sc, err = scenarios.Parse("budget.yaml", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), sc, Options{Seed: 1, Keep: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, names, err := res.Scenario(sc)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.WriteText(&b, names)
	if !strings.Contains(b.String(), "listed (base)  -      -        costs 3, over the budget of 2") || strings.Contains(b.String(), "rf-south not placed; ") && strings.Contains(b.String(), "listed (base)  0.000") {
		t.Errorf("the listed layout's row:\n%s", b.String())
	}
	src, _, err := res.Scenario(sc)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "(the listed layout is over the budget)") {
		t.Errorf("search.yaml's description does not say the listed layout is over the budget")
	}
}
