package track

import "math"

// Classification evidence, as log-likelihood ratios of drone against bird.
// They are deliberately modest: successive seconds of one track are far
// from independent, so each second counts as a fraction of a look.
const (
	// rfEvidence is added at most once a second when an RF bearing
	// updates the track: birds do not emit, and an RF false alarm rarely
	// lands in a track's gate (about ln 20).
	rfEvidence = 3.0
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
	// maxLogOdds bounds the accumulated evidence, so a track can change
	// its mind in a few seconds of contrary micro-Doppler labels or about
	// half a minute of kinematics.
	maxLogOdds = 10.0
)

// classify updates the drone-against-bird log-odds with one second's
// kinematic evidence (speed, hovering) — the RF and micro-Doppler evidence
// is added as it arrives, in hit — and sets the class probabilities:
// PClutter = 1 − existence, and the rest split between drone and bird by
// the logistic of the log-odds.
func (tr *Tracker) classify(t *Track, now float64) {
	for ; t.nextClass <= now; t.nextClass++ {
		v := t.Velocity()
		speed := math.Hypot(math.Hypot(v.X, v.Y), v.Z)
		switch {
		case speed < hoverSpeedMPS && t.HoverProbability() > 0.5:
			t.logOdds += hoverEvidence
			t.Evidence.HoverSeconds++
		case speed > fastSpeedMPS:
			t.logOdds += fastEvidence
			t.Evidence.FastSeconds++
		case speed >= birdMinMPS && speed <= birdMaxMPS:
			t.logOdds += birdSpeedEvidence
			t.Evidence.BirdSpeedSeconds++
		}
		t.logOdds = max(-maxLogOdds, min(maxLogOdds, t.logOdds))
	}
	setClass(t)
}

// setClass sets the class probabilities from the existence and the
// log-odds, bounding the log-odds to ±maxLogOdds.
func setClass(t *Track) {
	t.logOdds = max(-maxLogOdds, min(maxLogOdds, t.logOdds))
	t.Evidence.LogOdds = t.logOdds
	pd := 1 / (1 + math.Exp(-t.logOdds))
	t.PClutter = 1 - t.Existence
	t.PDrone = t.Existence * pd
	t.PBird = t.Existence * (1 - pd)
}
