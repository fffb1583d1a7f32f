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

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/report"
	"github.com/cuasim/cuasim/scenarios"
)

// compareHelp is cuasim help compare; the default thresholds it names are
// compare.DefaultThresholds', so that the help cannot fall behind them.
var compareHelp = strings.Replace(compareHelpText, "DEFAULT_THRESHOLDS", listAnd(compare.DefaultThresholds.Values), 1)

// listAnd joins values as prose: "a, b and c".
func listAnd(values []string) string {
	if len(values) < 2 {
		return strings.Join(values, "")
	}
	return strings.Join(values[:len(values)-1], ", ") + " and " + values[len(values)-1]
}

const compareHelpText = `Compares sensor layouts and alert thresholds by Monte Carlo: the planner's
question "which layout, and which alert rule, gives the operators enough
warning with a bearable number of false alerts?", answered with confidence
intervals.

Every replication runs every layout on one simulated world (common random
numbers: replication i uses seed FIRST+i, and all its layouts see the same
traffic; a sensor the layouts share is simulated once), and the alert rules at
every threshold are evaluated on each layout's tracks, without simulating
again. For each layout × threshold it reports:
  P(timely)         the fraction of drones that entered a protected zone and
                    were alerted on at least --required-warning before
                    (Korn–Graubard: Wilson on the effective sample size, the
                    replication the independent unit)
  warning           median and 10th percentile of the warning time, entry −
                    first alert, a drone never alerted on counting as −∞
                    (order statistics)
  lead              entry − the first time a confirmed track with P(drone) at
                    the threshold held the drone: the warning the sensors make
                    possible, whatever the alert rule's horizon (median)
  watchers          drones that observe a zone from within 1 km, never
                    entering: the fraction alerted on within --required-warning
                    of starting to observe
  groups            when the traffic has groups of drones (a swarm): the
                    fraction of group arrivals that entered a zone whose
                    first alert, on any member, came at least
                    --required-warning before its first member entered (one
                    trial per arrival, Wilson), and its median warning
  false alerts/day  incidents (one track's spell of alerts) about no drone,
                    per simulated day, by cause: bird, clutter, RF ghost,
                    duplicate track (ratio estimator over replications, and
                    exact Poisson when few); a track alerting among a
                    group's tracks (within 300 m) is part of its alert, none
Budget: within, undecided or over, as the false alerts' interval lies under,
across or above --false-alert-budget. Each layout's operating point is the
threshold with the highest P(timely) within the budget by its estimate of false
alerts (its interval's verdict says how sure). Layouts are
compared pairwise, replication by replication (a difference is significant when
its interval excludes zero), and ranked 1 + the layouts significantly better:
layouts the data cannot separate share a rank. Per traffic entry and approach
sector, the operating points' P(timely) says which threat and direction fail.

SCENARIO is a built-in scenario or a file (default: airport); its layouts
section names the layouts (base is the listed sensors). --sweep varies any
numeric field: alerting fields are thresholds (cheap); others (a radar's pfa,
tracker settings) are simulated for each value. Without an alerting sweep,
alerting.p_drone is swept over DEFAULT_THRESHOLDS.

Output (DIR, default compare-SCENARIO), written atomically:
  results.csv    one row per replication × layout × variant × threshold
  drones.csv     one row per drone of each of those
  curve.csv      each replication's whole P(drone) threshold curve per layout
  *.png, *.svg   trade-off curves, warning-time distributions, false alerts by
                 cause, the layouts from above
  report.html    everything in one page to send to a colleague (cuasim report
                 DIR draws the plots and the page again)
  summary.json   the design and every aggregate
  manifest.json  the size and sha256 of the four data files, last: its
                 rename commits the comparison
Ctrl-C keeps the complete replications, marked partial; the same command
resumes from them, and once complete shows them again (--force runs anew).
A failed write (a full disk) keeps what the directory held. DIR is locked
while cuasim works in it: a second cuasim is refused, naming the first.
Files that are not what cuasim wrote (edited, damaged) are refused, with the
line and what is wrong.
Only the same build of cuasim resumes or merges a comparison. --shard i/n runs every n-th replication from the i-th
(0-based), for a batch system; cuasim merge joins the shards into exactly what
one run writes. Results are the same for any --workers.

Examples:
  cuasim compare
  cuasim compare airport --replications 50 --required-warning 90s --false-alert-budget 5/day
  cuasim compare airport --layouts base,rf-ring --thresholds 0.6,0.8,0.9
  cuasim compare airport --sweep 'sensors[radar-main].pfa=1e-7,1e-6,1e-5'
  cuasim compare airport --shard 0/4 --out part0   (then cuasim merge all part0 part1 part2 part3)
`

