package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/record"
)

const mergeHelp = `Joins the output directories of the shards of one cuasim compare run
(--shard 0/N ... --shard N-1/N, run anywhere: a Kubernetes Indexed Job, a
Slurm array) into OUT, which then holds exactly what one unsharded run writes:
the same results.csv, drones.csv, curve.csv, summary.json, plots and report, byte for
byte. Every shard must be complete and of the same design (scenario file,
layouts, thresholds, replications, cuasim version); each replication must be
in exactly one shard. Each shard is verified as cuasim compare verifies a
directory it resumes (its manifest, its rows, its summary). OUT is locked
while merge writes it; a directory that holds another comparison (or a
shard, or files cuasim cannot vouch for) is refused unless --force is given.

Examples:
  cuasim compare airport --shard 0/2 --out part0    (on one machine)
  cuasim compare airport --shard 1/2 --out part1    (on another)
  cuasim merge compare-airport part0 part1
`

func cmdMerge(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("merge", stderr)
	force := fs.Bool("force", false, "replace whatever OUT holds")
	pos, err := cmdopts.Parse(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(pos) < 2 {
		fmt.Fprintln(stderr, "cuasim merge: expected OUT and at least one shard directory")
		return exitUsage
	}
	out, dirs := pos[0], pos[1:]
	lock, err := compare.LockDir(out)
	if err != nil {
		fmt.Fprintln(stderr, "cuasim merge:", err)
		return exitFailure
	}
	defer lock.Unlock()
	var shards []*compare.Results
	for _, d := range dirs {
		res, _, err := compare.Load(d)
		if err != nil {
			fmt.Fprintln(stderr, "cuasim merge:", err)
			return exitFailure
		}
		shards = append(shards, res)
	}
	merged, err := compare.Merge(shards)
	if err != nil {
		fmt.Fprintln(stderr, "cuasim merge:", err)
		return exitFailure
	}
	if err := mergeInto(out, merged, *force); err != nil {
		fmt.Fprintln(stderr, "cuasim merge:", err)
		return exitFailure
	}
	sc, err := comparedScenario(merged.Design, "")
	if err != nil {
		fmt.Fprintln(stderr, "cuasim merge:", err)
		return exitFailure
	}
	sum := compare.Summarise(merged)
	if err := compare.WriteFiles(out, merged, sum, func(d *record.Dir) error { return writeCompareExtras(d, sc, merged, sum) }); err != nil {
		fmt.Fprintln(stderr, "cuasim merge:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "Merged %d shards (%d replications) into %s\n", len(shards), len(merged.Replications), out)
	return exitOK
}

// mergeInto refuses to replace what out holds, unless force, when it is
// not the merged comparison itself: another comparison, a shard, or files
// that are not what cuasim wrote, as cuasim compare refuses.
func mergeInto(out string, merged *compare.Results, force bool) error {
	old, oldSum, err := compare.Load(out)
	switch {
	case errors.Is(err, compare.ErrNoResults), force:
		return nil
	case err != nil:
		return fmt.Errorf("%w\n(--force replaces what is in %s)", err, out)
	case oldSum.Signature != merged.Design.Signature() || old.Shard != "" || old.Partial:
		what := "another comparison"
		switch {
		case old.Shard != "":
			what = "shard " + old.Shard + " of " + what
		case old.Partial:
			what = "an unfinished " + what
		}
		if oldSum.Signature == merged.Design.Signature() {
			what = strings.Replace(what, "another", "this", 1)
		}
		return fmt.Errorf("%s holds the results of %s (%s, %d replications, signature %s); merge into another directory, or use --force to replace them",
			out, what, old.Design.Scenario, oldSum.Replications, oldSum.Signature)
	}
	return nil
}
