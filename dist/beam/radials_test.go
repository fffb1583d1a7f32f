package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/radials"
	"github.com/cuasim/cuasim/scenarios"
)

// beamRadials runs cuasim-beam radials with args and a fixed version, as
// the command line does, and returns the exit code, stdout and stderr.
func beamRadials(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	o, code, ok := parseRadials(args, &stderr)
	if !ok {
		t.Fatalf("parsing %q: exit %d: %s", args, code, stderr.String())
	}
	o.version = "test"
	code, err := runRadials(context.Background(), o, &stdout, &stderr)
	if err != nil {
		fmt.Fprintln(&stderr, "cuasim-beam radials:", err)
	}
	return code, stdout.String(), stderr.String()
}

// coreRadials writes what cuasim radials writes (cmd/cuasim/radials.go's
// runRadials: the scenario with --set, radials.Runner.Run,
// radials.Summarise, radials.WriteFiles), in this process, with 2 workers.
func coreRadials(t *testing.T, dir, name string, sets []string, o radials.Options) {
	t.Helper()
	sc, err := scenarios.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	var ovs []scenarios.Override
	for _, s := range sets {
		ov, err := scenarios.ParseOverride(s)
		if err != nil {
			t.Fatal(err)
		}
		ovs = append(ovs, ov)
	}
	if sc, err = sc.With(ovs...); err != nil {
		t.Fatal(err)
	}
	d, err := radials.NewDesign(name, sc, o)
	if err != nil {
		t.Fatal(err)
	}
	res, err := (&radials.Runner{Design: d, Scenario: sc, Workers: 2}).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := radials.WriteFiles(dir, res, radials.Summarise(res)); err != nil {
		t.Fatal(err)
	}
}

