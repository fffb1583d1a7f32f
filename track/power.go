package track

import (
	"math"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/sensors"
)

// The received-power test of RF bearings (see docs/tracking.md, "Ghosts
// and the received power").
//
// Two sensors i and j that hear one emitter on one link receive
// Pᵢ = EIRP − Lᵢ(dᵢ) + Gᵢ + Xᵢ and Pⱼ = EIRP − Lⱼ(dⱼ) + Gⱼ + Xⱼ, with L the
// sensor's median path loss at slant distance d, G its antenna gain and X
// its shadowing. The emitter's EIRP, which the tracker does not know,
// cancels in the difference: at the track's position p the residual
//
//	r = (Pᵢ − Pⱼ) − [(Gᵢ − Lᵢ(|p − oᵢ|)) − (Gⱼ − Lⱼ(|p − oⱼ|))]
//
// is normal with variance σ² = σᵢ² + σⱼ² + σ₀² + ∇ᵀP∇ (the shadowing of
// both sensors, a floor σ₀ for what the model leaves out, and the
// position's uncertainty through the gradient ∇ of the predicted
// difference). When the two bearings are of different emitters — a ghost
// where their lines cross — the difference carries the two EIRPs and
// distances that have nothing to do with p: r is spread more widely, with
// variance σ² + σg². The log-likelihood ratio of one emitter against two is
//
//	ℓ = ½·[ln((σ² + σg²)/σ²) − r²/σ² + r²/(σ² + σg²)].
const (
	// powerFloorDB is σ₀: the antenna patterns, the emitter's own
	// pattern and the time between the two bearings (up to rfCrossS).
	powerFloorDB = 2.0
	// ghostSpreadDB is σg, the spread of the difference of the powers of
	// two different emitters about the one a single emitter at the
	// crossing would give.
	ghostSpreadDB = 10.0
	// maxPairPowerLLR bounds the weight of one pair of bearings against a
	// track: one outlier (a bearing of another emitter taken now and then)
	// must not end it.
	maxPairPowerLLR = 4.0
	// maxPowerLLR bounds a track's running sum of ℓ both ways: a long
	// consistent history does not make a track immune, nor a long
	// inconsistent one hopeless.
	maxPowerLLR = 10.0
	// ghostPowerLLR is the running sum under which a track's bearings are
	// taken to be of different emitters: odds of 100 to 1.
	ghostPowerLLR = -4.6
	// onePriorLLR is the prior log-odds that bearings of two sensors
	// that agree on a track are of one emitter: 10 to 1 (most are; at 1
	// to 1 drone tracks with few tests under shadowing lost a quarter of
	// their emission evidence and more ended classified bird).
	onePriorLLR = 2.3
	// powerGate is the 99 % point of chi-square with 1 degree of freedom.
	powerGate = 6.63
	// minPowerWeight is the least weight w of a test (see checkPower)
	// with which a difference updates the state.
	minPowerWeight = 0.05
	// rfMemoLen is how many recent bearings (one per sensor and link) a
	// track keeps for the test.
	rfMemoLen = 6
)

// rfMemo is an RF bearing that updated a track: what the power test needs.
type rfMemo struct {
	sensor          int
	timeS, powerDBm float64
	freqHz, bwHz    float64
	origin          r3.Vec
	set             bool
}

// sameLink reports whether two bearings heard one link: frequencies within
// half the wider bandwidth.
func sameLink(f1, bw1, f2, bw2 float64) bool {
	return math.Abs(f1-f2) <= max(bw1, bw2)/2
}

func memoOf(m *Measurement) rfMemo {
	return rfMemo{sensor: m.Sensor, timeS: m.TimeS, powerDBm: m.PowerDBm, freqHz: m.FrequencyHz, bwHz: m.BandwidthHz, origin: m.Origin, set: true}
}

// powerTest is powerTestRaw with ℓ bounded below by −maxPairPowerLLR.
func (tr *Tracker) powerTest(a, b *rfMemo, p r3.Vec, P *[3][3]float64) (llr, nis float64, ok bool) {
	llr, nis, ok = tr.powerTestRaw(a, b, p, P)
	return max(llr, -maxPairPowerLLR), nis, ok
}

// powerTestRaw returns ℓ (above), unbounded, for bearings a and b of one
// link from two sensors, of an emitter at p with position covariance P,
// and the normalised squared residual r²/σ². ok is false when either
// bearing has no received power (PowerDBm 0: a sensor that does not
// measure it; real RF powers are tens of dB below a milliwatt).
func (tr *Tracker) powerTestRaw(a, b *rfMemo, p r3.Vec, P *[3][3]float64) (llr, nis float64, ok bool) {
	if a.powerDBm == 0 || b.powerDBm == 0 || a.sensor >= len(tr.cov) || b.sensor >= len(tr.cov) {
		return 0, 0, false
	}
	pt := tr.powerTerms(a, b, p, P)
	llr, nis = pt.test(a, b)
	return llr, nis, true
}

