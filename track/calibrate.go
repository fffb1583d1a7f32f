package track

import (
	"fmt"
	"math"
	"sort"
)

// Calibration of P(drone). The classification evidence (classify.go) is
// summed as naive Bayes would, each term bounded on its own; the sum is
// not a probability a planner can read as one: successive labels and
// seconds of one track are not independent, the terms are not independent
// of one another, and a confirmed track with no evidence at all is most
// often a drone far out, beyond the classifiers' reach, not one in ten as
// the prior says. The tracker reports instead the frequency with which
// confirmed tracks of the same evidence state and the same naive P(drone)
// followed a drone on the library sites' simulated truth: a monotone map
// per evidence state, fitted by FitCalibration (docs/tracking.md, "How
// calibrated is P(drone)").

// CalibrationStates is the number of evidence states the calibration
// maps apart: tracks with micro-Doppler evidence, by their RF emission
// term (none, under rfSaturatedLogOdds, at or above it), and tracks
// without, by the same three levels and whether they were born among
// birds (a flock's prior).
const CalibrationStates = 9

// rfSaturatedLogOdds splits the emission term: two seconds of emission of
// two sensors (3.0) and over, against a bearing or two that a bird on the
// line of bearing of a drone elsewhere may take.
const rfSaturatedLogOdds = 3.0

// CalibrationState returns the evidence state of evidence e, in
// [0, CalibrationStates).
func CalibrationState(e *Evidence) int {
	rf := 0
	switch {
	case e.RFLogOdds >= rfSaturatedLogOdds:
		rf = 2
	case e.RFLogOdds > 0:
		rf = 1
	}
	if e.LabelLogOdds != 0 {
		return 6 + rf
	}
	flock := 0
	if e.FlockLogOdds < 0 {
		flock = 1
	}
	return 2*rf + flock
}

// CalibrationStateNames name the evidence states, for the docs and the
// generated table.
var CalibrationStateNames = [CalibrationStates]string{
	"no labels, no emission", "no labels, no emission, flock",
	"no labels, some emission", "no labels, some emission, flock",
	"no labels, emission", "no labels, emission, flock",
	"labels, no emission", "labels, some emission", "labels, emission",
}

// Knot is one point of a state's map: the naive P(drone)'s log-odds X
// and the calibrated P(drone) Q there.
type Knot struct{ X, Q float64 }

// Calibration maps a track's naive P(drone) to a calibrated one, state by
// state: piecewise linear in the naive log-odds between a state's knots,
// constant beyond its first and last. A state with no knots, or the zero
// Calibration, leaves P(drone) naive.
type Calibration struct {
	States [CalibrationStates][]Knot
}

// Map returns the calibrated P(drone) of a track in state s whose naive
// P(drone) is p.
func (c *Calibration) Map(s int, p float64) float64 {
	ks := c.States[s]
	if len(ks) == 0 {
		return p
	}
	x := clampLogit(p)
	i := sort.Search(len(ks), func(i int) bool { return ks[i].X >= x })
	switch i {
	case 0:
		return ks[0].Q
	case len(ks):
		return ks[len(ks)-1].Q
	}
	a, b := ks[i-1], ks[i]
	return a.Q + (b.Q-a.Q)*(x-a.X)/(b.X-a.X)
}

// Calibration bins: the naive log-odds within ±calibrationLogitMax, in
// steps of calibrationLogitStep.
const (
	calibrationLogitMax  = 12.0
	calibrationLogitStep = 0.5
	calibrationBins      = int(2 * calibrationLogitMax / calibrationLogitStep)
)

// clampLogit returns the log-odds of p within ±calibrationLogitMax.
func clampLogit(p float64) float64 {
	if !(p > 0) {
		return -calibrationLogitMax
	}
	if !(p < 1) {
		return calibrationLogitMax
	}
	return max(-calibrationLogitMax, min(calibrationLogitMax, math.Log(p/(1-p))))
}

// CalibrationFit accumulates confirmed-track evaluations, by evidence state
// and naive P(drone), for FitCalibration.
type CalibrationFit struct {
	cells [CalibrationStates][calibrationBins]fitCell
}

// fitCell sums the evaluations of one state and bin.
type fitCell struct {
	n, onDrone float64
	sumP, sumX float64 // of the naive P(drone) and of its clamped log-odds
}

// Add adds one evaluation of a confirmed track with evidence e (its
// NaivePDrone and state), on a drone or not.
func (f *CalibrationFit) Add(e *Evidence, onDrone bool) {
	p := e.NaivePDrone
	x := clampLogit(p)
	b := min(calibrationBins-1, int((x+calibrationLogitMax)/calibrationLogitStep))
	c := &f.cells[CalibrationState(e)][b]
	c.n++
	if onDrone {
		c.onDrone++
	}
	c.sumP += p
	c.sumX += x
}

// N returns the number of evaluations added in state s.
func (f *CalibrationFit) N(s int) int {
	n := 0.0
	for _, c := range f.cells[s] {
		n += c.n
	}
	return int(n)
}

// FitCalibration fits the map from the evaluations of f: in each state and
// bin of the naive log-odds, the fraction on a drone with pseudo
// evaluations added at the bin's mean naive P(drone) (so that a bin of few
// evaluations, a track or two, stays near naive), then, state by state,
// the closest non-decreasing sequence in the naive P(drone), each bin
// weighed by its evaluations and pseudo evaluations (isotonic regression
// by pool-adjacent-violators), a knot at each bin's mean log-odds.
func FitCalibration(f *CalibrationFit, pseudo float64) (Calibration, error) {
	if !(pseudo >= 0) {
		return Calibration{}, fmt.Errorf("calibration fit: pseudo evaluations %g, want at least 0", pseudo)
	}
	var c Calibration
	for s := range f.cells {
		var ks []Knot
		var ws []float64
		for _, cell := range f.cells[s] {
			if cell.n == 0 {
				continue
			}
			mean := cell.sumP / cell.n
			ks = append(ks, Knot{X: cell.sumX / cell.n, Q: (cell.onDrone + pseudo*mean) / (cell.n + pseudo)})
			ws = append(ws, cell.n+pseudo)
		}
		qs := make([]float64, len(ks))
		for i, k := range ks {
			qs[i] = k.Q
		}
		for i, q := range Isotonic(qs, ws) {
			ks[i].Q = q
		}
		c.States[s] = ks
	}
	return c, nil
}

// Isotonic returns the non-decreasing sequence closest to y in the
// weighted least squares (weights w, positive), by pool-adjacent-violators:
// each run of values that decrease is replaced by its weighted mean.
func Isotonic(y, w []float64) []float64 {
	type block struct {
		end  int // one past the block's last index
		v, w float64
	}
	var bs []block
	for i := range y {
		bs = append(bs, block{i + 1, y[i], w[i]})
		for n := len(bs); n > 1 && bs[n-2].v > bs[n-1].v; n = len(bs) {
			a, b := bs[n-2], bs[n-1]
			bs[n-2] = block{b.end, (a.v*a.w + b.v*b.w) / (a.w + b.w), a.w + b.w}
			bs = bs[:n-1]
		}
	}
	out := make([]float64, len(y))
	start := 0
	for _, b := range bs {
		for i := start; i < b.end; i++ {
			out[i] = b.v
		}
		start = b.end
	}
	return out
}

// CalibratedPDrone returns the P(drone) the tracker reports of a confirmed
// track with evidence e: the calibration of e.NaivePDrone in e's state.
func CalibratedPDrone(e *Evidence) float64 {
	return calibration.Map(CalibrationState(e), e.NaivePDrone)
}
