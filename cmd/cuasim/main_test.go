package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/scenarios"
)

// shortRun is the simulated duration of the test runs: long enough for the
// airport's RF-silent drone (appearing at 5:00) to be seen, short enough to
// keep the package fast under -race.
const shortRun = "600s"

// libraryDir is the source of the embedded scenarios, relative to this
// package; go test runs in the package directory.
const libraryDir = "../../scenarios/library"

// outputFiles are what a successful run --out DIR leaves, sorted.
var outputFiles = []string{"alerts.csv", "detections.csv", "summary.json", "tracks.csv", "truth.csv"}

// cli runs cuasim in-process, as main does, and returns its exit code and
// output.
func cli(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = dispatch(args, &out, &errb)
	return code, out.String(), errb.String()
}

// runTo runs cuasim run with args and --out into a fresh directory, fails the
// test unless it succeeds, and returns the directory and stdout.
func runTo(t *testing.T, args ...string) (dir, stdout string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "out")
	args = append([]string{"run"}, args...)
	args = append(args, "--out", dir, "--quiet")
	code, stdout, stderr := cli(t, args...)
	if code != exitOK {
		t.Fatalf("cuasim %s: exit %d\nstderr:\n%s", strings.Join(args, " "), code, stderr)
	}
	return dir, stdout
}

