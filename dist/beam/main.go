// Command cuasim-beam runs `cuasim compare` on Apache Beam: the same
// arguments, the same files, byte for byte, with the replications run by a
// Beam runner: Prism, in this process, by default; Flink, Spark or Google
// Cloud Dataflow on a cluster (see the README's "Beyond one machine").
//
//	cuasim-beam compare [SCENARIO] [cuasim compare's options] [Beam's options]
//
// It is a module of its own (dist/beam) so that Beam's dependencies never
// enter cuasim's go.mod nor the cuasim binary.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners"

	// The runners --runner selects: prism (in this process, the default),
	// and a job server's (flink, spark, universal). Dataflow's, which
	// brings Google Cloud's libraries, only in a build with -tags dataflow
	// (dataflow.go).
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/core/runtime/exec/optimized"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/flink"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/spark"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/universal"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/report"
	"github.com/cuasim/cuasim/scenarios"
)

const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

const usage = `Usage: cuasim-beam compare [SCENARIO] [options]
       cuasim-beam radials [SCENARIO] [options]

Runs cuasim compare on Apache Beam: the same arguments and the same files
(results.csv, drones.csv, curve.csv, summary.json, manifest.json, the plots
and report.html), byte for byte, whatever the runner's parallelism. Each
replication of each variant (every layout in lockstep) is one element; the
rows are gathered and summarised by cuasim's own code.

The runner is Prism, in this process, by default; --runner flink, spark or
universal with --endpoint HOST:PORT submits to a Beam job server (see the
README, "Beyond one machine"). On a cluster, --out must be a directory that
the worker writing the results and this command can both reach, or the URL
of a directory on one of Beam's file systems (gs://BUCKET/DIR).

Not supported here: --precision (it decides its replications as they
converge: use cuasim compare). A failed or cancelled job writes nothing,
so there is nothing to resume: the same command runs it again. The design
records this build's version, so cuasim compare does not resume
cuasim-beam's results, nor cuasim-beam cuasim compare's; cuasim merge joins
the shards of one cuasim-beam build, and cuasim report draws its results.

cuasim-beam radials runs cuasim radials alike: its arguments, its files
(cuasim-beam radials -h).

Run "cuasim help compare" for what the comparison computes.
`

func main() {
	// A Beam worker runs this binary with --worker and the harness's flags:
	// beam.Init serves it and exits.
	for _, a := range os.Args[1:] {
		if a == "--worker" || a == "-worker" || strings.HasPrefix(a, "--worker=") || strings.HasPrefix(a, "-worker=") {
			flag.Parse()
			beam.Init()
			return
		}
	}
	beam.Init()
	os.Exit(cli(os.Args[1:], os.Stdout, os.Stderr))
}

// cli runs cuasim-beam with its arguments and returns the exit code.
func cli(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "compare" && args[0] != "radials") {
		fmt.Fprint(stderr, usage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return exitOK
		}
		return exitUsage
	}
	var run func(ctx context.Context) (int, error)
	switch args[0] {
	case "compare":
		o, code, ok := parseCompare(args[1:], stderr)
		if !ok {
			return code
		}
		run = func(ctx context.Context) (int, error) { return runCompare(ctx, o, stdout, stderr) }
	case "radials":
		o, code, ok := parseRadials(args[1:], stderr)
		if !ok {
			return code
		}
		run = func(ctx context.Context) (int, error) { return runRadials(ctx, o, stdout, stderr) }
	}
	// Prism and Beam's harness log every job's steps at INFO: only
	// warnings and errors here, as cuasim prints.
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := run(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "cuasim-beam %s: %v\n", args[0], err)
	}
	return code
}

// compareOptions are cuasim compare's settings, which cuasim-beam compare
// takes alike (TestSameOptions).
type compareOptions struct {
	cmdopts.Compare
	// version is what the design records; "" for this build's.
	version string
}

// compareHelpOnBeam is the help of cuasim compare's options whose meaning
// differs on Beam.
var compareHelpOnBeam = cmdopts.Usage{
	"precision": "not supported by cuasim-beam (use cuasim compare)",
	"workers":   "ignored: the Beam runner decides how many replications run at once; results do not depend on it",
	"quiet":     "print nothing but the tables and errors",
}

// compareFlags returns the flag set of cuasim compare's options, and
// Beam's.
func compareFlags(o *compareOptions, stderr io.Writer) *flag.FlagSet {
	return beamFlags("compare", usage, "cuasim compare's", stderr, func(fs *flag.FlagSet) { o.Flags(fs, compareHelpOnBeam) })
}