// powerTerms are the parts of the test of bearings a and b at p that do
// not depend on their received powers: the predicted difference pred, σ²
// (s2), σ² + σg² (sg2) and ln((σ² + σg²)/σ²). They depend on the two
// sensors, the two links' frequencies, the sensors' origins and p and P
// only.
type powerTerms struct {
	pred, s2, sg2, logRatio float64
}

// powerTerms returns the power terms of bearings a and b of sensors of the
// tracker (a.sensor and b.sensor in range) at p with covariance P.
func (tr *Tracker) powerTerms(a, b *rfMemo, p r3.Vec, P *[3][3]float64) powerTerms {
	pp := powerPair{a: *a, b: *b, ca: &tr.cov[a.sensor], cb: &tr.cov[b.sensor]}
	pred := pp.pred(p)
	g := pp.gradient(p)
	var geom float64
	for i := range 3 {
		for j := range 3 {
			geom += g[i] * P[i][j] * g[j]
		}
	}
	s2 := pp.variance() + geom
	sg2 := s2 + ghostSpreadDB*ghostSpreadDB
	return powerTerms{pred: pred, s2: s2, sg2: sg2, logRatio: math.Log(sg2 / s2)}
}

// test returns ℓ and r²/σ² for the received powers of a and b.
func (pt *powerTerms) test(a, b *rfMemo) (llr, nis float64) {
	r := (a.powerDBm - b.powerDBm) - pt.pred
	return 0.5 * (pt.logRatio - r*r/pt.s2 + r*r/pt.sg2), r * r / pt.s2
}

// powerPair is two bearings of one link from two sensors, with the
// sensors' coverages (gain, path loss, shadowing).
type powerPair struct {
	a, b   rfMemo
	ca, cb *sensors.Coverage
}

// pred returns the difference of the powers a's and b's sensors would
// receive from one emitter at p: (Gₐ − Lₐ(|p − oₐ|)) − (G_b − L_b(|p − o_b|)).
func (pp *powerPair) pred(p r3.Vec) float64 {
	la := pp.ca.PathLoss.DB(pp.a.freqHz, max(r3.Norm(r3.Sub(p, pp.a.origin)), 1), p.Z)
	lb := pp.cb.PathLoss.DB(pp.b.freqHz, max(r3.Norm(r3.Sub(p, pp.b.origin)), 1), p.Z)
	return (pp.ca.RxGainDB - la) - (pp.cb.RxGainDB - lb)
}

// gradient returns ∇pred at p, with the path-loss models' slopes
// (PathLoss.Slope) in the distances dₐ, d_b and the height z:
//
//	∇pred = −∂Lₐ/∂d·(p − oₐ)/dₐ + ∂L_b/∂d·(p − o_b)/d_b + (−∂Lₐ/∂z + ∂L_b/∂z)·e_z.
//
// Within 1 m of a sensor, where pred holds the distance at 1 m, that
// sensor's distance term is zero.
func (pp *powerPair) gradient(p r3.Vec) [3]float64 {
	va, vb := r3.Sub(p, pp.a.origin), r3.Sub(p, pp.b.origin)
	da, db := r3.Norm(va), r3.Norm(vb)
	sa, ha := pp.ca.PathLoss.Slope(pp.a.freqHz, max(da, 1), p.Z)
	sb, hb := pp.cb.PathLoss.Slope(pp.b.freqHz, max(db, 1), p.Z)
	var ka, kb float64
	if da > 1 {
		ka = -sa / da
	}
	if db > 1 {
		kb = sb / db
	}
	return [3]float64{ka*va.X + kb*vb.X, ka*va.Y + kb*vb.Y, ka*va.Z + kb*vb.Z - ha + hb}
}

// variance returns σᵢ² + σⱼ² + σ₀²: the variance of the measured
// difference about pred at the emitter's true position.
func (pp *powerPair) variance() float64 {
	return pp.ca.ShadowingDB*pp.ca.ShadowingDB + pp.cb.ShadowingDB*pp.cb.ShadowingDB + powerFloorDB*powerFloorDB
}

// powerPartner returns the latest bearing of another sensor on m's link
// within rfCrossS among those that updated track t, or nil.
func (t *Track) powerPartner(m *Measurement) *rfMemo {
	var partner *rfMemo
	for k := range t.rfMemo {
		e := &t.rfMemo[k]
		if e.set && e.sensor != m.Sensor && math.Abs(m.TimeS-e.timeS) <= rfCrossS &&
			sameLink(e.freqHz, e.bwHz, m.FrequencyHz, m.BandwidthHz) && (partner == nil || e.timeS > partner.timeS) {
			partner = e
		}
	}
	return partner
}

