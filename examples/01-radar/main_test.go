package main

import (
	"flag"
	"testing"

	"github.com/cuasim/cuasim/examples/internal/lessontest"
)

var update = flag.Bool("update", false, "rewrite the program's output in docs/course/01-radar.md")

// TestLesson checks the output lesson 1 shows, for each command it runs.
func TestLesson(t *testing.T) {
	const lesson = "01-radar.md"
	lessontest.Check(t, run, "01-radar", lesson, "run", *update)
	lessontest.Check(t, run, "01-radar", lesson, "gull", *update, "-rcs", "0.005")
	lessontest.Check(t, run, "01-radar", lesson, "pfa", *update, "-pfa", "1e-8")
	lessontest.Check(t, run, "01-radar", lesson, "pulses", *update, "-pulses", "1")
}

// TestFigure draws the lesson's figure.
func TestFigure(t *testing.T) { lessontest.Figure(t, run) }
