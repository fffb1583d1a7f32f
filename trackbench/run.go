package trackbench

import (
	"time"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/track"
)

// A Tracker is what the benchmark runs: it takes each scan's plots and
// reports where its confirmed tracks are.
type Tracker interface {
	Step(tS float64, plots []sensors.Detection)
	// Confirmed appends the horizontal positions of the confirmed tracks.
	Confirmed(dst []r3.Vec) []r3.Vec
}

// Cuasim adapts cuasim's track.Tracker to the benchmark: it converts the
// plots with track.FromDetection and reports the confirmed tracks'
// positions on the plane.
type Cuasim struct {
	T  *track.Tracker
	ms []track.Measurement
}

// NewCuasim returns cuasim's tracker set up by cfg for the benchmark radar.
func NewCuasim(cfg track.Config) *Cuasim {
	return &Cuasim{T: track.New(cfg, []sensors.Coverage{Coverage()})}
}

// Step converts the plots and steps the tracker, letting its ended
// tracks go back to it.
func (c *Cuasim) Step(tS float64, plots []sensors.Detection) {
	c.ms = c.ms[:0]
	for i := range plots {
		c.ms = append(c.ms, track.FromDetection(&plots[i]))
	}
	c.T.Step(tS, c.ms)
	c.T.Release(c.T.Ended())
}

// Confirmed appends the positions of the confirmed tracks, on the plane.
func (c *Cuasim) Confirmed(dst []r3.Vec) []r3.Vec {
	for _, t := range c.T.Tracks() {
		if t.Status == track.Confirmed {
			p := t.Position()
			dst = append(dst, r3.Vec{X: p.X, Y: p.Y})
		}
	}
	return dst
}

// Scoring of the benchmark.
const (
	CutOffM     = 100.0 // OSPA and GOSPA cut-off c, m
	Order       = 1.0   // their order p
	ScoreFromSc = 10    // first scan scored
)

// Result is a tracker's score on one scene, averaged over the scored
// scans: OSPA, and GOSPA's parts — localisation (the sum of the distances
// of the assigned truth–track pairs, m), targets missed and false tracks
// — per scan, and the tracker's own time for the whole run.
type Result struct {
	OSPA, Localisation, Missed, False float64
	Elapsed                           time.Duration
}

// ScansPerS is the scans the tracker processes per second of CPU time.
func (r Result) ScansPerS() float64 { return Scans / r.Elapsed.Seconds() }

// Run runs tr over the scene and scores it.
func Run(sc *Scene, tr Tracker) Result {
	var res Result
	var est []r3.Vec
	n := 0
	for k, s := range sc.Scans {
		start := time.Now()
		tr.Step(s.TimeS, s.Plots)
		res.Elapsed += time.Since(start)
		if k+1 < ScoreFromSc {
			continue
		}
		est = tr.Confirmed(est[:0])
		res.OSPA += metrics.OSPA(s.Truth, est, CutOffM, Order)
		_, loc, missed, falseTracks := metrics.GOSPAParts(s.Truth, est, CutOffM, Order)
		res.Localisation += loc
		res.Missed += float64(missed)
		res.False += float64(falseTracks)
		n++
	}
	res.OSPA /= float64(n)
	res.Localisation /= float64(n)
	res.Missed /= float64(n)
	res.False /= float64(n)
	return res
}
