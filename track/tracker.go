package track

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/internal/keysort"
	"github.com/cuasim/cuasim/sensors"
)

// Initial existence probability of a track started from one plot or one
// triangulation, and the existence below which no probability falls.
const (
	initialExistence = 0.2
	minExistence     = 1e-6
	maxExistence     = 1 - 1e-9
)

// Tracker is a centralised multi-sensor tracker: it takes every sensor's
// measurements in time order and keeps a set of tracks.
//
// Each Step processes the measurements of one simulation step, sensor by
// sensor: it predicts the tracks to the time of the sensor's batch, gates
// (coarse sort-and-sweep, then chi-square on the Mahalanobis distance),
// associates by global nearest neighbour (an optimal assignment minimising
// the negative log-likelihood ratio of detection against clutter, with a
// "missed" option per track) or by JPDA (association probabilities),
// updates the assigned tracks (by PDA where a track has several weighted
// measurements), and starts new ones from what is left. At each sensor's scan end it notes the tracks
// the sensor looked at without updating. Once a second it closes a cycle
// for every track:
// a hit if any sensor updated it, a miss if none did although a sensor that
// had detected it looked, and applies the M-of-N confirmation (over cycles)
// and the deletion rules.
type Tracker struct {
	// Associator picks the measurement–track pairs; New sets a GNN, or a
	// JPDA when the configuration asks for it.
	Associator Associator

	cfg      Config
	cov      []sensors.Coverage
	nextScan []float64
	models   []MotionModel
	pdPg     float64
	gate     [maxMeasDim + 1]float64 // chi-square gate by measurement dimension
	coarseK  float64                 // σ multiple of the coarse gate of RF bearings
	maxPSD   float64                 // largest acceleration density of the models, m²/s³
	vertical VerticalPrior
	// priorLogOdds is ln(DronePrior/(1 − DronePrior)).
	priorLogOdds float64

	tracks []*Track
	ended  []*Track
	// endedSpare is the slice the last Ended returned, filled next.
	endedSpare []*Track
	nextID     int
	timeS      float64
	house      float64 // next housekeeping time

	w *ekf

	// scratch, reused
	batch     []Measurement
	points    []r3.Vec
	spread    []float64
	plotSin   []float64 // sine and cosine of each plot's azimuth
	plotCos   []float64
	maxSpread float64     // the largest of spread
	oneOrigin bool        // every plot of the batch has the first's antenna
	eastward  []sweepPlot // the plots in the order of order, for sweep
	// classes holds a large batch's plots by spread (sortPoints), used
	// when byClass (else sweep walks eastward); near3D is sweep's scratch,
	// spreadSorted sortPoints'.
	classes      [spreadClasses]spreadClass
	byClass      bool
	near3D       []int
	mergeBuf     []int
	spreadSorted []float64
	order        []keysort.Item[float64] // plots by east coordinate
	cand         []int                   // plots that pass a track's coarse gate
	pairs        []Pair
	lr           []float64 // by track: Σ Pd·g/λ over its gated measurements
	pdaMs        []*Measurement
	pdaB         []float64
	used         []bool
	gated        []bool
	near         []bool // plots near a confirmed track (nearFraction of its coarse gate): they start no track
	rfPool       []pooled
	powerMemo    []powerMemo // powerAssociation's, for the track being gated
	bearings     bearingIndex
	// everyBearing gates every track with every bearing that passes its
	// coarse gate, as bearingCandidates does when no bearing passes that of
	// more than maxBearingTracks tracks (for the tests).
	everyBearing bool
	// walkEast has sweep walk the plots in east order whatever the
	// batch's size, as it does below minClassPlots (for the tests).
	walkEast bool
	// perPlot has sweep compute what it keeps per antenna again for every
	// plot (for the tests).
	perPlot bool
	tri     triangulation
	free    []*Track // deleted tracks handed back by Release
	labels  []labelCache
	flock   []flockMark // birds' tracks that ended lately
	clutter []clutterLog
}

// pooled is an RF bearing no track took, waiting for a partner to
// triangulate with.
type pooled struct {
	m    Measurement
	used bool
}

// New returns a tracker for sensors with the given coverages (in network
// order).
func New(cfg Config, cov []sensors.Coverage) *Tracker {
	var assoc Associator = &GNN{}
	if cfg.JPDA {
		assoc = &JPDA{}
	}
	tr := &Tracker{Associator: assoc, cfg: cfg, cov: cov, nextScan: make([]float64, len(cov)), models: cfg.models(), w: newEKF(),
		pdPg: cfg.AssumedPd * cfg.GateProbability}
	for d := 1; d <= maxMeasDim; d++ {
		tr.gate[d] = distuv.ChiSquared{K: float64(d)}.Quantile(cfg.GateProbability)
	}
	tr.coarseK = math.Sqrt(distuv.ChiSquared{K: 3}.Quantile(cfg.GateProbability))
	for i := range cov {
		tr.nextScan[i] = cov[i].RevisitS
	}
	tr.maxPSD = max(cfg.CVAccelPSD, cfg.HoverAccelPSD)
	tr.vertical = cfg.vertical()
	tr.priorLogOdds = math.Log(cfg.DronePrior / (1 - cfg.DronePrior))
	return tr
}

