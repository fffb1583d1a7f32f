package track

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cuasim/cuasim/sensors"
)

// hit records that measurement m from sensor s updated track t, with ln g
// the measurement's log-likelihood under the prediction and logLambda the
// logarithm of the sensor's clutter density λ. The existence update is
// Musicki's for one measurement in the gate: P(z | object) =
// Pd·g + (1 − Pd)·λ against P(z | none) = λ.
func (tr *Tracker) hit(t *Track, s int, m *Measurement, lik, logLambda float64) {
	ratio := 1 - tr.cfg.AssumedPd + tr.cfg.AssumedPd*math.Exp(min(lik-logLambda, maxLogRatio))
	tr.credit(t, s, m, ratio)
}

// maxLogRatio bounds the log-likelihood ratios that are exponentiated.
const maxLogRatio = 700

// updatePDA updates track t with the weighted measurements of the pairs
// it kept among ps (those with a track ≥ 0) by probabilistic data
// association (IMM.UpdatePDA), at the batch time tb of sensor s.
//
// The existence follows the integrated PDA with every gated measurement
// (Musicki, Evans and Stankovic 1994): the likelihood ratio of "the
// object exists" is 1 − Pd·Pg + Σⱼ Pd·gⱼ/λ over all the track's gated
// measurements (those JPDA dropped for a negligible β too). The update is
// a hit when Σⱼ βⱼ ≥ 0.5 — the track more likely took a measurement than
// not — and then counts as one for M-of-N, the misses and the
// classification, which takes the evidence (micro-Doppler label, RF
// emission) of the measurement of highest β only, as GNN would. Otherwise
// it is not a hit: the cycle counts a miss if a sensor looked, without
// applying the miss to the existence a second time.
func (tr *Tracker) updatePDA(t *Track, s int, tb float64, ps []Pair, lambda float64) {
	tr.pdaMs, tr.pdaB = tr.pdaMs[:0], tr.pdaB[:0]
	var bsum float64
	best := -1
	for _, p := range ps {
		if p.Track < 0 {
			continue
		}
		tr.pdaMs = append(tr.pdaMs, &tr.batch[p.Meas])
		tr.pdaB = append(tr.pdaB, p.Weight)
		bsum += p.Weight
		if best < 0 || p.Weight > tr.pdaB[best] {
			best = len(tr.pdaB) - 1
		}
	}
	tr.predictTo(t, tb)
	if !t.Est.UpdatePDA(tr.pdaMs, tr.pdaB, max(0, 1-bsum), tr.cfg.AssumedPd, tr.cfg.GateProbability, lambda) {
		return
	}
	for _, p := range ps {
		if p.Track >= 0 {
			tr.used[p.Meas] = true
		}
	}
	ratio := 1 - tr.pdPg + min(tr.lr[ps[0].Track], math.Exp(maxLogRatio))
	if bsum >= 0.5 {
		tr.credit(t, s, tr.pdaMs[best], ratio)
		return
	}
	t.Existence = clampExistence(t.Existence * ratio / (t.Existence*ratio + 1 - t.Existence))
	t.pdaLooked = true
	setClass(t)
}

// credit records that measurement m from sensor s updated track t (a hit),
// with ratio the likelihood ratio of the existence update.
func (tr *Tracker) credit(t *Track, s int, m *Measurement, ratio float64) {
	t.hitBy.set(s, true)
	t.seenBy.set(s, true)
	t.updated = true
	if m.Kind == sensors.RadarPlot || t.rfBorn {
		t.confirming = true
	}
	t.UpdatedS = m.TimeS
	t.Existence = clampExistence(t.Existence * ratio / (t.Existence*ratio + 1 - t.Existence))
	defer setClass(t)
	if m.Kind == sensors.RFBearing {
		t.RFUpdates++
		t.Emitter = true
		tr.checkPower(t, m)
		// Emission counts when bearings of two sensors agree on the track
		// within rfCrossS: one sensor's bearing is some emitter on its
		// line, which a bird near the line of a drone elsewhere also
		// takes; a second sensor's line through the same track is not
		// chance.
		if m.TimeS >= t.lastRF+1 {
			cross := m.Sensor != t.rfSensor && m.TimeS-t.rfSensorS <= rfCrossS
			switch {
			case t.ghost:
				// The received powers say the bearings are of different
				// emitters: they are no evidence that this object emits.
			case cross:
				t.class.addRF(rfEvidence)
			default:
				t.class.addRF(rfEvidence / 3)
			}
			t.lastRF = m.TimeS
			t.Evidence.RFSeconds++
		}
		t.rfSensor, t.rfSensorS = m.Sensor, m.TimeS
	} else {
		t.RadarUpdates++
		t.lastRadar = m.TimeS
		if c := tr.cov[s].Classifier; c != nil && m.Class != sensors.ClassNone {
			// Each label is an independent draw given the object's kind:
			// Bayes' rule adds its log-likelihood ratio in full.
			t.class.addLabel(tr.labelLLR(s, c, m.Class))
			if m.Class == sensors.ClassDrone {
				t.Evidence.DroneLabels++
			} else {
				t.Evidence.BirdLabels++
			}
		}
	}
}