// powerAssociation returns, for RF bearing m gated with track t (predicted
// to m's time), ℓ of m's received power against the track's latest bearing
// of another sensor on the same link: a term of the pair's
// log-likelihood, so that a bearing whose power says it is of another
// emitter (one on nearly the same line, louder or fainter) is left to
// others. 0 when there is no such bearing.
//
// The power terms are kept in tr.powerMemo for the track being gated (the
// caller empties it for each track): in a swarm most of a sensor's
// bearings of a batch are gated with most of the group's tracks, and they
// share their sensor and one of a few links, so that only their powers
// differ.
func (tr *Tracker) powerAssociation(t *Track, m *Measurement) float64 {
	if m.PowerDBm == 0 {
		return 0
	}
	partner := t.powerPartner(m)
	if partner == nil || partner.powerDBm == 0 || m.Sensor >= len(tr.cov) || partner.sensor >= len(tr.cov) {
		return 0 // powerTestRaw's cases of no test
	}
	cur := memoOf(m)
	var pt *powerTerms
	for k := range tr.powerMemo {
		if c := &tr.powerMemo[k]; c.partner == partner && c.sensor == m.Sensor &&
			math.Float64bits(c.freqHz) == math.Float64bits(m.FrequencyHz) && sameVec(c.origin, m.Origin) {
			pt = &c.terms
			break
		}
	}
	if pt == nil {
		P := t.positionCov()
		tr.powerMemo = append(tr.powerMemo, powerMemo{partner: partner, sensor: m.Sensor, freqHz: m.FrequencyHz,
			origin: m.Origin, terms: tr.powerTerms(&cur, partner, t.Position(), &P)})
		pt = &tr.powerMemo[len(tr.powerMemo)-1].terms
	}
	llr, _ := pt.test(&cur, partner)
	return llr
}

// powerMemo is powerAssociation's: the power terms of the track being
// gated with its bearing partner of a sensor's bearings of one link from
// one origin.
type powerMemo struct {
	partner *rfMemo
	sensor  int
	freqHz  float64
	origin  r3.Vec
	terms   powerTerms
}

// checkPower keeps RF bearing m, which has just updated track t, and at
// most once a second tests its received power against the latest bearing
// of another sensor on the same link within rfCrossS (powerPartner),
// adding ℓ to the track's running sum. With shadowing, successive tests
// of a slow object are not independent (the shadowing changes over the
// decorrelation distance): ℓ is weighted by the distance w the track moved
// since its last test over that distance, at most 1.
//
// A difference that fits (within the 99 % gate) then updates the state as
// a measurement of its own, with variance σᵢ² + σⱼ² + σ₀² over w: it says
// how far along the bearings the emitter is.
func (tr *Tracker) checkPower(t *Track, m *Measurement) {
	if m.PowerDBm == 0 {
		return
	}
	cur := memoOf(m)
	var pair rfMemo
	if p := t.powerPartner(m); p != nil {
		pair = *p
	}
	t.remember(cur)
	if !pair.set || cur.timeS < t.powerS+1 {
		return
	}
	P := t.positionCov()
	llr, nis, ok := tr.powerTest(&cur, &pair, t.Position(), &P)
	if !ok {
		return
	}
	ca, cb := &tr.cov[cur.sensor], &tr.cov[pair.sensor]
	w := 1.0
	if c := max(ca.ShadowDecorrM, cb.ShadowDecorrM); c > 0 && t.powerTests > 0 && (ca.ShadowingDB > 0 || cb.ShadowingDB > 0) {
		w = min(1, r3.Norm(r3.Sub(t.Position(), t.powerAt))/c)
	}
	t.addPower(w * llr)
	t.powerS, t.powerAt = cur.timeS, t.Position()
	t.powerTests++
	if t.ghost || nis >= powerGate || w < minPowerWeight {
		return
	}
	pp := powerPair{a: cur, b: pair, ca: ca, cb: cb}
	pm := Measurement{TimeS: cur.timeS, Sensor: cur.sensor, Kind: sensors.RFBearing, Origin: cur.origin, pw: &pp}
	pm.add(compPowerDiff, cur.powerDBm-pair.powerDBm, math.Sqrt(pp.variance()/w))
	t.Est.Update(&pm)
}

// remember keeps bearing e in the track's memo: in place of the last one
// of its sensor and link, else of an empty or the oldest entry.
func (t *Track) remember(e rfMemo) {
	slot := -1
	for k := range t.rfMemo {
		c := &t.rfMemo[k]
		if c.set && c.sensor == e.sensor && sameLink(c.freqHz, c.bwHz, e.freqHz, e.bwHz) {
			slot = k
			break
		}
		if slot < 0 || (t.rfMemo[slot].set && (!c.set || c.timeS < t.rfMemo[slot].timeS)) {
			slot = k
		}
	}
	t.rfMemo[slot] = e
}

// addPower adds to the track's running sum of ℓ and notes whether its
// bearings now look like a ghost's.
func (t *Track) addPower(llr float64) {
	t.powerLLR = clampAbs(t.powerLLR+llr, maxPowerLLR)
	t.ghost = t.powerLLR < ghostPowerLLR
	t.class.rfDoubt = 1 / (1 + math.Exp(t.powerLLR+onePriorLLR))
	setClass(t)
}

// positionCov returns the position block of the track's covariance.
func (t *Track) positionCov() [3][3]float64 {
	var P [3][3]float64
	for i := range 3 {
		for j := range 3 {
			P[i][j] = t.Est.Comb.P[i][j]
		}
	}
	return P
}