// TestRadialsPrismSameFiles: the airport's radials (6 bearings × 3 runs ×
// 2 layouts, a --set, a short start) on Prism write every file cuasim
// radials writes, byte for byte. Every fifth unit is slowed down, so that
// Prism splits the bundle of units and runs them at once; the units are
// created in reverse design order, so that their rows reach the last step
// out of design order (Prism gathers them in the order created).
func TestRadialsPrismSameFiles(t *testing.T) {
	defer func(f func([]radials.Unit) []radials.Unit) { unitOrder = f }(unitOrder)
	unitOrder = func(units []radials.Unit) []radials.Unit {
		slices.Reverse(units)
		return units
	}
	var mu sync.Mutex
	running, peak, n := 0, 0, 0
	defer func(f func(context.Context, *radials.Runner, radials.Unit) (*radials.UnitRows, error)) {
		runRadialsUnit = f
	}(runRadialsUnit)
	run := runRadialsUnit
	runRadialsUnit = func(ctx context.Context, rn *radials.Runner, u radials.Unit) (*radials.UnitRows, error) {
		mu.Lock()
		running++
		peak = max(peak, running)
		n++
		mu.Unlock()
		defer func() {
			mu.Lock()
			running--
			mu.Unlock()
		}()
		if (u.Bearing*3+u.Replication)%5 == 0 {
			time.Sleep(300 * time.Millisecond)
		}
		return run(ctx, rn, u)
	}
	want, got := t.TempDir(), t.TempDir()
	seed := uint64(7)
	sets := []string{"alerting.p_drone=0.95"}
	coreRadials(t, want, "airport", sets, radials.Options{Version: "test", Layouts: []string{"base", "rf-ring"},
		StepDeg: 60, StartM: 3000, Replications: 3, Seed: &seed})
	code, stdout, stderr := beamRadials(t, "airport", "--layout", "base,rf-ring", "--step-deg", "60", "--start-m", "3000",
		"--reps", "3", "--seed", "7", "--set", sets[0], "--out", got, "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	t.Logf("%d units, at most %d at once", n, peak)
	if n != 18 {
		t.Errorf("%d units ran, want 6 bearings × 3 runs", n)
	}
	if peak < 2 {
		t.Errorf("at most %d unit ran at once: Prism did not split the bundle of units", peak)
	}
	w, g := readDir(t, want), readDir(t, got)
	if !slices.Equal(sortedKeys(w), []string{"design.json", "radials.csv", "radials.png", "radials.svg", "summary.csv"}) {
		t.Errorf("cuasim radials wrote %v", sortedKeys(w))
	}
	if !slices.Equal(sortedKeys(g), sortedKeys(w)) {
		t.Errorf("files %v, want %v", sortedKeys(g), sortedKeys(w))
	}
	for name, b := range w {
		if !bytes.Equal(g[name], b) {
			t.Errorf("%s differs from cuasim radials' (%d bytes against %d)", name, len(g[name]), len(b))
		}
	}
	if !bytes.Contains(w["design.json"], []byte(`"p_drone": 0.95`)) {
		t.Error("design.json does not record --set alerting.p_drone=0.95")
	}
	if !strings.Contains(stdout, "6 bearings × 3 runs × 2 layouts (seeds 7-9)") {
		t.Errorf("stdout: %s", stdout)
	}
}

// TestRadialsRemoteOut: --out on one of Beam's file systems (memfs://
// here, gs:// on Dataflow) receives the files cuasim radials writes, byte
// for byte.
func TestRadialsRemoteOut(t *testing.T) {
	want := t.TempDir()
	coreRadials(t, want, "airport", nil, radials.Options{Version: "test", Layouts: []string{"base"}, StepDeg: 180, StartM: 2500, Replications: 1})
	out := "memfs://remote-out/radials"
	code, _, stderr := beamRadials(t, "airport", "--layout", "base", "--step-deg", "180", "--start-m", "2500", "--reps", "1", "--out", out, "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sameRemoteFiles(t, out, readDir(t, want), "cuasim radials'")
}

// TestRadialsFailingUnit: a unit that panics, or returns an error, fails
// the job with its bearing, replication, seed and layouts; it is run
// once, not retried; nothing is written.
func TestRadialsFailingUnit(t *testing.T) {
	for _, panics := range []bool{true, false} {
		t.Run(fmt.Sprintf("panic=%v", panics), func(t *testing.T) {
			var mu sync.Mutex
			calls := 0
			defer func(f func(context.Context, *radials.Runner, radials.Unit) (*radials.UnitRows, error)) {
				runRadialsUnit = f
			}(runRadialsUnit)
			ok := runRadialsUnit
			runRadialsUnit = func(ctx context.Context, rn *radials.Runner, u radials.Unit) (*radials.UnitRows, error) {
				if u != (radials.Unit{Bearing: 1, Replication: 1}) {
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
			dir := filepath.Join(t.TempDir(), "r")
			code, _, stderr := beamRadials(t, "airport", "--layout", "base,rf-ring", "--step-deg", "90", "--start-m", "2500",
				"--reps", "2", "--seed", "4", "--out", dir, "--quiet")
			failedJob(t, code, stderr, "bearing 90° E, replication 1 (seed 5), layouts base,rf-ring: ", panics, calls)
			if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
				t.Errorf("the failed job left files in %s: %v", dir, entries)
			}
		})
	}
}

// TestSameRadialsOptions: cuasim-beam radials takes exactly cuasim
// radials' options, with the same defaults and help, but for those whose
// meaning differs on Beam.
func TestSameRadialsOptions(t *testing.T) {
	ro, _, ok := parseRadials(nil, io.Discard)
	want := cmdopts.NewRadials()
	want.Scenario, want.Out = "airport", "radials-airport"
	if !ok || !reflect.DeepEqual(ro.Radials, want) {
		t.Errorf("cuasim-beam radials' defaults %+v, cuasim radials' %+v", ro.Radials, want)
	}
	ro = radialsOptions{Radials: cmdopts.NewRadials()}
	sameOptions(t, radialsFlags(&ro, io.Discard), func(fs *flag.FlagSet) {
		r := cmdopts.NewRadials()
		r.Flags(fs, nil)
	}, radialsHelpOnBeam)
}
