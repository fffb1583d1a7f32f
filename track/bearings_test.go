package track

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
)

// recordSteps runs a scenario's world and sensors, with the overrides
// and duration given (0 keeps the scenario's), and returns every step's
// time and measurements, the coverages and the tracker configuration.
func recordSteps(t *testing.T, name string, durationS float64, sets ...string) ([]float64, [][]Measurement, []sensors.Coverage, Config) {
	t.Helper()
	sc, err := scenarios.Embedded(name)
	if err != nil {
		t.Fatal(err)
	}
	var ovs []scenarios.Override
	for _, s := range sets {
		ov, err := scenarios.ParseOverride(s)
		if err != nil {
			t.Fatal(err)
		}
		ovs = append(ovs, ov)
	}
	if sc, err = sc.With(ovs...); err != nil {
		t.Fatal(err)
	}
	if sc, err = sc.WithRun(nil, durationS); err != nil {
		t.Fatal(err)
	}
	w, err := sim.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	net, err := sensors.NewNetwork(sc, w)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := ConfigFrom(sc.Tracker)
	if err != nil {
		t.Fatal(err)
	}
	var cov []sensors.Coverage
	for _, s := range net.Sensors {
		cov = append(cov, s.Coverage())
	}
	var times []float64
	var steps [][]Measurement
	var dets []sensors.Detection
	for !w.Done() {
		w.Step()
		dets = net.Observe(w, dets[:0])
		ms := make([]Measurement, len(dets))
		for i := range dets {
			ms[i] = FromDetection(&dets[i])
		}
		times, steps = append(times, w.TimeS()), append(steps, ms)
	}
	return times, steps, cov, cfg
}

// TestBearingCandidatesAgainstEveryPair runs the tracker over each library
// scenario's measurements twice, once looking up each RF bearing's tracks
// by azimuth (bearingCandidates) and once testing every track against
// every bearing, and requires the same tracks, bit for bit, at every step:
// outside groups no bearing passes the coarse gate of more than
// maxBearingTracks tracks, and the search by azimuth must then find every
// track that passes.
func TestBearingCandidatesAgainstEveryPair(t *testing.T) {
	names := []string{"airbase", "airport", "base", "convoy", "depot"}
	if testing.Short() {
		names = []string{"airbase", "base"}
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			times, steps, cov, cfg := recordSteps(t, name, 0)
			a, b := New(cfg, cov), New(cfg, cov)
			b.everyBearing = true
			for i, ts := range times {
				a.Step(ts, steps[i])
				b.Step(ts, steps[i])
				a.Release(a.Ended())
				b.Release(b.Ended())
				if len(a.tracks) != len(b.tracks) {
					t.Fatalf("t = %.1f s: %d tracks by azimuth, %d testing every pair", ts, len(a.tracks), len(b.tracks))
				}
				for k, ta := range a.tracks {
					tb := b.tracks[k]
					if ta.ID != tb.ID || ta.Est.Comb.X != tb.Est.Comb.X || ta.Est.Comb.P != tb.Est.Comb.P || ta.Existence != tb.Existence {
						t.Fatalf("t = %.1f s: track %d by azimuth differs from track %d testing every pair", ts, ta.ID, tb.ID)
					}
				}
			}
		})
	}
}

