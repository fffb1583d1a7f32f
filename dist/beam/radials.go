package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/cuasim/cuasim/radials"
	"github.com/cuasim/cuasim/scenarios"
)

const radialsUsage = `Usage: cuasim-beam radials [SCENARIO] [options]

Runs cuasim radials on Apache Beam: the same arguments and the same files
(radials.csv, summary.csv, radials.png, radials.svg, design.json), byte for
byte, whatever the runner's parallelism. Each bearing and run (every layout
in lockstep) is one element; the rows are gathered and summarised by
cuasim's own code.

The runner is Prism, in this process, by default; --runner flink, spark or
universal with --endpoint HOST:PORT submits to a Beam job server (see the
README, "Beyond one machine"). On a cluster, --out must be a directory that
the worker writing the files and this command can both reach, or the URL of
a directory on one of Beam's file systems (gs://BUCKET/DIR).

A run that fails or is cancelled writes nothing. Stdout shows where the
files are; summary.csv holds the table cuasim radials prints.

Run "cuasim help radials" for what the radials compute.
`

// radialsOptions are cuasim radials' settings (cmd/cuasim/radials.go),
// which cuasim-beam radials takes alike (TestSameRadialsOptions).
type radialsOptions struct {
	scenario string
	o        radials.Options
	layouts  string
	sets     []string
	seed     uint64
	seedSet  bool
	workers  int
	out      string
	quiet    bool
	// version is what the design records; "" for this build's.
	version string
}

// radialsFlags returns the flag set of cuasim radials' options, and
// Beam's (--runner, --endpoint, ...).
func radialsFlags(ro *radialsOptions, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("cuasim-beam radials", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, radialsUsage, "\nOptions (cuasim radials', then Beam's):\n")
		fs.PrintDefaults()
	}
	o := &ro.o
	fs.StringVar(&o.Zone, "zone", "", "the zone `NAME` the drone heads for (default: the scenario's first inbound traffic's)")
	fs.StringVar(&o.Class, "class", "", "the uav_types entry `NAME` flown (default: the first inbound traffic's)")
	number := func(dst **float64, allowZero bool) func(string) error {
		return func(s string) error {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil || x < 0 || (!allowZero && x == 0) {
				want := "> 0"
				if allowZero {
					want = ">= 0"
				}
				return fmt.Errorf("expected a number %s, found %q", want, s)
			}
			*dst = &x
			return nil
		}
	}
	fs.Func("speed-mps", "ground speed `V`, m/s (default: the middle of the inbound traffic's band, or the class's cruise speed)", number(&o.SpeedMPS, false))
	fs.Func("altitude-m", "altitude `H` above ground, m (default: the middle of the inbound traffic's band, or 60)", number(&o.AltitudeM, true))
	fs.Func("step-deg", "bearings every `D` degrees from north (default 10)", func(s string) error {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || !(x >= 0.1 && x <= 360) {
			return fmt.Errorf("expected degrees from 0.1 to 360, found %q", s)
		}
		o.StepDeg = x
		return nil
	})
	fs.Func("start-m", "distance `R` from the zone's centre where the drone appears, m (default: beyond every sensor's reach)", func(s string) error {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || !(x > 0 && x <= 200000) {
			return fmt.Errorf("expected a distance in (0, 200000] m, found %q", s)
		}
		o.StartM = x
		return nil
	})
	fs.Func("required-s", "warning `S` a timely alert gives before entry: seconds or 60s, 2m (default 60s)", func(s string) error {
		d, err := parseDuration(s)
		o.RequiredWarningS = &d
		return err
	})
	fs.IntVar(&o.Replications, "reps", radials.DefaultReplications, "runs `N` per bearing")
	fs.StringVar(&ro.layouts, "layout", "all", "the layouts compared, `A,B,...` or all (base: the listed sensors)")
	fs.Func("seed", "seed of the first run `N` (default: the scenario's run.seed)", func(s string) error {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return fmt.Errorf("expected a whole number >= 0, found %q", s)
		}
		ro.seed, ro.seedSet = v, true
		return nil
	})
	fs.IntVar(&ro.workers, "workers", 0, "ignored: the Beam runner decides how many runs go at once; results do not depend on it")
	fs.Func("set", "set a scenario field, `PATH=VALUE` (repeatable), e.g. alerting.p_drone=0.98", func(s string) error {
		if _, err := scenarios.ParseOverride(s); err != nil {
			return err
		}
		ro.sets = append(ro.sets, s)
		return nil
	})
	fs.StringVar(&ro.out, "out", "", "write the results to `DIR` (default: radials-SCENARIO)")
	fs.BoolVar(&ro.quiet, "quiet", false, "print nothing but the result and errors")
	flag.CommandLine.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) == nil && !workerFlags[f.Name] {
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
	return fs
}

