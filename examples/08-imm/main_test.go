package main

import (
	"flag"
	"testing"

	"github.com/cuasim/cuasim/examples/internal/lessontest"
)

var update = flag.Bool("update", false, "rewrite the program's output in docs/course/08-imm-groups.md")

// TestLesson checks the output lesson 8 shows, for each command it runs.
func TestLesson(t *testing.T) {
	const lesson = "08-imm-groups.md"
	lessontest.Check(t, run, "08-imm", lesson, "run", *update)
	lessontest.Check(t, run, "08-imm", lesson, "switch", *update, "-switch", "0.1")
	if lessontest.RaceEnabled {
		t.Skip("two simulated 40-minute airbase runs take too long under the race detector; checked without it")
	}
	lessontest.Check(t, run, "08-imm", lesson, "group", *update, "-group")
}

// TestFigure draws the lesson's figure from fewer runs.
func TestFigure(t *testing.T) { lessontest.Figure(t, run, "-runs", "5") }
