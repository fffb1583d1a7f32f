package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cuasim/cuasim/record"
)

// Sample output in the documentation is produced by the code and checked
// by TestDocsOutput. Two kinds of block are marked in README.md,
// docs/*.md and docs/course/*.md with an HTML comment on the line before a
// fenced code block:
//
//	<!-- output: run -->
//	```text
//	$ go run ./cmd/cuasim run
//	...what cuasim run prints...
//	```
//
// is the whole stdout of cuasim with those arguments (run in-process, with
// the wall-clock time masked), after a first line showing the command; and
//
//	<!-- rows: run --duration 120s; tracks.csv -->
//	```
//	...lines...
//	```
//
// holds lines each of which must be a line of that file as cuasim run
// --out DIR with those arguments writes it (the header, or example rows a
// person picked). When the code's output changes, regenerate every output
// block with
//
//	go test ./cmd/cuasim -run TestDocsOutput -update
//
// and review the diff (prose around the blocks may cite numbers from them);
// rows blocks cannot be regenerated, since a person chose the rows: the
// test names the line that is no longer in the file, and a new one must be
// picked.

var update = flag.Bool("update", false, "rewrite the sample output blocks of README.md, docs/*.md and docs/course/*.md, and the table of false drone tracks in docs/tracking.md")

// TestMain removes the output directories of the documents' runs.
func TestMain(m *testing.M) {
	code := m.Run()
	docRuns.Range(func(_, v any) bool {
		if d := v.(*docRun).dir; d != "" {
			os.RemoveAll(d)
		}
		return true
	})
	os.Exit(code)
}

// docFiles are the documents searched for marked blocks, relative to this
// package.
var docFiles = []string{"../../README.md", "../../docs/*.md", "../../docs/course/*.md"}

// docMarker is a marker line: its kind and its argument.
var docMarker = regexp.MustCompile(`^<!-- (output|rows): (.+?) -->$`)

// wallClock matches the parts of cuasim's stdout that differ from run to
// run of the same command.
var wallClock = regexp.MustCompile(`(simulated|replications of [^,]+\([^)]*\),|runs? × [^(]+\(seeds [^)]*\),) in [0-9.]+ (ms|s)`)

func maskWallClock(s string) string { return wallClock.ReplaceAllString(s, "$1 in (time) $2") }

// docBlock is one marked block of a document.
type docBlock struct {
	file       string
	line       int    // of the marker, 1-based
	kind, arg  string // from the marker
	start, end int    // lines of the block's content, [start, end), 0-based
}

// findDocBlocks returns the marked blocks of a document's lines.
func findDocBlocks(t *testing.T, file string, lines []string) []docBlock {
	t.Helper()
	var blocks []docBlock
	for i, l := range lines {
		m := docMarker.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		b := docBlock{file: file, line: i + 1, kind: m[1], arg: m[2]}
		if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "```") {
			t.Fatalf("%s:%d: a %s marker must be followed by a fenced code block", file, b.line, b.kind)
		}
		b.start = i + 2
		for b.end = b.start; b.end < len(lines) && lines[b.end] != "```"; b.end++ {
		}
		if b.end == len(lines) {
			t.Fatalf("%s:%d: the code block after the marker is not closed", file, b.line)
		}
		blocks = append(blocks, b)
	}
	return blocks
}

// docRuns caches what cuasim prints and writes for the arguments the
// documents use, so that each command runs once per test binary.
var docRuns sync.Map // string -> *docRun

type docRun struct {
	once   sync.Once
	stdout string
	dir    string
	err    error
}

// runForDocs runs cuasim with args (and, for run, --out into a temporary
// directory and --quiet) once, and returns its stdout as the command
// without --out prints it, and the output directory.
func runForDocs(args string) (stdout, dir string, err error) {
	v, _ := docRuns.LoadOrStore(args, &docRun{})
	r := v.(*docRun)
	r.once.Do(func() {
		argv := strings.Fields(args)
		if len(argv) > 0 && (argv[0] == "run" || argv[0] == "compare" || argv[0] == "coverage" || argv[0] == "radials" || argv[0] == "search") {
			if r.dir, r.err = os.MkdirTemp("", "cuasim-docs-"); r.err != nil {
				return
			}
			argv = append(argv, "--out", r.dir)
			if argv[0] != "coverage" {
				argv = append(argv, "--quiet")
			}
		}
		var out, errb bytes.Buffer
		if code := dispatch(argv, &out, &errb); code != exitOK {
			r.err = fmt.Errorf("cuasim %s: exit %d: %s", args, code, errb.String())
			return
		}
		r.stdout = out.String()
		if r.dir != "" {
			// The only difference --out makes to stdout: its last line,
			// naming the files written (whichever they are).
			if i := strings.LastIndex(r.stdout, "\nWrote "+r.dir+"/{"); i >= 0 && strings.HasSuffix(r.stdout, "}\n") {
				r.stdout = r.stdout[:i]
			}
			r.stdout = strings.TrimSuffix(r.stdout, "\nWrote "+r.dir+"/: results.csv, drones.csv, curve.csv, summary.json, plots and report.html\n")
			if i := strings.LastIndex(r.stdout, "\n\nWrote "+r.dir+"/: "); i >= 0 && (argv[0] == "coverage" || argv[0] == "radials") {
				r.stdout = r.stdout[:i+1]
			}
			// A search names its directory throughout: shown as the
			// default, search-SCENARIO.
			if argv[0] == "search" {
				name := "airport"
				if len(argv) > 1 && !strings.HasPrefix(argv[1], "-") {
					name = strings.TrimSuffix(filepath.Base(argv[1]), filepath.Ext(argv[1]))
				}
				r.stdout = strings.ReplaceAll(r.stdout, r.dir, "search-"+name)
			}
		}
	})
	return r.stdout, r.dir, r.err
}