// parseRadials parses cuasim-beam radials' arguments. ok is false when the
// command is done (help asked, or a usage error: code says which).
func parseRadials(args []string, stderr io.Writer) (ro radialsOptions, code int, ok bool) {
	fs := radialsFlags(&ro, stderr)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ro, exitOK, false
		}
		return ro, exitUsage, false
	}
	if ro.o.Replications < 1 {
		fmt.Fprintf(stderr, "cuasim-beam radials: --reps: expected a whole number >= 1, found %d\n", ro.o.Replications)
		return ro, exitUsage, false
	}
	switch len(pos) {
	case 0:
		ro.scenario = "airport"
	case 1:
		ro.scenario = pos[0]
	default:
		fmt.Fprintf(stderr, "cuasim-beam radials: expected one scenario, found %d: %s\n", len(pos), strings.Join(pos, " "))
		return ro, exitUsage, false
	}
	if ro.out == "" {
		ro.out = "radials-" + strings.TrimSuffix(filepath.Base(ro.scenario), filepath.Ext(ro.scenario))
	}
	if ro.layouts != "all" && ro.layouts != "" {
		ro.o.Layouts = strings.Split(ro.layouts, ",")
	}
	if ro.seedSet {
		ro.o.Seed = &ro.seed
	}
	return ro, exitOK, true
}

// parseInterleaved parses flags and positional arguments in any order, as
// cuasim does; "--" ends the flags.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// radialsScenario opens the scenario as cuasim radials does: the file (or
// library name), then --set.
func radialsScenario(name string, sets []string) (*scenarios.Scenario, error) {
	sc, err := scenarios.Open(name)
	if err != nil {
		return nil, err
	}
	return withSets(sc, sets)
}

// withSets applies --set's overrides, and checks the scenario's budget as
// cuasim does.
func withSets(sc *scenarios.Scenario, sets []string) (*scenarios.Scenario, error) {
	ovs := make([]scenarios.Override, len(sets))
	for i, s := range sets {
		ov, err := scenarios.ParseOverride(s)
		if err != nil {
			return nil, fmt.Errorf("--set: %w", err)
		}
		ovs[i] = ov
	}
	sc, err := sc.With(ovs...)
	if err != nil {
		return nil, fmt.Errorf("--set: %w", err)
	}
	return sc.WithRun(nil, 0)
}

// runRadials runs the radials as cuasim radials does, with the units run
// by the Beam runner.
func runRadials(ctx context.Context, ro radialsOptions, stdout, stderr io.Writer) (int, error) {
	sc, err := radialsScenario(ro.scenario, ro.sets)
	if err != nil {
		return exitFailure, err
	}
	for _, w := range sc.Warnings() {
		fmt.Fprintln(stderr, w) // as cuasim prints them
	}
	ro.o.Version = ro.version
	if ro.o.Version == "" {
		ro.o.Version = buildVersion()
	}
	d, err := radials.NewDesign(ro.scenario, sc, ro.o)
	if err != nil {
		return exitUsage, err
	}
	rn := &radials.Runner{Design: d, Scenario: sc}
	units := unitOrder(rn.Units())
	if remote(ro.out) {
		fsys, err := filesystem.New(ctx, ro.out)
		if err != nil {
			return exitUsage, fmt.Errorf("--out %s: %w", ro.out, err)
		}
		fsys.Close()
	} else if fi, err := os.Stat(ro.out); err == nil && !fi.IsDir() {
		return exitUsage, fmt.Errorf("--out: %s is a file, not a directory; give a directory to write the results to", ro.out)
	}
	j, err := newRadialsJob(d, sc, ro.sets, ro.out)
	if err != nil {
		return exitFailure, err
	}
	p, err := buildRadialsPipeline(j, units)
	if err != nil {
		return exitFailure, err
	}
	start := time.Now()
	if !ro.quiet {
		fmt.Fprintf(stderr, "running %d units (bearing × run, every layout in lockstep) on Beam's %s runner\n", len(units), runnerName())
	}
	if err := runBeam(ctx, p); err != nil {
		return exitFailure, fmt.Errorf("the Beam job failed, nothing written to %s: %w", ro.out, err)
	}
	elapsed := time.Since(start)
	if !remote(ro.out) {
		// What the job wrote is this design.
		b, err := os.ReadFile(filepath.Join(ro.out, radials.DesignFile))
		if err != nil {
			return exitFailure, fmt.Errorf("reading back what the job wrote: %w", err)
		}
		if string(b) != string(j.DesignFile) {
			return exitFailure, fmt.Errorf("%s does not hold this design after the job", filepath.Join(ro.out, radials.DesignFile))
		}
	}
	fmt.Fprintf(stdout, "cuasim-beam radials %s: %s at %s m/s and %s m toward %s from %s m; %d bearings × %d runs × %d layouts (seeds %d-%d), in %.1f s\n",
		d.Scenario, d.Class, strconv.FormatFloat(d.SpeedMPS, 'g', -1, 64), strconv.FormatFloat(d.AltitudeM, 'g', -1, 64), d.Zone,
		strconv.FormatFloat(d.StartM, 'g', -1, 64), len(d.BearingsDeg), d.Replications, len(d.Layouts),
		d.FirstSeed, d.Seed(d.Replications-1), elapsed.Seconds())
	fmt.Fprintf(stdout, "Wrote %s/: %s (summary.csv: P(timely), warning and lead by layout and bearing)\n", strings.TrimSuffix(ro.out, "/"), strings.Join(radialsFiles, ", "))
	return exitOK, nil
}

// unitOrder orders the units as the pipeline creates them: design order;
// a test reverses it, so that the rows reach the last step out of design
// order (Prism v2.77.0 gathers them in the order created).
var unitOrder = func(units []radials.Unit) []radials.Unit { return units }

// radialsFiles are the files radials.WriteFiles writes, design.json last.
var radialsFiles = []string{radials.RunsFile, radials.SummaryFile, radials.PlotFile + ".png", radials.PlotFile + ".svg", radials.DesignFile}
