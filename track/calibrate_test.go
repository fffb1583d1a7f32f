package track

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestIsotonic: pool-adjacent-violators against sequences worked by hand.
func TestIsotonic(t *testing.T) {
	for _, c := range []struct{ y, w, want []float64 }{
		{[]float64{1, 2, 3}, []float64{1, 1, 1}, []float64{1, 2, 3}}, // already monotone
		// 3, 2 pool to 2.5; then 4, 0 to 2, under 2.5, so the four pool to 2.25
		{[]float64{1, 3, 2, 4, 0}, []float64{1, 1, 1, 1, 1}, []float64{1, 2.25, 2.25, 2.25, 2.25}},
		// weighted: (3·1 + 1·3)/4
		{[]float64{3, 1}, []float64{1, 3}, []float64{1.5, 1.5}},
		{[]float64{0.2, 0.2, 0.1, 0.9}, []float64{2, 1, 1, 5}, []float64{(0.4 + 0.2 + 0.1) / 4, 0.175, 0.175, 0.9}},
	} {
		got := Isotonic(c.y, c.w)
		for i := range got {
			if !near(got[i], c.want[i]) {
				t.Errorf("Isotonic(%v, %v) = %v, want %v", c.y, c.w, got, c.want)
				break
			}
		}
	}
}

// TestCalibrationMap: linear in the naive log-odds between knots, constant
// beyond them, naive where a state has none.
func TestCalibrationMap(t *testing.T) {
	var c Calibration
	c.States[2] = []Knot{{X: -2, Q: 0.1}, {X: 0, Q: 0.5}, {X: 2, Q: 0.7}}
	logistic := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	for _, tc := range []struct{ p, want float64 }{
		{logistic(-5), 0.1}, {0, 0.1}, {logistic(-2), 0.1}, {logistic(-1), 0.3}, {0.5, 0.5},
		{logistic(1.5), 0.65}, {logistic(2), 0.7}, {logistic(7), 0.7}, {1, 0.7},
	} {
		if got := c.Map(2, tc.p); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Map(2, %.6f) = %.6f, want %.6f", tc.p, got, tc.want)
		}
	}
	if got := c.Map(0, 0.37); got != 0.37 {
		t.Errorf("a state with no knots maps 0.37 to %g", got)
	}
}

// TestCalibrationStates: the state of each kind of evidence.
func TestCalibrationStates(t *testing.T) {
	for _, c := range []struct {
		e    Evidence
		want int
	}{
		{Evidence{}, 0},
		{Evidence{FlockLogOdds: -1}, 1},
		{Evidence{RFLogOdds: 1.5}, 2},
		{Evidence{RFLogOdds: 1.5, FlockLogOdds: -4.6}, 3},
		{Evidence{RFLogOdds: 3}, 4},
		{Evidence{RFLogOdds: 4.6, FlockLogOdds: -2}, 5},
		{Evidence{LabelLogOdds: -2.3, FlockLogOdds: -2}, 6},
		{Evidence{LabelLogOdds: 2.2, RFLogOdds: 2.9}, 7},
		{Evidence{LabelLogOdds: 10, RFLogOdds: 4.6, FlockLogOdds: -4.6}, 8},
	} {
		if got := CalibrationState(&c.e); got != c.want {
			t.Errorf("%+v: state %d (%s), want %d (%s)", c.e, got, CalibrationStateNames[got], c.want, CalibrationStateNames[c.want])
		}
	}
}

