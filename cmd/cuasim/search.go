package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/search"
)

const searchHelp = `Proposes where to put sensors, and confirms the proposal by Monte Carlo.

The scenario's search section says where sensors may stand (candidates: points,
or areas sampled at a spacing) and which listed sensors to place (place: each
a listed sensor's id, how many, and with a budget their cost); sensors it does
not name stay where they are listed. See docs/placement.md.

1. Surrogate. The traffic is sampled (--samples runs of the world, no sensors,
   on seeds of the search's own) and, for each drone that enters a zone, the
   points it flies through in the --window before the required warning. Every
   placed sensor is put on every candidate (and boresight) and its chance of
   detecting the drone, and of drone evidence (micro-Doppler label, RF
   emission), at those points computed once from the sensors' models. A
   layout's score is the mean over the drones of P(located in enough seconds
   to confirm a track) × P(some drone evidence): it ranks layouts, it is not
   a probability of a timely alert.
2. Search. Greedy placement then swap moves (each placed sensor moved to the
   candidate that raises the score most, until none does), from nothing and
   from the listed layout. The best --keep layouts other than the listed one
   are written into DIR/search.yaml as layouts search-1, search-2, ...
3. Confirmation. cuasim compare runs on DIR/search.yaml with base, the
   scenario's own layouts and the found ones, into DIR/compare: the same
   figures, ranks and paired differences that cuasim compare DIR/search.yaml
   gives with the same arguments. It prints the operating points (every table
   is in DIR/compare/report.html); the verdict says whether a found layout is
   significantly better than base at the operating points.

--objective worst-sector scores a layout by the approach sector (of eight, as
compare's breakdown) where the surrogate is lowest, and judges the found
layouts by their weakest approach's P(timely) against base's.

Output (DIR, default search-SCENARIO):
  search.yaml    the scenario with the layouts found, ready for cuasim compare
  search.csv     every step of the search: start, round, move, score, layout
  search.json    candidates, placed sensors, samples, the listed and found
                 layouts with their scores
  compare/       the confirming comparison (see cuasim help compare)
Ctrl-C stops it; the same command resumes the comparison where it stopped
(the search itself is recomputed, identically, in seconds).

--set changes the search section for this run (the scenario the layouts are
written into and confirmed on keeps its own, which nothing simulated reads).

Examples:
  cuasim search airport
  cuasim search airport --replications 100 --keep 2 --out search-airport
  cuasim search airport --set 'search.place[0].count=2'   (a second main radar)
`

// searchOptions are cuasim search's own settings; the confirmation takes
// compare's.
type searchOptions struct {
	objective string
	samples   int
	keep      int
	window    float64
	pDrone    float64
	sets      []scenarios.Override // of the search section only
}

func cmdSearch(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("search", stderr)
	o := compareOptions{Compare: cmdopts.NewCompare()}
	so := searchOptions{samples: search.DefaultSamples, keep: search.DefaultKeep, window: search.DefaultWindowS, pDrone: search.DefaultPDrone}
	fs.IntVar(&so.samples, "samples", so.samples, "traffic samples `N` the surrogate scores layouts on")
	fs.StringVar(&so.objective, "objective", search.ObjectiveMean, "what the search maximises, `O`: mean (the surrogate over every sampled drone) or worst-sector (over the drones of the approach sector where it is lowest)")
	fs.IntVar(&so.keep, "keep", so.keep, "layouts `K` found to confirm by Monte Carlo")
	fs.Func("window", "time `T` before the required warning in which the sensors must hold a drone: seconds or 60s, 2m (default 60s)", func(s string) error {
		d, err := cmdopts.ParseDuration(s)
		so.window = d
		return err
	})
	fs.Float64Var(&so.pDrone, "p-drone", so.pDrone, "P(drone) `P` the surrogate asks a track's evidence to reach, before the tracker's calibration (docs/placement.md)")
	fs.Func("set", "set a field of the scenario's search section, `PATH=VALUE` (repeatable), e.g. search.place[0].count=2", func(s string) error {
		ov, err := scenarios.ParseOverride(s)
		if err == nil && ov.Section() != "search" {
			return fmt.Errorf("expected a field of the search section (search.place[0].count=2), found %q: a search confirms its layouts on the scenario as written", ov.Path)
		}
		so.sets = append(so.sets, ov)
		return err
	})
	// The confirmation's options: cuasim compare's, some of them, told as
	// the search's.
	o.Flags(fs, cmdopts.Usage{
		"replications": "replications per layout `N` of the confirmation",
		"duration":     "simulated `D`uration of each replication and sample: seconds or 90s, 10m, 1h (default: the scenario's)",
		"seed":         "seed `N`: the confirmation's first replication, and the source of the samples' seeds (default: the scenario's run.seed)",
		"thresholds":   "P(drone) thresholds `LIST` of the confirmation, e.g. 0.6,0.8,0.9",
		"workers":      "work run at once, `N` (default: one per CPU); results do not depend on it",
		"out":          "write the search and its confirmation to `DIR` (default: search-SCENARIO)",
		"force":        "confirm anew, replacing the comparison DIR/compare holds",
	}, "replications", "duration", "seed", "thresholds", "required-warning", "false-alert-budget", "workers", "out", "force", "quiet")
	pos, err := cmdopts.Parse(fs, args)
	if err != nil {
		return flagError(err)
	}
	if o.Scenario, err = cmdopts.ScenarioArg(pos); err != nil {
		fmt.Fprintln(stderr, "cuasim search:", err)
		return exitUsage
	}
	switch {
	case so.samples < 1 || so.samples > 1000:
		fmt.Fprintf(stderr, "cuasim search: --samples: expected 1 to 1000 traffic samples, found %d\n", so.samples)
		return exitUsage
	case so.keep < 1 || so.keep > 20:
		fmt.Fprintf(stderr, "cuasim search: --keep: expected 1 to 20 layouts to confirm, found %d\n", so.keep)
		return exitUsage
	case so.objective != search.ObjectiveMean && so.objective != search.ObjectiveWorstSector:
		fmt.Fprintf(stderr, "cuasim search: --objective: expected %s or %s, found %q\n", search.ObjectiveMean, search.ObjectiveWorstSector, so.objective)
		return exitUsage
	case !(so.pDrone > 0 && so.pDrone < 1):
		fmt.Fprintf(stderr, "cuasim search: --p-drone: expected a probability between 0 and 1, found %g\n", so.pDrone)
		return exitUsage
	case !(so.window > 0):
		fmt.Fprintf(stderr, "cuasim search: --window: expected a time > 0, found %g s\n", so.window)
		return exitUsage
	}
	if o.Out == "" {
		o.Out = cmdopts.DefaultOut("search", o.Scenario)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := runSearch(ctx, o, so, stdout, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "cuasim search:", err)
	}
	return code
}