// JPDAFallbacks returns how many components of the gating graph the JPDA
// associator found too large to enumerate and associated by GNN instead
// (see JPDA); 0 with any other associator.
func (tr *Tracker) JPDAFallbacks() int {
	if a, ok := tr.Associator.(*JPDA); ok {
		return a.Fallbacks()
	}
	return 0
}

// Tracks returns the live tracks (tentative and confirmed). The slice is
// the tracker's: do not keep it across steps.
func (tr *Tracker) Tracks() []*Track { return tr.tracks }

// Ended returns the tracks deleted since the last call, in ID order, and
// forgets them. The slice is the tracker's, valid until the next call:
// the tracker keeps two and fills one while the caller reads the other, so
// that a steady state allocates nothing.
func (tr *Tracker) Ended() []*Track {
	e := tr.ended
	tr.ended, tr.endedSpare = tr.endedSpare[:0], e
	slices.SortFunc(e, func(a, b *Track) int { return a.ID - b.ID })
	return e
}

// Step processes the measurements of a simulation step ending at timeS,
// sorted by time, and then the scan ends up to timeS.
func (tr *Tracker) Step(timeS float64, ms []Measurement) {
	for s := range tr.cov {
		tr.batch = tr.batch[:0]
		tb := 0.0
		for i := range ms {
			if ms[i].Sensor == s {
				tr.batch = append(tr.batch, ms[i])
				tb = max(tb, ms[i].TimeS)
			}
		}
		if len(tr.batch) > 0 {
			tr.process(s, tb)
		}
	}
	for s := range tr.cov {
		for tr.nextScan[s] <= timeS+1e-9 {
			tr.scanEnd(s, tr.nextScan[s])
			tr.nextScan[s] += tr.cov[s].RevisitS
		}
	}
	if timeS >= tr.house {
		tr.housekeeping(timeS)
		tr.house = math.Floor(timeS) + 1
	}
	tr.timeS = timeS
}

// predictTo brings a track's estimate to time t (never backwards).
func (tr *Tracker) predictTo(t *Track, s float64) {
	if s > t.TimeS {
		t.Est.Predict(s - t.TimeS)
		t.TimeS = s
	}
}

// process runs one sensor's batch at time tb.
func (tr *Tracker) process(s int, tb float64) {
	batch := tr.batch
	lambda := max(tr.cov[s].ClutterDensity(), 1e-300)
	logPdOverLambda, logLambda := tr.clutterLogs(s, lambda)
	tr.used = slices.Grow(tr.used[:0], len(batch))[:len(batch)]
	tr.gated = slices.Grow(tr.gated[:0], len(batch))[:len(batch)]
	tr.near = slices.Grow(tr.near[:0], len(batch))[:len(batch)]
	clear(tr.used)
	clear(tr.gated)
	clear(tr.near)
	tr.pairs = tr.pairs[:0]

	// Gating: a coarse test on extrapolated positions, then the
	// chi-square gate on the predicted measurement.
	radar := batch[0].HasRange()
	indexed := false
	if radar {
		tr.sortPoints()
	} else {
		tr.bearingDirections()
		indexed = !tr.everyBearing && tr.bearingCandidates(tb)
	}
	for ti, t := range tr.tracks {
		// The plots that pass the coarse gate; the track is predicted to tb
		// at the first (the sweep's later tests read its predicted
		// covariance).
		tr.cand = tr.cand[:0]
		if radar {
			tr.sweep(t, tb-t.TimeS, t.extrapolate(tb), tr.gateVariance(t, tb-t.TimeS), tb)
		} else {
			if !t.takesBearings(tb) {
				continue
			}
			tr.powerMemo = tr.powerMemo[:0] // powerAssociation's, for this track
			if indexed {
				tr.cand = append(tr.cand, tr.bearings.candidates(ti)...)
			} else {
				pos, std := t.extrapolate(tb), math.Sqrt(tr.gateVariance(t, tb-t.TimeS))
				for j := range batch {
					if tr.coarseBearing(j, pos, std) {
						tr.cand = append(tr.cand, j)
					}
				}
			}
			if len(tr.cand) > 0 {
				tr.predictTo(t, tb)
			}
		}
		for _, j := range tr.cand {
			m := &batch[j]
			nis, in := tr.w.gate(&t.Est.Comb, m, tr.gate[m.dim])
			if !in {
				continue
			}
			tr.gated[j] = true
			lik := -(nis + tr.w.logDet2piS()) / 2
			if !radar {
				// A bearing can be the track's only if its object emits.
				lik += t.logEmitterProbability()
				// Nor if its received power says another emitter made it.
				lik += tr.powerAssociation(t, m)
			}
			tr.pairs = append(tr.pairs, Pair{Track: ti, Meas: j, Cost: -(logPdOverLambda + lik), LogLik: lik})
		}
	}
	// Σⱼ Pd·gᵢⱼ/λ over each track's gated measurements, for the existence
	// of the tracks updated by PDA.
	// Only updatePDA reads them, which GNN and NearestNeighbour never
	// call for (they keep at most one pair per track, of weight 1).
	tr.lr = slices.Grow(tr.lr[:0], len(tr.tracks))[:len(tr.tracks)]
	clear(tr.lr)
	switch tr.Associator.(type) {
	case *GNN, NearestNeighbour, *NearestNeighbour:
	default:
		for _, p := range tr.pairs {
			tr.lr[p.Track] += math.Exp(min(-p.Cost, maxLogRatio))
		}
	}
	tr.Associator.Associate(tr.pairs, len(batch), -math.Log1p(-tr.pdPg))

	// The pairs a track kept follow one another, between rejected ones.
	for start := 0; start < len(tr.pairs); {
		p := tr.pairs[start]
		if p.Track < 0 {
			start++
			continue
		}
		end, kept := start+1, 1
		for ; end < len(tr.pairs) && (tr.pairs[end].Track == p.Track || tr.pairs[end].Track < 0); end++ {
			if tr.pairs[end].Track >= 0 {
				kept++
			}
		}
		t := tr.tracks[p.Track]
		if kept == 1 && p.Weight == 1 {
			m := &batch[p.Meas]
			tr.predictTo(t, tb)
			if t.Est.Update(m) {
				tr.used[p.Meas] = true
				tr.hit(t, s, m, p.LogLik, logLambda)
			}
		} else {
			tr.updatePDA(t, s, tb, tr.pairs[start:end], lambda)
		}
		start = end
	}

	for j := range batch {
		if tr.used[j] || tr.gated[j] || tr.near[j] {
			continue
		}
		if batch[j].HasRange() {
			tr.initiatePlot(s, &batch[j])
		} else {
			tr.rfPool = append(tr.rfPool, pooled{m: batch[j]})
		}
	}
	if !radar {
		tr.triangulate(tb)
	}
}