func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// libraryYAML returns the source of an embedded scenario. The scenarios
// package embeds scenarios/library/*.yaml but exposes only the parsed
// scenario, so the bytes come from the source tree; the check against
// scenarios.Embedded keeps the two the same scenario.
func libraryYAML(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(libraryDir, name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	fromFile, err := scenarios.Parse(name+".yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := scenarios.Embedded(name)
	if err != nil {
		t.Fatal(err)
	}
	if fromFile.Name != embedded.Name || fromFile.Description != embedded.Description || len(fromFile.Sensors) != len(embedded.Sensors) {
		t.Fatalf("%s/%s.yaml differs from the embedded scenario %q", libraryDir, name, name)
	}
	return b
}

func TestRunSameSeedIsByteIdentical(t *testing.T) {
	t.Parallel()
	a, _ := runTo(t, "airport", "--seed", "5", "--duration", shortRun)
	b, _ := runTo(t, "airport", "--seed", "5", "--duration", shortRun)
	for _, f := range outputFiles {
		fa, fb := readFile(t, a, f), readFile(t, b, f)
		if len(fa) == 0 {
			t.Errorf("%s is empty", f)
		}
		if !bytes.Equal(fa, fb) {
			t.Errorf("%s differs between two runs with the same seed", f)
		}
	}
}

func TestRunDifferentSeedDiffers(t *testing.T) {
	t.Parallel()
	a, _ := runTo(t, "airport", "--seed", "5", "--duration", shortRun)
	b, _ := runTo(t, "airport", "--seed", "6", "--duration", shortRun)
	if bytes.Equal(readFile(t, a, "detections.csv"), readFile(t, b, "detections.csv")) {
		t.Error("detections.csv is identical for seeds 5 and 6")
	}
	var sa, sb record.Summary
	if err := json.Unmarshal(readFile(t, a, "summary.json"), &sa); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(readFile(t, b, "summary.json"), &sb); err != nil {
		t.Fatal(err)
	}
	if sa.Seed != 5 || sb.Seed != 6 {
		t.Errorf("summary seeds = %d, %d; want 5, 6", sa.Seed, sb.Seed)
	}
}

// TestRunSensorsDoNotPerturbTruth moves a radar and removes an RF sensor:
// what the sensors see changes, but the drones and birds must fly exactly the
// same, because each random process draws from its own stream.
func TestRunSensorsDoNotPerturbTruth(t *testing.T) {
	t.Parallel()
	src := string(libraryYAML(t, "airport"))

	const from, to = "position: [300, 520]", "position: [900, 900]" // radar-main
	if strings.Count(src, from) != 1 {
		t.Fatalf("airport.yaml no longer has exactly one %q; update the test", from)
	}
	moved := strings.Replace(src, from, to, 1)
	// Remove rf-east (not rf-west: it holds the &ism anchor the others use).
	i, j := strings.Index(moved, "  - id: rf-east\n"), strings.Index(moved, "  - id: rf-south\n")
	if i < 0 || j < i {
		t.Fatal("airport.yaml no longer lists rf-east before rf-south; update the test")
	}
	moved = moved[:i] + moved[j:]
	file := filepath.Join(t.TempDir(), "airport-moved.yaml")
	if err := os.WriteFile(file, []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Load(file)
	if err != nil {
		t.Fatalf("edited scenario does not load: %v", err)
	}
	if len(sc.Sensors) != 4 {
		t.Fatalf("edited scenario has %d sensors, want 4", len(sc.Sensors))
	}

	orig, _ := runTo(t, "airport", "--duration", shortRun)
	edit, stdout := runTo(t, file, "--duration", shortRun)
	if strings.Contains(stdout, "rf-east") {
		t.Error("the removed sensor rf-east is still in the summary")
	}
	if !bytes.Equal(readFile(t, orig, "truth.csv"), readFile(t, edit, "truth.csv")) {
		t.Error("truth.csv changed when a sensor was moved and another removed")
	}
	if bytes.Equal(readFile(t, orig, "detections.csv"), readFile(t, edit, "detections.csv")) {
		t.Error("detections.csv did not change when a sensor was moved and another removed")
	}
}

func TestRunWritesCompleteOutput(t *testing.T) {
	t.Parallel()
	dir, stdout := runTo(t, "--duration", shortRun) // the default scenario
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, outputFiles) {
		t.Errorf("output directory holds %q, want exactly %q", names, outputFiles)
	}
	if !strings.Contains(stdout, "Wrote "+dir) {
		t.Errorf("stdout does not say where the output went:\n%s", stdout)
	}

	var sum record.Summary
	if err := json.Unmarshal(readFile(t, dir, "summary.json"), &sum); err != nil {
		t.Fatalf("summary.json: %v", err)
	}
	if sum.Scenario != "airport" || sum.DurationS != 600 || sum.Seed != 1 || len(sum.Sensors) != 5 || len(sum.Entities) == 0 {
		t.Errorf("summary.json = scenario %q, %g s, seed %d, %d sensors, %d entities; want airport, 600 s, seed 1, 5 sensors, some entities",
			sum.Scenario, sum.DurationS, sum.Seed, len(sum.Sensors), len(sum.Entities))
	}

	// Each CSV starts with its documented header and ends with a whole line.
	for name, header := range map[string]string{"truth.csv": record.TruthHeader, "detections.csv": record.DetectionsHeader, "tracks.csv": record.TracksHeader} {
		b := readFile(t, dir, name)
		if !bytes.HasPrefix(b, []byte(header+"\n")) {
			t.Errorf("%s does not start with its header", name)
		}
		if !bytes.HasSuffix(b, []byte("\n")) {
			t.Errorf("%s does not end with a newline", name)
		}
	}
}

// TestRunInterruptedLeavesNothing cancels a run (as Ctrl-C does): no file of
// the run, partial or whole, may remain, and neither may the summary.json of
// an earlier run, which would vouch for files that are not this run's.
func TestRunInterruptedLeavesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "summary.json"), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	err := run(ctx, runOptions{scenario: "airport", duration: 600, out: dir, quiet: true}, &out, &errb)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("run with a cancelled context = %v, want context.Canceled", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("an interrupted run left %s", e.Name())
	}
}

// checkOnWrite is a stdout that, on its first write, records which files the
// output directory holds.
type checkOnWrite struct {
	dir     string
	checked bool
	names   []string
}

func (c *checkOnWrite) Write(p []byte) (int, error) {
	if !c.checked {
		c.checked = true
		entries, _ := os.ReadDir(c.dir)
		for _, e := range entries {
			c.names = append(c.names, e.Name())
		}
	}
	return len(p), nil
}