// labelLLR returns ln(P(label | drone)/P(label | bird)) for sensor s's
// classifier c, kept per sensor and label for as long as c's
// probabilities stay the same.
func (tr *Tracker) labelLLR(s int, c *sensors.Confusion, label sensors.Class) float64 {
	p0, p1 := c.PLabel(label, 0), c.PLabel(label, 1)
	if int(label) >= len(labelCache{}.e) {
		return math.Log(p0 / p1)
	}
	for len(tr.labels) <= s {
		tr.labels = append(tr.labels, labelCache{})
	}
	e := &tr.labels[s].e[label]
	if !e.ok || e.p0 != p0 || e.p1 != p1 {
		*e = labelEntry{p0: p0, p1: p1, llr: math.Log(p0 / p1), ok: true}
	}
	return e.llr
}

// labelCache holds a sensor's label log-likelihood ratios, by label.
type labelCache struct{ e [3]labelEntry }

type labelEntry struct {
	p0, p1, llr float64
	ok          bool
}

func clampExistence(p float64) float64 { return min(maxExistence, max(minExistence, p)) }

// scanEnd notes, at the end of sensor s's scan at ts, which tracks it
// looked at without updating them: those inside its coverage for the whole
// scan, if it has detected the object before (an RF sensor cannot hear a
// silent drone, a short-range radar sees nothing of a far one).
func (tr *Tracker) scanEnd(s int, ts float64) {
	cov := &tr.cov[s]
	for _, t := range tr.tracks {
		if t.hitBy.has(s) {
			t.hitBy.set(s, false)
			continue
		}
		if t.seenBy.has(s) && t.BornS <= ts-cov.RevisitS && cov.Covers(t.extrapolate(ts)) {
			t.looked = true
		}
	}
}

// cycle closes the tracker's one-second cycle for track t: a hit if any
// sensor updated it, a miss if none did though one that has detected it
// before looked, nothing otherwise (out of every sensor's coverage). Hits
// and misses feed the M-of-N confirmation, the miss count for deletion and
// the existence probability.
//
// A tentative track started on a radar plot needs radar hits to be
// confirmed: an RF bearing fixes a direction, not a point, and would
// otherwise confirm a false alarm lying on some drone's line of bearing.
func (tr *Tracker) cycle(t *Track, now float64) {
	hit, looked := t.updated, t.looked
	confirming, pdaLooked := t.confirming, t.pdaLooked
	t.updated, t.looked, t.confirming, t.pdaLooked = false, false, false, false
	switch {
	case hit:
		t.Hits++
		t.Misses = 0
	case looked:
		t.Misses++
		if !pdaLooked { // a PDA update that was no hit has already weighed the miss
			t.Existence = clampExistence(t.Existence * (1 - tr.pdPg) / (1 - t.Existence*tr.pdPg))
			setClass(t)
		}
	case t.Status != Tentative:
		return
	}
	// A tentative track counts every cycle towards M-of-N, looked at or
	// not: one outside every sensor's coverage (a plot that put it under
	// the ground, say) must not wait there for ever.
	t.Looks++
	if t.Status == Tentative && t.windowLen < tr.cfg.ConfirmN {
		t.window <<= 1
		if hit {
			t.window |= 1
		}
		if !confirming {
			t.window &^= 1
		}
		t.windowLen++
		if tr.confirmable(t) {
			t.Status, t.ConfirmedS = Confirmed, now
		}
	}
}

// confirmable reports whether tentative track t passes the confirmation
// rule: M hits in its first N cycles, or, by existence, an existence
// probability of ConfirmExistence after two hits at least (the one that
// started it counts). Only hits that count towards confirmation (see
// cycle) are counted.
func (tr *Tracker) confirmable(t *Track) bool {
	if tr.cfg.ExistenceConfirm {
		return t.hitsInWindow() >= 2 && t.Existence >= tr.cfg.ConfirmExistence
	}
	return t.hitsInWindow() >= tr.cfg.ConfirmM
}

