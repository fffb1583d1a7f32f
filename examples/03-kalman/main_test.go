package main

import (
	"flag"
	"math"
	"testing"

	"github.com/cuasim/cuasim/examples/internal/lessontest"
)

var update = flag.Bool("update", false, "rewrite the program's output in docs/course/03-kalman.md")

// TestLesson checks the output lesson 3 shows, for each command it runs.
func TestLesson(t *testing.T) {
	const lesson = "03-kalman.md"
	lessontest.Check(t, run, "03-kalman", lesson, "run", *update)
	lessontest.Check(t, run, "03-kalman", lesson, "overconfident", *update, "-noise-scale", "0.5")
	lessontest.Check(t, run, "03-kalman", lesson, "stiff", *update, "-q", "0.01")
	lessontest.Check(t, run, "03-kalman", lesson, "loose", *update, "-q", "20")
}

// TestFigure draws the lesson's figure, with fewer runs.
func TestFigure(t *testing.T) { lessontest.Figure(t, run, "-runs", "20") }

// TestHonestFilter checks the lesson's claim against the chi-square
// distribution, independently of any printed figure: with the radar's
// true noise and process noise, the mean position NEES from t = 10 s on
// stays inside the 99.9 % band of the mean of runs·(steps−9) chi-square(3)
// values, its standard deviation widened 3× for the correlation between
// the steps of one run; told half the noise, it is far outside.
func TestHonestFilter(t *testing.T) {
	const runs = 200
	for _, c := range []struct {
		scale  float64
		honest bool
	}{{1, true}, {0.5, false}} {
		nees, _, err := meanNEES(config{noiseScale: c.scale, q: truthQ}, runs)
		if err != nil {
			t.Fatal(err)
		}
		var sum float64
		for _, v := range nees[9:] {
			sum += v
		}
		avg := sum / float64(steps-9)
		// The mean of n independent chi-square(3) values has standard
		// deviation √(6/n); 3.3 of them is the 99.9 % band.
		sd := 3 * math.Sqrt(6/float64(runs*(steps-9)))
		inside := math.Abs(avg-3) < 3.3*sd
		if inside != c.honest {
			t.Errorf("filter told %g× the noise: mean NEES %.3f; inside the band around 3: %v, want %v", c.scale, avg, inside, c.honest)
		}
	}
}