// TestRunCommitsBeforePrinting: the output is in place before the summary is
// printed, so that a reader closing stdout early (cuasim run --out d | head),
// which kills the process with SIGPIPE, cannot cost a finished run its files.
func TestRunCommitsBeforePrinting(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	stdout := &checkOnWrite{dir: dir}
	if err := run(context.Background(), runOptions{scenario: "airport", duration: 60, out: dir, quiet: true}, stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(stdout.names, outputFiles) {
		t.Errorf("when the summary was printed, the output directory held %q, want %q", stdout.names, outputFiles)
	}
}

func TestValidateLibrary(t *testing.T) {
	t.Parallel()
	names := scenarios.Names()
	var files []string
	for _, n := range names {
		f := filepath.Join(t.TempDir(), n+".yaml")
		if err := os.WriteFile(f, libraryYAML(t, n), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	code, stdout, stderr := cli(t, append([]string{"validate"}, files...)...)
	if code != exitOK {
		t.Fatalf("validate of the library: exit %d\n%s", code, stderr)
	}
	for _, f := range files {
		if !strings.Contains(stdout, f+": ok") {
			t.Errorf("validate output does not report %s ok:\n%s", f, stdout)
		}
	}
}

// positionRE matches a problem reported as file:line:col: message.
var positionRE = regexp.MustCompile(`^(.+\.yaml):(\d+):(\d+): \S`)

func TestValidateMalformed(t *testing.T) {
	t.Parallel()
	const corpus = "../../scenarios/testdata/malformed"
	files, err := filepath.Glob(filepath.Join(corpus, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 {
		t.Fatalf("found %d malformed scenarios in %s, want at least 30", len(files), corpus)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".yaml"), func(t *testing.T) {
			code, stdout, stderr := cli(t, "validate", f)
			if code != exitFailure {
				t.Errorf("exit %d, want %d", code, exitFailure)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing for a bad file", stdout)
			}
			first, _, _ := strings.Cut(stderr, "\n")
			m := positionRE.FindStringSubmatch(first)
			if m == nil || m[1] != f {
				t.Fatalf("error does not start with %s:line:col: %q", f, stderr)
			}
			// The message is the one the scenarios corpus expects, with the
			// path as given on the command line.
			exp, err := os.ReadFile(strings.TrimSuffix(f, ".yaml") + ".err")
			if err != nil {
				t.Fatal(err)
			}
			want := strings.ReplaceAll(string(exp), "testdata/malformed/", filepath.ToSlash(corpus)+"/")
			if stderr != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
			}
		})
	}
}

func TestValidateMixed(t *testing.T) {
	t.Parallel()
	good := filepath.Join(t.TempDir(), "good.yaml")
	if err := os.WriteFile(good, libraryYAML(t, "base"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := "../../scenarios/testdata/malformed/duplicate-field.yaml"
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	code, stdout, stderr := cli(t, "validate", bad, good, missing)
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	if !strings.Contains(stdout, good+": ok") {
		t.Errorf("the good file after a bad one is not reported ok:\n%s", stdout)
	}
	for _, f := range []string{bad, missing} {
		if !strings.Contains(stderr, f) {
			t.Errorf("stderr does not name %s:\n%s", f, stderr)
		}
	}

	code, _, stderr = cli(t, "validate")
	if code != exitUsage || !strings.Contains(stderr, "expected at least one scenario file") {
		t.Errorf("validate without files: exit %d, stderr %q", code, stderr)
	}
}

func TestScenarios(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := cli(t, "scenarios")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var listed []string
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		name, summary, _ := strings.Cut(line, " ")
		if strings.TrimSpace(summary) == "" {
			t.Errorf("%s has no summary", name)
		}
		listed = append(listed, name)
	}
	for _, want := range []string{"airbase", "airport", "base", "convoy", "depot"} {
		if !slices.Contains(listed, want) {
			t.Errorf("cuasim scenarios lists %q, without %s", listed, want)
		}
	}
	if code, _, _ := cli(t, "scenarios", "extra"); code != exitUsage {
		t.Errorf("scenarios with an argument: exit %d, want %d", code, exitUsage)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	code, stdout, _ := cli(t, "version")
	if code != exitOK || !strings.HasPrefix(stdout, "cuasim ") || len(strings.TrimSpace(stdout)) <= len("cuasim") {
		t.Errorf("version: exit %d, output %q", code, stdout)
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"help"}, {"--help"}, {"-h"},
		{"help", "run"}, {"help", "validate"}, {"help", "scenarios"},
		{"run", "--help"}, {"validate", "-h"}, {"scenarios", "--help"},
		{"help", "report"}, {"report", "--help"},
	} {
		code, stdout, stderr := cli(t, args...)
		out := stdout + stderr
		if code != exitOK {
			t.Errorf("cuasim %s: exit %d, want 0", strings.Join(args, " "), code)
		}
		if !strings.Contains(out, "Example") || !strings.Contains(out, "cuasim ") {
			t.Errorf("cuasim %s shows no example:\n%s", strings.Join(args, " "), out)
		}
	}
	code, stdout, _ := cli(t, "help", "version")
	if code != exitOK || !strings.Contains(stdout, "Usage: cuasim version") {
		t.Errorf("help version: exit %d, output %q", code, stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want []string // in stderr
	}{
		{nil, []string{"Usage:", "Commands:"}},
		{[]string{"frobnicate"}, []string{`unknown command "frobnicate"`, "Usage:", "run"}},
		{[]string{"help", "frobnicate"}, []string{`no command "frobnicate"`, "Usage:"}},
		{[]string{"run", "--bogus"}, []string{"-bogus", "cuasim help run"}},
		{[]string{"validate", "--bogus", "x.yaml"}, []string{"-bogus", "cuasim help validate"}},
		{[]string{"run", "--out"}, []string{"flag needs an argument: -out", "cuasim help run"}},
		{[]string{"run", "--seed", "minus-one"}, []string{`"minus-one"`, "whole number"}},
		{[]string{"run", "--duration", "-5"}, []string{`"-5"`, "duration"}},
		{[]string{"run", "--duration", "soon"}, []string{`"soon"`, "90s"}},
		{[]string{"run", "airport", "base"}, []string{"expected one scenario, found 2"}},
		// Arguments become names in output and are echoed: none may hold a
		// control or format character, which is shown escaped.
		{[]string{"run", "air\x1b[2Jport"}, []string{`argument 1, "air\x1b[2Jport", holds U+001B`}},
		{[]string{"compare", "airport", "--layouts", "base,rf-ring\u202e"}, []string{`argument 3, "base,rf-ring\u202e", holds U+202E`}},
		{[]string{"compare", "--sweep", "tracker.filter=imm\r"}, []string{`holds U+000D`}},
		{[]string{"validate", "a\x00.yaml"}, []string{`holds U+0000`}},
	} {
		code, stdout, stderr := cli(t, tc.args...)
		name := "cuasim " + strings.Join(tc.args, " ")
		if code != exitUsage {
			t.Errorf("%s: exit %d, want %d", name, code, exitUsage)
		}
		if stdout != "" {
			t.Errorf("%s: wrote to stdout: %q", name, stdout)
		}
		for _, w := range tc.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", name, w, stderr)
			}
		}
	}
}

// TestFlagErrorsStayOnScreen: a bad option or value prints the error,
// prefixed with the command like every other error, and one line pointing
// at the help, not the whole help, which pushed the error off screen.
func TestFlagErrorsStayOnScreen(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"run", "--seed", "minus-one"},
		{"run", "--duration", "soon"},
		{"run", "airport", "--bogus"},
		{"validate", "--strict", "x.yaml"},
		{"scenarios", "-x"},
	} {
		code, _, stderr := cli(t, args...)
		lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		if code != exitUsage || len(lines) != 2 || !strings.HasPrefix(lines[0], "cuasim "+args[0]+": ") || lines[1] != "Run 'cuasim help "+args[0]+"' for its options." {
			t.Errorf("cuasim %s: exit %d, stderr %d lines:\n%s", strings.Join(args, " "), code, len(lines), stderr)
		}
	}
}