// unconfirmable reports whether tentative track t can no longer be
// confirmed: it cannot reach M of N, or, by existence, its existence fell
// under DeleteExistence or it has had its N cycles.
func (tr *Tracker) unconfirmable(t *Track) bool {
	if tr.cfg.ExistenceConfirm {
		return t.Existence < tr.cfg.DeleteExistence || t.windowLen >= tr.cfg.ConfirmN
	}
	return t.windowLen-t.hitsInWindow() > tr.cfg.ConfirmN-tr.cfg.ConfirmM
}

// housekeeping, once a second: brings every track to the present, closes
// its cycle, updates the classification and deletes tracks that fail the
// rules.
func (tr *Tracker) housekeeping(now float64) {
	live := tr.tracks[:0]
	for _, t := range tr.tracks {
		tr.predictTo(t, now)
		tr.cycle(t, now)
		tr.classify(t, now)
		switch {
		case t.Status == Tentative && tr.unconfirmable(t):
			t.Ended = EndNotConfirmed
		case t.Status == Confirmed && t.Misses >= tr.cfg.DeleteMisses:
			t.Ended = EndMissed
		case t.Status == Confirmed && t.Existence < tr.cfg.DeleteExistence:
			t.Ended = EndUnlikely
		case t.ghost && now-t.lastRadar > rfCarryS:
			// Held by bearings alone, whose received powers say they are
			// of different emitters: a ghost. Nothing is there.
			t.Existence = minExistence
			setClass(t)
			t.Ended = EndUnlikely
		case t.HorizontalStdM() > tr.cfg.DeletePositionStdM:
			t.Ended = EndUncertain
		default:
			live = append(live, t)
			continue
		}
		tr.rememberFlock(t)
		t.Status, t.EndS = Deleted, now
		tr.ended = append(tr.ended, t)
	}
	clear(tr.tracks[len(live):])
	tr.tracks = live
	tr.merge(now)
}

// merge deletes duplicate tracks: a track started by RF triangulation
// and another track whose positions agree within their joint uncertainty
// (dᵀ(P₁+P₂)⁻¹d below the 99 % chi-square point for 3 dof) and whose
// velocities differ by less than mergeSpeedMPS follow one object. The
// tentative one is deleted ("merged") if the other is confirmed, else the
// less precise one (keepsOver); the survivor inherits the sensors that
// have seen the object, its emission and its classification evidence
// (not a ghost's) and the lower received-power sum. Tracks that radar
// plots hold are never merged with each other: radar-started tracks, and
// an RF-started one that radar plots updated in the last rfCarryS. Birds
// of a flock are often closer than their tracks' uncertainty, each takes
// its own plots, and a drone's track that flies past a bird's must not
// end in it (the bird's track would take the drone's class, and the
// drone lose its track). The cost is (RF-started tracks) × (tracks), with
// a cheap distance test before the Mahalanobis one.
//
// Two radars' plots of one drone go to one track (TestTwoRadarsOneTrack);
// the two radar-held tracks that a drone can still have under two radars
// start where a turn sharper than the motion models follow loses its track
// (TestTwoRadarsOneTrackThroughTurn). Merging them here would come too
// late for the alerts: those start when the second track is confirmed.
func (tr *Tracker) merge(now float64) {
	gone := false
	for _, a := range tr.tracks {
		if !a.rfBorn || a.Status == Deleted {
			continue
		}
		pa, sa := a.Position(), a.PositionStdM()
		for _, b := range tr.tracks {
			if b == a || b.Status == Deleted || a.radarHeld(now) && b.radarHeld(now) {
				continue
			}
			if r3.Norm(r3.Sub(b.Position(), pa)) > 3.5*(sa+b.PositionStdM()) || !tr.duplicates(a, b) {
				continue
			}
			keep, drop := a, b
			if keepsOver(b, a) {
				keep, drop = b, a
			}
			keep.absorb(drop)
			drop.Status, drop.EndS, drop.Ended = Deleted, now, EndMerged
			tr.ended = append(tr.ended, drop)
			gone = true
			if drop == a {
				break
			}
		}
	}
	if gone {
		live := tr.tracks[:0]
		for _, t := range tr.tracks {
			if t.Status != Deleted {
				live = append(live, t)
			}
		}
		clear(tr.tracks[len(live):])
		tr.tracks = live
	}
}

// radarHeld reports whether radar plots hold track t at time s: a track
// started on a plot, or one that a plot updated within rfCarryS.
func (t *Track) radarHeld(s float64) bool { return !t.rfBorn || s-t.lastRadar <= rfCarryS }

// keepsOver reports whether duplicate b is kept over a: a confirmed
// track over a tentative one (a plot that started a track a second ago
// must not take over a track that has followed its object for minutes,
// and with it that track's confirmation and evidence), else the more
// precise.
func keepsOver(b, a *Track) bool {
	if (a.Status == Confirmed) != (b.Status == Confirmed) {
		return b.Status == Confirmed
	}
	return b.PositionStdM() < a.PositionStdM()
}