// beamFlags returns the flag set of cuasim-beam's command: its options, as
// define defines them, then Beam's (--runner, --endpoint, ...), which
// Beam's packages define on the command line's flag set. Asked for help, it
// prints help and the options, headed as whose they are.
func beamFlags(command, help, whose string, stderr io.Writer, define func(*flag.FlagSet)) *flag.FlagSet {
	fs := flag.NewFlagSet("cuasim-beam "+command, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, help, "\nOptions ("+whose+", then Beam's):\n")
		fs.PrintDefaults()
	}
	define(fs)
	// Beam's options: the same flag.Value as on the command line's flag
	// set, which Beam reads.
	flag.CommandLine.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) == nil && !workerFlags[f.Name] {
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
	return fs
}

// workerFlags are the flags of Beam's worker mode (main), not for people.
var workerFlags = map[string]bool{"worker": true, "id": true, "logging_endpoint": true, "control_endpoint": true,
	"semi_persist_dir": true, "options": true, "status_endpoint": true}

// parseCompare parses cuasim-beam compare's arguments. ok is false when
// the command is done (help asked, or a usage error: code says which).
func parseCompare(args []string, stderr io.Writer) (o compareOptions, code int, ok bool) {
	o = compareOptions{Compare: cmdopts.NewCompare()}
	fs := compareFlags(&o, stderr)
	pos, err := cmdopts.Parse(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, exitOK, false
		}
		return o, exitUsage, false
	}
	if o.Scenario, err = cmdopts.ScenarioArg(pos); err != nil {
		fmt.Fprintln(stderr, "cuasim-beam compare:", err)
		return o, exitUsage, false
	}
	if o.Out == "" {
		o.Out = cmdopts.DefaultOut("compare", o.Scenario)
	}
	return o, exitOK, true
}

// buildVersion is the version a comparison's design records: cuasim's
// module version when it is a release, and the first 12 hex digits of the
// SHA-256 of this executable, so that results of two programs are never
// mixed (as cuasim's own buildVersion).
func buildVersion() string {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == "github.com/cuasim/cuasim" && m.Replace == nil && strings.HasPrefix(m.Version, "v") {
				v = strings.TrimPrefix(m.Version, "v")
			}
		}
	}
	v += "+beam"
	exe, err := os.Executable()
	if err != nil {
		return v + "-unknown-build"
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		return v + "-unknown-build"
	}
	h := sha256.Sum256(b)
	return v + "-" + hex.EncodeToString(h[:])[:12]
}

// runCompare runs the comparison as cuasim compare does, with the units run
// by the Beam runner.
func runCompare(ctx context.Context, o compareOptions, stdout, stderr io.Writer) (int, error) {
	sc, err := scenarios.Open(o.Scenario)
	if err != nil {
		return exitFailure, err
	}
	if o.version == "" {
		o.version = buildVersion()
	}
	opts, err := o.Options(o.version)
	if err != nil {
		return exitUsage, err
	}
	design, err := compare.NewDesign(o.Scenario, sc, opts)
	if err != nil {
		return exitUsage, err
	}
	if design.Precision > 0 {
		return exitUsage, errors.New("--precision is not supported on Beam: a precision run decides its replications as they converge; run cuasim compare, or give --replications")
	}
	if remote(o.Out) {
		return runRemote(ctx, o, design, sc, stdout, stderr)
	}
	if fi, err := os.Stat(o.Out); err == nil && !fi.IsDir() {
		return exitUsage, fmt.Errorf("--out: %s is a file, not a directory; give a directory to write the comparison to", o.Out)
	}
	lock, err := compare.LockDir(o.Out)
	if err != nil {
		return exitFailure, err
	}
	defer lock.Unlock()

	// What the directory holds, as cuasim compare decides it.
	rn := &compare.Runner{Design: design, Scenario: sc, Shard: o.Shard, Shards: o.Shards}
	prior, err := rn.Prior(o.Out, o.Force)
	if err != nil {
		return exitFailure, err
	}
	switch {
	case prior == nil:
	case prior.Partial:
		fmt.Fprintf(stderr, "resuming: %d replications already complete in %s\n", len(prior.Replications), o.Out)
	default:
		fmt.Fprintf(stderr, "%s already holds this comparison, by this build: showing it again (--force runs it anew)\n", o.Out)
	}

	units, err := rn.Units(prior)
	if err != nil {
		return exitUsage, err
	}
	units = compareUnitOrder(units)
	start := time.Now()
	if len(units) == 0 {
		if err := write(rn, sc, prior, nil, o.Out); err != nil {
			return exitFailure, err
		}
	} else {
		j, err := newJob(rn, sc, o.Out, prior != nil)
		if err != nil {
			return exitFailure, err
		}
		p, err := buildPipeline(j, units)
		if err != nil {
			return exitFailure, err
		}
		if err := runPipeline(ctx, p, len(units), o.Quiet, stderr); err != nil {
			return exitFailure, fmt.Errorf("the Beam job failed, nothing written to %s: %w", o.Out, err)
		}
	}
	elapsed := time.Since(start)
	res, sum, err := compare.Load(o.Out)
	if err != nil {
		return exitFailure, fmt.Errorf("reading back what the job wrote: %w", err)
	}
	if sum.Signature != design.Signature() || res.Partial {
		return exitFailure, fmt.Errorf("%s does not hold this comparison complete after the job: signature %s, partial %v", o.Out, sum.Signature, res.Partial)
	}
	printCompare(stdout, sum, elapsed)
	fmt.Fprintf(stdout, "\nWrote %s/: results.csv, drones.csv, curve.csv, summary.json, plots and report.html\n", o.Out)
	return exitOK, nil
}

