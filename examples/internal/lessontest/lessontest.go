// Package lessontest keeps the output printed in the course's lessons
// (docs/course/*.md) in step with the lesson programs under examples/: a
// lesson holds a program's output between the lines
//
//	<!-- begin NAME -->
//	<!-- end NAME -->
//
// and each program's test runs it and compares, or with -update rewrites
// the block (go test ./examples/... -update).
package lessontest

import (
	"bytes"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/internal/docblock"
)

// Run is a lesson program's body: it parses args and prints to w.
type Run func(w io.Writer, args []string) error

// Check runs the program in directory dir (such as "01-radar") with args
// and checks that the block called block in the lesson file (a name in
// docs/course) shows the command and what it printed; with update it
// rewrites the block.
func Check(t *testing.T, run Run, dir, lesson, block string, update bool, args ...string) {
	t.Helper()
	var out bytes.Buffer
	if err := run(&out, args); err != nil {
		t.Fatalf("go run ./examples/%s %s: %v", dir, strings.Join(args, " "), err)
	}
	cmd := strings.TrimSpace("go run ./examples/" + dir + " " + strings.Join(args, " "))
	content := "```text\n$ " + cmd + "\n" + out.String() + "```\n"
	if err := docblock.Sync("../../docs/course/"+lesson, block, content, update,
		"go test ./examples/... -update"); err != nil {
		t.Error(err)
	}
}

// Figure runs the program with -png into a temporary file, plus args, and
// checks that it wrote a PNG image.
func Figure(t *testing.T, run Run, args ...string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "figure.png")
	if err := run(io.Discard, append([]string{"-png", path}, args...)); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.DecodeConfig(f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