// clutterLogs returns ln(Pd/λ) and ln λ for sensor s's clutter density
// λ, kept per sensor for as long as λ stays the same (it is the sensor's).
func (tr *Tracker) clutterLogs(s int, lambda float64) (logPdOverLambda, logLambda float64) {
	for len(tr.clutter) <= s {
		tr.clutter = append(tr.clutter, clutterLog{})
	}
	c := &tr.clutter[s]
	if !c.ok || c.lambda != lambda || c.pd != tr.cfg.AssumedPd {
		*c = clutterLog{lambda: lambda, pd: tr.cfg.AssumedPd, logPdOverLambda: math.Log(tr.cfg.AssumedPd / lambda),
			logLambda: math.Log(lambda), ok: true}
	}
	return c.logPdOverLambda, c.logLambda
}

// clutterLog is what clutterLogs keeps for a sensor.
type clutterLog struct {
	lambda, pd, logPdOverLambda, logLambda float64
	ok                                     bool
}

// sortPoints computes the batch's plot positions and the variances of
// their errors and sorts them by east coordinate for the sweep.
func (tr *Tracker) sortPoints() {
	n := len(tr.batch)
	tr.points = slices.Grow(tr.points[:0], n)[:n]
	tr.spread = slices.Grow(tr.spread[:0], n)[:n]
	tr.order = slices.Grow(tr.order[:0], n)[:n]
	tr.plotSin = slices.Grow(tr.plotSin[:0], n)[:n]
	tr.plotCos = slices.Grow(tr.plotCos[:0], n)[:n]
	tr.maxSpread = 0
	tr.oneOrigin = true
	for j := range tr.batch {
		m := &tr.batch[j]
		tr.oneOrigin = tr.oneOrigin && m.Origin == tr.batch[0].Origin
		p, rho := tr.plotPoint(m)
		tr.points[j] = p
		tr.plotSin[j], tr.plotCos[j] = m.sincosAz()
		v := m.std[0] * m.std[0]
		r := m.z[0]
		if m.HasElevation() {
			for i := 1; i < m.dim; i++ {
				if c := m.comp[i]; c == compAzimuth || c == compElevation {
					v += r * r * m.std[i] * m.std[i]
				}
			}
		} else {
			// The trace of J·R·Jᵀ of plotPoint's conversion.
			rho = max(rho, 1)
			dz := p.Z - m.Origin.Z
			sa := tr.cfg.AltitudeStdM
			v = v*(r/rho)*(r/rho) + rho*rho*m.std[1]*m.std[1] + sa*sa*(1+dz*dz/(rho*rho))
		}
		tr.spread[j] = v
		tr.maxSpread = max(tr.maxSpread, v)
		tr.order[j] = keysort.Item[float64]{Key: p.X, Index: j}
	}
	// In the order slices.SortFunc with cmp.Compare of the east
	// coordinates gives.
	keysort.Sort(tr.order)
	// What the sweep's first test reads, in that order, side by side.
	tr.eastward = slices.Grow(tr.eastward[:0], n)[:n]
	for k, it := range tr.order {
		j := it.Index
		m := &tr.batch[j]
		tr.eastward[k] = sweepPlot{p: tr.points[j], spread: tr.spread[j], gate: tr.gate[m.dim], j: j,
			r: m.z[0], stdR: m.std[0]}
	}
	// A large batch's plots by spread class, cut at the median and the
	// 90th percentile of the spreads.
	for c := range tr.classes {
		tr.classes[c].plots, tr.classes[c].maxSpread = tr.classes[c].plots[:0], 0
	}
	if tr.byClass = n >= minClassPlots && !tr.walkEast; !tr.byClass {
		return
	}
	tr.spreadSorted = append(tr.spreadSorted[:0], tr.spread...)
	slices.Sort(tr.spreadSorted)
	cut := [spreadClasses - 1]float64{tr.spreadSorted[n/2], tr.spreadSorted[n*9/10]}
	for k := range tr.eastward {
		sp := &tr.eastward[k]
		c := 0
		for c < len(cut) && !(sp.spread <= cut[c]) {
			c++
		}
		cl := &tr.classes[c]
		cl.plots = append(cl.plots, classPlot{x: sp.p.X, y: sp.p.Y, z: sp.p.Z, spread: sp.spread, gate: sp.gate, k: k})
		cl.maxSpread = max(cl.maxSpread, sp.spread)
	}
	for c := range tr.classes {
		tr.classes[c].band(tr.gate[maxMeasDim])
	}
}

