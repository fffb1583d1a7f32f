package track

import (
	"math"

	"gonum.org/v1/gonum/spatial/r3"
)

// Classification evidence, as log-likelihood ratios of drone against bird,
// in three terms, each bounded on its own so that none can outvote the
// others without limit:
//
//   - micro-Doppler labels: each label is an independent draw given the
//     object's kind, so Bayes' rule adds its log-likelihood ratio in full;
//     the sum is bounded to ±maxLabelLogOdds so that a track can change
//     its mind in a few contrary labels;
//   - RF emission: rfEvidence (+1.5) for each second in which an RF
//     bearing updated the track within rfCrossS of one from another RF
//     sensor, the sum at most maxRFLogOdds. A bearing says that
//     some emitter lies on a line, not that this track's object emits:
//     successive seconds are far from independent, and a bird on the line
//     of bearing of a drone elsewhere takes its bearings too. The bound,
//     under the labels', means that emission cannot outvote a track's
//     micro-Doppler labels once they agree (a few labels);
//   - kinematics: small terms per second of hovering, fast flight or
//     flight at a bird's cruising speed, the sum bounded to
//     ±maxKinematicLogOdds.
const (
	// rfEvidence is added at most once a second when an RF bearing
	// updates the track: one bearing is weak evidence (a bird on the
	// line of bearing of a drone elsewhere takes one now and then), a
	// few seconds of them strong.
	rfEvidence = 1.5
	// rfCrossS is how close in time bearings of two sensors must update
	// the track for a second of emission to count.
	rfCrossS = 3.0
	// maxRFLogOdds bounds the emission evidence: odds of 100 to 1.
	maxRFLogOdds = 4.6
	// maxLabelLogOdds bounds the micro-Doppler evidence.
	maxLabelLogOdds = 10.0
	// hoverEvidence per second while the near-hover model dominates and
	// the speed is under hoverSpeedMPS: small drones hover, birds seldom do.
	hoverEvidence = 0.5
	hoverSpeedMPS = 2.0
	// fastEvidence per second above fastSpeedMPS, faster than the gulls and
	// corvids that share airfields, slower than anything but a drone here.
	fastEvidence = 0.3
	fastSpeedMPS = 22.0
	// birdSpeedEvidence per second in the cruising band of birds
	// (birdMinMPS to birdMaxMPS), where drones also fly but birds are most
	// common near the ground.
	birdSpeedEvidence = -0.1
	birdMinMPS        = 6.0
	birdMaxMPS        = 18.0
	// maxKinematicLogOdds bounds the kinematic evidence: successive seconds
	// of one track are far from independent, and gulls loiter.
	maxKinematicLogOdds = 2.0
	// kinematicVarMPS2 is the largest horizontal velocity variance (the
	// sum of east and north) at which the speed counts as evidence: a new
	// track's velocity is zero because it is unknown, not because the
	// object hovers.
	kinematicVarMPS2 = 2 * 3 * 3
	// kinematicHits is how many one-second cycles with an update a track
	// needs before its kinematics count: until then the IMM's model
	// probabilities and the velocity are its start's, not the object's.
	kinematicHits = 5
)

// classEvidence is a track's drone-against-bird log-odds, by term, and
// the prior log-odds of the objects the tracker sees.
type classEvidence struct {
	prior, labels, rf, kinematic float64
	// flock is the bird evidence a track born among birds takes from
	// them (flockEvidence), 0 to −maxFlockLogOdds.
	flock float64
	// rfDoubt is the probability that the bearings that made rf are of
	// different emitters, by the test of their received powers
	// (power.go): the emission term counts as rf·(1 − rfDoubt).
	rfDoubt float64
}

// logOdds returns the prior plus the bounded terms.
func (c *classEvidence) logOdds() float64 {
	return c.prior + c.flock + c.labels + c.rfTerm() + c.kinematic
}

// observed is the log-odds from the track's own observations: the
// bounded terms without the prior and the flock's evidence.
func (c *classEvidence) observed() float64 { return c.labels + c.rfTerm() + c.kinematic }

// rfTerm is the emission term as it counts.
func (c *classEvidence) rfTerm() float64 { return c.rf * (1 - c.rfDoubt) }

// clampAbs bounds x to [−limit, limit].
func clampAbs(x, limit float64) float64 { return max(-limit, min(limit, x)) }

// addLabel adds a micro-Doppler label's log-likelihood ratio.
func (c *classEvidence) addLabel(llr float64) { c.labels = clampAbs(c.labels+llr, maxLabelLogOdds) }

