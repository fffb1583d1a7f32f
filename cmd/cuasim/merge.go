package main

import (
	"fmt"
	"io"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/record"
)

const mergeHelp = `Joins the output directories of the shards of one cuasim compare run
(--shard 0/N ... --shard N-1/N, run anywhere: a Kubernetes Indexed Job, a
Slurm array) into OUT, which then holds exactly what one unsharded run writes:
the same results.csv, drones.csv, summary.json, plots and report, byte for
byte. Every shard must be complete and of the same design (scenario file,
layouts, thresholds, replications, cuasim version); each replication must be
in exactly one shard. OUT is locked while merge writes it.

Examples:
  cuasim compare airport --shard 0/2 --out part0    (on one machine)
  cuasim compare airport --shard 1/2 --out part1    (on another)
  cuasim merge compare-airport part0 part1
`

func cmdMerge(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("merge", stderr)
	pos, err := parseInterleaved(fs, args)
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
