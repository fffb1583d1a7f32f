package sim

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/scenarios"
)

// Groups: a group's members fly the group's plan, each shifted by a fixed
// offset and started later by its place in the order (stagger_s). A shift
// of the whole plan (its start and every waypoint and orbit centre) keeps
// the formation exactly while the members fly at the same speed: they
// share the plan's turns and orbits, so member k is at the first member's
// position plus its offset, stagger_s·k later, at every step.

// vee is the angle between a wing of the vee and the course.
const vee = math.Pi / 4

// randomAttempts bounds the draws for one member of a random formation.
// The disc is filled to a packing fraction of 0.25 (discs of diameter
// spacing_m), under half the saturation coverage of random sequential
// packing, 0.547: over 200 groups of 2 to 100, a member took 1.4 to 2 draws on
// average and 26 at most, so this bound is not reached in practice.
const randomAttempts = 1000

// members splits a group's plan into its members' plans.
func (w *World) members(g *scenarios.Group, p plan) []plan {
	slots := formationSlots(g.Formation, g.Size, g.SpacingM, Stream(w.Seed, "traffic/"+p.name+"/formation"))
	course := p.course()
	right := r3.Vec{X: math.Cos(course), Y: -math.Sin(course)} // across the course, to the right
	ahead := r3.Vec{X: math.Sin(course), Y: math.Cos(course)}
	out := make([]plan, g.Size)
	for k, s := range slots {
		name := fmt.Sprintf("%s.%d", p.name, k+1)
		shift := r3.Add(r3.Scale(s[0], right), r3.Scale(s[1], ahead))
		if g.JitterM > 0 {
			r := Stream(w.Seed, "traffic/"+name+"/jitter")
			shift.X += g.JitterM * r.NormFloat64()
			shift.Y += g.JitterM * r.NormFloat64()
		}
		m := plan{name: name, startS: p.startS + float64(k)*g.StaggerS, from: r3.Add(p.from, shift), legs: make([]leg, len(p.legs))}
		for i, l := range p.legs {
			if l.kind != legHover {
				l.to = r3.Add(l.to, shift)
			}
			m.legs[i] = l
		}
		out[k] = m
	}
	return out
}

// course is the compass heading, radians, from where the plan starts to
// its first waypoint or orbit centre (a convoy's where it is at the
// start; 0 when the plan only hovers): the direction the formation faces.
func (p *plan) course() float64 {
	for _, l := range p.legs {
		if c, _ := l.centre(p.startS); l.kind != legHover && (c.X != p.from.X || c.Y != p.from.Y) {
			return geo.WrapTwoPi(math.Atan2(c.X-p.from.X, c.Y-p.from.Y))
		}
	}
	return 0
}

// formationSlots returns the places of a group's n members, each as
// (metres to the right of the course, metres ahead), for a formation of
// the scenario format: line (abreast, centred on the course), column (one
// behind the other), vee (the first ahead, the others alternately right
// and left on two wings 45° back, spacing apart along each wing) or random
// (uniform in a disc of radius spacing·√n about the course, no two closer
// than spacing, drawn from r).
func formationSlots(formation string, n int, spacing float64, r *rand.Rand) [][2]float64 {
	slots := make([][2]float64, n)
	switch formation {
	case "line":
		for k := range slots {
			slots[k] = [2]float64{(float64(k) - float64(n-1)/2) * spacing, 0}
		}
	case "column":
		for k := range slots {
			slots[k] = [2]float64{0, -float64(k) * spacing}
		}
	case "vee":
		for k := 1; k < n; k++ {
			rank, side := float64((k+1)/2), 1.0
			if k%2 == 0 {
				side = -1
			}
			slots[k] = [2]float64{side * rank * spacing * math.Sin(vee), -rank * spacing * math.Cos(vee)}
		}
	case "random":
		radius := spacing * math.Sqrt(float64(n))
		for k := range slots {
			var p [2]float64
			for range randomAttempts {
				rho, phi := radius*math.Sqrt(r.Float64()), 2*math.Pi*r.Float64()
				p = [2]float64{rho * math.Sin(phi), rho * math.Cos(phi)}
				if spaced(slots[:k], p, spacing) {
					break
				}
			}
			slots[k] = p
		}
	default:
		panic("sim: unknown formation " + formation)
	}
	return slots
}

// spaced reports whether p is at least d from every slot taken.
func spaced(taken [][2]float64, p [2]float64, d float64) bool {
	for _, q := range taken {
		if math.Hypot(p[0]-q[0], p[1]-q[1]) < d {
			return false
		}
	}
	return true
}
