package metrics

import (
	"fmt"
	"math"
	"sort"

	"github.com/cuasim/cuasim/track"
)

// ClassObserver is told, at each evaluation of TrackStats, every confirmed
// track and whether it was on a drone then: assigned a drone, or assigned
// nothing within the gate of a drone that another track holds (a
// duplicate: a drone where a drone is). A track on a bird, or on nothing,
// is not on a drone. A Reliability is one; a fit of the classifier can be
// another.
type ClassObserver interface {
	ObserveClass(t *track.Track, onDrone bool)
}

// ReliabilityEdges are the bin edges of P(drone) that the reliability
// diagrams of the docs use: tenths, with the top tenth split where
// planners set their alert thresholds (0.9, 0.95, 0.98).
var ReliabilityEdges = []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 1}

// Reliability is a reliability diagram of P(drone): confirmed-track
// evaluations binned by their P(drone), with how many of them were on a
// drone. A calibrated P(drone) has, in every bin, an observed fraction on
// a drone equal to the bin's mean P(drone).
type Reliability struct {
	// Edges are the bin edges, increasing from 0 to 1: bin i holds
	// P(drone) in [Edges[i], Edges[i+1]), the last bin 1 too.
	Edges []float64
	Bins  []ReliabilityBin
}

// ReliabilityBin is one bin of a reliability diagram.
type ReliabilityBin struct {
	N       int     // evaluations of confirmed tracks with P(drone) in the bin
	OnDrone int     // of them, on a drone
	SumP    float64 // sum of their P(drone)
}

// Observed returns the fraction of the bin's evaluations on a drone (NaN
// for an empty bin).
func (b ReliabilityBin) Observed() float64 { return float64(b.OnDrone) / float64(b.N) }

// MeanP returns the bin's mean P(drone) (NaN for an empty bin).
func (b ReliabilityBin) MeanP() float64 { return b.SumP / float64(b.N) }

// NewReliability returns an empty diagram with the given bin edges, which
// must increase from 0 to 1.
func NewReliability(edges []float64) (*Reliability, error) {
	if len(edges) < 2 || edges[0] != 0 || edges[len(edges)-1] != 1 {
		return nil, fmt.Errorf("reliability bins: edges %v: want at least two, from 0 to 1", edges)
	}
	for i := 1; i < len(edges); i++ {
		if !(edges[i] > edges[i-1]) {
			return nil, fmt.Errorf("reliability bins: edge %d (%g) not above edge %d (%g)", i, edges[i], i-1, edges[i-1])
		}
	}
	return &Reliability{Edges: append([]float64(nil), edges...), Bins: make([]ReliabilityBin, len(edges)-1)}, nil
}

// ObserveClass adds the track's P(drone), on a drone or not.
func (r *Reliability) ObserveClass(t *track.Track, onDrone bool) { r.Add(t.PDrone, onDrone) }

// Add adds one evaluation of P(drone) p, on a drone or not. A p outside
// [0, 1] (or NaN) is counted in the nearest end bin.
func (r *Reliability) Add(p float64, onDrone bool) {
	i := sort.SearchFloat64s(r.Edges, p) // first edge ≥ p
	if i < len(r.Edges) && r.Edges[i] == p {
		i++ // p on an edge opens the bin above it
	}
	i = min(max(i-1, 0), len(r.Bins)-1)
	if math.IsNaN(p) {
		i = 0
	}
	b := &r.Bins[i]
	b.N++
	b.SumP += p
	if onDrone {
		b.OnDrone++
	}
}

// Merge adds o's counts, which must have the same edges, to r.
func (r *Reliability) Merge(o *Reliability) error {
	if len(o.Edges) != len(r.Edges) {
		return fmt.Errorf("reliability: merging %d bins into %d", len(o.Bins), len(r.Bins))
	}
	for i, e := range o.Edges {
		if e != r.Edges[i] {
			return fmt.Errorf("reliability: merging bins with edge %d at %g into %g", i, e, r.Edges[i])
		}
	}
	for i, b := range o.Bins {
		r.Bins[i].N += b.N
		r.Bins[i].OnDrone += b.OnDrone
		r.Bins[i].SumP += b.SumP
	}
	return nil
}

// N returns the number of evaluations in the diagram.
func (r *Reliability) N() int {
	n := 0
	for _, b := range r.Bins {
		n += b.N
	}
	return n
}

// ECE returns the expected calibration error: the mean over evaluations
// of the distance between their bin's observed fraction on a drone and
// its mean P(drone), Σ (Nᵢ/N)·|observedᵢ − meanᵢ| (Naeini, Cooper and
// Hauskrecht 2015). NaN for an empty diagram.
func (r *Reliability) ECE() float64 {
	var sum float64
	for _, b := range r.Bins {
		if b.N > 0 {
			sum += math.Abs(float64(b.OnDrone) - b.SumP) // N·|observed − mean|
		}
	}
	return sum / float64(r.N())
}

// MaxGap returns the largest |observed − mean P(drone)| over the bins
// holding at least minN evaluations, and the index of that bin (−1 if
// none holds minN).
func (r *Reliability) MaxGap(minN int) (gap float64, bin int) {
	bin = -1
	for i, b := range r.Bins {
		if b.N < max(minN, 1) {
			continue
		}
		if g := math.Abs(b.Observed() - b.MeanP()); bin < 0 || g > gap {
			gap, bin = g, i
		}
	}
	return gap, bin
}