// addRF adds a second of RF emission.
func (c *classEvidence) addRF(llr float64) { c.rf = min(c.rf+llr, maxRFLogOdds) }

// addKinematic adds a second's kinematic evidence.
func (c *classEvidence) addKinematic(llr float64) {
	c.kinematic = clampAbs(c.kinematic+llr, maxKinematicLogOdds)
}

// emitterProbability is the probability that the track's object emits,
// by its own evidence: that it is a drone, leaving out the prior.
// RF-silent drones exist, but a bearing can only be the track's if its
// object emits, so an RF bearing's likelihood of being the track's is
// weighted by it: bearings keep away from tracks that micro-Doppler calls
// birds. The prior is left out so that a track with no evidence yet (a
// drone too far for micro-Doppler) can take the bearings that will make
// it a drone.
func (t *Track) emitterProbability() float64 {
	if t.rfBorn {
		return 1 // started by bearings of two or more sensors crossing on it
	}
	return 1 / (1 + math.Exp(-(t.class.logOdds() - t.class.prior)))
}

// logEmitterProbability returns math.Log(t.emitterProbability()), kept
// for as long as the evidence it rests on stays the same.
func (t *Track) logEmitterProbability() float64 {
	if t.rfBorn {
		return math.Log(t.emitterProbability())
	}
	if x := t.class.logOdds() - t.class.prior; !t.emOK || x != t.emX {
		t.emX, t.emLog, t.emOK = x, math.Log(1/(1+math.Exp(-x))), true
	}
	return t.emLog
}

// rfCarryS is how long after its last radar update a track started on a
// radar plot may still take RF bearings. A bearing fixes a line, not a
// point: once the radar has lost the object, bearings alone would drag
// its track along their lines, hundreds of metres off and sure of itself
// (the EKF is over-confident on bearings alone); the track coasts instead
// and the RF network triangulates a track of its own.
const rfCarryS = 5.0

// takesBearings reports whether track t may be updated by an RF bearing
// at time s.
func (t *Track) takesBearings(s float64) bool {
	return t.rfBorn || s-t.lastRadar <= rfCarryS
}

// classify updates the drone-against-bird evidence with one second's
// kinematics (speed, hovering) — the RF and micro-Doppler evidence is
// added as it arrives, in credit — and sets the class probabilities:
// PClutter = 1 − existence, and the rest split between drone and bird by
// the logistic of the log-odds.
func (tr *Tracker) classify(t *Track, now float64) {
	for ; t.nextClass <= now; t.nextClass++ {
		P := &t.Est.Comb.P
		if t.Hits < kinematicHits || P[ivx][ivx]+P[ivy][ivy] > kinematicVarMPS2 {
			continue // the velocity is not known well enough to say
		}
		speed := t.speed()
		switch {
		case speed < hoverSpeedMPS && t.HoverProbability() > 0.5:
			t.class.addKinematic(hoverEvidence)
			t.Evidence.HoverSeconds++
		case speed > fastSpeedMPS:
			t.class.addKinematic(fastEvidence)
			t.Evidence.FastSeconds++
		case speed >= birdMinMPS && speed <= birdMaxMPS:
			t.class.addKinematic(birdSpeedEvidence)
			t.Evidence.BirdSpeedSeconds++
		}
	}
	setClass(t)
}

// speedBands are the speeds at which classify's kinematic evidence
// changes.
var speedBands = [...]float64{hoverSpeedMPS, birdMinMPS, birdMaxMPS, fastSpeedMPS}

// speed returns the track's speed for classify, which compares it with
// speedBands only: √(vₑ² + vₙ² + vᵤ²), within a few units of 10⁻¹⁶ of
// math.Hypot(math.Hypot(vₑ, vₙ), vᵤ), when that is at least 10⁻⁹ (relative)
// from every band edge, so that every comparison goes the same way; the
// hypotenuse itself otherwise.
func (t *Track) speed() float64 {
	x := &t.Est.Comb.X
	vx, vy, vz := x[ivx], x[ivy], x[ivz]
	s := math.Sqrt(vx*vx + vy*vy + vz*vz)
	if s < math.MaxFloat64/2 { // finite, not NaN, and no overflow
		clear := true
		for _, b := range speedBands {
			clear = clear && math.Abs(s-b) > 1e-9*b
		}
		if clear {
			return s
		}
	}
	return math.Hypot(math.Hypot(vx, vy), vz)
}

