package sim

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat"
)

// courseFrame returns v in the frame of a compass course: metres to the
// right of it and ahead.
func courseFrame(v r3.Vec, course float64) [2]float64 {
	s, c := math.Sincos(course)
	return [2]float64{v.X*c - v.Y*s, v.X*s + v.Y*c}
}

// TestGroupFormationHolds flies inbound groups in each formation, from
// random bearings, through their approach, an orbit of the target and the
// way out, and checks at every step that each member keeps its place:
// its offset from the first member, in the frame of the group's course,
// is the difference of their places, to a millimetre.
func TestGroupFormationHolds(t *testing.T) {
	for _, formation := range []string{"line", "column", "vee"} {
		for seed := uint64(1); seed <= 3; seed++ {
			w := newWorld(t, fmt.Sprintf(`traffic:
  - {name: g, kind: inbound, type: quad, count: 2, end_s: 60, toward: [0, 0], start_range_m: 1500,
     alt_m: {min: 50, max: 80}, loiter_s: 60, loiter_radius_m: 200,
     group: {size: 5, formation: %s, spacing_m: 30}}`, formation), 900, seed)
			slots := formationSlots(formation, 5, 30, nil)
			if len(w.Entities) != 10 {
				t.Fatalf("%d entities, want two groups of 5", len(w.Entities))
			}
			for g := range 2 {
				lead := &w.Entities[5*g]
				if lead.Name != fmt.Sprintf("g-%d.1", g+1) || lead.Group != fmt.Sprintf("g-%d", g+1) {
					t.Fatalf("first member named %q in group %q", lead.Name, lead.Group)
				}
			}
			// The member whose place is on the course (the line's middle,
			// the head of the column or vee) appears where the group's
			// plan starts, facing the target: its bearing is the course.
			ref := 0
			if formation == "line" {
				ref = 2
			}
			courses := map[int]float64{}
			steps, worst := 0, 0.0
			for !w.Done() {
				w.Step()
				for g := range 2 {
					lead := &w.Entities[5*g+ref]
					if !lead.Active {
						continue
					}
					if _, ok := courses[g]; !ok {
						courses[g] = math.Atan2(-lead.Pos.X, -lead.Pos.Y)
					}
					for k := range 5 {
						m := &w.Entities[5*g+k]
						if !m.Active {
							t.Fatalf("%s: %s inactive while the group flies", formation, m.Name)
						}
						got := courseFrame(r3.Sub(m.Pos, lead.Pos), courses[g])
						worst = math.Max(worst, math.Hypot(got[0]-(slots[k][0]-slots[ref][0]), got[1]-(slots[k][1]-slots[ref][1])))
					}
					steps++
				}
			}
			if steps < 2000 || worst > 1e-3 {
				t.Errorf("%s, seed %d: over %d steps a member strayed %.4f m from its place", formation, seed, steps, worst)
			}
		}
	}
}

// TestGroupPlacesExactly places groups on a known course and checks
// their places at the start to a micrometre, for every formation: the
// line centred and abreast, the column behind, the vee on two 45° wings.
func TestGroupPlacesExactly(t *testing.T) {
	for _, c := range []struct {
		formation string
		want      [][2]float64
	}{
		{"line", [][2]float64{{-30, 0}, {-10, 0}, {10, 0}, {30, 0}}},
		{"column", [][2]float64{{0, 0}, {0, -20}, {0, -40}, {0, -60}}},
		{"vee", [][2]float64{{0, 0}, {20 * math.Sqrt2 / 2, -20 * math.Sqrt2 / 2}, {-20 * math.Sqrt2 / 2, -20 * math.Sqrt2 / 2}, {40 * math.Sqrt2 / 2, -40 * math.Sqrt2 / 2}}},
	} {
		// Heading east from (0, 0): right is south, ahead is east.
		w := newWorld(t, `traffic:
  - {name: f, kind: flight, type: quad, from: [0, 0], from_alt_m: 50, legs: [{goto: {to: [2000, 0], alt_m: 50}}],
     group: {size: 4, formation: `+c.formation+`, spacing_m: 20}}`, 60, 1)
		for k, want := range c.want {
			e := w.Entities[k]
			if got := courseFrame(e.Pos, math.Pi/2); math.Hypot(got[0]-want[0], got[1]-want[1]) > 1e-6 {
				t.Errorf("%s: %s at %v (right, ahead), want %v", c.formation, e.Name, got, want)
			}
		}
	}
}