// mergeSpeedMPS is the largest velocity difference of duplicate tracks.
const mergeSpeedMPS = 10

// mergeGate is the 99 % point of the chi-square law with 3 dof.
const mergeGate = 11.34

// mergeLabelConflict is how sure, each way, the micro-Doppler labels of
// two tracks must be for them to follow two objects: two labels' worth
// (odds of 100 to 1) that one is a drone and the other a bird.
const mergeLabelConflict = 4.6

// duplicates reports whether a and b follow one object: close in position
// and velocity, and not labelled one a drone and the other a bird by
// their micro-Doppler labels (a drone's track that has coasted for a
// while, uncertain along a radar's line of sight, reaches a gull's; the
// gull's track would take the drone's class).
func (tr *Tracker) duplicates(a, b *Track) bool {
	if r3.Norm(r3.Sub(a.Velocity(), b.Velocity())) > mergeSpeedMPS {
		return false
	}
	if la, lb := a.class.labels, b.class.labels; min(la, lb) < -mergeLabelConflict && max(la, lb) > mergeLabelConflict {
		return false
	}
	d := r3.Sub(a.Position(), b.Position())
	var S [3][3]float64 // P₁+P₂, position block
	for r := 0; r < 3; r++ {
		for c := 0; c < 3; c++ {
			S[r][c] = a.Est.Comb.P[r][c] + b.Est.Comb.P[r][c]
		}
	}
	m, ok := mahalanobis3(&S, [3]float64{d.X, d.Y, d.Z})
	return ok && m < mergeGate
}

// mahalanobis3 returns vᵀS⁻¹v for a symmetric 3×3 S by its Cholesky
// factor; ok is false when S is not positive definite.
func mahalanobis3(S *[3][3]float64, v [3]float64) (float64, bool) {
	var L [3][3]float64
	for i := 0; i < 3; i++ {
		for j := 0; j <= i; j++ {
			s := S[i][j]
			for k := 0; k < j; k++ {
				s -= L[i][k] * L[j][k]
			}
			if i == j {
				if !(s > 0) {
					return math.NaN(), false
				}
				L[i][i] = math.Sqrt(s)
			} else {
				L[i][j] = s / L[j][j]
			}
		}
	}
	var sum float64
	var u [3]float64
	for i := 0; i < 3; i++ {
		s := v[i]
		for k := 0; k < i; k++ {
			s -= L[i][k] * u[k]
		}
		u[i] = s / L[i][i]
		sum += u[i] * u[i]
	}
	return sum, true
}

// absorb takes over what a duplicate knew of the object.
func (t *Track) absorb(d *Track) {
	t.seenBy.union(&d.seenBy)
	t.Emitter = t.Emitter || d.Emitter
	if d.powerLLR < t.powerLLR {
		// The received powers of the duplicate's bearings count against
		// the object too.
		t.addPower(d.powerLLR - t.powerLLR)
	}
	if !d.ghost {
		t.Evidence.RFSeconds += d.Evidence.RFSeconds
		// The surer evidence of the two wins, by what each track saw
		// itself: a flock's prior is no observation of the object.
		if math.Abs(d.class.observed()) > math.Abs(t.class.observed()) {
			t.class = d.class
		}
	}
	if d.Status == Confirmed && t.Status == Tentative {
		t.Status, t.ConfirmedS = Confirmed, d.ConfirmedS
	}
	t.Existence = max(t.Existence, d.Existence)
	setClass(t) // the class probabilities follow the existence and evidence taken over
}

// newTrack starts a tentative track at g, first seen by sensor s at time
// ts. Its memory comes from the tracks handed back by Release, if any.
func (tr *Tracker) newTrack(g *Gaussian, s int, ts float64) *Track {
	var t *Track
	if n := len(tr.free); n > 0 {
		t = tr.free[n-1]
		tr.free[n-1] = nil
		tr.free = tr.free[:n-1]
		hit, seen := t.hitBy.rest, t.seenBy.rest
		*t = Track{}
		t.hitBy.rest, t.seenBy.rest = hit[:0], seen[:0]
	} else {
		t = new(Track)
	}
	t.ID, t.Status, t.TimeS = tr.nextID, Tentative, ts
	t.Est.init(tr.models, tr.cfg.IMMSwitchPerS, g, tr.w)
	t.Est.Vertical = tr.vertical
	t.BornS, t.ConfirmedS, t.UpdatedS, t.EndS, t.Existence = ts, math.NaN(), ts, math.NaN(), initialExistence
	t.nextClass, t.lastRF, t.lastRadar = ts+1, math.Inf(-1), math.Inf(-1)
	t.rfSensor, t.rfSensorS = -1, math.Inf(-1)
	t.powerS = math.Inf(-1)
	t.class.prior = tr.priorLogOdds
	tr.nextID++
	t.hitBy.set(s, true)
	t.seenBy.set(s, true)
	t.updated, t.confirming = true, true
	tr.classify(t, ts)
	tr.tracks = append(tr.tracks, t)
	return t
}