// TestHelpShowsOptions: cuasim help run, like cuasim run --help, prints the
// command's help with every option on stdout, and nothing on stderr.
func TestHelpShowsOptions(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"help", "run"}, {"run", "--help"}, {"run", "airport", "-h"}} {
		code, stdout, stderr := cli(t, args...)
		if code != exitOK || stderr != "" {
			t.Errorf("cuasim %s: exit %d, stderr %q", strings.Join(args, " "), code, stderr)
		}
		for _, want := range []string{"Usage: cuasim run", "Options:", "-seed N", "-duration D", "-out DIR", "-quiet", "Examples:"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("cuasim %s: stdout lacks %q:\n%s", strings.Join(args, " "), want, stdout)
			}
		}
	}
	code, stdout, _ := cli(t, "help", "serve")
	if code != exitOK || !strings.Contains(stdout, "-addr") {
		t.Errorf("help serve: exit %d, no -addr option:\n%s", code, stdout)
	}
	if _, stdout, _ := cli(t, "help", "scenarios"); strings.Contains(stdout, "Options:") {
		t.Errorf("help scenarios lists options of a command that has none:\n%s", stdout)
	}
	// After "--", -h is an argument, not a request for help.
	if code, _, stderr := cli(t, "validate", "--", "-h"); code != exitFailure || !strings.Contains(stderr, "-h") {
		t.Errorf("validate -- -h: exit %d, stderr %q; want it to try the file -h", code, stderr)
	}
}