// TestGroupJitter: each member's shift from its place is N(0, jitter_m²)
// east and north, independent between members: over 100 seeds of a group
// of 5, the mean shift is within four standard errors of 0 and the
// standard deviation within 10 % of jitter_m (three standard errors of
// it), and the shifts of neighbouring members do not correlate.
func TestGroupJitter(t *testing.T) {
	const jitter, n = 8.0, 5
	slots := formationSlots("line", n, 40, nil)
	var east, north, first, second []float64
	for seed := uint64(1); seed <= 100; seed++ {
		w := newWorld(t, fmt.Sprintf(`traffic:
  - {name: f, kind: flight, type: quad, from: [0, 0], from_alt_m: 50, legs: [{goto: {to: [0, 2000], alt_m: 50}}],
     group: {size: %d, formation: line, spacing_m: 40, jitter_m: %g}}`, n, jitter), 10, seed)
		for k := range n {
			// Heading north: right is east.
			e := w.Entities[k].Pos
			east, north = append(east, e.X-slots[k][0]), append(north, e.Y-slots[k][1])
		}
		first, second = append(first, east[len(east)-n]), append(second, east[len(east)-n+1])
	}
	for _, c := range []struct {
		axis string
		x    []float64
	}{{"east", east}, {"north", north}} {
		mean, sd := stat.MeanStdDev(c.x, nil)
		if se := jitter / math.Sqrt(float64(len(c.x))); math.Abs(mean) > 4*se {
			t.Errorf("%s: mean shift %.2f m, want 0 within %.2f", c.axis, mean, 4*se)
		}
		if sd < 0.9*jitter || sd > 1.1*jitter {
			t.Errorf("%s: shifts have SD %.2f m, want %g within 10 %%", c.axis, sd, jitter)
		}
	}
	if r := stat.Correlation(first, second, nil); math.Abs(r) > 4/math.Sqrt(100) {
		t.Errorf("neighbours' shifts correlate: r = %.2f", r)
	}
}

// TestRandomFormation: a random formation keeps every pair at least
// spacing apart, inside its disc of radius spacing·√n, and spreads over
// the disc: over 200 groups of 8 the mean squared distance from the
// centre is R²/2 (uniform over the disc) within 10 %, and the slots'
// mean is the centre within four standard errors.
func TestRandomFormation(t *testing.T) {
	const n, spacing = 8, 30.0
	radius := spacing * math.Sqrt(n)
	var r2, xs []float64
	for seed := uint64(1); seed <= 200; seed++ {
		slots := formationSlots("random", n, spacing, Stream(seed, "test/formation"))
		for i, p := range slots {
			d := math.Hypot(p[0], p[1])
			if d > radius+1e-9 {
				t.Fatalf("seed %d: slot %d at %.1f m, outside the %.1f m disc", seed, i, d, radius)
			}
			for _, q := range slots[:i] {
				if dd := math.Hypot(p[0]-q[0], p[1]-q[1]); dd < spacing {
					t.Fatalf("seed %d: two slots %.1f m apart, want at least %g", seed, dd, spacing)
				}
			}
			r2, xs = append(r2, d*d), append(xs, p[0])
		}
	}
	if m := stat.Mean(r2, nil) / (radius * radius); m < 0.45 || m > 0.55 {
		t.Errorf("mean squared distance %.3f R², want 0.5 (uniform) within 10 %%", m)
	}
	if m := stat.Mean(xs, nil); math.Abs(m) > 4*radius/2/math.Sqrt(float64(len(xs))) {
		t.Errorf("slots centred at %.1f m across, want 0", m)
	}
	// The world draws the formation from the arrival's own stream: the
	// same seed gives the same places.
	a := newWorld(t, `traffic:
  - {name: f, kind: flight, type: quad, from: [0, 0], from_alt_m: 50, legs: [{goto: {to: [0, 2000], alt_m: 50}}],
     group: {size: 8, formation: random, spacing_m: 30}}`, 10, 3)
	want := formationSlots("random", n, spacing, Stream(3, "traffic/f/formation"))
	for k, e := range a.Entities {
		if math.Hypot(e.Pos.X-want[k][0], e.Pos.Y-want[k][1]) > 1e-9 {
			t.Errorf("%s at (%.1f, %.1f), want its slot (%.1f, %.1f)", e.Name, e.Pos.X, e.Pos.Y, want[k][0], want[k][1])
		}
	}
}

// TestGroupStagger: with stagger_s, member k appears k·stagger_s after the
// first and flies the same path shifted by its place, so it is where the
// first member was k·stagger_s earlier, plus its offset.
func TestGroupStagger(t *testing.T) {
	w := newWorld(t, `traffic:
  - {name: f, kind: flight, type: quad, start_s: 5, from: [0, 0], from_alt_m: 50,
     legs: [{goto: {to: [0, 800], alt_m: 80}}, {orbit: {center: [300, 800], radius_m: 150, alt_m: 80, duration_s: 60}}, {goto: {to: [0, 0], alt_m: 50}}],
     group: {size: 3, formation: column, spacing_m: 25, stagger_s: 12.5}}`, 400, 1)
	var lead []r3.Vec // the first member's positions, step by step from its start
	seen := [3]int{}  // steps each member has flown
	worst := 0.0
	for !w.Done() {
		w.Step()
		for k := range 3 {
			e := &w.Entities[k]
			if !e.Active {
				continue
			}
			if seen[k] == 0 {
				if want := 5 + 12.5*float64(k); w.TimeS() < want-1e-9 || w.TimeS() > want+w.StepS {
					t.Errorf("%s appeared at %.1f s, want %.1f s", e.Name, w.TimeS(), want)
				}
			}
			if k == 0 {
				lead = append(lead, e.Pos)
			} else if i := seen[k]; i < len(lead) {
				// Behind by k·25 m along the first course, north.
				d := r3.Sub(e.Pos, lead[i])
				worst = math.Max(worst, math.Hypot(d.X, d.Y+25*float64(k)))
			}
			seen[k]++
		}
	}
	if seen[2] < 1000 || worst > 1e-3 {
		t.Errorf("over %d steps the last member strayed %.4f m from the first member's path", seen[2], worst)
	}
}
