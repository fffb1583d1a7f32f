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

	"github.com/cuasim/cuasim/internal/cmdopts"
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

// radialsOptions are cuasim radials' settings, which cuasim-beam radials
// takes alike (TestSameRadialsOptions).
type radialsOptions struct {
	cmdopts.Radials
	// version is what the design records; "" for this build's.
	version string
}

// radialsHelpOnBeam is the help of cuasim radials' options whose meaning
// differs on Beam.
var radialsHelpOnBeam = cmdopts.Usage{
	"workers": "ignored: the Beam runner decides how many runs go at once; results do not depend on it",
	"quiet":   "print nothing but the result and errors",
}

// radialsFlags returns the flag set of cuasim radials' options, and
// Beam's.
func radialsFlags(ro *radialsOptions, stderr io.Writer) *flag.FlagSet {
	return beamFlags("radials", radialsUsage, "cuasim radials'", stderr, func(fs *flag.FlagSet) { ro.Flags(fs, radialsHelpOnBeam) })
}

// parseRadials parses cuasim-beam radials' arguments. ok is false when the
// command is done (help asked, or a usage error: code says which).
func parseRadials(args []string, stderr io.Writer) (ro radialsOptions, code int, ok bool) {
	ro = radialsOptions{Radials: cmdopts.NewRadials()}
	fs := radialsFlags(&ro, stderr)
	pos, err := cmdopts.Parse(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ro, exitOK, false
		}
		return ro, exitUsage, false
	}
	if err := ro.Check(); err != nil {
		fmt.Fprintln(stderr, "cuasim-beam radials:", err)
		return ro, exitUsage, false
	}
	if ro.Scenario, err = cmdopts.ScenarioArg(pos); err != nil {
		fmt.Fprintln(stderr, "cuasim-beam radials:", err)
		return ro, exitUsage, false
	}
	if ro.Out == "" {
		ro.Out = cmdopts.DefaultOut("radials", ro.Scenario)
	}
	return ro, exitOK, true
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
	sets := make([]string, len(ro.Sets))
	for i, ov := range ro.Sets {
		sets[i] = ov.String()
	}
	sc, err := radialsScenario(ro.Scenario, sets)
	if err != nil {
		return exitFailure, err
	}
	for _, w := range sc.Warnings() {
		fmt.Fprintln(stderr, w) // as cuasim prints them
	}
	if ro.version == "" {
		ro.version = buildVersion()
	}
	d, err := radials.NewDesign(ro.Scenario, sc, ro.Options(ro.version))
	if err != nil {
		return exitUsage, err
	}
	rn := &radials.Runner{Design: d, Scenario: sc}
	units := unitOrder(rn.Units())
	if remote(ro.Out) {
		fsys, err := filesystem.New(ctx, ro.Out)
		if err != nil {
			return exitUsage, fmt.Errorf("--out %s: %w", ro.Out, err)
		}
		fsys.Close()
	} else if fi, err := os.Stat(ro.Out); err == nil && !fi.IsDir() {
		return exitUsage, fmt.Errorf("--out: %s is a file, not a directory; give a directory to write the results to", ro.Out)
	}
	j, err := newRadialsJob(d, sc, sets, ro.Out)
	if err != nil {
		return exitFailure, err
	}
	p, err := buildRadialsPipeline(j, units)
	if err != nil {
		return exitFailure, err
	}
	start := time.Now()
	if !ro.Quiet {
		fmt.Fprintf(stderr, "running %d units (bearing × run, every layout in lockstep) on Beam's %s runner\n", len(units), runnerName())
	}
	if err := runBeam(ctx, p); err != nil {
		return exitFailure, fmt.Errorf("the Beam job failed, nothing written to %s: %w", ro.Out, err)
	}
	elapsed := time.Since(start)
	if !remote(ro.Out) {
		// What the job wrote is this design.
		b, err := os.ReadFile(filepath.Join(ro.Out, radials.DesignFile))
		if err != nil {
			return exitFailure, fmt.Errorf("reading back what the job wrote: %w", err)
		}
		if string(b) != string(j.DesignFile) {
			return exitFailure, fmt.Errorf("%s does not hold this design after the job", filepath.Join(ro.Out, radials.DesignFile))
		}
	}
	fmt.Fprintf(stdout, "cuasim-beam radials %s: %s at %s m/s and %s m toward %s from %s m; %d bearings × %d runs × %d layouts (seeds %d-%d), in %.1f s\n",
		d.Scenario, d.Class, strconv.FormatFloat(d.SpeedMPS, 'g', -1, 64), strconv.FormatFloat(d.AltitudeM, 'g', -1, 64), d.Zone,
		strconv.FormatFloat(d.StartM, 'g', -1, 64), len(d.BearingsDeg), d.Replications, len(d.Layouts),
		d.FirstSeed, d.Seed(d.Replications-1), elapsed.Seconds())
	fmt.Fprintf(stdout, "Wrote %s/: %s (summary.csv: P(timely), warning and lead by layout and bearing)\n", strings.TrimSuffix(ro.Out, "/"), strings.Join(radialsFiles, ", "))
	return exitOK, nil
}

// unitOrder orders the units as the pipeline creates them: design order;
// a test reverses it, so that the rows reach the last step out of design
// order (Prism v2.77.0 gathers them in the order created).
var unitOrder = func(units []radials.Unit) []radials.Unit { return units }

// radialsFiles are the files radials.WriteFiles writes, design.json last.
var radialsFiles = []string{radials.RunsFile, radials.SummaryFile, radials.PlotFile + ".png", radials.PlotFile + ".svg", radials.DesignFile}