// TestDashDashVersion: cuasim --version is cuasim version.
func TestDashDashVersion(t *testing.T) {
	t.Parallel()
	_, want, _ := cli(t, "version")
	for _, arg := range []string{"--version", "-version"} {
		if code, got, stderr := cli(t, arg); code != exitOK || got != want || stderr != "" {
			t.Errorf("cuasim %s: exit %d, stdout %q, stderr %q; want %q", arg, code, got, stderr, want)
		}
	}
}

// fullWriter fails every write, as stdout redirected to a full disk does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// TestStdoutWriteFailure: a command whose output could not be written
// fails, and says why.
func TestStdoutWriteFailure(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"scenarios"}, {"version"}, {"help", "run"}} {
		var errb bytes.Buffer
		code := dispatch(args, fullWriter{}, &errb)
		if code != exitFailure || !strings.Contains(errb.String(), "writing to standard output: no space left on device") {
			t.Errorf("cuasim %s > full disk: exit %d, stderr %q", strings.Join(args, " "), code, errb.String())
		}
	}
}

func TestRunUnknownScenario(t *testing.T) {
	t.Parallel()
	code, _, stderr := cli(t, "run", "nosuchscenario", "--quiet")
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	for _, w := range []string{`"nosuchscenario"`, "airport", "cuasim scenarios"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q: %q", w, stderr)
		}
	}

	missing := filepath.Join(t.TempDir(), "nosuch.yaml")
	code, _, stderr = cli(t, "run", missing, "--quiet")
	if code != exitFailure || !strings.Contains(stderr, missing) {
		t.Errorf("run %s: exit %d, stderr %q; want exit 1 naming the file", missing, code, stderr)
	}
}