// Release hands deleted tracks, as Ended returned them, back to the
// tracker, which reuses their memory for the tracks it starts: a caller
// that keeps no pointer to a track once it has recorded its end saves an
// allocation per track born (most are tentative tracks on false alarms).
// Tracks not deleted are ignored. Optional: without it the garbage
// collector frees ended tracks.
func (tr *Tracker) Release(ts []*Track) {
	for _, t := range ts {
		if t != nil && t.Status == Deleted && len(tr.free) < maxFree {
			tr.free = append(tr.free, t)
		}
	}
}

// maxFree bounds the tracks kept for reuse.
const maxFree = 4096

// initiatePlot starts a tentative track on a radar plot: the position is
// the plot's, with the covariance of the polar-to-Cartesian conversion
// (J·R·Jᵀ), the velocity zero with InitVelocityStdMPS on each axis. A plot
// without elevation (a 2-D radar) puts the object at the prior altitude
// (see plotPoint), the altitude's uncertainty one more column of J.
func (tr *Tracker) initiatePlot(s int, m *Measurement) {
	var g Gaussian
	var J [3][3]float64 // columns ∂(e, n, u)/∂(r, az, el or altitude)
	R := [3]float64{m.std[0] * m.std[0], m.std[1] * m.std[1]}
	p, rho := tr.plotPoint(m)
	g.X[ix], g.X[iy], g.X[iz] = p.X, p.Y, p.Z
	r := m.z[0]
	sa, ca := m.sincosAz()
	if el, sel, ok := m.elevation(); ok {
		se, ce := math.Sincos(el)
		J = [3][3]float64{
			{ce * sa, r * ce * ca, -r * se * sa},
			{ce * ca, -r * ce * sa, -r * se * ca},
			{se, 0, r * ce},
		}
		R[2] = sel * sel
	} else {
		// ρ = √(r² − dz²): ∂ρ/∂r = r/ρ, ∂ρ/∂dz = −dz/ρ.
		dz := p.Z - m.Origin.Z
		J = [3][3]float64{
			{sa * r / rho, rho * ca, -sa * dz / rho},
			{ca * r / rho, -rho * sa, -ca * dz / rho},
			{0, 0, 1},
		}
		R[2] = tr.cfg.AltitudeStdM * tr.cfg.AltitudeStdM
	}
	for i := 0; i < 3; i++ {
		for j := i; j < 3; j++ {
			v := J[i][0]*R[0]*J[j][0] + J[i][1]*R[1]*J[j][1] + J[i][2]*R[2]*J[j][2]
			g.P[i][j], g.P[j][i] = v, v
		}
	}
	v := tr.cfg.InitVelocityStdMPS * tr.cfg.InitVelocityStdMPS
	for i := ivx; i <= ivz; i++ {
		g.P[i][i] = v
	}
	g.P[ivz][ivz] = min(v, tr.cfg.VerticalSpeedStdMPS*tr.cfg.VerticalSpeedStdMPS)
	t := tr.newTrack(&g, s, m.TimeS)
	t.lastRadar = m.TimeS
	tr.flockEvidence(t)
}

// plotPoint returns where a radar plot puts the object and, for a plot
// without elevation, its ground range from the antenna (0 for a plot with
// elevation, whose callers need none). A plot with elevation is converted
// as it is; one without (a 2-D radar) is put at the prior altitude
// AltitudeMeanM, its slant range r converted to the ground range
// ρ = √(r² − dz²) with dz the height above the antenna (ρ at least 0.3·r
// when the plot is nearer than the prior altitude allows).
func (tr *Tracker) plotPoint(m *Measurement) (p r3.Vec, rho float64) {
	if m.HasElevation() {
		return m.point3D(), 0 // ρ is for plots without elevation only
	}
	r := m.z[0]
	dz := tr.cfg.AltitudeMeanM - m.Origin.Z
	rho = max(math.Sqrt(max(r*r-dz*dz, 0)), 0.3*r)
	sa, ca := m.sincosAz()
	return r3.Vec{X: m.Origin.X + rho*sa, Y: m.Origin.Y + rho*ca, Z: tr.cfg.AltitudeMeanM}, rho
}

