package main

import (
	"flag"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cuasim/cuasim/examples/internal/lessontest"
)

var update = flag.Bool("update", false, "rewrite the program's output in docs/course/04-tracking.md")

// TestLesson checks the output lesson 4 shows, for each command it runs.
func TestLesson(t *testing.T) {
	if lessontest.RaceEnabled {
		t.Skip("twelve simulated 10-minute runs take too long under the race detector; checked without it")
	}
	const lesson = "04-tracking.md"
	lessontest.Check(t, run, "04-tracking", lesson, "run", *update)
	lessontest.Check(t, run, "04-tracking", lesson, "gate", *update, "-gate", "0.9")
	lessontest.Check(t, run, "04-tracking", lesson, "seed", *update, "-seed", "2")
}

// TestFigure draws the lesson's figure from a shorter run.
func TestFigure(t *testing.T) { lessontest.Figure(t, run, "-duration", "60") }

// TestConfirmP checks the M-of-N confirmation probability against the
// binomial distribution's survival function (gonum's distuv.Binomial).
func TestConfirmP(t *testing.T) {
	for _, mn := range rules {
		for _, p := range []float64{0.05, 0.5, 0.9} {
			want := 1 - distuv.Binomial{N: float64(mn[1]), P: p}.CDF(float64(mn[0]-1))
			if got := confirmP(mn[0], mn[1], p); math.Abs(got-want) > 1e-12 {
				t.Errorf("%d of %d, p %g: %g, want %g", mn[0], mn[1], p, got, want)
			}
		}
	}
}