// TestRunSummaryRFSilent reads the drone table printed by run: the airport's
// RF-silent drone must be seen by the surveillance radar and by no RF sensor.
func TestRunSummaryRFSilent(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := cli(t, "run", "airport", "--duration", shortRun, "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	cols := regexp.MustCompile(` {2,}`)
	// The first DRONE table is the detections'; the second, the tracks';
	// the third, the alerts'.
	var header, row, trackRow []string
	rows := 0
	for _, line := range strings.Split(stdout, "\n") {
		cells := cols.Split(strings.TrimSpace(line), -1)
		switch {
		case cells[0] == "DRONE" && header == nil:
			header = cells
		case cells[0] == "silent-survey":
			rows++
			switch rows {
			case 1:
				row = cells
			case 2:
				trackRow = cells
			}
		}
	}
	// The tracker follows it on radar alone.
	if len(trackRow) < 2 || !regexp.MustCompile(`^\d+:\d\d\.\d / \d+ m$`).MatchString(trackRow[1]) {
		t.Errorf("silent-survey has no confirmed track: %q", trackRow)
	}
	if header == nil || row == nil {
		t.Fatalf("no drone table with a silent-survey row:\n%s", stdout)
	}
	if len(row) != len(header) {
		t.Fatalf("silent-survey row has %d cells, header %d:\n%q\n%q", len(row), len(header), header, row)
	}
	if !strings.Contains(row[1], "RF-silent") {
		t.Errorf("silent-survey type %q is not marked RF-silent", row[1])
	}
	detected := regexp.MustCompile(`^\d+:\d\d\.\d / \d+ m$`)
	var rf int
	for i, sensor := range header {
		switch {
		case sensor == "radar-main":
			if !detected.MatchString(row[i]) {
				t.Errorf("radar-main: silent-survey cell %q, want a time / range", row[i])
			}
		case strings.HasPrefix(sensor, "rf-"):
			rf++
			if row[i] != "never" {
				t.Errorf("%s detected the RF-silent drone: %q", sensor, row[i])
			}
		}
	}
	if !slices.Contains(header, "radar-main") || rf != 3 {
		t.Errorf("drone table columns %q; want radar-main and three rf-* sensors", header)
	}
}

// TestDoubleDashEndsFlags checks that after "--" an argument that looks
// like a flag is a file name.
func TestDoubleDashEndsFlags(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "-x.yaml")
	if err := os.WriteFile(file, libraryYAML(t, "base"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if code, stdout, stderr := cli(t, "validate", "--", "-x.yaml"); code != exitOK || !strings.Contains(stdout, "-x.yaml: ok") {
		t.Errorf("validate -- -x.yaml: exit %d\n%s%s", code, stdout, stderr)
	}
	// "--" as a flag's value, and takesValue: internal/cmdopts's TestParse.
}

// TestValidateWarnings: a value outside its usual range is reported as a
// warning on stderr; the file is still ok, and the exit status 0.
func TestValidateWarnings(t *testing.T) {
	t.Parallel()
	src := strings.Replace(string(libraryYAML(t, "base")), "rcs: {mean_m2: 0.01, swerling: 1}", "rcs: {mean_m2: 5, swerling: 1}", 1)
	file := filepath.Join(t.TempDir(), "big-drone.yaml")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cli(t, "validate", file)
	if code != exitOK || !strings.Contains(stdout, file+": ok (base: 3 sensors, 2 traffic entries, 1 bird entry; 1 warning)") {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	if !strings.HasPrefix(stderr, file+":") || !strings.Contains(stderr, ": warning: uav_types[0].rcs.mean_m2: 5 is outside the usual range [0.0001, 1] m²") ||
		strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr %q; want the one warning", stderr)
	}
}

// TestRunChecksItsDuration: --duration is held to the same limits as the
// file's duration_s, and to the warnings of the run it makes.
func TestRunChecksItsDuration(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := cli(t, "run", "airport", "--duration", "1000h", "--quiet")
	src := string(libraryYAML(t, "airport"))
	line := strings.Count(src[:strings.Index(src, "\n  duration_s: ")+1], "\n") + 1
	if code != exitFailure || stdout != "" || !strings.Contains(stderr, fmt.Sprintf("library/airport.yaml:%d:15: run.duration_s: expected a number in (0, 604800] (seconds), found 3.6e+06", line)) {
		t.Errorf("run --duration 1000h: exit %d, stderr %q", code, stderr)
	}
	// The base's FPV flight starts at 10:00: in a 5-minute run it never appears.
	code, _, stderr = cli(t, "run", "base", "--duration", "5m", "--quiet")
	if code != exitOK || !strings.Contains(stderr, "warning: traffic[1].start_s: 600 s is at or after the end of the run (duration_s 300 s): this drone never appears") {
		t.Errorf("run base --duration 5m: exit %d, stderr %q", code, stderr)
	}
}

// TestValidateNominalRanges: cuasim validate shows each sensor's nominal
// range as cuasim run's summary does, and what each layout changes, adds
// and removes (the airport's layouts: no-k-band removes radar-east,
// rf-ring adds two RF sensors and removes radar-east).
func TestValidateNominalRanges(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "airport.yaml")
	if err := os.WriteFile(file, libraryYAML(t, "airport"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cli(t, "validate", file)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, run, stderr := cli(t, "run", "airport", "--duration", "10s")
	if code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	fields := func(out, prefix string) map[string][]string {
		m := map[string][]string{}
		for _, line := range strings.Split(out, "\n") {
			if f := strings.Fields(line); len(f) > 0 && strings.HasPrefix(line, prefix) {
				m[strings.Join(f[:2], " ")] = f
			}
		}
		return m
	}
	ran := fields(run, "radar-")
	for k, v := range fields(run, "rf-") {
		ran[k] = v
	}
	listed := fields(stdout, "  base ")
	if len(ran) != 5 || len(listed) != 5 {
		t.Fatalf("run lists %d sensors, validate %d base sensors:\n%s\n%s", len(ran), len(listed), run, stdout)
	}
	for _, r := range ran {
		// run: ID TYPE RANGE km ...; validate: base ID TYPE RANGE km
		v := listed["base "+r[0]]
		if v == nil || v[2] != r[1] || v[3]+" "+v[4] != r[2]+" "+r[3] {
			t.Errorf("%s: run shows %v, validate %v", r[0], r[:4], v)
		}
	}
	for _, want := range []string{
		"no-k-band  radar-east   radar  removed  -\n",
		"rf-ring    rf-north     rf     added    3.4 km\n",
		"rf-ring    rf-far-east  rf     added    3.4 km\n",
		"rf-ring    radar-east   radar  removed  -\n",
		"  * radar: Pd 0.5 per look on a 0.01 m² Swerling 1 target",
		"\n    Both ignore masking",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("validate output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestErrorPrefixes: every command's errors begin with "cuasim COMMAND: ",
// as the flag package's do, and an error about a flag's value names the
// flag the user gave (--thresholds, not the --sweep it stands for). A
// scenario file's own problems are the exception, in validate alone:
// file:line:col lines, as a compiler lists them.
func TestErrorPrefixes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.yaml")
	for _, tc := range []struct {
		args []string
		code int
		want string // in the first line, after the prefix
	}{
		{[]string{"run", "nosuch"}, exitFailure, `no embedded scenario "nosuch"`},
		{[]string{"run", missing}, exitFailure, missing},
		{[]string{"run", "base", "--layout", "nosuch"}, exitFailure, `--layout: `},
		{[]string{"run", "base", "--set", "nosuch=1"}, exitFailure, `--set: with nosuch=1`},
		{[]string{"run", "base", "--seed", "x"}, exitUsage, `-seed`},
		{[]string{"run", "a", "b"}, exitUsage, "expected one scenario"},
		{[]string{"validate", missing}, exitFailure, missing},
		{[]string{"validate"}, exitUsage, "expected at least one scenario file"},
		{[]string{"compare", "nosuch"}, exitFailure, `no embedded scenario "nosuch"`},
		{[]string{"compare", "base", "--thresholds", "0.5,abc"}, exitUsage, `--thresholds: expected P(drone) thresholds from 0 to 1, separated by commas, found "abc"`},
		{[]string{"compare", "base", "--thresholds", "0.5,1.5"}, exitUsage, `--thresholds: `},
		{[]string{"compare", "base", "--thresholds", "0.5", "--sweep", "alerting.p_drone=0.6"}, exitUsage, `--thresholds and --sweep`},
		{[]string{"compare", "base", "--sweep", "nosuch=1,2"}, exitUsage, `--sweep: `},
		{[]string{"compare", "base", "--layouts", "nosuch"}, exitUsage, `--layouts: `},
		{[]string{"compare", "base", "--replications", "0"}, exitUsage, `--replications: `},
		{[]string{"coverage", "nosuch"}, exitFailure, `no embedded scenario "nosuch"`},
		{[]string{"coverage", "base", "--layout", "nosuch"}, exitFailure, `--layout: `},
		{[]string{"coverage", "base", "--set", "nosuch=1"}, exitFailure, `--set: with nosuch=1`},
		{[]string{"radials", "nosuch"}, exitFailure, `no embedded scenario "nosuch"`},
		{[]string{"radials", "base", "--layout", "nosuch"}, exitUsage, `--layout: `},
		{[]string{"radials", "base", "--set", "nosuch=1"}, exitFailure, `--set: with nosuch=1`},
		{[]string{"search", "nosuch"}, exitFailure, `no embedded scenario "nosuch"`},
		{[]string{"search", "a", "b"}, exitUsage, "expected one scenario"},
		{[]string{"export", "nosuch", "--geojson", filepath.Join(dir, "x.geojson")}, exitFailure, `no embedded scenario "nosuch"`},
		{[]string{"import", filepath.Join(dir, "nosuch.geojson"), "--scenario", "airport"}, exitFailure, "nosuch.geojson"},
		{[]string{"report", filepath.Join(dir, "nosuch")}, exitFailure, "no comparison results"},
		{[]string{"merge"}, exitUsage, "expected OUT"},
		{[]string{"merge", filepath.Join(dir, "out"), filepath.Join(dir, "nosuch")}, exitFailure, "no comparison results"},
		{[]string{"serve", "--dir", filepath.Join(dir, "nosuch")}, exitFailure, "has no index.html"},
		{[]string{"scenarios", "extra"}, exitUsage, "expected no arguments"},
		{[]string{"version", "extra"}, exitUsage, "expected no arguments"},
	} {
		code, stdout, stderr := cli(t, tc.args...)
		name := "cuasim " + strings.Join(tc.args, " ")
		first, _, _ := strings.Cut(stderr, "\n")
		prefix := "cuasim " + tc.args[0] + ": "
		if code != tc.code || !strings.HasPrefix(first, prefix) || !strings.Contains(first, tc.want) {
			t.Errorf("%s: exit %d, first line of stderr\n  %s\nwant exit %d and %q after %q", name, code, first, tc.code, tc.want, prefix)
		}
		if stdout != "" {
			t.Errorf("%s: wrote to stdout: %q", name, stdout)
		}
	}
	// validate lists a file's problems as a compiler does, unprefixed.
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("name: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, stderr := cli(t, "validate", bad); !strings.HasPrefix(stderr, bad+":") {
		t.Errorf("validate of a malformed file: %q; want its problems as file:line:col lines", stderr)
	}
}

// TestCompareHelpNamesDefaultThresholds checks that cuasim help compare names
// the thresholds a comparison without --thresholds sweeps, as the design of
// one records them: the help once listed 0.85 and left out 0.94 after the
// defaults moved.
func TestCompareHelpNamesDefaultThresholds(t *testing.T) {
	t.Parallel()
	code, stdout, _ := cli(t, "help", "compare")
	if code != exitOK {
		t.Fatalf("help compare: exit %d", code)
	}
	sc, err := scenarios.Open("airport")
	if err != nil {
		t.Fatal(err)
	}
	d, err := compare.NewDesign("airport", sc, compare.Options{Replications: 1, RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95})
	if err != nil {
		t.Fatal(err)
	}
	var ths []string
	for _, th := range d.Thresholds {
		ths = append(ths, strings.TrimPrefix(th.Label, "p_drone="))
	}
	want := "alerting.p_drone is swept over " + strings.Join(ths[:len(ths)-1], ", ") + " and " + ths[len(ths)-1] + "."
	if text := strings.Join(strings.Fields(stdout), " "); !strings.Contains(text, want) {
		t.Errorf("help compare does not say %q:\n%s", want, stdout)
	}
}