// setClass sets the class probabilities from the existence and the
// evidence. Naive Bayes splits the existence between drone and bird by the
// logistic of the log-odds, and gives the rest to clutter. Of a confirmed
// track (those the calibration was fitted on, and the only ones that
// alert), the calibration (calibrate.go) maps that naive P(drone) to the
// reported one, and bird and clutter share what is left in the naive
// proportions; a tentative track's are naive.
func setClass(t *Track) {
	lo := t.class.logOdds()
	t.Evidence.LogOdds = lo
	t.Evidence.LabelLogOdds, t.Evidence.RFLogOdds, t.Evidence.KinematicLogOdds = t.class.labels, t.class.rfTerm(), t.class.kinematic
	t.Evidence.FlockLogOdds = t.class.flock
	// The log-odds often stays as it was (its terms saturate, and the
	// existence changes alone): the logistic is kept for it.
	if !t.pdOK || lo != t.pdLo {
		t.pdLo, t.pd, t.pdOK = lo, 1/(1+math.Exp(-lo)), true
	}
	pd := t.pd
	naive := t.Existence * pd
	t.Evidence.NaivePDrone = naive
	q := naive
	if t.Status == Confirmed {
		q = CalibratedPDrone(&t.Evidence)
	}
	t.PDrone = q
	if rest := 1 - naive; rest > 0 {
		t.PBird = (1 - q) * (t.Existence * (1 - pd)) / rest
		t.PClutter = (1 - q) * (1 - t.Existence) / rest
	} else {
		t.PBird, t.PClutter = 1-q, 0
	}
}

// A plot that starts a track among birds is most likely one of their
// flock: birds flock, drones do not fly among them, and a flock's tracks
// break and restart as its birds pass within a resolution cell of one
// another or behind buildings (at the base, a flock's tracks often all
// end in a radar shadow and restart together where it comes out). Such a
// fragment starts with no evidence of its own, and among the hundreds a
// flock seeds in an hour a few draw two or three labels that say drone.
// flockEvidence gives it its neighbours' micro-Doppler evidence, as a
// prior: that of the most bird-like of the confirmed tracks within
// flockRadiusM (horizontally), and of those that ended within flockMemoryS
// within flockRadiusM + flockSpreadMPS·(age) of where they ended; bounded
// to maxFlockLogOdds. A drone born there needs two labels more than
// elsewhere to be called drone.
const (
	// flockRadiusM is how near a track born on a plot must be to a
	// bird's track to take its evidence.
	flockRadiusM = 150.0
	// flockMemoryS is how long a bird's track that ended is remembered,
	// and flockSpreadMPS how fast the circle around where it ended grows.
	flockMemoryS   = 30.0
	flockSpreadMPS = 5.0
	// maxFlockLogOdds bounds the evidence taken: odds of 100 to 1, two
	// labels' worth.
	maxFlockLogOdds = 4.6
)

// flockMark is where and when a confirmed track whose labels said bird
// ended, and its label evidence.
type flockMark struct {
	at     r3.Vec
	endS   float64
	labels float64
}

// rememberFlock notes the end of track t if its labels said bird.
func (tr *Tracker) rememberFlock(t *Track) {
	if t.Status == Confirmed && t.class.labels < 0 {
		tr.flock = append(tr.flock, flockMark{at: t.Position(), endS: t.TimeS, labels: t.class.labels})
	}
}

// flockEvidence sets the flock term of track t, just started on a plot.
func (tr *Tracker) flockEvidence(t *Track) {
	p := t.Position()
	lo := 0.0
	for _, o := range tr.tracks {
		if o == t || o.Status != Confirmed || o.class.labels >= lo {
			continue
		}
		q := o.extrapolate(t.TimeS)
		if dx, dy := q.X-p.X, q.Y-p.Y; dx*dx+dy*dy <= flockRadiusM*flockRadiusM {
			lo = o.class.labels
		}
	}
	keep := tr.flock[:0]
	for _, f := range tr.flock {
		age := t.TimeS - f.endS
		if age > flockMemoryS {
			continue
		}
		keep = append(keep, f)
		r := flockRadiusM + flockSpreadMPS*max(age, 0)
		if dx, dy := f.at.X-p.X, f.at.Y-p.Y; f.labels < lo && dx*dx+dy*dy <= r*r {
			lo = f.labels
		}
	}
	tr.flock = keep
	t.class.flock = max(lo, -maxFlockLogOdds)
	setClass(t)
}
