package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/report"
	"github.com/cuasim/cuasim/scenarios"
)

func TestMain(m *testing.M) {
	beam.Init()
	os.Exit(m.Run())
}

// corridor is the core's test site with a known answer: two layouts, one
// blind to the south.
const corridor = "../../compare/testdata/corridor.yaml"

// beamCompare runs cuasim-beam compare with args and a fixed version, as
// the command line does, and returns the exit code and stderr.
func beamCompare(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	o, code, ok := parseCompare(args, &stderr)
	if !ok {
		t.Fatalf("parsing %q: exit %d: %s", args, code, stderr.String())
	}
	o.version = "test"
	code, err := runCompare(context.Background(), o, &stdout, &stderr)
	if err != nil {
		fmt.Fprintln(&stderr, "cuasim-beam compare:", err)
	}
	return code, stderr.String()
}

// coreCompare writes what cuasim compare writes (cmd/cuasim/compare.go's
// runCompare: compare.Runner.Run, compare.Summarise, compare.WriteFiles
// with report.Write), in this process, with 2 workers.
func coreCompare(t *testing.T, dir string, o compare.Options) {
	t.Helper()
	coreCompareOn(t, dir, corridor, o)
}

// coreCompareOn is coreCompare on another scenario.
func coreCompareOn(t *testing.T, dir, scenario string, o compare.Options) {
	t.Helper()
	sc, err := scenarios.Open(scenario)
	if err != nil {
		t.Fatal(err)
	}
	d, err := compare.NewDesign(scenario, sc, o)
	if err != nil {
		t.Fatal(err)
	}
	res, err := (&compare.Runner{Design: d, Scenario: sc, Workers: 2}).Run(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	sum := compare.Summarise(res)
	if err := compare.WriteFiles(dir, res, sum, func(rd *record.Dir) error { return report.Write(rd, sc, res, sum) }); err != nil {
		t.Fatal(err)
	}
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if e.Name() == ".lock" || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func sortedKeys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// TestPrismSameFiles: 20 replications × 2 layouts × 2 variants × 2
// thresholds on Prism write every file cuasim compare writes, byte for
// byte: the data, summary.json, manifest.json, the figures and the page.
// Every fifth replication is slowed down, so that Prism splits the bundle
// of units (it splits one whose element outlasts its progress tick) and
// runs them at once; the units are created in reverse design order, so
// that their rows reach the last step out of design order (Prism gathers
// them in the order created).
func TestPrismSameFiles(t *testing.T) {
	defer func(f func([]compare.Unit) []compare.Unit) { compareUnitOrder = f }(compareUnitOrder)
	compareUnitOrder = func(units []compare.Unit) []compare.Unit {
		slices.Reverse(units)
		return units
	}
	var mu sync.Mutex
	running, peak := 0, 0
	defer func(f func(context.Context, *compare.Runner, compare.Unit) (*compare.UnitRows, error)) { runUnit = f }(runUnit)
	run := runUnit
	runUnit = func(ctx context.Context, rn *compare.Runner, u compare.Unit) (*compare.UnitRows, error) {
		mu.Lock()
		running++
		peak = max(peak, running)
		mu.Unlock()
		defer func() {
			mu.Lock()
			running--
			mu.Unlock()
		}()
		if u.Replication%5 == 0 {
			time.Sleep(300 * time.Millisecond)
		}
		return run(ctx, rn, u)
	}
	want, got := t.TempDir(), t.TempDir()
	seed := uint64(11)
	coreCompare(t, want, compare.Options{Version: "test", Replications: 20, Seed: &seed,
		Sweeps:           []compare.Sweep{{Path: "tracker.confirm_m", Values: []string{"2", "3"}}, {Path: "alerting.p_drone", Values: []string{"0", "0.5"}}},
		RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95, MaxReplications: 2000})
	code, stderr := beamCompare(t, corridor, "--replications", "20", "--seed", "11", "--sweep", "tracker.confirm_m=2,3",
		"--thresholds", "0,0.5", "--out", got, "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	t.Logf("at most %d units ran at once", peak)
	if peak < 2 {
		t.Errorf("at most %d unit ran at once: Prism did not split the bundle of units", peak)
	}
	w, g := readDir(t, want), readDir(t, got)
	for _, name := range []string{"results.csv", "drones.csv", "curve.csv", "summary.json", "manifest.json", "report.html", "tradeoff.png", "layouts.svg"} {
		if len(w[name]) == 0 {
			t.Errorf("cuasim compare wrote no %s (files %v)", name, sortedKeys(w))
		}
	}
	if !slices.Equal(sortedKeys(g), sortedKeys(w)) {
		t.Errorf("files %v, want %v", sortedKeys(g), sortedKeys(w))
	}
	for name, b := range w {
		if !bytes.Equal(g[name], b) {
			t.Errorf("%s differs from cuasim compare's (%d bytes against %d)", name, len(g[name]), len(b))
		}
	}
	_, sum, err := compare.Load(got)
	if err != nil {
		t.Fatal(err)
	}
	if d := sum.Design; sum.Replications != 20 || len(d.Layouts) != 2 || len(d.Variants) != 2 || len(d.Thresholds) != 2 {
		t.Errorf("design: %d replications × %d layouts × %d variants × %d thresholds, want 20 × 2 × 2 × 2",
			sum.Replications, len(d.Layouts), len(d.Variants), len(d.Thresholds))
	}

	// The same command again shows the comparison without running it,
	// and leaves the files as they were.
	code, stderr = beamCompare(t, corridor, "--replications", "20", "--seed", "11", "--sweep", "tracker.confirm_m=2,3",
		"--thresholds", "0,0.5", "--out", got, "--quiet")
	if code != exitOK || !strings.Contains(stderr, "already holds this comparison") {
		t.Errorf("again: exit %d, stderr %q", code, stderr)
	}
	for name, b := range readDir(t, got) {
		if !bytes.Equal(b, w[name]) {
			t.Errorf("again: %s changed", name)
		}
	}
}

// TestRemoteOut: --out on one of Beam's file systems (memfs:// here,
// gs:// on Dataflow) receives every file cuasim compare writes, byte for
// byte; a second run into it is refused without --force.
func TestRemoteOut(t *testing.T) {
	want := t.TempDir()
	seed := uint64(3)
	coreCompare(t, want, compare.Options{Version: "test", Replications: 4, Seed: &seed,
		Sweeps:           []compare.Sweep{{Path: "tracker.confirm_m", Values: []string{"2", "3"}}, {Path: "alerting.p_drone", Values: []string{"0"}}},
		RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95, MaxReplications: 2000})
	out := "memfs://remote-out/compare"
	args := []string{corridor, "--replications", "4", "--seed", "3", "--sweep", "tracker.confirm_m=2,3", "--thresholds", "0", "--out", out, "--quiet"}
	code, stderr := beamCompare(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sameRemoteFiles(t, out, readDir(t, want), "cuasim compare's")
	code, stderr = beamCompare(t, args...)
	if code != exitFailure || !strings.Contains(stderr, "holds a comparison already") {
		t.Errorf("again without --force: exit %d, stderr %q", code, stderr)
	}
}

// sameRemoteFiles checks that the directory out on one of Beam's file
// systems holds exactly the files want, byte for byte: what's.
func sameRemoteFiles(t *testing.T, out string, want map[string][]byte, whats string) {
	t.Helper()
	ctx := context.Background()
	fsys := memfs.New(ctx)
	found, err := fsys.List(ctx, out+"/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != len(want) {
		t.Errorf("%d files in %s, want %d: %v", len(found), out, len(want), found)
	}
	for name, b := range want {
		r, err := fsys.OpenRead(ctx, out+"/"+name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		g, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(g, b) {
			t.Errorf("%s differs from %s (%d bytes against %d)", name, whats, len(g), len(b))
		}
	}
}

// TestFailingUnit: a replication that panics, or returns an error, fails
// the job with its replication, seed, variant and layouts; it is run once,
// not retried; nothing is written.
func TestFailingUnit(t *testing.T) {
	for _, panics := range []bool{true, false} {
		t.Run(fmt.Sprintf("panic=%v", panics), func(t *testing.T) {
			var mu sync.Mutex
			calls := 0
			defer func(f func(context.Context, *compare.Runner, compare.Unit) (*compare.UnitRows, error)) { runUnit = f }(runUnit)
			ok := runUnit
			runUnit = func(ctx context.Context, rn *compare.Runner, u compare.Unit) (*compare.UnitRows, error) {
				if u != (compare.Unit{Replication: 3, Variant: 1}) {
					return ok(ctx, rn, u)
				}
				mu.Lock()
				calls++
				mu.Unlock()
				if panics {
					panic("broken model")
				}
				return nil, fmt.Errorf("%s: broken model", rn.Design.UnitName(u))
			}
			dir := t.TempDir()
			code, stderr := beamCompare(t, corridor, "--replications", "6", "--sweep", "tracker.confirm_m=2,3", "--thresholds", "0", "--out", dir, "--quiet")
			failedJob(t, code, stderr, "replication 3 (seed 4), variant tracker.confirm_m=3, layouts base,north-only: ", panics, calls)
			if _, _, err := compare.Load(dir); !errors.Is(err, compare.ErrNoResults) {
				t.Errorf("the failed job left results: %v", err)
			}
		})
	}
}

// failedJob checks a job one of whose units failed, panicking or not:
// it exits exitFailure, stderr names the unit (unit) and the failure, and
// the unit ran once.
func failedJob(t *testing.T, code int, stderr, unit string, panics bool, calls int) {
	t.Helper()
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	want := unit + "broken model"
	if panics {
		want = unit + "panic: broken model"
	}
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr does not say %q:\n%s", want, stderr)
	}
	if calls != 1 {
		t.Errorf("the failing unit ran %d times, want once", calls)
	}
}

// sameOptions checks that a cuasim-beam command's flag set, but for
// Beam's own flags, is the core command's, defined by define (cuasim's
// TestSharedOptions checks that it is what cuasim's help lists): the same
// flags with the same defaults and help, but for the help of those whose
// meaning differs on Beam, which says so.
func sameOptions(t *testing.T, mine *flag.FlagSet, define func(*flag.FlagSet), differs cmdopts.Usage) {
	t.Helper()
	core := flag.NewFlagSet("core", flag.ContinueOnError)
	define(core)
	n := 0
	core.VisitAll(func(c *flag.Flag) {
		n++
		f := mine.Lookup(c.Name)
		switch u, ok := differs[c.Name]; {
		case f == nil:
			t.Errorf("the core's --%s is missing", c.Name)
		case f.DefValue != c.DefValue:
			t.Errorf("--%s: default %q, the core's %q", c.Name, f.DefValue, c.DefValue)
		case ok && (f.Usage != u || u == c.Usage):
			t.Errorf("--%s: help %q, want Beam's own %q (the core's %q)", c.Name, f.Usage, u, c.Usage)
		case !ok && f.Usage != c.Usage:
			t.Errorf("--%s: help %q, the core's %q", c.Name, f.Usage, c.Usage)
		}
	})
	if n < 14 {
		t.Fatalf("found %d of the core's options, want ≥ 14", n)
	}
	mine.VisitAll(func(f *flag.Flag) {
		if core.Lookup(f.Name) == nil && flag.CommandLine.Lookup(f.Name) == nil {
			t.Errorf("--%s is neither the core's nor Beam's", f.Name)
		}
	})
}

// TestSameOptions: cuasim-beam compare takes exactly cuasim compare's
// options, with the same defaults and help, but for those whose meaning
// differs on Beam.
func TestSameOptions(t *testing.T) {
	o, _, ok := parseCompare(nil, io.Discard)
	want := cmdopts.NewCompare()
	want.Scenario, want.Out = "airport", "compare-airport"
	if !ok || !reflect.DeepEqual(o.Compare, want) {
		t.Errorf("cuasim-beam compare's defaults %+v, cuasim compare's %+v", o.Compare, want)
	}
	o = compareOptions{Compare: cmdopts.NewCompare()}
	sameOptions(t, compareFlags(&o, io.Discard), func(fs *flag.FlagSet) {
		c := cmdopts.NewCompare()
		c.Flags(fs, nil)
	}, compareHelpOnBeam)
}

// TestCoreHasNoBeam: Beam enters neither cuasim's go.mod nor the cuasim
// command's dependencies.
func TestCoreHasNoBeam(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(mod, []byte("apache/beam")) {
		t.Error("cuasim's go.mod names apache/beam")
	}
	cmd := exec.Command("go", "list", "-deps", "./cmd/cuasim")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps ./cmd/cuasim: %v", err)
	}
	if n := bytes.Count(out, []byte("\n")); n < 50 {
		t.Fatalf("go list -deps ./cmd/cuasim listed %d packages, want the CLI's", n)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.Contains(p, "apache/beam") || strings.Contains(p, "google.golang.org/grpc") {
			t.Errorf("cmd/cuasim depends on %s", p)
		}
	}
}
