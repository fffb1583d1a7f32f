package main

import (
	"flag"
	"testing"

	"github.com/cuasim/cuasim/examples/internal/lessontest"
)

var update = flag.Bool("update", false, "rewrite the program's output in docs/course/02-rf.md")

// TestLesson checks the output lesson 2 shows, for each command it runs.
func TestLesson(t *testing.T) {
	const lesson = "02-rf.md"
	lessontest.Check(t, run, "02-rf", lesson, "run", *update)
	lessontest.Check(t, run, "02-rf", lesson, "suburb", *update, "-exponent", "3")
	lessontest.Check(t, run, "02-rf", lesson, "low", *update, "-alt", "5")
}

// TestFigure draws the lesson's figure.
func TestFigure(t *testing.T) { lessontest.Figure(t, run, "-alt", "5") }