func runSearch(ctx context.Context, o compareOptions, so searchOptions, stdout, stderr io.Writer) (int, error) {
	sc, err := scenarios.Open(o.Scenario)
	if err != nil {
		return exitFailure, err
	}
	if sc.Search == nil {
		return exitUsage, fmt.Errorf("%s has no search section: it must say where sensors may stand and which to place (see docs/placement.md)", o.Scenario)
	}
	// --set changes the search section alone, which the simulation never
	// reads: the scenario the layouts are confirmed on is the file's.
	if sc, err = sc.With(so.sets...); err != nil {
		return exitUsage, fmt.Errorf("--set: %w", err)
	}
	if fi, err := os.Stat(o.Out); err == nil && !fi.IsDir() {
		return exitUsage, fmt.Errorf("--out: %s is a file, not a directory; give a directory to write the search to", o.Out)
	}
	lock, err := compare.LockDir(o.Out)
	if err != nil {
		return exitFailure, err
	}
	defer lock.Unlock()

	seed := sc.Run.Seed
	if o.SeedSet {
		seed = o.Seed
	}
	bar := newCountProgress(stderr, o.Quiet)
	bar.what = "surrogate"
	res, err := search.Run(ctx, sc, search.Options{Seed: seed, Samples: so.samples, DurationS: o.DurationS, RequiredWarningS: o.RequiredWarningS,
		WindowS: so.window, PDrone: so.pDrone, Objective: so.objective, Keep: so.keep, Workers: o.Workers, Progress: bar.count})
	if err != nil {
		bar.abandon()
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "cuasim search: interrupted during the search; nothing written")
			return exitInterrupted, nil
		}
		return exitFailure, err
	}
	bar.finish()
	// The scenario as it reads from DIR (paths relative to it, such as the
	// terrain's tiles, rewritten), with the layouts found.
	file := filepath.Join(o.Out, "search.yaml")
	moved, err := sc.Relocated(file)
	if err != nil {
		return exitFailure, err
	}
	there, err := scenarios.Parse(file, moved)
	if err != nil {
		return exitFailure, err
	}
	src, names, err := res.Scenario(there)
	if err != nil {
		return exitFailure, err
	}
	dir, err := record.NewDir(o.Out)
	if err != nil {
		return exitFailure, err
	}
	if err := writeSearchFiles(dir, res, src); err != nil {
		dir.Abort()
		return exitFailure, err
	}
	if err := dir.Commit(); err != nil {
		return exitFailure, err
	}
	res.WriteText(stdout, names)
	fmt.Fprintf(stdout, "\nWrote %s/: search.yaml (the scenario with %s), search.csv, search.json\n", o.Out, strings.Join(names, ", "))
	fmt.Fprintf(stdout, "\nConfirming by Monte Carlo (cuasim compare %s --layouts %s):\n\n",
		filepath.Join(o.Out, "search.yaml"), strings.Join(confirmLayouts(sc, names), ","))

	co := o
	co.Scenario = filepath.Join(o.Out, "search.yaml")
	co.Layouts = strings.Join(confirmLayouts(sc, names), ",")
	co.Out = filepath.Join(o.Out, "compare")
	co.brief = true
	sum, code, err := compareSummary(ctx, co, stdout, stderr)
	if err != nil || sum == nil {
		if code == exitInterrupted {
			fmt.Fprintln(stderr, "cuasim search: run the same command again to resume the confirmation")
		}
		return code, err
	}
	fmt.Fprintf(stdout, "(Every table and figure of the comparison: %s.)\n\n", filepath.Join(co.Out, "report.html"))
	search.Verdict(stdout, sum, names, res.Objective)
	return exitOK, nil
}

// confirmLayouts are the layouts the confirmation compares: base, the
// scenario's own, and those found.
func confirmLayouts(sc *scenarios.Scenario, found []string) []string {
	return append(sc.LayoutNames(), found...)
}

func writeSearchFiles(dir *record.Dir, res *search.Result, src []byte) error {
	f, err := dir.Create("search.yaml")
	if err != nil {
		return err
	}
	if _, err := f.Write(src); err != nil {
		return err
	}
	f, err = dir.Create("search.csv")
	if err != nil {
		return err
	}
	if err := res.WriteCSV(f); err != nil {
		return err
	}
	f, err = dir.Create("search.json")
	if err != nil {
		return err
	}
	return res.WriteJSON(f)
}