// Limits of RF triangulation.
const (
	minCrossing  = 5 * math.Pi / 180 // smallest angle between bearings
	maxFixRangeM = 30000.0
)

// triangulate starts tracks from unused RF bearings of one link heard by
// two or more sensors within the triangulation window: the weighted
// least-squares intersection of the bearing lines, with its covariance
// from the geometry (see Triangulate).
//
// Several drones on one frequency make ghosts: the bearings of different
// drones cross too. So, for the newest bearing, the tracker takes from
// every other sensor the bearings of its latest update on that frequency,
// tries every choice of at most one per sensor, and keeps the fix of the
// most sensors whose bearings agree (the residual chi-square within its
// 99 % point with n − 2 degrees of freedom). Two bearings always agree, so
// a two-sensor fix is only taken when it is unambiguous: each of the two
// sensors heard one emitter on that frequency and no third sensor heard it.
func (tr *Tracker) triangulate(now float64) {
	pool := tr.rfPool[:0]
	for _, p := range tr.rfPool {
		if !p.used && now-p.m.TimeS <= tr.cfg.TriangulationWindowS {
			pool = append(pool, p)
		}
	}
	tr.rfPool = pool
	tri := &tr.tri
	for i := len(pool) - 1; i >= 0; i-- {
		a := &pool[i]
		if a.used {
			continue
		}
		// Candidates by sensor: the bearings of its latest update on a's link.
		cands := tri.cands[:0]
		for j := range pool {
			b := &pool[j]
			if j == i || b.used || b.m.Sensor == a.m.Sensor || math.Abs(a.m.FrequencyHz-b.m.FrequencyHz) > max(a.m.BandwidthHz, b.m.BandwidthHz)/2 {
				continue
			}
			cands = append(cands, j)
		}
		if len(cands) == 0 {
			tri.cands = cands
			continue
		}
		slices.SortFunc(cands, func(x, y int) int {
			if sx, sy := pool[x].m.Sensor, pool[y].m.Sensor; sx != sy {
				return sx - sy
			}
			return cmp.Compare(pool[y].m.TimeS, pool[x].m.TimeS) // newest first
		})
		// Keep each sensor's newest bearings; groups[k] starts sensor k's.
		kept, groups := cands[:0], tri.groups[:0]
		for k, j := range cands {
			if k > 0 && pool[j].m.Sensor == pool[cands[k-1]].m.Sensor {
				if first := kept[groups[len(groups)-1]]; pool[j].m.TimeS != pool[first].m.TimeS {
					continue
				}
			} else {
				groups = append(groups, len(kept))
			}
			kept = append(kept, j)
		}
		tri.cands, tri.groups = cands, append(groups, len(kept))
		tri.kept = kept
		combos := 1
		for g := 0; g+1 < len(tri.groups); g++ {
			combos *= 1 + tri.groups[g+1] - tri.groups[g]
		}
		if combos > maxTriangulationChoices {
			continue
		}
		tri.unambiguous = len(tri.groups) == 2 && tri.groups[1] == 1
		tri.best, tri.bestChi2 = tri.best[:0], math.Inf(1)
		tri.choice = append(tri.choice[:0], i)
		tr.tryChoices(pool, 0)
		if len(tri.best) == 0 {
			continue
		}
		var g Gaussian
		// Bearings fix the horizontal position only: the altitude is the prior's.
		g.X[ix], g.X[iy], g.X[iz] = tri.bestFix.X, tri.bestFix.Y, tr.cfg.AltitudeMeanM
		g.P[ix][ix], g.P[ix][iy], g.P[iy][ix], g.P[iy][iy] = tri.bestCov[0][0], tri.bestCov[0][1], tri.bestCov[1][0], tri.bestCov[1][1]
		g.P[iz][iz] = tr.cfg.AltitudeStdM * tr.cfg.AltitudeStdM
		v := tr.cfg.InitVelocityStdMPS * tr.cfg.InitVelocityStdMPS
		for k := ivx; k <= ivz; k++ {
			g.P[k][k] = v
		}
		g.P[ivz][ivz] = min(v, tr.cfg.VerticalSpeedStdMPS*tr.cfg.VerticalSpeedStdMPS)
		t := tr.newTrack(&g, a.m.Sensor, now)
		t.Emitter, t.rfBorn = true, true
		for _, k := range tri.best {
			pool[k].used = true
			t.hitBy.set(pool[k].m.Sensor, true)
			t.seenBy.set(pool[k].m.Sensor, true)
		}
		t.RFUpdates += len(tri.best)
		for k, j := range tri.best {
			if k < rfMemoLen {
				t.rfMemo[k] = memoOf(&pool[j].m)
			}
		}
		t.powerS, t.powerAt, t.powerTests = now, t.Position(), 1
		t.addPower(tri.bestPower)
	}
}