// airportHour is the default run, the embedded airport for an hour, with
// its output directory: the README's tour and TestAirportTracking share it.
func airportHour(t *testing.T) (stdout, dir string) {
	t.Helper()
	stdout, dir, err := runForDocs("run")
	if err != nil {
		t.Fatal(err)
	}
	return stdout, dir
}

// TestDocsOutput checks every marked sample in the documentation against
// what the code prints and writes; with -update it rewrites the output
// blocks. See the comment at the top of this file.
func TestDocsOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("the README's tour is a simulated hour")
	}
	t.Parallel()
	var files []string
	for _, pattern := range docFiles {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	checked := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		blocks := findDocBlocks(t, file, lines)
		// Replace from the end, so that earlier blocks keep their lines.
		for i := len(blocks) - 1; i >= 0; i-- {
			b := blocks[i]
			checked++
			switch b.kind {
			case "output":
				lines = checkOutputBlock(t, b, lines)
			case "rows":
				checkRowsBlock(t, b, lines)
			}
		}
		if *update {
			if out := strings.Join(lines, "\n"); out != string(src) {
				if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if checked < 2 {
		t.Errorf("found %d marked blocks in %v; the README's tour at least should be one", checked, files)
	}
}

// checkOutputBlock compares an output block with the command's stdout, and
// returns the document's lines with the block regenerated.
func checkOutputBlock(t *testing.T, b docBlock, lines []string) []string {
	t.Helper()
	if raceEnabled && (strings.HasPrefix(b.arg, "compare") || strings.HasPrefix(b.arg, "radials") || strings.HasPrefix(b.arg, "search")) {
		// Minutes under the race detector (a search confirms by a
		// comparison: its blocks took 12 minutes of CI's race run);
		// scripts/test.sh checks them in its run without -race.
		t.Logf("%s:%d: cuasim %s not checked under the race detector", b.file, b.line, b.arg)
		return lines
	}
	stdout, _, err := runForDocs(b.arg)
	if err != nil {
		t.Errorf("%s:%d: %v", b.file, b.line, err)
		return lines
	}
	want := append([]string{"$ go run ./cmd/cuasim " + b.arg}, strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")...)
	got := lines[b.start:b.end]
	if *update {
		return slices.Concat(lines[:b.start], want, lines[b.end:])
	}
	g, w := maskWallClock(strings.Join(got, "\n")), maskWallClock(strings.Join(want, "\n"))
	if g != w {
		gl, wl := strings.Split(g, "\n"), strings.Split(w, "\n")
		n := 0
		for n < len(gl) && n < len(wl) && gl[n] == wl[n] {
			n++
		}
		line := func(ls []string) string {
			if n < len(ls) {
				return ls[n]
			}
			return "(end of block)"
		}
		t.Errorf("%s:%d: the sample output of cuasim %s is out of date; first difference, line %d of the block:\n doc: %s\ncode: %s\nRegenerate with: go test ./cmd/cuasim -run TestDocsOutput -update",
			b.file, b.start+n+1, b.arg, n+1, line(gl), line(wl))
	}
	return lines
}

// checkRowsBlock checks that every line of a rows block is a line of the
// named output file.
func checkRowsBlock(t *testing.T, b docBlock, lines []string) {
	t.Helper()
	args, name, ok := strings.Cut(b.arg, ";")
	if !ok {
		t.Fatalf("%s:%d: a rows marker is <!-- rows: ARGS; FILE -->", b.file, b.line)
	}
	_, dir, err := runForDocs(strings.TrimSpace(args))
	if err != nil {
		t.Errorf("%s:%d: %v", b.file, b.line, err)
		return
	}
	data, err := os.ReadFile(filepath.Join(dir, strings.TrimSpace(name)))
	if err != nil {
		t.Errorf("%s:%d: %v", b.file, b.line, err)
		return
	}
	have := make(map[string]bool)
	for _, l := range strings.Split(string(data), "\n") {
		have[l] = true
	}
	for i := b.start; i < b.end; i++ {
		if !have[lines[i]] {
			t.Errorf("%s:%d: not a line of %s from cuasim %s; pick a current one:\n%s", b.file, i+1, strings.TrimSpace(name), strings.TrimSpace(args), lines[i])
		}
	}
}

// TestREADMEDepotExample: the README's depot example says what the run
// shows (5 drones, each tracked); hold it, so that a change of the
// scenario or the tracker that makes it untrue fails here.
func TestREADMEDepotExample(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`go run \./cmd/cuasim (run depot --duration \S+) --out \S+ +# (\d+) drones, each tracked`).FindStringSubmatch(string(src))
	if m == nil {
		t.Fatal("README.md has no depot example of the form: run depot --duration D --out DIR  # N drones, each tracked")
	}
	dir, _ := runTo(t, strings.Fields(m[1])[1:]...)
	var s record.Summary
	if err := json.Unmarshal(readFile(t, dir, "summary.json"), &s); err != nil {
		t.Fatal(err)
	}
	drones := 0
	for _, e := range s.Entities {
		if e.Kind != "drone" {
			continue
		}
		drones++
		if e.FirstTrackS == nil {
			t.Errorf("%s: %s is never tracked", m[1], e.Name)
		}
	}
	if fmt.Sprint(drones) != m[2] {
		t.Errorf("%s: %d drones, the README says %s", m[1], drones, m[2])
	}
}