// maxBands is the most bands a spread class's plots are split into by
// north coordinate.
const maxBands = 64

// band sorts the class's plots into bands by north coordinate, as wide as
// the smallest half-height of the class's sweep window (√(γ·maxSpread),
// for a track of no spread), each band's plots in east order: banded and
// bandStart. The bands are one (the class's plots) when a coordinate is
// not finite.
func (cl *spreadClass) band(gamma float64) {
	cl.bandStart = append(cl.bandStart[:0], 0)
	cl.banded = append(cl.banded[:0], cl.plots...)
	if len(cl.plots) == 0 {
		cl.bandStart = append(cl.bandStart, 0)
		return
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	finite := true
	for i := range cl.plots {
		p := &cl.plots[i]
		lo, hi = min(lo, p.y), max(hi, p.y)
		finite = finite && !math.IsNaN(p.x) && !math.IsInf(p.x, 0)
	}
	w := math.Sqrt(gamma * cl.maxSpread)
	n := 1
	if ext := hi - lo; finite && !math.IsInf(ext, 0) && !math.IsNaN(ext) && w > 0 && !math.IsInf(w, 0) {
		w = max(w, ext/(maxBands-1))
		n = min(int(ext/w)+1, maxBands)
	}
	cl.bandY0, cl.bandW = lo, w
	if n == 1 {
		cl.bandStart = append(cl.bandStart, len(cl.plots))
		return
	}
	// A counting sort by band, stable: each band's plots stay in east
	// order.
	cl.bandStart = slices.Grow(cl.bandStart[:0], n+1)[:n+1]
	clear(cl.bandStart)
	for i := range cl.plots {
		cl.bandStart[cl.bandOf(cl.plots[i].y, n)+1]++
	}
	for b := range n {
		cl.bandStart[b+1] += cl.bandStart[b]
	}
	for i := range cl.plots {
		b := cl.bandOf(cl.plots[i].y, n)
		cl.banded[cl.bandStart[b]] = cl.plots[i]
		cl.bandStart[b]++
	}
	copy(cl.bandStart[1:], cl.bandStart[:n])
	cl.bandStart[0] = 0
}

// bandOf returns the band of north coordinate y, clamped to the n bands
// (the lowest for NaN).
func (cl *spreadClass) bandOf(y float64, n int) int {
	f := math.Floor((y - cl.bandY0) / cl.bandW)
	switch {
	case !(f >= 0):
		return 0
	case f >= float64(n-1):
		return n - 1
	}
	return int(f)
}

// sweepPlot is a plot as the sweep's tests read it: its position, spread
// and chi-square gate, its index in the batch, and its measured range and
// the range's σ (64 bytes, one cache line).
type sweepPlot struct {
	p            r3.Vec
	spread, gate float64
	j            int
	r, stdR      float64
}

// nearFraction is the part of a confirmed track's coarse gate (in squared
// distance) inside which a plot that no track takes starts no track: a
// fifth, 0.45 of its radius, about two standard deviations of the track
// and the plot together. Larger, fewer tracks per flock of birds but more
// targets missed on the 2-D benchmark where targets cross (a quarter gave
// 0.101 missed per scan at K = 50 with the IMM).
const nearFraction = 0.2

// gateVariance bounds the trace of the position covariance of track t
// predicted dtS seconds on: with σp² and σv² the traces of its position
// and velocity blocks, (σp + |dt|·σv)² + q·|dt|³, q the largest
// acceleration density of the models (each adds at most q·dt³/3 per axis).
func (tr *Tracker) gateVariance(t *Track, dtS float64) float64 {
	P := &t.Est.Comb.P
	dt := math.Abs(dtS)
	s := math.Sqrt(P[ix][ix]+P[iy][iy]+P[iz][iz]) + dt*math.Sqrt(P[ivx][ivx]+P[ivy][ivy]+P[ivz][ivz])
	return s*s + tr.maxPSD*dt*dt*dt
}

// sweep appends to tr.cand every plot that may lie in the chi-square gate
// of track t, predicted dtS seconds on (to the batch time tb) to pos with a
// position covariance of trace at most v: the coarse gate, in
// O(log n + candidates) per track, with three necessary conditions that
// cost no prediction of the track. It predicts the track to tb at the
// first candidate; the tests of the plots after it read the predicted
// covariance.
//
// Under the hypothesis that the plot is the track's, any part of the
// innovation has a Mahalanobis distance at most the whole's (the NIS),
// which the gate bounds by γ:
//
//   - position: the Cartesian difference Δ has covariance
//     C = P + J·R·Jᵀ (J the polar-to-Cartesian Jacobian) and
//     ΔᵀC⁻¹Δ ≥ |Δ|²/trace C, so |Δ|² ≤ γ·(v + trace J·R·Jᵀ);
//   - range: its innovation variance is σr² + uᵀPu (u the unit vector
//     from the antenna to the track), so (r − r̂)² ≤ γ·(σr² + uᵀPu);
//   - azimuth: its variance is σaz² + eᵀPe/ρ̂² (e the horizontal unit
//     vector across the line of sight, ρ̂ the track's ground range), and
//     |sin Δaz| ≤ |Δaz|, so ρ̂²·sin²Δaz ≤ γ·(σaz²·ρ̂² + eᵀPe) and, when
//     that bound is under ρ̂², |Δaz| < π/2.
//
// P is the predicted position covariance, bounded along any unit vector e
// without predicting: eᵀPe ≤ (√(eᵀPₚₚe) + |dt|·√(eᵀPᵥᵥe))² + q·|dt|³/3.
func (tr *Tracker) sweep(t *Track, dtS float64, pos r3.Vec, v, tb float64) {
	half := math.Sqrt(tr.gate[maxMeasDim] * (v + tr.maxSpread))
	lo := pos.X - half
	P := &t.Est.Comb.P
	dt := math.Abs(dtS)
	qdt := tr.maxPSD * dt * dt * dt / 3
	// An upper bound of alongBound in any direction, for a cheap first
	// range test (computed again once the track is predicted).
	c := sweepBounds{P: P, dt: dt, qdt: qdt, anyDir: traceBound(P, dt, qdt)}
	if tr.byClass && tr.oneOrigin && !tr.perPlot {
		tr.sweepByClass(t, &c, pos, v, lo, pos.X+half, tb)
		return
	}
	// The plots within the first test's sphere, in east order: walked
	// along tr.eastward, or, in a large batch, gathered by spread class.
	hits := tr.near3D[:0]
	if !tr.byClass {
		for k := tr.searchEast(lo); k < len(tr.eastward); k++ {
			// The window's end and the first test read tr.eastward alone,
			// in order: in a swarm most plots of the window fail them.
			sp := &tr.eastward[k]
			if sp.p.X > pos.X+half {
				break
			}
			if d := r3.Sub(sp.p, pos); r3.Dot(d, d) > sp.gate*(v+sp.spread) {
				continue
			}
			hits = append(hits, k)
		}
	} else {
		hits = tr.sphereByClass(hits, pos, v, lo, pos.X+half)
	}
	tr.near3D = hits
	// What the tests compute from the track and a plot's antenna alone is
	// kept while the antenna is the same (in a batch, one sensor's, it
	// always is, and oneOrigin spares the look): see sweepBounds. The same
	// arithmetic on the same values, so the same results as computing them
	// for each plot (perPlot, for the tests).
	var origin r3.Vec
	have := false
	for _, k := range hits {
		sp := &tr.eastward[k]
		g := sp.gate
		d := r3.Sub(sp.p, pos)
		j := sp.j
		if t.Status == Confirmed && r3.Dot(d, d) <= nearFraction*g*(v+sp.spread) {
			tr.near[j] = true
		}
		if !have || tr.perPlot || (!tr.oneOrigin && tr.batch[j].Origin != origin) {
			origin, have = tr.batch[j].Origin, true
			c.from(pos, origin)
		}
		if !tr.passes(&c, sp) {
			continue
		}
		if len(tr.cand) == 0 {
			tr.predictTo(t, tb)
			c.predicted()
		}
		tr.cand = append(tr.cand, j)
	}
}

// sweepBounds is what the sweep's range and azimuth tests compute from
// the track and the plot's antenna alone: the track's offset from the
// antenna, its ground range squared and its range, the bound of its
// covariance in any direction and, computed at the first plot that needs
// them, the bounds along and across the line of sight; all computed again
// once the track is predicted (predicted), as P then changes.
type sweepBounds struct {
	P       *[stateDim][stateDim]float64
	dt, qdt float64

	rel                   r3.Vec
	rho2, r               float64
	anyDir, along, across float64
	haveAl, haveAcr       bool
}

// from sets the bounds for the antenna at origin, the track at pos.
func (c *sweepBounds) from(pos, origin r3.Vec) {
	c.rel = r3.Sub(pos, origin)
	c.rho2 = c.rel.X*c.rel.X + c.rel.Y*c.rel.Y
	c.r = math.Sqrt(c.rho2 + c.rel.Z*c.rel.Z)
	c.haveAl, c.haveAcr = false, false
}

// predicted notes that the track has been predicted: P has changed.
func (c *sweepBounds) predicted() {
	c.anyDir = traceBound(c.P, c.dt, c.qdt)
	c.haveAl, c.haveAcr = false, false
}

// passes reports whether the plot sp, within the first test's sphere,
// passes the sweep's range and azimuth tests (see sweep).
func (tr *Tracker) passes(c *sweepBounds, sp *sweepPlot) bool {
	g := sp.gate
	dr := sp.r - c.r
	if dr*dr > g*(sp.stdR*sp.stdR+c.anyDir) {
		return false
	}
	if !c.haveAl {
		c.along, c.haveAl = alongBound(c.P, c.dt, c.qdt, r3.Scale(1/max(c.r, 1e-6), c.rel)), true
	}
	if dr*dr > g*(sp.stdR*sp.stdR+c.along) {
		return false
	}
	// ρ̂·sin and ρ̂·cos of the plot's azimuth minus the track's.
	j := sp.j
	sinR := tr.plotSin[j]*c.rel.Y - tr.plotCos[j]*c.rel.X
	cosR := tr.plotSin[j]*c.rel.X + tr.plotCos[j]*c.rel.Y
	if !c.haveAcr {
		rho := max(math.Sqrt(c.rho2), 1e-6)
		c.across, c.haveAcr = alongBound(c.P, c.dt, c.qdt, r3.Vec{X: c.rel.Y / rho, Y: -c.rel.X / rho}), true
	}
	m := &tr.batch[j]
	b := g * (m.std[1]*m.std[1]*c.rho2 + c.across)
	return !(b < c.rho2 && (cosR < 0 || sinR*sinR > b))
}

// sweepByClass is sweep for a large batch of plots from one antenna: what
// sphereByClass and the tests in east order find, with the tests done in
// the scan of each spread class. Until the track's first candidate in
// east order the tests read the track as it is, so the first candidate is
// the plot earliest in east order that passes them; only when there is
// one is the track predicted and the hits after the first tested again on
// the predicted track, in any order (the tests then read the same bounds
// for all), and the candidates they find sorted into east order.
func (tr *Tracker) sweepByClass(t *Track, c *sweepBounds, pos r3.Vec, v, lo, hi float64, tb float64) {
	c.from(pos, tr.batch[0].Origin)
	confirmed := t.Status == Confirmed
	first := len(tr.eastward)
	hits := tr.near3D[:0]
	for ci := range tr.classes {
		cl := &tr.classes[ci]
		// The margin is far above the rounding of either side.
		hc := math.Sqrt(tr.gate[maxMeasDim]*(v+cl.maxSpread))*(1+1e-9) + 1e-9
		from, to := max(lo, pos.X-hc), min(hi, pos.X+hc)
		// A plot within the sphere is less than hc from pos north too: in
		// the bands from pos.Y − hc's to pos.Y + hc's.
		nb := len(cl.bandStart) - 1
		b0, b1 := cl.bandOf(pos.Y-hc, nb), cl.bandOf(pos.Y+hc, nb)
		if math.IsNaN(pos.Y-hc) || math.IsNaN(pos.Y+hc) {
			b0, b1 = 0, nb-1
		}
		for b := b0; b <= b1; b++ {
			ps := cl.banded[cl.bandStart[b]:cl.bandStart[b+1]]
			i, n := 0, len(ps)
			for n > i { // the first plot not west of from
				m := int(uint(i+n) >> 1)
				if ps[m].x < from {
					i = m + 1
				} else {
					n = m
				}
			}
			for ; i < len(ps) && ps[i].x <= to; i++ {
				p := &ps[i]
				d := r3.Sub(r3.Vec{X: p.x, Y: p.y, Z: p.z}, pos)
				d2 := r3.Dot(d, d)
				if d2 > p.gate*(v+p.spread) {
					continue
				}
				k := p.k
				sp := &tr.eastward[k]
				if confirmed && d2 <= nearFraction*p.gate*(v+p.spread) {
					tr.near[sp.j] = true
				}
				hits = append(hits, k)
				if k < first {
					// passes's first test, inline: most hits fail it.
					if dr := sp.r - c.r; !(dr*dr > sp.gate*(sp.stdR*sp.stdR+c.anyDir)) && tr.passes(c, sp) {
						first = k
					}
				}
			}
		}
	}
	tr.near3D = hits
	if first == len(tr.eastward) {
		return
	}
	// The hits after the first candidate, tested on the predicted track:
	// the tests now read the same bounds whatever the order, so only the
	// candidates they find are sorted into east order.
	tr.predictTo(t, tb)
	c.predicted()
	tr.cand = append(tr.cand, tr.eastward[first].j)
	after := hits[:0]
	for _, k := range hits {
		if k <= first {
			continue
		}
		sp := &tr.eastward[k]
		if dr := sp.r - c.r; !(dr*dr > sp.gate*(sp.stdR*sp.stdR+c.anyDir)) && tr.passes(c, sp) {
			after = append(after, k)
		}
	}
	slices.Sort(after)
	for _, k := range after {
		tr.cand = append(tr.cand, tr.eastward[k].j)
	}
}

// spreadClasses is how many classes sortPoints splits a large batch's
// plots into by spread, and minClassPlots the batch it starts at.
const (
	spreadClasses = 3
	minClassPlots = 256
)

// spreadClass is the plots of one spread class in east order: each one's
// east coordinate and place in tr.eastward, and the class's largest
// spread.
//
// banded holds the same plots in bands by north coordinate, band b's
// being banded[bandStart[b]:bandStart[b+1]] in east order; band b holds
// the north coordinates from bandY0 + b·bandW (the lowest band all below,
// the highest all above).
type spreadClass struct {
	plots     []classPlot
	maxSpread float64

	banded        []classPlot
	bandStart     []int
	bandY0, bandW float64
}

// classPlot is a plot of a spread class: what the sweep's first test
// reads (its position, spread and chi-square gate, as in tr.eastward) and
// its place in tr.eastward, so that the scan of a class reads one array
// in order.
type classPlot struct {
	x, y, z      float64
	spread, gate float64
	k            int
}

// sphereByClass appends to hits the places in tr.eastward, in order, of
// the plots with east coordinate in [lo, hi] within the sweep's first
// test, the sphere |Δ|² ≤ γ·(v + spread): what the walk along tr.eastward
// finds, but looking in each spread class only at the plots within the
// east window of the class's own largest spread (|Δₑ| ≤ |Δ|). A far plot
// of low SNR, uncertain by hundreds of metres, no longer widens the window
// of every other plot.
func (tr *Tracker) sphereByClass(hits []int, pos r3.Vec, v, lo, hi float64) []int {
	for c := range tr.classes {
		cl := &tr.classes[c]
		// The margin is far above the rounding of either side.
		hc := math.Sqrt(tr.gate[maxMeasDim]*(v+cl.maxSpread))*(1+1e-9) + 1e-9
		from, to := max(lo, pos.X-hc), min(hi, pos.X+hc)
		start := len(hits)
		ps := cl.plots
		i, n := 0, len(ps)
		for n > i { // the first plot not west of from
			m := int(uint(i+n) >> 1)
			if ps[m].x < from {
				i = m + 1
			} else {
				n = m
			}
		}
		for ; i < len(ps) && ps[i].x <= to; i++ {
			sp := &tr.eastward[ps[i].k]
			if d := r3.Sub(sp.p, pos); r3.Dot(d, d) > sp.gate*(v+sp.spread) {
				continue
			}
			hits = append(hits, ps[i].k)
		}
		if c > 0 && len(hits) > start && start > 0 {
			tr.mergeBuf = mergeSorted(hits, start, tr.mergeBuf)
		}
	}
	return hits
}

// mergeSorted sorts s, whose parts s[:mid] and s[mid:] are each sorted:
// a linear merge through buf, which it returns grown for the next call.
func mergeSorted(s []int, mid int, buf []int) []int {
	buf = append(buf[:0], s[:mid]...)
	i, j, k := 0, mid, 0
	for i < len(buf) && j < len(s) {
		if s[j] < buf[i] {
			s[k] = s[j]
			j++
		} else {
			s[k] = buf[i]
			i++
		}
		k++
	}
	copy(s[k:], buf[i:]) // what is left of the first part; the second's is in place
	return buf
}

// searchEast returns the first place in the plots sorted by east
// coordinate whose east coordinate is not below x: what
// slices.BinarySearchFunc with cmp.Compare returns, without a call per
// probe.
func (tr *Tracker) searchEast(x float64) int {
	lo, hi := 0, len(tr.order)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if cmp.Less(tr.order[m].Key, x) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// alongBound bounds eᵀPe for the covariance P predicted |dt| seconds on
// (qdt = q·|dt|³/3), e a unit vector: (√(eᵀPₚₚe) + |dt|·√(eᵀPᵥᵥe))² + qdt,
// each quadratic form as eₓ²·Bₓₓ + e_y²·B_yy + e_z²·B_zz +
// 2·(eₓe_y·Bₓ_y + eₓe_z·Bₓ_z + e_ye_z·B_yz).
func alongBound(P *[stateDim][stateDim]float64, dt, qdt float64, e r3.Vec) float64 {
	x, y, z := e.X, e.Y, e.Z
	pp := x*x*P[0][0] + y*y*P[1][1] + z*z*P[2][2] + 2*(x*y*P[0][1]+x*z*P[0][2]+y*z*P[1][2])
	vv := x*x*P[3][3] + y*y*P[4][4] + z*z*P[5][5] + 2*(x*y*P[3][4]+x*z*P[3][5]+y*z*P[4][5])
	s := math.Sqrt(max(pp, 0)) + dt*math.Sqrt(max(vv, 0))
	return s*s + qdt
}

// traceBound bounds alongBound(P, dt, qdt, e) over every unit vector e,
// with a margin for rounding: eᵀBe is at most the trace of B for a
// covariance block B, so √(eᵀPₚₚe) + |dt|·√(eᵀPᵥᵥe) is at most
// √tr Pₚₚ + |dt|·√tr Pᵥᵥ. The margin, 1e-9 relative, is far above the
// rounding of either computation (a few units of 1e-16) and of the
// covariance's departure from symmetric positive semi-definite.
func traceBound(P *[stateDim][stateDim]float64, dt, qdt float64) float64 {
	s := math.Sqrt(max(P[0][0]+P[1][1]+P[2][2], 0)) + dt*math.Sqrt(max(P[3][3]+P[4][4]+P[5][5], 0))
	return (s*s + qdt) * (1 + 1e-9)
}

// bearingDirections computes the sine and cosine of each RF bearing of
// the batch, for coarseBearing.
func (tr *Tracker) bearingDirections() {
	n := len(tr.batch)
	tr.plotSin = slices.Grow(tr.plotSin[:0], n)[:n]
	tr.plotCos = slices.Grow(tr.plotCos[:0], n)[:n]
	for j := range tr.batch {
		tr.plotSin[j], tr.plotCos[j] = tr.batch[j].sincosAz()
	}
}

// coarseBearing is the coarse gate of RF bearing j of the batch: the
// track's azimuth from the sensor within a few σ of the bearing.
//
// Most tracks are far off the bearing or close to it, and that is decided
// without the track's azimuth: with d the track's ground offset from the
// sensor, n = |d| and Δ the azimuth minus the bearing θ, n·sin Δ =
// dₑ·cos θ − dₙ·sin θ and n·cos Δ = dₑ·sin θ + dₙ·cos θ; with T the
// tolerance, |Δ| ≤ T fails when cos Δ < 0 (T under a right angle) or
// |sin Δ| > T, and holds when cos Δ > 0 and |sin Δ| < T − T³/6 ≤ sin T.
// Each test needs a margin of 1e-9 (relative), far above the rounding of
// either computation (a few units of 1e-16); the rest are computed as
// coarseBearingExact does.
func (tr *Tracker) coarseBearing(j int, pos r3.Vec, std float64) bool {
	m := &tr.batch[j]
	d := r3.Sub(pos, m.Origin)
	if n2 := d.X*d.X + d.Y*d.Y; n2 > 1.01 && n2 < 1e300 {
		n := math.Sqrt(n2)
		t := tr.coarseK*(m.std[0]+std/n) + 0.01
		if t < 1.5 { // under a right angle, with room
			s, c := tr.plotSin[j], tr.plotCos[j]
			sinD := math.Abs(d.X*c-d.Y*s) / n
			cosD := (d.X*s + d.Y*c) / n
			switch {
			case cosD < -1e-9 || (cosD > 0 && sinD > t*(1+1e-9)):
				return false
			case cosD > 1e-9 && sinD < (t-t*t*t/6)*(1-1e-9):
				return true
			}
		}
	}
	return tr.coarseBearingExact(m, pos, std)
}

// coarseBearingExact is the coarse gate of an RF bearing, computed: the
// track's azimuth from the sensor within a few σ of the bearing.
func (tr *Tracker) coarseBearingExact(m *Measurement, pos r3.Vec, std float64) bool {
	d := r3.Sub(pos, m.Origin)
	rng := math.Hypot(d.X, d.Y)
	if rng < 1 {
		return true
	}
	az := geo.Azimuth(d)
	tol := tr.coarseK * (m.std[0] + std/rng)
	return math.Abs(geo.WrapPi(az-m.z[0])) <= tol+0.01
}
