package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/scenarios"
)

// corridorScenario is compare's test site: one layout blind to the south.
const corridorScenario = "../../compare/testdata/corridor.yaml"

func dirFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		out[e.Name()] = readFile(t, dir, e.Name())
	}
	return out
}

// TestCompareCLI runs cuasim compare on the corridor site, checks the
// ranking it prints, then runs it in two shards, merges them, and checks
// that the merged directory equals the unsharded one byte for byte, plots
// and report included; a second run of the same command finds the results
// complete and writes them again unchanged.
func TestCompareCLI(t *testing.T) {
	tmp := t.TempDir()
	one := filepath.Join(tmp, "one")
	args := []string{"compare", corridorScenario, "--replications", "4", "--thresholds", "0,0.5", "--quiet"}
	code, stdout, stderr := cli(t, append(args, "--out", one)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Four replications cannot show that north-only (half the drones in
	// time) is worse than base (all of them) once the replication is the
	// independent unit: the two share rank 1, base listed first.
	for _, want := range []string{"1     base", "1     north-only", "base − north-only", "sector  S", "Every layout and threshold"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	want := dirFiles(t, one)
	for _, f := range []string{"results.csv", "drones.csv", "summary.json"} {
		if len(want[f]) == 0 {
			t.Errorf("no %s", f)
		}
	}
	for i, s := range []string{"0/2", "1/2"} {
		code, _, stderr := cli(t, append(args, "--shard", s, "--out", filepath.Join(tmp, "part", s[:1]))...)
		if code != exitOK {
			t.Fatalf("shard %d: exit %d: %s", i, code, stderr)
		}
	}
	merged := filepath.Join(tmp, "merged")
	if code, _, stderr := cli(t, "merge", merged, filepath.Join(tmp, "part", "1"), filepath.Join(tmp, "part", "0")); code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	got := dirFiles(t, merged)
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			t.Errorf("merged %s differs from the unsharded run's", name)
		}
	}
	if len(got) != len(want) {
		t.Errorf("merged files %d, unsharded %d", len(got), len(want))
	}
	// Again into the same directory: nothing to run, the same files.
	if code, _, stderr := cli(t, append(args, "--out", one)...); code != exitOK || !strings.Contains(stderr, "already holds this comparison") {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	for name, w := range want {
		if !bytes.Equal(readFile(t, one, name), w) {
			t.Errorf("second run changed %s", name)
		}
	}
	// --force runs it anew, to the same bytes.
	if code, _, stderr := cli(t, append(args, "--out", one, "--force")...); code != exitOK || strings.Contains(stderr, "already holds") {
		t.Fatalf("forced run: exit %d: %s", code, stderr)
	}
	for name, w := range want {
		if !bytes.Equal(readFile(t, one, name), w) {
			t.Errorf("forced run changed %s", name)
		}
	}
	// Another design into it: refused without --force.
	code, _, stderr = cli(t, "compare", corridorScenario, "--replications", "2", "--thresholds", "0", "--quiet", "--out", one)
	if code == exitOK || !strings.Contains(stderr, "holds the results of another comparison") {
		t.Errorf("another design into the same directory: exit %d, %s", code, stderr)
	}
	// The same design by another build (a cuasim whose code changed):
	// refused too, never shown or resumed as if it were this build's.
	defer func(v func() string) { compareVersion = v }(compareVersion)
	compareVersion = func() string { return version + "+another-build" }
	code, _, stderr = cli(t, append(args, "--out", one)...)
	if code == exitOK || !strings.Contains(stderr, "holds the results of another comparison") {
		t.Errorf("another build into the same directory: exit %d, %s", code, stderr)
	}
}

// TestBuildVersion checks that a build from source records a hash of
// its executable: two programs built from different code never share a
// comparison's signature.
func TestBuildVersion(t *testing.T) {
	v := buildVersion()
	if !regexp.MustCompile(`^` + regexp.QuoteMeta(version) + `\+[0-9a-f]{12}$`).MatchString(v) {
		t.Errorf("buildVersion() = %q, want %s+ and 12 hex digits", v, version)
	}
}

func TestCompareUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"compare", corridorScenario, "--layouts", "base,nope"}, `no layout "nope"`},
		{[]string{"compare", corridorScenario, "--sweep", "alerting.p_drone"}, "expected PATH=START:STOP:STEP"},
		{[]string{"compare", corridorScenario, "--false-alert-budget", "2/week"}, "per day or per hour"},
		{[]string{"compare", corridorScenario, "--shard", "2/2"}, "0 <= I < N"},
		{[]string{"compare", corridorScenario, "--shard", "0/2", "--precision", "0.05"}, "do not go together"},
	} {
		code, _, stderr := cli(t, append(tc.args, "--out", t.TempDir())...)
		if code == exitOK || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, stderr, tc.want)
		}
	}
}