// compareOptions are cuasim compare's settings.
type compareOptions struct {
	cmdopts.Compare
	brief bool // print the operating points only (cuasim search's confirmation)
}

func cmdCompare(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("compare", stderr)
	o := compareOptions{Compare: cmdopts.NewCompare()}
	o.Flags(fs, nil)
	pos, err := cmdopts.Parse(fs, args)
	if err != nil {
		return flagError(err)
	}
	if o.Scenario, err = cmdopts.ScenarioArg(pos); err != nil {
		fmt.Fprintln(stderr, "cuasim compare:", err)
		return exitUsage
	}
	if o.Out == "" {
		o.Out = cmdopts.DefaultOut("compare", o.Scenario)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := runCompare(ctx, o, stdout, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "cuasim compare:", err)
	}
	return code
}

func runCompare(ctx context.Context, o compareOptions, stdout, stderr io.Writer) (int, error) {
	_, code, err := compareSummary(ctx, o, stdout, stderr)
	return code, err
}

// compareSummary is runCompare returning the comparison's summary too (nil
// unless it completed).
func compareSummary(ctx context.Context, o compareOptions, stdout, stderr io.Writer) (*compare.Summary, int, error) {
	sc, err := scenarios.Open(o.Scenario)
	if err != nil {
		return nil, exitFailure, err
	}
	opts, err := o.Options(compareVersion())
	if err != nil {
		return nil, exitUsage, err
	}
	design, err := compare.NewDesign(o.Scenario, sc, opts)
	if err != nil {
		return nil, exitUsage, err
	}
	if o.Shards > 1 && design.Precision > 0 {
		return nil, exitUsage, errors.New("--shard and --precision do not go together: a precision run decides its own replications")
	}

	if fi, err := os.Stat(o.Out); err == nil && !fi.IsDir() {
		return nil, exitUsage, fmt.Errorf("--out: %s is a file, not a directory; give a directory to write the comparison to", o.Out)
	}
	// The directory is this process's until it ends: another cuasim that
	// wants it is refused, naming this one. Taking the lock also finds
	// out, before any simulation, that the directory cannot be written.
	lock, err := compare.LockDir(o.Out)
	if err != nil {
		return nil, exitFailure, err
	}
	defer lock.Unlock()

	// Resume what an interrupted run of the same design left.
	runner := &compare.Runner{Design: design, Scenario: sc, Workers: o.Workers, Shard: o.Shard, Shards: o.Shards}
	prior, err := runner.Prior(o.Out, o.Force)
	if err != nil {
		return nil, exitFailure, err
	}
	switch {
	case prior == nil:
	case prior.Partial:
		fmt.Fprintf(stderr, "resuming: %d replications already complete in %s\n", len(prior.Replications), o.Out)
	default:
		fmt.Fprintf(stderr, "%s already holds this comparison, by this build of cuasim: showing it again (--force runs it anew)\n", o.Out)
	}

	bar := newCountProgress(stderr, o.Quiet)
	runner.Progress = bar.count
	start := time.Now()
	res, runErr := runner.Run(ctx, prior)
	if runErr != nil && ctx.Err() == nil {
		bar.abandon()
		return nil, exitFailure, runErr
	}
	if runErr != nil {
		bar.abandon()
	} else {
		bar.finish()
	}
	elapsed := time.Since(start)
	sum := compare.Summarise(res)
	if err := compare.WriteFiles(o.Out, res, sum, func(d *record.Dir) error { return writeCompareExtras(d, sc, res, sum) }); err != nil {
		return nil, exitFailure, err
	}
	if runErr != nil {
		fmt.Fprintf(stderr, "cuasim compare: interrupted; %d replications complete, written to %s marked partial; run the same command again to resume\n",
			len(res.Replications), o.Out)
		return nil, exitInterrupted, nil
	}
	printCompare(stdout, sum, elapsed, o.brief)
	fmt.Fprintf(stdout, "\nWrote %s/: results.csv, drones.csv, curve.csv, summary.json, plots and report.html\n", o.Out)
	return sum, exitOK, nil
}