// runRemote runs the comparison into a directory on one of Beam's file
// systems (--out gs://BUCKET/DIR): no lock, nothing resumed; a directory
// that holds a comparison is replaced only with --force.
func runRemote(ctx context.Context, o compareOptions, design *compare.Design, sc *scenarios.Scenario, stdout, stderr io.Writer) (int, error) {
	fsys, err := filesystem.New(ctx, o.Out)
	if err != nil {
		return exitUsage, fmt.Errorf("--out %s: %w", o.Out, err)
	}
	found, err := fsys.List(ctx, remoteFile(o.Out, compare.ManifestFile))
	fsys.Close()
	if err != nil {
		return exitFailure, fmt.Errorf("--out %s: %w", o.Out, err)
	}
	if len(found) > 0 && !o.Force {
		return exitFailure, fmt.Errorf("%s holds a comparison already; use another --out, or --force to replace it", o.Out)
	}
	rn := &compare.Runner{Design: design, Scenario: sc, Shard: o.Shard, Shards: o.Shards}
	units, err := rn.Units(nil)
	if err != nil {
		return exitUsage, err
	}
	units = compareUnitOrder(units)
	j, err := newJob(rn, sc, o.Out, false)
	if err != nil {
		return exitFailure, err
	}
	p, err := buildPipeline(j, units)
	if err != nil {
		return exitFailure, err
	}
	start := time.Now()
	if err := runPipeline(ctx, p, len(units), o.Quiet, stderr); err != nil {
		return exitFailure, fmt.Errorf("the Beam job failed, nothing written to %s: %w", o.Out, err)
	}
	fmt.Fprintf(stdout, "cuasim-beam compare %s: %d units in %.1f s\nWrote %s/: results.csv, drones.csv, curve.csv, summary.json, plots, report.html and manifest.json (cuasim report and cuasim merge read a local copy)\n",
		design.Scenario, len(units), time.Since(start).Seconds(), strings.TrimSuffix(o.Out, "/"))
	return exitOK, nil
}

// compareUnitOrder orders the units as the pipeline creates them: design
// order; a test reverses it, so that the rows reach the last step out of
// design order (Prism v2.77.0 gathers them in the order created).
var compareUnitOrder = func(units []compare.Unit) []compare.Unit { return units }

// runPipeline runs the comparison's pipeline on the runner --runner
// names, Prism by default.
func runPipeline(ctx context.Context, p *beam.Pipeline, units int, quiet bool, stderr io.Writer) error {
	if !quiet {
		fmt.Fprintf(stderr, "running %d units (replication × variant, every layout in lockstep) on Beam's %s runner\n", units, runnerName())
	}
	return runBeam(ctx, p)
}

// runnerName is the runner --runner names, Prism by default.
func runnerName() string {
	if r := *runners.Runner; r != "" {
		return r
	}
	return "prism"
}

// runBeam runs a pipeline on the runner --runner names.
func runBeam(ctx context.Context, p *beam.Pipeline) error {
	_, err := beam.Run(ctx, runnerName(), p)
	return err
}

// printCompare writes the operating points of each variant; cuasim report
// DIR and report.html have every table.
func printCompare(out io.Writer, s *compare.Summary, elapsed time.Duration) {
	d := s.Design
	fmt.Fprintf(out, "cuasim-beam compare %s: %d layouts × %d thresholds × %d variants, %d replications (seeds %d-%d), in %.1f s; %.0f %% intervals\n",
		d.Scenario, len(d.Layouts), len(d.Thresholds), len(d.Variants), s.Replications, d.FirstSeed, d.FirstSeed+uint64(max(s.Replications, 1))-1, elapsed.Seconds(), 100*d.Confidence)
	if s.Shard != "" {
		fmt.Fprintf(out, "Shard %s only: cuasim merge joins the shards.\n", s.Shard)
	}
	for _, v := range d.Variants {
		if v.Label != "" {
			fmt.Fprintf(out, "\n== %s\n", v.Label)
		}
		fmt.Fprintln(out, "\nOperating points (every table: report.html, or cuasim report DIR):")
		report.OperatingTable(s, v.Label).WriteText(out)
	}
}