// triangulation is the workspace of triangulate.
type triangulation struct {
	cands, kept, groups []int
	choice, best        []int // pool indices: the newest bearing, then one per chosen sensor
	group               []*Measurement
	unambiguous         bool
	bestChi2            float64
	bestFix             r3.Vec
	bestCov             [2][2]float64
	bestPower           float64   // Σ ℓ of the received powers, see power.go
	chi99               []float64 // 99 % points of chi-square by degrees of freedom
	chi999              []float64 // and 99.9 % points
}

// tryChoices tries, for sensor group k onwards, no bearing or each of the
// group's, and keeps in tr.tri the fix of the most bearings that agree.
func (tr *Tracker) tryChoices(pool []pooled, k int) {
	tri := &tr.tri
	if k+1 < len(tri.groups) {
		tr.tryChoices(pool, k+1)
		for _, j := range tri.kept[tri.groups[k]:tri.groups[k+1]] {
			tri.choice = append(tri.choice, j)
			tr.tryChoices(pool, k+1)
			tri.choice = tri.choice[:len(tri.choice)-1]
		}
		return
	}
	n := len(tri.choice)
	if n < 2 || (n == 2 && !tri.unambiguous) || n < len(tri.best) {
		return
	}
	tri.group = tri.group[:0]
	for _, j := range tri.choice {
		tri.group = append(tri.group, &pool[j].m)
	}
	fix, cov, ok := triangulate(tri.group)
	if !ok {
		return
	}
	chi2 := bearingResidual(tri.group, fix)
	if n > 2 && chi2 > tr.chi2Point99(n-2) {
		return
	}
	// Bearings that might as well be parallel — an emitter far beyond
	// the sensors' baseline — fix no range: their crossing is the noise's.
	// A far emitter offers a fix every second for minutes, so the test is
	// at the 99.9 % point: at 99 % one in a hundred of its noisy crossings
	// started a track kilometres short of it.
	if parallelResidual(tri.group) < tr.chi2Point999(n-1) {
		return
	}
	// The received powers: each chosen bearing against the newest, at
	// the fix (see power.go). Bearings of different emitters are refused.
	fix.Z = tr.cfg.AltitudeMeanM
	P := [3][3]float64{{cov[0][0], cov[0][1]}, {cov[1][0], cov[1][1]}, {2: tr.cfg.AltitudeStdM * tr.cfg.AltitudeStdM}}
	power, raw := 0.0, 0.0
	a := memoOf(tri.group[0])
	for _, m := range tri.group[1:] {
		b := memoOf(m)
		if l, _, ok := tr.powerTestRaw(&a, &b, fix, &P); ok {
			raw += l
			power += max(l, -maxPairPowerLLR)
		}
	}
	if raw < ghostPowerLLR {
		return
	}
	if n > len(tri.best) || chi2 < tri.bestChi2 {
		tri.best = append(tri.best[:0], tri.choice...)
		tri.bestChi2, tri.bestFix, tri.bestCov, tri.bestPower = chi2, fix, cov, power
	}
}

// chi2Point99 returns the 99 % point of the chi-square law with k degrees
// of freedom, computed once per k.
func (tr *Tracker) chi2Point99(k int) float64 { return chi2Point(&tr.tri.chi99, 0.99, k) }

// chi2Point999 returns the 99.9 % point of the chi-square law with k
// degrees of freedom, computed once per k.
func (tr *Tracker) chi2Point999(k int) float64 { return chi2Point(&tr.tri.chi999, 0.999, k) }

// chi2Point returns the q quantile of the chi-square law with k degrees of
// freedom from the table *points (indexed by k), extending it as needed.
func chi2Point(points *[]float64, q float64, k int) float64 {
	if len(*points) == 0 {
		*points = append(*points, 0) // no degrees of freedom: unused
	}
	for len(*points) <= k {
		*points = append(*points, distuv.ChiSquared{K: float64(len(*points))}.Quantile(q))
	}
	return (*points)[k]
}

// maxTriangulationChoices bounds the combinations of bearings tried for one
// fix (one per sensor or none).
const maxTriangulationChoices = 256