// compareVersion is the version a comparison's design records
// (buildVersion); a variable so that tests can play another build.
var compareVersion = buildVersion

// writeCompareExtras writes the plots and the page of a comparison (package
// report); a variable so that tests can leave them out.
var writeCompareExtras = report.Write

// printCompare writes the comparison's tables; brief, the operating points
// and the weakest threat and sector only.
func printCompare(out io.Writer, s *compare.Summary, elapsed time.Duration, brief bool) {
	d := s.Design
	fmt.Fprintf(out, "cuasim compare %s: %s × %s", d.Scenario, count(len(d.Layouts), "layout"), count(len(d.Thresholds), "threshold"))
	if len(d.Variants) > 1 {
		fmt.Fprintf(out, " × %s", count(len(d.Variants), "variant"))
	}
	fmt.Fprintf(out, ", %s of %s (seeds %d-%d), in %.1f s; %.0f %% intervals\n",
		count(s.Replications, "replication"), fmtDuration(d.DurationS), d.FirstSeed, d.FirstSeed+uint64(max(s.Replications, 1))-1, elapsed.Seconds(), 100*d.Confidence)
	if s.Shard != "" {
		fmt.Fprintf(out, "Shard %s only: cuasim merge joins the shards.\n", s.Shard)
	}
	fmt.Fprintf(out, "Timely: alerted on at least %.0f s before entering a protected zone. Budget: %s false alerts per day.\n",
		d.RequiredWarningS, strconv.FormatFloat(d.BudgetPerDay, 'g', 4, 64))
	if d.Precision > 0 && !s.Partial {
		if s.Converged() {
			fmt.Fprintf(out, "Precision: P(timely) at every operating point known to ± %g after %d replications.\n", d.Precision, s.Replications)
		} else {
			fmt.Fprintf(out, "Precision ± %g NOT reached: stopped at the cap of %d replications (--max-replications).\n", d.Precision, s.Replications)
		}
	}
	for _, v := range d.Variants {
		if v.Label != "" {
			fmt.Fprintf(out, "\n== %s\n", v.Label)
		}
		fmt.Fprintln(out, "\nOperating points: each layout at the threshold with the most timely alerts within the budget by the estimate;")
		fmt.Fprintln(out, "rank 1 + the layouts significantly better (tied ranks: no significant difference)")
		report.OperatingTable(s, v.Label).WriteText(out)
		if brief {
			if w := report.Weakness(s, v.Label); w != "" {
				fmt.Fprintln(out, w)
			}
			continue
		}
		if t := report.ExactTable(s, v.Label); len(t.Rows) > 0 {
			fmt.Fprintln(out, "\nExact operating points, on the whole P(drone) curve (every threshold where an alert appears or vanishes):")
			t.WriteText(out)
		}
		fmt.Fprintln(out, "\nPer threat (traffic entry) and approach sector at the operating points:")
		report.BreakdownTable(s, v.Label).WriteText(out)
		if w := report.Weakness(s, v.Label); w != "" {
			fmt.Fprintln(out, w)
		}
		fmt.Fprintln(out, "\nPaired differences at the operating points (replication by replication, same traffic):")
		diffs := report.DifferencesTable(s, v.Label)
		diffs.WriteText(out)
		if diffs.Starred() {
			fmt.Fprintf(out, "* significant: the %.0f %% interval excludes zero.\n", 100*d.Confidence)
		}
		fmt.Fprintln(out, "\nEvery layout and threshold:")

		report.CellsTable(s, v.Label).WriteText(out)
	}
	if t := report.VariantsTable(s); len(t.Rows) > 0 {
		fmt.Fprintln(out, "\nPaired differences between variants, each layout at its operating points (same traffic):")
		t.WriteText(out)
		if t.Starred() {
			fmt.Fprintf(out, "* significant: the %.0f %% interval excludes zero.\n", 100*d.Confidence)
		}
	}
}

// count formats n things: 1 layout, 3 layouts.
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
