package sim

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/scenarios"
)

// A mover moves the entities it owns. advance is called once per step with
// the time at the end of the step; the mover activates its entities when their
// start time has come and deactivates them when their motion is over.
type mover interface {
	advance(ents []Entity, t, dt float64)
}

// legKind is what a flight-plan leg does.
type legKind uint8

const (
	legGoto legKind = iota
	legOrbit
	legHover
)

// leg is one part of a flight plan, in the local frame.
type leg struct {
	kind      legKind
	to        r3.Vec  // goto: waypoint (Z = altitude); orbit: centre (Z = altitude)
	speedMPS  float64 // goto, orbit
	radiusM   float64 // orbit
	clockwise bool    // orbit
	durationS float64 // orbit (from reaching the circle), hover
	// route, for an orbit about a convoy: the centre is the convoy's
	// centre plus to (east and north), moving with the convoy's schedule.
	route *scenarios.ConvoyRoute
}

// centre returns an orbit's centre, and its velocity, at time t.
func (l *leg) centre(t float64) (c, v r3.Vec) {
	if l.route == nil {
		return l.to, r3.Vec{}
	}
	p := l.route.CentreAt(t)
	ve, vn := l.route.CentreVelocityAt(t)
	return r3.Vec{X: p.EastM + l.to.X, Y: p.NorthM + l.to.Y, Z: l.to.Z}, r3.Vec{X: ve, Y: vn}
}

// Limits are a drone type's manoeuvre limits.
type Limits struct {
	TurnRateRadS float64 // largest heading change per second
	ClimbMPS     float64 // largest climb or descent rate
	AccelMPS2    float64 // largest change of horizontal speed per second
	MaxMPS       float64 // top speed
}

// planFollower flies one drone through a list of legs. Horizontal motion is a
// unicycle (heading and speed) limited in turn rate and acceleration;
// vertical motion approaches the leg's altitude at no more than the climb
// rate. Orbits are held by a vector-field path follower (Nelson et al., IEEE
// Trans. Robotics 2007): the commanded heading is the circle's tangent bent
// toward the circle by atan(k·(d − r)/r). An orbit about a convoy applies
// the same field about the convoy's scheduled centre, relative to it: the
// commanded ground velocity is the field's at the leg's speed plus the
// centre's velocity.
type planFollower struct {
	id     int
	startS float64
	from   r3.Vec
	legs   []leg
	lim    Limits

	cur      int     // current leg
	heading  float64 // compass heading, radians
	speed    float64 // horizontal speed, m/s
	legTime  float64 // time spent on the current leg's hold (orbit once reached, hover)
	onCircle bool    // orbit: the circle has been reached
	started  bool
}

// orbitGain is k in the orbit follower: larger converges faster onto the circle.
const orbitGain = 2.0

func (f *planFollower) advance(ents []Entity, t, dt float64) {
	e := &ents[f.id]
	if !f.started {
		if t < f.startS {
			return
		}
		f.started = true
		e.Active = true
		e.Pos = f.from
		f.heading = f.initialHeading()
		f.speed = f.legSpeed()
		e.Vel = r3.Vec{X: f.speed * math.Sin(f.heading), Y: f.speed * math.Cos(f.heading)}
		return
	}
	if !e.Active {
		return
	}
	if f.cur >= len(f.legs) {
		e.Active = false
		e.EndS = t
		e.Vel = r3.Vec{}
		return
	}
	l := &f.legs[f.cur]
	prev := e.Pos
	wantHeading, wantSpeed, done := f.command(e.Pos, l, t-dt, dt)
	f.turnToward(wantHeading, dt)
	f.speed = approach(f.speed, wantSpeed, f.lim.AccelMPS2*dt)
	// math.Sincos gives math.Sin and math.Cos bit for bit (geo's
	// TestSincosIsSinAndCos), both for the price of about one.
	sin, cos := math.Sincos(f.heading)
	e.Pos.X += f.speed * sin * dt
	e.Pos.Y += f.speed * cos * dt
	if l.kind != legHover { // a hover holds its altitude
		e.Pos.Z = approach(e.Pos.Z, l.to.Z, f.lim.ClimbMPS*dt)
	}
	e.Vel = r3.Scale(1/dt, r3.Sub(e.Pos, prev))
	if done {
		f.cur++
		f.legTime = 0
		f.onCircle = false
	}
}

// command returns the heading and speed the current leg asks for at time t,
// and whether the leg is complete.
func (f *planFollower) command(p r3.Vec, l *leg, t, dt float64) (heading, speed float64, done bool) {
	switch l.kind {
	case legGoto:
		dx, dy := l.to.X-p.X, l.to.Y-p.Y
		dist := math.Hypot(dx, dy)
		// Capture within one step's travel or the turn radius, whichever is
		// larger, so a waypoint inside the turning circle is not circled for ever.
		capture := math.Max(1.5*f.speed*dt, f.speed/f.lim.TurnRateRadS)
		return math.Atan2(dx, dy), l.speedMPS, dist <= math.Max(capture, 1)
	case legOrbit:
		c, vc := l.centre(t)
		dx, dy := p.X-c.X, p.Y-c.Y
		d := math.Hypot(dx, dy)
		gamma := math.Atan2(dx, dy) // bearing from the centre to the drone
		bend := math.Atan(orbitGain * (d - l.radiusM) / l.radiusM)
		if l.clockwise {
			heading = gamma + math.Pi/2 + bend
		} else {
			heading = gamma - math.Pi/2 - bend
		}
		speed = l.speedMPS
		if vc != (r3.Vec{}) {
			// Relative to the moving centre: add its velocity.
			ve, vn := speed*math.Sin(heading)+vc.X, speed*math.Cos(heading)+vc.Y
			heading, speed = math.Atan2(ve, vn), math.Min(math.Hypot(ve, vn), f.lim.MaxMPS)
		}
		if !f.onCircle && math.Abs(d-l.radiusM) <= math.Max(10, 0.1*l.radiusM) {
			f.onCircle = true
		}
		if f.onCircle {
			f.legTime += dt
		}
		return heading, speed, f.legTime >= l.durationS
	default: // hover
		f.legTime += dt
		return f.heading, 0, f.legTime >= l.durationS
	}
}