// TestFitCalibrationKnown: evaluations drawn from a known map — in state
// 0, on a drone with probability 0.2 at naive P(drone) 0.1 and 0.9 at
// 0.6; in state 4, with probability 0.7 at 0.3 and 0.5 at 0.8, a
// violation the fit must pool to their mean — are fitted within four
// standard errors; a bin's pseudo evaluations pull it to its naive
// P(drone) as (on + k·p)/(n + k).
func TestFitCalibrationKnown(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var f CalibrationFit
	const n = 20000
	draw := func(e Evidence, p, truth float64) {
		e.NaivePDrone = p
		for range n {
			f.Add(&e, rng.Float64() < truth)
		}
	}
	draw(Evidence{}, 0.1, 0.2)
	draw(Evidence{}, 0.6, 0.9)
	draw(Evidence{RFLogOdds: 4}, 0.3, 0.7)
	draw(Evidence{RFLogOdds: 4}, 0.8, 0.5)
	c, err := FitCalibration(&f, 0)
	if err != nil {
		t.Fatal(err)
	}
	se := func(p, m float64) float64 { return 4 * math.Sqrt(p*(1-p)/m) }
	for _, tc := range []struct {
		s       int
		p, want float64
		m       float64 // evaluations behind the value
	}{
		{0, 0.1, 0.2, n}, {0, 0.6, 0.9, n}, {4, 0.3, 0.6, 2 * n}, {4, 0.8, 0.6, 2 * n},
	} {
		if got := c.Map(tc.s, tc.p); math.Abs(got-tc.want) > se(tc.want, tc.m) {
			t.Errorf("state %d, naive %.1f: fitted %.4f, want %.4f ± %.4f", tc.s, tc.p, got, tc.want, se(tc.want, tc.m))
		}
	}
	if n := f.N(0) + f.N(4); n != 4*20000 || f.N(1) != 0 {
		t.Errorf("%d evaluations in states 0 and 4, %d in 1; want 80000 and 0", n, f.N(1))
	}
	// Three evaluations, two on a drone, at naive 0.25, and 6 pseudo
	// evaluations: (2 + 6·0.25)/(3 + 6) = 3.5/9.
	var g CalibrationFit
	e := Evidence{LabelLogOdds: 1, NaivePDrone: 0.25}
	g.Add(&e, true)
	g.Add(&e, true)
	g.Add(&e, false)
	c, err = FitCalibration(&g, 6)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Map(6, 0.25); !near(got, 3.5/9) {
		t.Errorf("pseudo evaluations: %.6f, want 3.5/9", got)
	}
	if _, err := FitCalibration(&g, -1); err == nil {
		t.Error("negative pseudo evaluations: no error")
	}
}

// TestSetClassCalibrated: a confirmed track's P(drone) is the calibration
// of its naive P(drone), existence times the logistic of its log-odds, in
// its state; bird and clutter share the rest as naive Bayes shares
// existence·(1 − p) and 1 − existence; the three sum to one. A tentative
// track's are naive.
func TestSetClassCalibrated(t *testing.T) {
	saved := calibration
	t.Cleanup(func() { calibration = saved })
	calibration = Calibration{}
	calibration.States[2] = []Knot{{X: -3, Q: 0.2}, {X: 3, Q: 0.8}} // some emission, no labels
	tr := classTracker()
	tk := classTrack(tr, 10, 0.01)
	tk.Existence = 0.9
	tk.class.rf = 1.5
	setClass(tk)
	lo := math.Log(0.1/0.9) + 1.5 // the prior, 0.1, and the emission
	p := 1 / (1 + math.Exp(-lo))
	naive := 0.9 * p
	if tk.Status != Tentative || !near(tk.PDrone, naive) || !near(tk.PBird, 0.9*(1-p)) || !near(tk.PClutter, 0.1) {
		t.Errorf("tentative: P(drone) %.6f, P(bird) %.6f, P(clutter) %.6f; want naive %.6f, %.6f, 0.1",
			tk.PDrone, tk.PBird, tk.PClutter, naive, 0.9*(1-p))
	}
	tk.Status = Confirmed
	setClass(tk)
	if !near(tk.Evidence.NaivePDrone, naive) {
		t.Errorf("naive P(drone) %.6f, want %.6f", tk.Evidence.NaivePDrone, naive)
	}
	want := 0.2 + 0.6*(math.Log(naive/(1-naive))+3)/6
	if !near(tk.PDrone, want) {
		t.Errorf("P(drone) %.6f, want %.6f, the map at naive %.6f", tk.PDrone, want, naive)
	}
	if !near(tk.PBird/tk.PClutter, 0.9*(1-p)/0.1) || !near(tk.PDrone+tk.PBird+tk.PClutter, 1) {
		t.Errorf("P(bird) %.6f, P(clutter) %.6f: want the ratio %.6f and a sum of one with P(drone) %.6f",
			tk.PBird, tk.PClutter, 0.9*(1-p)/0.1, tk.PDrone)
	}
	tk.Existence, tk.class.labels, tk.class.rf = 1, 20, 0 // naive P(drone) 1: the rest is bird's
	calibration.States[6] = []Knot{{X: 0, Q: 0.97}}
	setClass(tk)
	if tk.PDrone != 0.97 || !near(tk.PBird, 0.03) || tk.PClutter != 0 {
		t.Errorf("naive 1: P(drone) %g, P(bird) %g, P(clutter) %g; want 0.97, 0.03, 0", tk.PDrone, tk.PBird, tk.PClutter)
	}
}
