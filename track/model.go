package track

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// State layout: position then velocity, ENU metres and metres per second.
const (
	stateDim                  = 6
	ix, iy, iz, ivx, ivy, ivz = 0, 1, 2, 3, 4, 5
)

// MotionModel gives the transition and process noise of a linear motion
// model over a time step; F and Q are 6×6 and are overwritten.
type MotionModel interface {
	Transition(dtS float64, F, Q *mat.Dense)
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

// Transition writes the CV model's F and Q for a step of dtS seconds.
func (m CV) Transition(dtS float64, F, Q *mat.Dense) {
	q := m.AccelPSD
	axes(F, Q, 1, dtS, 0, 1, q*dtS*dtS*dtS/3, q*dtS*dtS/2, q*dtS)
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

// Transition writes the Hover model's F and Q for a step of dtS seconds.
// With u = a·dt, Q₁₂ = (q/2)·((1−e)/a)² and Q₁₁ = q/a³·f(u),
// f(u) = u − 2(1−e^−u) + (1−e^−2u)/2, summed as its series
// u³/3 − u⁴/4 + 7u⁵/60 − u⁶/24 when u is small, where the closed form
// cancels.
func (m Hover) Transition(dtS float64, F, Q *mat.Dense) {
	a, q := 1/m.TauS, m.AccelPSD
	u := a * dtS
	e := math.Exp(-u)
	f12 := -math.Expm1(-u) / a // (1 − e)/a
	var f float64
	if u < 1e-2 {
		f = u * u * u * (1.0/3 + u*(-1.0/4+u*(7.0/60-u/24)))
	} else {
		f = u + 2*math.Expm1(-u) - math.Expm1(-2*u)/2
	}
	q11 := q / (a * a * a) * f
	q12 := q / 2 * f12 * f12
	q22 := -q * math.Expm1(-2*u) / (2 * a)
	axes(F, Q, 1, f12, 0, e, q11, q12, q22)
}

// axes writes the same 2×2 F and Q blocks on the three axes.
func axes(F, Q *mat.Dense, f11, f12, f21, f22, q11, q12, q22 float64) {
	F.Zero()
	Q.Zero()
	for k := 0; k < 3; k++ {
		p, v := k, k+3
		F.Set(p, p, f11)
		F.Set(p, v, f12)
		F.Set(v, p, f21)
		F.Set(v, v, f22)
		Q.Set(p, p, q11)
		Q.Set(p, v, q12)
		Q.Set(v, p, q12)
		Q.Set(v, v, q22)
	}
}
