package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/radials"
	"github.com/cuasim/cuasim/scenarios"
)

const radialsHelp = `Warning by approach bearing, the standard test-and-evaluation view of a
layout: for bearings every --step-deg degrees round a zone, one drone of a
class flies straight in toward the zone's centre at a set speed and altitude,
and the whole pipeline (detection, tracking, classification, the scenario's
alert rule) scores it, --reps times per bearing. Per layout and bearing:
  P(timely)  the fraction of runs alerted on at least --required-s before
             the drone entered a protected zone (any of the scenario's zones,
             as cuasim compare scores it), with its Wilson interval
  warning    median of entry − first alert (never alerted: −∞), with its
             order-statistic interval
  lead       median of entry − the first confirmed track at the rule's
             P(drone): the warning the sensors make possible, whatever the
             alert rule's horizon
the weakest bearings, the arcs where fewer than half the runs are timely, and
each layout's paired difference in P(timely) from the first, bearing by
bearing.

Each run keeps the scenario's birds and every sensor's false alarms; its drone
traffic is replaced by the one radial drone, which appears at time 0,
--start-m from the zone's centre. Run i of every bearing and layout uses seed
FIRST+i, and the layouts of one bearing and run share one world (common random
numbers): the same drone, birds and shared sensors' detections. A run ends 30 s
after the drone enters a zone. Results are the same for any --workers.

Defaults come from the scenario's first inbound traffic toward a zone: its
zone, class, and the middle of its speed and altitude bands (without one: the
first fixed zone, the first uav_types class at its cruise speed, 60 m). The
start is beyond every compared sensor's reach: the farthest of a radar's
instrumented range or an RF detector's median range for the class's strongest
link with 3 σ of shadowing, from the zone's centre, and 500 m beyond every
zone, rounded up to 500 m.
--set changes any field first: --set alerting.p_drone=0.98 scores the
threshold cuasim compare chose as its operating point. See docs/radials.md.

Output (DIR, default radials-SCENARIO), written atomically:
  radials.csv             one row per layout, bearing and run
  summary.csv             one row per layout and bearing, with the intervals
  radials.png, .svg       polar plot: P(timely) and median lead by bearing
  design.json             every setting, defaults resolved
Ctrl-C stops the run and writes nothing.

Examples:
  cuasim radials
  cuasim radials airport --set alerting.p_drone=0.98
  cuasim radials airport --layout base,rf-ring --step-deg 15 --reps 40
  cuasim radials base --class quad-small --speed-mps 15 --altitude-m 30
`

func cmdRadials(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("radials", stderr)
	o := cmdopts.NewRadials()
	o.Flags(fs, nil)
	pos, err := cmdopts.Parse(fs, args)
	if err != nil {
		return flagError(err)
	}
	if err := o.Check(); err != nil {
		fmt.Fprintln(stderr, "cuasim radials:", err)
		return exitUsage
	}
	if o.Workers < 0 {
		fmt.Fprintf(stderr, "cuasim radials: --workers: expected a whole number >= 0, found %d\n", o.Workers)
		return exitUsage
	}
	if o.Scenario, err = cmdopts.ScenarioArg(pos); err != nil {
		fmt.Fprintln(stderr, "cuasim radials:", err)
		return exitUsage
	}
	if o.Out == "" {
		o.Out = cmdopts.DefaultOut("radials", o.Scenario)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := runRadials(ctx, o.Scenario, o.Sets, o.Options(cuasimVersion()), o.Workers, o.Out, o.Quiet, stdout, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "cuasim radials:", err)
	}
	return code
}

// runRadials runs the radials, prints the tables and writes the files.
func runRadials(ctx context.Context, name string, sets []scenarios.Override, o radials.Options, workers int, out string, quiet bool, stdout, stderr io.Writer) (int, error) {
	sc, err := openScenario(name, "", sets, nil, 0)
	if err != nil {
		return exitFailure, err
	}
	printWarnings(stderr, sc.Warnings())
	d, err := radials.NewDesign(name, sc, o)
	if err != nil {
		return exitUsage, err
	}
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		return exitUsage, fmt.Errorf("--out: %s is a file, not a directory; give a directory to write the results to", out)
	}
	rn := &radials.Runner{Design: d, Scenario: sc, Workers: workers}
	bar := newCountProgress(stderr, quiet)
	rn.Progress = bar.count
	start := time.Now()
	res, err := rn.Run(ctx)
	if err != nil {
		bar.abandon()
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			fmt.Fprintln(stderr, "cuasim radials: interrupted; nothing written")
			return exitInterrupted, nil
		}
		return exitFailure, err
	}
	bar.finish()
	elapsed := time.Since(start)
	s := radials.Summarise(res)
	fmt.Fprintf(stdout, "cuasim radials %s: %s at %s m/s and %s m toward %s from %s m; %d bearings × %s × %s (seeds %d-%d), in %.1f s; %.0f %% intervals\n",
		d.Scenario, d.Class, strconv.FormatFloat(d.SpeedMPS, 'g', -1, 64), strconv.FormatFloat(d.AltitudeM, 'g', -1, 64), d.Zone,
		strconv.FormatFloat(d.StartM, 'g', -1, 64), len(d.BearingsDeg), count(d.Replications, "run"), count(len(d.Layouts), "layout"),
		d.FirstSeed, d.Seed(d.Replications-1), elapsed.Seconds(), 100*d.Confidence)
	fmt.Fprintf(stdout, "Timely: alerted on at least %s s before entering a protected zone, by the scenario's alert rule (p_drone %s).\n\n",
		strconv.FormatFloat(d.RequiredWarningS, 'g', -1, 64), strconv.FormatFloat(d.PDrone, 'g', -1, 64))
	if err := s.WriteText(stdout); err != nil {
		return exitFailure, err
	}
	files, err := radials.WriteFiles(out, res, s)
	if err != nil {
		return exitFailure, err
	}
	fmt.Fprintf(stdout, "\nWrote %s/: %s\n", out, strings.Join(files, ", "))
	return exitOK, nil
}
