package main

import (
	"flag"
	"math"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/examples/internal/lessontest"
)

var update = flag.Bool("update", false, "rewrite the program's output in docs/course/05-fusion.md")

// TestLesson checks the output lesson 5 shows, for each command it runs.
func TestLesson(t *testing.T) {
	const lesson = "05-fusion.md"
	lessontest.Check(t, run, "05-fusion", lesson, "run", *update)
	lessontest.Check(t, run, "05-fusion", lesson, "wide", *update, "-bearing", "5")
}

// TestFigure draws the lesson's figure.
func TestFigure(t *testing.T) { lessontest.Figure(t, run) }

// TestGhostsAtLineCrossings checks the crossings against the intersection
// of the two bearing lines solved in closed form (Cramer's rule), and that
// the real ones are the drones.
func TestGhostsAtLineCrossings(t *testing.T) {
	var ghostSum float64
	for _, c := range crossings(0.01) {
		if c.i != c.j {
			ghostSum += c.residualDB
		}
		a, b := drones[c.i].pos, drones[c.j].pos
		u, v := r3.Sub(a, west), r3.Sub(b, east)
		// west + s·u = east + r·v, in the plane.
		det := u.X*(-v.Y) - u.Y*(-v.X)
		dx, dy := east.X-west.X, east.Y-west.Y
		s := (dx*(-v.Y) - dy*(-v.X)) / det
		want := r3.Add(west, r3.Scale(s, u))
		if d := math.Hypot(c.at.X-want.X, c.at.Y-want.Y); d > 0.5 {
			t.Errorf("%d×%d at %v, lines cross at %v (%.2f m off)", c.i, c.j, c.at, want, d)
		}
		if c.i == c.j && (math.Abs(c.residualDB) > 0.05 || c.missM > 0.5) {
			t.Errorf("real crossing %d: residual %g dB, south miss %g m, want 0", c.i, c.residualDB, c.missM)
		}
	}
	// By the law of sines the free-space residuals of the two ghosts sum
	// to those of the drones, zero (lesson 5, exercise 3); each is
	// rounded to 0.1 dB.
	if math.Abs(ghostSum) > 0.11 {
		t.Errorf("the ghosts' residuals sum to %g dB, want 0", ghostSum)
	}
}
