package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/cuasim/cuasim/radials"
	"github.com/cuasim/cuasim/scenarios"
)

// The radials pipeline, as the comparison's:
//
//	units (bearing × replication; every layout in lockstep, as cuasim radials runs them)
//	  → Reshuffle
//	  → radialsRunFn: radials.Runner.RunUnit, the unit's rows gob-encoded
//	  → gatherFn: every unit's rows, in whatever order they come
//	  → radialsWriteFn: radials.Runner.Collect, radials.Summarise and
//	    radials.WriteFiles: the files cuasim radials writes.

func init() {
	register.DoFn2x2[context.Context, radialsUnitElem, []byte, error](&radialsRunFn{})
	register.DoFn2x2[context.Context, gathered, string, error](&radialsWriteFn{})
	beam.RegisterType(reflect.TypeOf((*radialsUnitElem)(nil)).Elem())
}

// radialsUnitElem is a radials.Unit as a pipeline element.
type radialsUnitElem struct {
	Bearing, Replication int
}

// radialsJob is what every step needs to rebuild the radials' runner on a
// worker: the design (as design.json writes it, checked against the
// design decoded there), the scenario's source and --set, and the output
// directory.
type radialsJob struct {
	DesignFile   []byte
	ScenarioFile string
	ScenarioYAML []byte
	Sets         []string
	Out          string
}

// newRadialsJob describes a radials run.
func newRadialsJob(d *radials.Design, sc *scenarios.Scenario, sets []string, out string) (radialsJob, error) {
	var b bytes.Buffer
	if err := d.WriteDesign(&b); err != nil {
		return radialsJob{}, fmt.Errorf("encoding the design: %w", err)
	}
	return radialsJob{DesignFile: b.Bytes(), ScenarioFile: sc.File(), ScenarioYAML: sc.Source(), Sets: sets, Out: out}, nil
}

// runner rebuilds the job's runner.
func (j *radialsJob) runner() (*radials.Runner, error) {
	var d radials.Design
	if err := json.Unmarshal(j.DesignFile, &d); err != nil {
		return nil, fmt.Errorf("decoding the design: %w", err)
	}
	var b bytes.Buffer
	if err := d.WriteDesign(&b); err != nil {
		return nil, err
	}
	if !bytes.Equal(b.Bytes(), j.DesignFile) {
		return nil, errors.New("the design decoded on the worker differs from the launcher's")
	}
	sc, err := scenarios.Parse(j.ScenarioFile, j.ScenarioYAML)
	if err != nil {
		return nil, err
	}
	if sc, err = withSets(sc, j.Sets); err != nil {
		return nil, err
	}
	return &radials.Runner{Design: &d, Scenario: sc}, nil
}

// runRadialsUnit runs one unit; a variable so that a test can make one
// fail.
var runRadialsUnit = func(ctx context.Context, rn *radials.Runner, u radials.Unit) (*radials.UnitRows, error) {
	return rn.RunUnit(ctx, u)
}

// radialsRunFn runs units and emits their rows, gob-encoded.
type radialsRunFn struct {
	Job radialsJob
	rn  *radials.Runner
}

// Setup rebuilds the runner once per worker's instance of the step.
func (f *radialsRunFn) Setup() error {
	rn, err := f.Job.runner()
	f.rn = rn
	return err
}

// ProcessElement runs one unit. A unit that fails or panics fails the job
// with its name (bearing, replication, seed, layouts).
func (f *radialsRunFn) ProcessElement(ctx context.Context, e radialsUnitElem) ([]byte, error) {
	return runEncoded(ctx, radials.Unit{Bearing: e.Bearing, Replication: e.Replication}, f.rn.Design.UnitName,
		func(ctx context.Context, u radials.Unit) (*radials.UnitRows, error) {
			return runRadialsUnit(ctx, f.rn, u)
		})
}

// radialsWriteFn writes the radials' files from every unit's rows.
type radialsWriteFn struct {
	Job radialsJob
}

// ProcessElement collects, summarises and writes, and returns the output
// directory.
func (f *radialsWriteFn) ProcessElement(ctx context.Context, g gathered) (string, error) {
	rn, err := f.Job.runner()
	if err != nil {
		return "", err
	}
	units, err := decodeUnits[radials.UnitRows](g)
	if err != nil {
		return "", err
	}
	res, err := rn.Collect(units)
	if err != nil {
		return "", err
	}
	if !remote(f.Job.Out) {
		_, err := radials.WriteFiles(f.Job.Out, res, radials.Summarise(res))
		return f.Job.Out, err
	}
	tmp, err := os.MkdirTemp("", "cuasim-beam-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "out")
	if _, err := radials.WriteFiles(dir, res, radials.Summarise(res)); err != nil {
		return "", err
	}
	return f.Job.Out, upload(ctx, dir, f.Job.Out, radials.DesignFile)
}

// buildRadialsPipeline makes the pipeline that runs units and writes the
// job's radials.
func buildRadialsPipeline(j radialsJob, units []radials.Unit) (*beam.Pipeline, error) {
	if len(units) == 0 {
		return nil, errors.New("no units to run")
	}
	elems := make([]radialsUnitElem, len(units))
	for i, u := range units {
		elems[i] = radialsUnitElem{u.Bearing, u.Replication}
	}
	return unitsPipeline(elems, &radialsRunFn{Job: j}, &radialsWriteFn{Job: j}), nil
}