// TestBearingCandidatesNearest checks the candidates of each RF bearing in
// a 150-drone group against a direct computation: every track that takes
// bearings tested by coarseBearingExact, ranked by its azimuth's distance
// from the bearing (geo.Azimuth), the nearest maxBearingTracks kept. The
// group must make the limit bind, or the test would not test it.
func TestBearingCandidatesNearest(t *testing.T) {
	times, steps, cov, cfg := recordSteps(t, "airbase", 150,
		"traffic[group].group.size=150", "traffic[group].group.formation=random",
		"traffic[group].start_s=0", "traffic[group].end_s=100")
	tr := New(cfg, cov)
	bound, checked, next := 0, 0, 60.0
	for i, ts := range times {
		tr.Step(ts, steps[i])
		tr.Release(tr.Ended())
		if ts < next || !slices.ContainsFunc(steps[i], func(m Measurement) bool { return !m.HasRange() }) {
			continue
		}
		next = ts + 5
		for s := range cov {
			tr.batch = tr.batch[:0]
			tb := 0.0
			for _, m := range steps[i] {
				if m.Sensor == s && !m.HasRange() {
					tr.batch = append(tr.batch, m)
					tb = max(tb, m.TimeS)
				}
			}
			if len(tr.batch) == 0 {
				continue
			}
			tr.bearingDirections()
			if !tr.bearingCandidates(tb) {
				t.Fatalf("t = %.1f s: one RF sensor's bearings from more than one antenna", ts)
			}
			// The reference: for each bearing, its tracks by distance.
			want := make([][]int, len(tr.tracks))
			type ranked struct {
				ti int
				d  float64
			}
			for j := range tr.batch {
				m := &tr.batch[j]
				var pass []ranked
				for ti, tk := range tr.tracks {
					if !tk.takesBearings(tb) {
						continue
					}
					pos := tk.extrapolate(tb)
					if tr.coarseBearingExact(m, pos, math.Sqrt(tr.gateVariance(tk, tb-tk.TimeS))) {
						d := math.Abs(geo.WrapPi(geo.Azimuth(r3.Sub(pos, m.Origin)) - m.z[0]))
						pass = append(pass, ranked{ti, d})
					}
				}
				slices.SortFunc(pass, func(a, b ranked) int { return cmp.Or(cmp.Compare(a.d, b.d), a.ti-b.ti) })
				if len(pass) > maxBearingTracks {
					bound++
					pass = pass[:maxBearingTracks]
				}
				for _, p := range pass {
					want[p.ti] = append(want[p.ti], j)
				}
				checked++
			}
			for ti := range tr.tracks {
				if got := tr.bearings.candidates(ti); !slices.Equal(got, want[ti]) {
					t.Fatalf("t = %.1f s, sensor %d, track %d: bearings %v, want %v", ts, s, tr.tracks[ti].ID, got, want[ti])
				}
			}
		}
	}
	t.Logf("%d bearings checked, %d with more than %d tracks in their coarse gate", checked, bound, maxBearingTracks)
	if bound == 0 {
		t.Fatalf("no bearing passed the coarse gate of more than %d tracks: the group does not test the limit", maxBearingTracks)
	}
}

// TestMergeSorted checks mergeSorted against slices.Sort on random pairs
// of sorted parts, empty parts included.
func TestMergeSorted(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var buf []int
	for range 500 {
		a, b := make([]int, rng.IntN(6)), make([]int, rng.IntN(6))
		for i := range a {
			a[i] = rng.IntN(20)
		}
		for i := range b {
			b[i] = rng.IntN(20)
		}
		slices.Sort(a)
		slices.Sort(b)
		s := append(slices.Clone(a), b...)
		want := slices.Sorted(slices.Values(s))
		buf = mergeSorted(s, len(a), buf)
		if !slices.Equal(s, want) {
			t.Fatalf("merging %v and %v: %v, want %v", a, b, s, want)
		}
	}
}

// TestNearestPicksAgainstSort checks bearingIndex.nearest, which merges
// the sorted picks of the wide tracks with those searchAzimuth found in
// order, against sorting them all and keeping the first maxBearingTracks:
// random distances with ties, a NaN (a wide track at the antenna counts
// 0, but nearest takes any), the found picks in order or not.
func TestNearestPicksAgainstSort(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	var x bearingIndex
	for trial := range 2000 {
		nw, nf := rnd.IntN(12), maxBearingTracks+1-rnd.IntN(12)
		tracks := rnd.Perm(nw + nf)
		x.picks = x.picks[:0]
		for i := range nw + nf {
			d := math.Round(rnd.Float64()*20) / 100 // ties
			if rnd.IntN(50) == 0 {
				d = math.NaN()
			}
			x.picks = append(x.picks, bearingPick{track: tracks[i], dAz: d})
		}
		if trial%2 == 0 {
			slices.SortFunc(x.picks[nw:], comparePicks)
		}
		want := slices.Clone(x.picks)
		slices.SortFunc(want, comparePicks)
		want = want[:min(len(want), maxBearingTracks)]
		if len(x.picks) <= maxBearingTracks {
			continue
		}
		x.nearest(nw)
		if !slices.EqualFunc(x.picks, want, func(a, b bearingPick) bool { return comparePicks(a, b) == 0 }) {
			t.Fatalf("trial %d: nearest %v, want %v", trial, x.picks, want)
		}
	}
}