func (f *planFollower) turnToward(want, dt float64) {
	diff := geo.WrapPi(want - f.heading)
	maxTurn := f.lim.TurnRateRadS * dt
	f.heading = geo.WrapTwoPi(f.heading + math.Max(-maxTurn, math.Min(maxTurn, diff)))
}

func (f *planFollower) initialHeading() float64 {
	for _, l := range f.legs {
		if l.kind != legHover {
			c, _ := l.centre(f.startS)
			return geo.WrapTwoPi(math.Atan2(c.X-f.from.X, c.Y-f.from.Y))
		}
	}
	return 0
}

func (f *planFollower) legSpeed() float64 {
	if len(f.legs) > 0 && f.legs[0].kind != legHover {
		return f.legs[0].speedMPS
	}
	return 0
}

// approach moves x toward target by at most step.
func approach(x, target, step float64) float64 {
	switch {
	case target > x+step:
		return x + step
	case target < x-step:
		return x - step
	}
	return target
}

// ou is an Ornstein-Uhlenbeck process with zero mean, standard deviation
// sigma and time constant tau, advanced by its exact discretisation
// x ← x·e^(−dt/τ) + σ·√(1 − e^(−2dt/τ))·N(0,1).
type ou struct {
	x, sigma, tau float64

	// The decay a = e^(−dt/τ) and √(1 − a²) of the last step, and the dt
	// and τ they were computed from: the world steps by a fixed dt, so
	// step computes them once and reuses them, the same values as
	// computing them anew.
	memoDt, memoTau, a, sqrt1a2 float64
	memo                        bool
}

func (p *ou) step(r *rand.Rand, dt float64) float64 {
	if !p.memo || dt != p.memoDt || p.tau != p.memoTau {
		a := math.Exp(-dt / p.tau)
		p.memoDt, p.memoTau, p.a, p.sqrt1a2, p.memo = dt, p.tau, a, math.Sqrt(1-a*a), true
	}
	p.x = p.x*p.a + p.sigma*p.sqrt1a2*r.NormFloat64()
	return p.x
}

// flock moves a group of birds as a correlated random walk: the flock
// centre's speed, altitude and turn rate are Ornstein-Uhlenbeck processes
// about their means, and a flock that strays outside its area turns back
// toward the centre. Each bird keeps a fixed offset from the flock centre.
type flock struct {
	ids          []int
	offsets      []r3.Vec
	startS, endS float64
	r            *rand.Rand

	center             r3.Vec // flock centre
	area               r3.Vec // centre of the area (Z ignored)
	areaRadiusM        float64
	heading            float64
	meanSpeed, meanAlt float64
	speed, alt, turn   ou
	started            bool
}

// returnGain is how hard a flock outside its area turns home, in rad/s per
// radian of heading error.
const returnGain = 0.2

func (f *flock) advance(ents []Entity, t, dt float64) {
	if !f.started {
		if t < f.startS {
			return
		}
		f.started = true
		f.place(ents, dt, true)
		return
	}
	if !ents[f.ids[0]].Active {
		return
	}
	if t >= f.endS {
		for _, id := range f.ids {
			ents[id].Active = false
			ents[id].Vel = r3.Vec{}
		}
		return
	}
	turn := f.turn.step(f.r, dt)
	dx, dy := f.area.X-f.center.X, f.area.Y-f.center.Y
	if math.Hypot(dx, dy) > f.areaRadiusM {
		turn += returnGain * geo.WrapPi(math.Atan2(dx, dy)-f.heading)
	}
	f.heading = geo.WrapTwoPi(f.heading + turn*dt)
	f.speed.step(f.r, dt)
	f.alt.step(f.r, dt)
	f.place(ents, dt, false)
}

// place puts the flock's birds around its centre after the centre moves.
func (f *flock) place(ents []Entity, dt float64, first bool) {
	// The builtin max, not math.Max (a call on amd64): with one argument
	// a constant the two agree on every input.
	speed := max(0.5, f.meanSpeed+f.speed.x)
	sin, cos := math.Sincos(f.heading) // math.Sin and math.Cos, bit for bit
	vel := r3.Vec{X: speed * sin, Y: speed * cos}
	alt := max(2, f.meanAlt+f.alt.x)
	prevZ := f.center.Z
	if !first {
		f.center.X += vel.X * dt
		f.center.Y += vel.Y * dt
		vel.Z = (alt - prevZ) / dt
	}
	f.center.Z = alt
	for i, id := range f.ids {
		e := &ents[id]
		e.Active = true
		e.Pos = r3.Add(f.center, f.offsets[i])
		e.Pos.Z = max(1, e.Pos.Z)
		e.Vel = vel
	}
}
