package main

import (
	"bytes"
	"context"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/report"
	"github.com/cuasim/cuasim/scenarios"
)

// The pipeline:
//
//	units (replication × variant; every layout in lockstep, as cuasim compare runs them)
//	  → Reshuffle (spread over the workers)
//	  → runFn: compare.Runner.RunUnit, the unit's rows gob-encoded
//	  → gatherFn (a CombineFn): every unit's rows, in whatever order they come
//	  → writeFn: compare.Runner.Collect (cuasim compare's own ordering),
//	    compare.Summarise and compare.WriteFiles with report.Write: the
//	    files cuasim compare writes.

func init() {
	register.DoFn2x2[context.Context, unitElem, []byte, error](&runFn{})
	register.Combiner3[gathered, []byte, gathered](&gatherFn{})
	register.DoFn2x2[context.Context, gathered, string, error](&writeFn{})
	register.Function1x1[string, error](written)
	beam.RegisterType(reflect.TypeOf((*unitElem)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*gathered)(nil)).Elem())
}

// unitElem is a compare.Unit as a pipeline element.
type unitElem struct {
	Replication, Variant int
}

// gathered is the rows of many units, each gob-encoded compare.UnitRows.
type gathered struct {
	Units [][]byte
}

// job is what every step needs to rebuild the comparison's runner on a
// worker: the design (checked against its signature), the scenario's
// source, the shard and the output directory. Beam serialises it with the
// steps, as JSON.
type job struct {
	Design       json.RawMessage
	Signature    string
	ScenarioFile string
	ScenarioYAML []byte
	Shard        int
	Shards       int
	// Out is the output directory, which the last step writes: a path the
	// worker that runs it can write (on a cluster, a shared file system).
	Out string
	// Resume is set when Out holds a partial run of this design whose
	// replications are left out of the units.
	Resume bool
}

// newJob describes a runner's comparison.
func newJob(rn *compare.Runner, sc *scenarios.Scenario, out string, resume bool) (job, error) {
	b, err := json.Marshal(rn.Design)
	if err != nil {
		return job{}, fmt.Errorf("encoding the design: %w", err)
	}
	return job{Design: b, Signature: rn.Design.Signature(), ScenarioFile: sc.File(), ScenarioYAML: sc.Source(),
		Shard: rn.Shard, Shards: rn.Shards, Out: out, Resume: resume}, nil
}

// runner rebuilds the job's runner and scenario.
func (j *job) runner() (*compare.Runner, *scenarios.Scenario, error) {
	var d compare.Design
	if err := json.Unmarshal(j.Design, &d); err != nil {
		return nil, nil, fmt.Errorf("decoding the design: %w", err)
	}
	if s := d.Signature(); s != j.Signature {
		return nil, nil, fmt.Errorf("the design decoded on the worker has signature %s, the launcher's %s", s, j.Signature)
	}
	sc, err := scenarios.Parse(j.ScenarioFile, j.ScenarioYAML)
	if err != nil {
		return nil, nil, err
	}
	return &compare.Runner{Design: &d, Scenario: sc, Shard: j.Shard, Shards: j.Shards}, sc, nil
}

// prior loads the partial run the job resumes, nil when it resumes none.
func (j *job) prior() (*compare.Results, error) {
	if !j.Resume {
		return nil, nil
	}
	prior, sum, err := compare.Load(j.Out)
	if err != nil {
		return nil, err
	}
	if sum.Signature != j.Signature {
		return nil, fmt.Errorf("%s changed while the job ran: it holds another comparison (signature %s)", j.Out, sum.Signature)
	}
	return prior, nil
}

// runUnit runs one unit; a variable so that a test can make one fail.
var runUnit = func(ctx context.Context, rn *compare.Runner, u compare.Unit) (*compare.UnitRows, error) {
	return rn.RunUnit(ctx, u)
}

// runFn runs units and emits their rows, gob-encoded.
type runFn struct {
	Job job
	rn  *compare.Runner
}

// Setup rebuilds the runner once per worker's instance of the step.
func (f *runFn) Setup() error {
	rn, _, err := f.Job.runner()
	f.rn = rn
	return err
}

// ProcessElement runs one unit. A unit that fails or panics fails the job
// with its name (replication, seed, variant, layouts): the rows of a
// comparison never silently lack one.
func (f *runFn) ProcessElement(ctx context.Context, e unitElem) ([]byte, error) {
	return runEncoded(ctx, compare.Unit{Replication: e.Replication, Variant: e.Variant}, f.rn.Design.UnitName,
		func(ctx context.Context, u compare.Unit) (*compare.UnitRows, error) { return runUnit(ctx, f.rn, u) })
}

// runEncoded runs unit u and returns its rows gob-encoded. An error or a
// panic of the unit is returned as its error; a panic's names the unit
// (name(u)) and gives the stack. The runner's own errors name it already
// (compare.Runner.RunUnit, radials.Runner.RunUnit).
func runEncoded[U, R any](ctx context.Context, u U, name func(U) string, run func(context.Context, U) (R, error)) (b []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: panic: %v\n%s", name(u), p, debug.Stack())
		}
	}()
	rows, err := run(ctx, u)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(rows); err != nil {
		return nil, fmt.Errorf("%s: encoding its rows: %w", name(u), err)
	}
	return buf.Bytes(), nil
}