// TestCompareInterruptResume interrupts cuasim compare (a deadline stands
// in for Ctrl-C), checks it exits 130 leaving results marked partial, then
// runs the same command again: the directory ends up byte-identical to an
// uninterrupted run's.
func TestCompareInterruptResume(t *testing.T) {
	tmp := t.TempDir()
	o := compareOptions{Compare: cmdopts.Compare{Scenario: corridorScenario, Thresholds: "0,0.5", Replications: 6, RequiredWarningS: 60, BudgetPerDay: 2,
		Confidence: 0.95, MaxReplications: 2000, Quiet: true, Out: filepath.Join(tmp, "whole")}}
	var sink bytes.Buffer
	if code, err := runCompare(context.Background(), o, &sink, &sink); code != exitOK {
		t.Fatalf("uninterrupted: exit %d: %v", code, err)
	}
	want := dirFiles(t, o.Out)

	o.Out = filepath.Join(tmp, "cut")
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	code, err := runCompare(ctx, o, &sink, &sink)
	if code == exitOK {
		t.Skip("the run finished before the deadline; nothing to resume")
	}
	if code != exitInterrupted || err != nil {
		t.Fatalf("interrupted: exit %d, %v", code, err)
	}
	if s := string(readFile(t, o.Out, "summary.json")); !strings.Contains(s, `"partial": true`) {
		t.Errorf("interrupted summary.json is not marked partial")
	}
	if code, err := runCompare(context.Background(), o, &sink, &sink); code != exitOK {
		t.Fatalf("resumed: exit %d: %v", code, err)
	}
	got := dirFiles(t, o.Out)
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			t.Errorf("resumed %s differs from the uninterrupted run's", name)
		}
	}
}

// TestComparePrecisionSaysWhetherReached: a --precision run says on its
// second line whether the precision was reached or the cap stopped it,
// with the replications it ran. At threshold 0.95 nothing alerts (the
// corridor's tracks have no class evidence: calibrated, they sit under
// 0.9), so every P(timely) is 0 and its exact interval is narrow enough
// for ± 0.49 after 2 replications.
func TestComparePrecisionSaysWhetherReached(t *testing.T) {
	tmp := t.TempDir()
	for _, c := range []struct {
		precision, want string
	}{
		{"0.01", "Precision ± 0.01 NOT reached: stopped at the cap of 4 replications"},
		{"0.49", "Precision: P(timely) at every operating point known to ± 0.49 after 2 replications"},
	} {
		code, stdout, stderr := cli(t, "compare", corridorScenario, "--replications", "2", "--max-replications", "4", "--precision", c.precision,
			"--thresholds", "0.95", "--quiet", "--out", filepath.Join(tmp, c.precision))
		if code != exitOK {
			t.Fatalf("--precision %s: exit %d: %s", c.precision, code, stderr)
		}
		if !strings.Contains(stdout, c.want) {
			t.Errorf("--precision %s: output lacks %q:\n%s", c.precision, c.want, stdout)
		}
	}
}

// TestCompareSavedLayout: a layout written by scenarios.SaveLayouts (the
// viewer's s key: a sensor dragged, then saved) is run by cuasim compare
// FILE --layouts NAME with the sensor where it was dragged: its rows of
// drones.csv are those of the same move written by hand as a change, and
// not those of the base layout.
func TestCompareSavedLayout(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "corridor.yaml")
	src, err := os.ReadFile(corridorScenario)
	if err != nil {
		t.Fatal(err)
	}
	// The move, by hand: the radar 1.5 km north, re-aimed.
	hand := "layouts:\n  - name: hand\n    change:\n      - sensor: radar\n        position: [0.5, 1500.3]\n        boresight_deg: 10\n"
	if err := os.WriteFile(path, []byte(strings.Replace(string(src), "layouts:\n", hand, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	dragged := slices.Clone(sc.Sensors)
	dragged[0].Position = scenarios.Point{EastM: 0.5, NorthM: 1500.3}
	dragged[0].BoresightDeg = 10
	if err := scenarios.SaveLayouts(path, nil, []scenarios.Layout{scenarios.LayoutOf("dragged-1", sc.Sensors, dragged)}, false); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, _, stderr := cli(t, "compare", path, "--layouts", "base,dragged-1,hand", "--replications", "3", "--thresholds", "0", "--quiet", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(bytes.NewReader(readFile(t, out, "drones.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "layout")
	if col < 0 {
		t.Fatalf("drones.csv has no layout column: %v", rows[0])
	}
	by := map[string][]string{}
	for _, r := range rows[1:] {
		l := r[col]
		r[col] = ""
		by[l] = append(by[l], strings.Join(r, ","))
	}
	if len(by["dragged-1"]) == 0 || !slices.Equal(by["dragged-1"], by["hand"]) {
		t.Errorf("dragged-1's drones differ from hand's:\n%s\n%s", strings.Join(by["dragged-1"], "\n"), strings.Join(by["hand"], "\n"))
	}
	if slices.Equal(by["dragged-1"], by["base"]) {
		t.Error("dragged-1's drones are base's: the move made no difference, so the test shows nothing")
	}
}
