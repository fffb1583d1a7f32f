package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/report"
	"github.com/cuasim/cuasim/scenarios"
)

// tinyCompare is a comparison small enough for a test under -race: two
// layouts, two thresholds, two replications of five minutes.
var tinyCompare = []string{"compare", "airport", "--replications", "2", "--duration", "5m", "--layouts", "base,no-k-band",
	"--thresholds", "0.7,0.9", "--quiet"}

// compareFiles are what cuasim compare writes, sorted.
var compareFiles = []string{"curve.csv", "drones.csv", "false-alerts.png", "false-alerts.svg", "layouts.png", "layouts.svg", "manifest.json", "report.html",
	"results.csv", "summary.json", "tradeoff.png", "tradeoff.svg", "warning.png", "warning.svg"}

// compareTo runs cuasim with args and --out into a fresh directory and
// fails the test unless it succeeds.
func compareTo(t *testing.T, args ...string) (dir, stdout string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "out")
	args = append(slices.Clone(args), "--out", dir)
	code, stdout, stderr := cli(t, args...)
	if code != exitOK {
		t.Fatalf("cuasim %s: exit %d\nstderr:\n%s", strings.Join(args, " "), code, stderr)
	}
	return dir, stdout
}

// readDir returns every file of a directory by name.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		files[e.Name()] = readFile(t, dir, e.Name())
	}
	return files
}

func sortedNames(files map[string][]byte) []string {
	var n []string
	for k := range files {
		n = append(n, k)
	}
	slices.Sort(n)
	return n
}

// TestCompareAndReport: cuasim compare writes the plots and the page;
// cuasim report draws them again from the files, byte for byte; the page's
// command gives the same results again.
func TestCompareAndReport(t *testing.T) {
	dir, stdout := compareTo(t, tinyCompare...)
	files := readDir(t, dir)
	if got := sortedNames(files); !slices.Equal(got, compareFiles) {
		t.Fatalf("cuasim compare wrote %q, want %q", got, compareFiles)
	}
	// The terminal's tables are on the page too.
	page := string(files[report.PageFile])
	for _, line := range strings.Split(stdout, "\n") {
		if f := strings.Fields(line); len(f) > 2 && (f[0] == "1" || f[0] == "2") && strings.Contains(line, "p_drone=") {
			for _, cell := range strings.Split(line, "  ") {
				if cell = strings.TrimSpace(cell); cell != "" && !strings.Contains(page, ">"+cell+"<") {
					t.Errorf("the page lacks the cell %q of the terminal's table", cell)
				}
			}
		}
	}

	// cuasim report, after the derived files are gone.
	for _, name := range compareFiles {
		if strings.HasSuffix(name, ".png") || strings.HasSuffix(name, ".svg") || name == report.PageFile {
			os.Remove(filepath.Join(dir, name))
		}
	}
	code, out, stderr := cli(t, "report", dir)
	if code != exitOK {
		t.Fatalf("cuasim report: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(out, "report.html") || !strings.Contains(out, "layouts.png") {
		t.Errorf("cuasim report printed %q", out)
	}
	again := readDir(t, dir)
	if got := sortedNames(again); !slices.Equal(got, compareFiles) {
		t.Fatalf("after cuasim report the directory holds %q", got)
	}
	for name, b := range files {
		if !bytes.Equal(b, again[name]) {
			t.Errorf("%s: cuasim report wrote other bytes than cuasim compare", name)
		}
	}

	// The command on the page runs the same comparison again.
	_, sum, err := compare.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	cmd := report.Command(sum.Design, "")
	args := strings.Fields(cmd)
	if args[0] != "cuasim" || strings.Contains(cmd, "'") {
		t.Fatalf("command %q: expected no quoting here", cmd)
	}
	// The figures follow from the data files (as cuasim report just
	// showed); leave them out of the second run, which is slow to draw
	// under the race detector.
	dir2 := dataOnly(t, func() string { d, _ := compareTo(t, append(args[1:], "--quiet")...); return d })
	for _, name := range []string{compare.SummaryFile, compare.ResultsFile, compare.DronesFile} {
		if !bytes.Equal(files[name], readFile(t, dir2, name)) {
			t.Errorf("%s: the page's command (%s) gave other results", name, cmd)
		}
	}
}

// dataOnly runs f with cuasim compare writing its data files only.
func dataOnly(t *testing.T, f func() string) string {
	t.Helper()
	defer func(w func(*record.Dir, *scenarios.Scenario, *compare.Results, *compare.Summary) error) {
		writeCompareExtras = w
	}(writeCompareExtras)
	writeCompareExtras = func(*record.Dir, *scenarios.Scenario, *compare.Results, *compare.Summary) error { return nil }
	return f()
}

func TestReportScenario(t *testing.T) {
	dir := dataOnly(t, func() string { d, _ := compareTo(t, tinyCompare...); return d })
	before := readDir(t, dir)
	_, sum, err := compare.Load(dir)
	if err != nil {
		t.Fatal(err)
	}

	// A scenario file with other content is refused, and nothing changes.
	other := filepath.Join(t.TempDir(), "airport.yaml")
	if err := os.WriteFile(other, append(libraryYAML(t, "airport"), "# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := cli(t, "report", dir, "--scenario", other)
	if code != exitFailure || !strings.Contains(stderr, "not the one the comparison ran") || !strings.Contains(stderr, "--no-scenario") {
		t.Errorf("report with an edited scenario: exit %d, stderr %q", code, stderr)
	}
	if got := sortedNames(readDir(t, dir)); !slices.Equal(got, sortedNames(before)) {
		t.Errorf("a refused report left %q", got)
	}
	// The same content from a file, or by name, is accepted.
	same := filepath.Join(t.TempDir(), "same.yaml")
	if err := os.WriteFile(same, libraryYAML(t, "airport"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{same, ""} {
		if sc, err := comparedScenario(sum.Design, file); err != nil || sc.Name != "airport" {
			t.Errorf("the scenario's content from %q: %v", file, err)
		}
	}
	if _, err := comparedScenario(sum.Design, filepath.Join(t.TempDir(), "missing.yaml")); err == nil || !strings.Contains(err.Error(), "--scenario FILE") {
		t.Errorf("a missing scenario file: %v", err)
	}

	// Without the scenario: the page says so and has no map.
	code, _, stderr = cli(t, "report", dir, "--no-scenario")
	if code != exitOK {
		t.Fatalf("report --no-scenario: exit %d, stderr %q", code, stderr)
	}
	page := string(readFile(t, dir, report.PageFile))
	if !strings.Contains(page, "was not at hand") || strings.Count(page, "<img ") != 3 {
		t.Errorf("report --no-scenario: the page has no notice or still a map")
	}
	for name, b := range before {
		if !bytes.Equal(b, readFile(t, dir, name)) {
			t.Errorf("cuasim report changed %s", name)
		}
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report"}, exitUsage, "expected the directory"},
		{[]string{"report", dir, dir}, exitUsage, "expected one directory, found 2"},
		{[]string{"report", dir, "--scenario", same, "--no-scenario"}, exitUsage, "do not go together"},
		{[]string{"report", t.TempDir()}, exitFailure, "no comparison results"},
	} {
		code, _, stderr := cli(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("cuasim %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tc.args, " "), code, stderr, tc.code, tc.want)
		}
	}
}
