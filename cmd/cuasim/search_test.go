package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/internal/terraintest"
)

// TestSearchFindsAndConfirms runs cuasim search on the site whose best
// placement is known (search/testdata/onesector.yaml): it writes the
// scenario with the layout found, whose radar stands at "east", and the
// confirmation calls it significantly better than base. cuasim compare on
// the file it wrote, with the same arguments, writes the same summary.json
// byte for byte: the confirmation is that comparison.
func TestSearchFindsAndConfirms(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "s")
	scenario := "../../search/testdata/onesector.yaml"
	code, stdout, stderr := cli(t, "search", scenario, "--replications", "12", "--out", dir, "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"search-1       1.000  1.000    radar at east",
		"search-1 vs base: P(timely) +100.0 pp",
		// 12 replications leave its 8 false alerts a day undecided against
		// the budget of 2: the verdict says so.
		"Verdict: the search found a layout of these sensors better than base at the operating points: search-1; but search-1 may break the false-alert budget: confirm with more --replications.",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	src := readFile(t, dir, "search.yaml")
	orig, err := os.ReadFile(scenario)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(src, orig) || !bytes.Contains(src, []byte("- name: search-1")) || !bytes.Contains(src, []byte("- sensor: radar\n        position: [1700, 0]\n")) {
		t.Errorf("search.yaml is not the scenario with the layout found appended:\n%s", src)
	}
	for _, f := range []string{"search.csv", "search.json", "compare/summary.json", "compare/report.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	again := filepath.Join(t.TempDir(), "c")
	code, _, stderr = cli(t, "compare", filepath.Join(dir, "search.yaml"), "--layouts", "base,search-1", "--replications", "12", "--out", again, "--quiet")
	if code != exitOK {
		t.Fatalf("compare: exit %d\n%s", code, stderr)
	}
	if a, b := readFile(t, dir, "compare/summary.json"), readFile(t, again, "summary.json"); !bytes.Equal(a, b) {
		t.Error("cuasim compare on search.yaml wrote another summary.json than the search's confirmation")
	}
}

// TestSearchErrors: a scenario without a search section, and bad options,
// are refused before any work, with the command's prefix.
func TestSearchErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"search", "base"}, exitUsage, "cuasim search: base has no search section"},
		{[]string{"search", "airport", "--samples", "0"}, exitUsage, "cuasim search: --samples: expected 1 to 1000"},
		{[]string{"search", "airport", "--keep", "50"}, exitUsage, "cuasim search: --keep: expected 1 to 20"},
		{[]string{"search", "airport", "--p-drone", "1"}, exitUsage, "cuasim search: --p-drone: expected a probability"},
		{[]string{"search", "airport", "--set", "tracker.confirm_m=2"}, exitUsage, `expected a field of the search section`},
		{[]string{"search", "airport", "--set", "search.place[9].count=2"}, exitUsage, `cuasim search: --set: search.place[9].count=2: search.place: no item 9`},
		{[]string{"search", "airport", "--window", "0s"}, exitUsage, `cuasim search: invalid value "0s" for flag -window`},
	} {
		out := filepath.Join(t.TempDir(), "s")
		code, _, stderr := cli(t, append(c.args, "--out", out, "--quiet")...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("cuasim %s: exit %d, stderr %q; want exit %d and %q", strings.Join(c.args, " "), code, stderr, c.code, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("cuasim %s left %s", strings.Join(c.args, " "), out)
		}
	}
}

// TestSearchOnTerrain: the scenario a search writes into its directory
// still finds the terrain's tiles, which the original gives relative to
// itself; the confirmation runs on it.
func TestSearchOnTerrain(t *testing.T) {
	t.Parallel()
	file := terraintest.RidgeScenario(t, nil)
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	withSearch := strings.Replace(string(src), "\nrun:\n", "\nsearch:\n  candidates: [{name: ridge-top, position: [2200, 60]}, {name: plateau, position: [800, 0]}]\n  place: [{sensor: radar}]\nrun:\n", 1)
	if err := os.WriteFile(file, []byte(withSearch), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "elsewhere", "s")
	code, stdout, stderr := cli(t, "search", file, "--replications", "2", "--out", dir, "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "Verdict:") {
		t.Errorf("no verdict:\n%s", stdout)
	}
}

// TestSearchFilesWithoutConfirming: search.yaml, search.csv and search.json
// do not depend on --replications, which only the confirmation reads; and
// stdout names the comparison that confirms them. So a search whose
// confirmation is too long for one machine runs here with --replications
// 1, and its comparison on a cluster (cuasim-beam compare DIR/search.yaml
// --layouts ..., see the README's "Beyond one machine").
func TestSearchFilesWithoutConfirming(t *testing.T) {
	t.Parallel()
	scenario := "../../search/testdata/onesector.yaml"
	var dirs []string
	for _, reps := range []string{"1", "3"} {
		dir := filepath.Join(t.TempDir(), "s")
		code, stdout, stderr := cli(t, "search", scenario, "--replications", reps, "--out", dir, "--quiet")
		if code != exitOK {
			t.Fatalf("--replications %s: exit %d\n%s\n%s", reps, code, stdout, stderr)
		}
		if want := "(cuasim compare " + filepath.Join(dir, "search.yaml") + " --layouts base,search-1)"; !strings.Contains(stdout, want) {
			t.Errorf("--replications %s: stdout lacks %q:\n%s", reps, want, stdout)
		}
		dirs = append(dirs, dir)
	}
	for _, f := range []string{"search.yaml", "search.csv", "search.json"} {
		if !bytes.Equal(readFile(t, dirs[0], f), readFile(t, dirs[1], f)) {
			t.Errorf("%s differs between --replications 1 and 3", f)
		}
	}
}
