package track

import (
	"math"
)

// State layout: position then velocity, ENU metres and metres per second.
const (
	stateDim                  = 6
	ix, iy, iz, ivx, ivy, ivz = 0, 1, 2, 3, 4, 5
)

// A MotionModel is a linear motion model that moves each axis (east,
// north, up) independently and alike: position and velocity along the
// axis evolve by the same 2×2 transition and process noise, so the 6×6 F
// and Q of the state are three copies of one block. The filter exploits
// the structure (see AxisTransition).
type MotionModel interface {
	// Transition returns the per-axis transition and process noise over
	// a step of dtS seconds.
	Transition(dtS float64) AxisTransition
}

// AxisTransition is one axis's transition F = [[F11, F12], [F21, F22]]
// and process noise Q = [[Q11, Q12], [Q12, Q22]] acting on (position,
// velocity) along the axis.
type AxisTransition struct {
	F11, F12, F21, F22 float64
	Q11, Q12, Q22      float64
}

// Full returns the 6×6 F and Q of the whole state (position then
// velocity): the blocks on each of the three axes. The filter never
// builds them; tests and reference computations do.
func (a AxisTransition) Full() (F, Q [6][6]float64) {
	for k := 0; k < 3; k++ {
		p, v := k, k+3
		F[p][p], F[p][v], F[v][p], F[v][v] = a.F11, a.F12, a.F21, a.F22
		Q[p][p], Q[p][v], Q[v][p], Q[v][v] = a.Q11, a.Q12, a.Q12, a.Q22
	}
	return F, Q
}

// CV is the nearly-constant-velocity (white-noise acceleration) model: on
// each axis, independently,
//
//	F = [[1, dt], [0, 1]],  Q = q·[[dt³/3, dt²/2], [dt²/2, dt]]
//
// with q the power spectral density of the acceleration noise, m²/s³
// (Bar-Shalom, Li and Kirubarajan 2001, §6.2.2).
type CV struct {
	AccelPSD float64 // q, m²/s³
}

// Transition returns the CV model's F and Q for a step of dtS seconds.
func (m CV) Transition(dtS float64) AxisTransition {
	q := m.AccelPSD
	return AxisTransition{F11: 1, F12: dtS, F22: 1, Q11: q * dtS * dtS * dtS / 3, Q12: q * dtS * dtS / 2, Q22: q * dtS}
}

// Hover is a near-hover model: the velocity decays to zero with time
// constant Tau while white-noise acceleration of density q drives it (an
// Ornstein–Uhlenbeck velocity, the Singer model applied to velocity). On
// each axis, with a = 1/Tau and e = exp(−a·dt),
//
//	F = [[1, (1−e)/a], [0, e]]
//	Q = q/a²·[[dt − 2(1−e)/a + (1−e²)/(2a), a·((1−e)/a − (1−e²)/(2a))],
//	          [·, a²·(1−e²)/(2a)]]
//
// which tends to CV as Tau → ∞. With a short Tau it describes a small
// drone holding position in wind: its velocity is a jitter that
// decorrelates in Tau and its position wanders by √(q·Tau²) m per √s. In
// an IMM with CV it must be distinguishable from CV: a hover model that
// merely damps the velocity slowly, with a small q, "explains" a target
// crossing the beam (whose speed only noisy angles reveal) with a sharper
// prediction than CV, wins the model probability, and drags the estimate
// behind the target; the package tests show this.
type Hover struct {
	AccelPSD float64 // q, m²/s³
	TauS     float64 // velocity time constant, s
}

// Transition returns the Hover model's F and Q for a step of dtS seconds.
// With u = a·dt, Q₁₂ = (q/2)·((1−e)/a)² and Q₁₁ = q/a³·f(u),
// f(u) = u − 2(1−e^−u) + (1−e^−2u)/2, summed as its series
// u³/3 − u⁴/4 + 7u⁵/60 − u⁶/24 when u is small, where the closed form
// cancels.
//
// One call of expm1 gives every term: with m = e − 1 = expm1(−u),
// e^−2u − 1 = m·(2 + m) and f(u) = u + m − m²/2.
func (m Hover) Transition(dtS float64) AxisTransition {
	a, q := 1/m.TauS, m.AccelPSD
	u := a * dtS
	em1 := math.Expm1(-u) // e − 1
	e2m1 := em1 * (2 + em1)
	f12 := -em1 / a // (1 − e)/a
	var f float64
	if u < 1e-2 {
		f = u * u * u * (1.0/3 + u*(-1.0/4+u*(7.0/60-u/24)))
	} else {
		f = u + em1 - em1*em1/2
	}
	return AxisTransition{F11: 1, F12: f12, F22: 1 + em1,
		Q11: q / (a * a * a) * f, Q12: q / 2 * f12 * f12, Q22: -q * e2m1 / (2 * a)}
}
