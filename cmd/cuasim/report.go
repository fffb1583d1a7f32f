package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/report"
	"github.com/cuasim/cuasim/scenarios"
)

const reportHelp = `Draws again the plots and the page of a comparison from the files cuasim
compare wrote in DIR (results.csv, drones.csv, summary.json), for instance
after the page's template changed, or from results merged by cuasim merge:

  tradeoff.png, .svg      P(timely) against false alerts per day, per layout
  warning.png, .svg       warning-time distributions at the operating points
  false-alerts.png, .svg  false alerts per day by cause at the operating points
  layouts.png, .svg       the site from above, once per layout
  report.html             one self-contained page: tables, plots, the command

Each file is replaced atomically; the data files are left as they are. The
same results always give the same bytes. The data files are verified first,
as cuasim compare verifies a directory it resumes: a summary.json, results.csv
or drones.csv changed since cuasim wrote it is refused, with the line and what
is wrong.

The layout map and the scenario's description need the scenario the
comparison ran: it is opened by the name or path recorded in summary.json
(relative to where cuasim compare ran) or from --scenario FILE, and refused
unless its content is the one recorded (sha256). --no-scenario draws the page
without them instead, and says so on the page.

Examples:
  cuasim report compare-airport
  cuasim report results/site-b --scenario sites/site-b.yaml
  cuasim report old-run --no-scenario
`

func cmdReport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("report", stderr)
	scenarioFile := fs.String("scenario", "", "the scenario `FILE` (or built-in name) the comparison ran (default: as recorded in summary.json)")
	noScenario := fs.Bool("no-scenario", false, "draw the page without the scenario: no layout map, no description")
	pos, err := cmdopts.Parse(fs, args)
	if err != nil {
		return flagError(err)
	}
	switch len(pos) {
	case 1:
	case 0:
		fmt.Fprintln(stderr, "cuasim report: expected the directory of a comparison (cuasim compare --out DIR)")
		return exitUsage
	default:
		fmt.Fprintf(stderr, "cuasim report: expected one directory, found %d: %s\n", len(pos), strings.Join(pos, " "))
		return exitUsage
	}
	if *noScenario && *scenarioFile != "" {
		fmt.Fprintln(stderr, "cuasim report: --scenario and --no-scenario do not go together")
		return exitUsage
	}
	files, err := runReport(pos[0], *scenarioFile, *noScenario)
	if err != nil {
		fmt.Fprintln(stderr, "cuasim report:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "Wrote %s/: %s\n", pos[0], strings.Join(files, ", "))
	return exitOK
}

// runReport redraws the plots and page of the comparison in dir and
// returns the files written.
func runReport(dir, scenarioFile string, noScenario bool) ([]string, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("%s: %w: cuasim compare --out %s writes them", dir, compare.ErrNoResults, dir)
	}
	lock, err := compare.LockDir(dir) // it writes there
	if err != nil {
		return nil, err
	}
	defer lock.Unlock()
	res, sum, err := compare.Load(dir)
	if errors.Is(err, compare.ErrNoResults) {
		return nil, fmt.Errorf("%w: cuasim compare --out %s writes them", err, dir)
	}
	if err != nil {
		return nil, err
	}
	var sc *scenarios.Scenario
	if !noScenario {
		if sc, err = comparedScenario(sum.Design, scenarioFile); err != nil {
			return nil, err
		}
	}
	d, err := record.UpdateDir(dir)
	if err != nil {
		return nil, err
	}
	defer d.Abort() // a no-op after Commit
	if err := report.Write(d, sc, res, sum); err != nil {
		return nil, err
	}
	if err := d.Commit(); err != nil {
		return nil, err
	}
	files := []string{}
	figs := []string{"tradeoff", "warning", "false-alerts"}
	if sc != nil {
		figs = append(figs, "layouts")
	}
	for _, f := range figs {
		files = append(files, f+".png", f+".svg")
	}
	return append(files, report.PageFile), nil
}

// comparedScenario opens the scenario a design ran, from file when given,
// and checks that its content is the one the design records.
func comparedScenario(d *compare.Design, file string) (*scenarios.Scenario, error) {
	name := d.Scenario
	if file != "" {
		name = file
	}
	hint := "give its file with --scenario FILE, or draw the page without it with --no-scenario"
	sc, err := scenarios.Open(name)
	if err != nil {
		return nil, fmt.Errorf("opening the scenario the comparison ran: %w\n(%s)", err, hint)
	}
	sum := sha256.Sum256(sc.Source())
	if got := hex.EncodeToString(sum[:]); got != d.ScenarioSHA256 {
		return nil, fmt.Errorf("the scenario %s is not the one the comparison ran: its content has sha256 %s, the comparison's %s\n(%s)",
			name, got, d.ScenarioSHA256, hint)
	}
	return sc, nil
}