// decodeUnits decodes the rows of every unit gathered.
func decodeUnits[T any](g gathered) ([]*T, error) {
	units := make([]*T, len(g.Units))
	for i, b := range g.Units {
		units[i] = new(T)
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(units[i]); err != nil {
			return nil, fmt.Errorf("decoding a unit's rows: %w", err)
		}
	}
	return units, nil
}

// gatherFn gathers every unit's rows. The order does not matter: Collect
// puts the rows in design order.
type gatherFn struct{}

// CreateAccumulator returns no rows.
func (gatherFn) CreateAccumulator() gathered { return gathered{} }

// AddInput adds one unit's rows.
func (gatherFn) AddInput(a gathered, b []byte) gathered {
	a.Units = append(a.Units, b)
	return a
}

// MergeAccumulators joins two gatherings.
func (gatherFn) MergeAccumulators(a, b gathered) gathered {
	a.Units = append(a.Units, b.Units...)
	return a
}

// ExtractOutput returns the gathering.
func (gatherFn) ExtractOutput(a gathered) gathered { return a }

// writeFn writes the comparison's files from every unit's rows.
type writeFn struct {
	Job job
}

// ProcessElement collects, summarises and writes, and returns the output
// directory. (A step with no output makes Prism v2.77.0's progress loop
// spin, taking a core, for as long as the step runs: the write.)
func (f *writeFn) ProcessElement(ctx context.Context, g gathered) (string, error) {
	rn, sc, err := f.Job.runner()
	if err != nil {
		return "", err
	}
	units, err := decodeUnits[compare.UnitRows](g)
	if err != nil {
		return "", err
	}
	if remote(f.Job.Out) {
		return f.Job.Out, writeRemote(ctx, rn, sc, units, f.Job.Out)
	}
	prior, err := f.Job.prior()
	if err != nil {
		return "", err
	}
	return f.Job.Out, write(rn, sc, prior, units, f.Job.Out)
}

// remote reports whether out is the URL of a directory on one of Beam's
// file systems (gs://BUCKET/DIR: Beam's worker harness registers Google
// Cloud Storage in every build) rather than a directory on this machine.
func remote(out string) bool { return strings.Contains(out, "://") }

// writeRemote writes the comparison into a local temporary directory, as
// cuasim compare does, and copies its files to out.
func writeRemote(ctx context.Context, rn *compare.Runner, sc *scenarios.Scenario, units []*compare.UnitRows, out string) error {
	tmp, err := os.MkdirTemp("", "cuasim-beam-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "out")
	if err := write(rn, sc, nil, units, dir); err != nil {
		return err
	}
	return upload(ctx, dir, out, compare.ManifestFile)
}

// upload copies the files of a directory to a directory on a Beam file
// system: last (a comparison's manifest.json, radials' design.json) last,
// so that, as in a local directory, its presence vouches for the others.
func upload(ctx context.Context, dir, out, last string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") && e.Name() != last {
			names = append(names, e.Name())
		}
	}
	names = append(names, last)
	fsys, err := filesystem.New(ctx, out)
	if err != nil {
		return fmt.Errorf("--out %s: %w", out, err)
	}
	defer fsys.Close()
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		url := remoteFile(out, name)
		w, err := fsys.OpenWrite(ctx, url)
		if err != nil {
			return fmt.Errorf("writing %s: %w", url, err)
		}
		if _, err := w.Write(b); err != nil {
			w.Close()
			return fmt.Errorf("writing %s: %w", url, err)
		}
		if err := w.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", url, err)
		}
	}
	return nil
}

// remoteFile is the URL of a file in the directory out.
func remoteFile(out, name string) string { return strings.TrimSuffix(out, "/") + "/" + name }

// written ends the pipeline: an instant step with no output.
func written(string) error { return nil }

// write joins prior's rows and the units' and writes the comparison into
// out, exactly as cuasim compare does.
func write(rn *compare.Runner, sc *scenarios.Scenario, prior *compare.Results, units []*compare.UnitRows, out string) error {
	res, err := rn.Collect(prior, units)
	if err != nil {
		return err
	}
	sum := compare.Summarise(res)
	return compare.WriteFiles(out, res, sum, func(d *record.Dir) error { return report.Write(d, sc, res, sum) })
}

// buildPipeline makes the pipeline that runs units and writes the job's
// comparison.
func buildPipeline(j job, units []compare.Unit) (*beam.Pipeline, error) {
	if len(units) == 0 {
		return nil, errors.New("no units to run")
	}
	elems := make([]unitElem, len(units))
	for i, u := range units {
		elems[i] = unitElem{u.Replication, u.Variant}
	}
	return unitsPipeline(elems, &runFn{Job: j}, &writeFn{Job: j}), nil
}

// unitsPipeline makes the pipeline that runs the units elems with the
// step run and writes their rows with the step write:
//
//	elems → Reshuffle (spread over the workers) → run (a unit's rows, gob-encoded)
//	  → gatherFn (every unit's rows, in whatever order) → write → Reshuffle → written
func unitsPipeline[E any](elems []E, run, write any) *beam.Pipeline {
	p, s := beam.NewPipelineWithRoot()
	col := beam.Reshuffle(s, beam.CreateList(s, elems))
	rows := beam.ParDo(s, run, col)
	all := beam.Combine(s, gatherFn{}, rows)
	// The Reshuffle ends the write's stage with an output (see writeFn).
	beam.ParDo0(s, written, beam.Reshuffle(s, beam.ParDo(s, write, all)))
	return p
}