// bearingResidual is the weighted sum of squared miss distances of the
// bearing lines from the fix, Σ (n_i·(p − o_i))² / (σ_i·r_i)²: chi-square
// with n − 2 degrees of freedom when the bearings share one emitter.
func bearingResidual(ms []*Measurement, fix r3.Vec) float64 {
	var chi2 float64
	for _, m := range ms {
		s, c := m.sincosAz()
		dx, dy := fix.X-m.Origin.X, fix.Y-m.Origin.Y
		miss := c*dx - s*dy
		r := math.Hypot(dx, dy)
		chi2 += miss * miss / (m.std[0] * m.std[0] * r * r)
	}
	return chi2
}

// parallelResidual is the weighted sum of squared differences of the
// bearings from their weighted circular mean, Σ (θᵢ − θ̄)²/σᵢ²:
// chi-square with n − 1 degrees of freedom when the lines are parallel,
// that is when the emitter is so far that the bearings cannot range it.
func parallelResidual(ms []*Measurement) float64 {
	var sx, sy float64
	for _, m := range ms {
		s, c := m.sincosAz()
		w := 1 / (m.std[0] * m.std[0])
		sx += w * s
		sy += w * c
	}
	mean := math.Atan2(sx, sy)
	var chi2 float64
	for _, m := range ms {
		d := wrapPi(m.z[0] - mean)
		chi2 += d * d / (m.std[0] * m.std[0])
	}
	return chi2
}

// Triangulate returns the horizontal position where two or more RF
// bearings from different sensors cross, and its 2×2 covariance. It is
// the weighted least-squares intersection of the bearing lines: line i
// through the sensor o_i with normal n_i = (cos θ_i, −sin θ_i) (θ the
// compass bearing) gives n_i·p = n_i·o_i, with weight 1/(σ_i·r_i)², σ_i
// the bearing noise and r_i the distance to the fix (from an unweighted
// first solution); then p = A⁻¹·b and cov = A⁻¹ with A = Σ w_i·n_i·n_iᵀ
// (the geometric dilution of precision of the pair or set). ok is false
// when the lines are nearly parallel (crossing under 5°), the fix lies
// behind a sensor or beyond 30 km.
func Triangulate(ms []*Measurement) (fix r3.Vec, cov *mat.SymDense, ok bool) {
	fix, c, ok := triangulate(ms)
	if !ok {
		return fix, nil, false
	}
	return fix, mat.NewSymDense(2, []float64{c[0][0], c[0][1], c[1][0], c[1][1]}), true
}

// triangulate is Triangulate on arrays.
func triangulate(ms []*Measurement) (fix r3.Vec, cov [2][2]float64, ok bool) {
	if len(ms) < 2 {
		return fix, cov, false
	}
	crossing := 0.0
	for i := range ms {
		for j := i + 1; j < len(ms); j++ {
			d := math.Abs(math.Sin(ms[i].z[0] - ms[j].z[0]))
			crossing = max(crossing, math.Asin(min(1, d)))
		}
	}
	if crossing < minCrossing {
		return fix, cov, false
	}
	first, _, ok := solveBearings(ms, r3.Vec{}, false)
	if !ok {
		return fix, cov, false
	}
	for _, m := range ms {
		s, c := m.sincosAz()
		if r := (first.X-m.Origin.X)*s + (first.Y-m.Origin.Y)*c; r <= 0 || r > maxFixRangeM {
			return fix, cov, false
		}
	}
	return solveBearings(ms, first, true)
}

// solveBearings solves the least-squares intersection of the bearing
// lines, each weighted by 1/(σ·r)² with r its sensor's distance to at if
// weighted, else by 1; it returns the point and A⁻¹.
func solveBearings(ms []*Measurement, at r3.Vec, weighted bool) (p r3.Vec, inv [2][2]float64, ok bool) {
	var a00, a01, a11, b0, b1 float64
	for _, m := range ms {
		s, c := m.sincosAz()
		n0, n1 := c, -s
		w := 1.0
		if weighted {
			r := math.Hypot(at.X-m.Origin.X, at.Y-m.Origin.Y)
			w = 1 / (m.std[0] * m.std[0] * r * r)
		}
		a00 += w * n0 * n0
		a01 += w * n0 * n1
		a11 += w * n1 * n1
		no := n0*m.Origin.X + n1*m.Origin.Y
		b0 += w * n0 * no
		b1 += w * n1 * no
	}
	det := a00*a11 - a01*a01
	// A is positive semi-definite; refuse it when nearly singular, as a
	// Cholesky factorisation would.
	if !(a00 > 0) || !(det > 1e-12*a00*a11) {
		return p, inv, false
	}
	inv = [2][2]float64{{a11 / det, -a01 / det}, {-a01 / det, a00 / det}}
	p = r3.Vec{X: inv[0][0]*b0 + inv[0][1]*b1, Y: inv[1][0]*b0 + inv[1][1]*b1}
	return p, inv, true
}
