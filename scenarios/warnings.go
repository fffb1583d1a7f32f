package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Warning is something a scenario asks for that the loader accepts but
// that is probably not what was meant: a physical parameter outside the
// range of public figures for it (a 5 m² quadcopter, a 40 dB receiver noise
// figure; docs/scenario-reference.md lists each range and its source), or
// traffic that cannot appear in the run. A research user may mean it, so it
// is not an error; cuasim validate and cuasim run print it. It prints as
//
//	file:line:col: warning: path.to.field: message
type Warning struct {
	File      string
	Line, Col int
	Path      string
	Msg       string
}

// String formats the warning as file:line:col: warning: path: message.
func (w Warning) String() string {
	var b strings.Builder
	b.WriteString(shown(w.File))
	if w.Line > 0 {
		b.WriteString(":" + strconv.Itoa(w.Line) + ":" + strconv.Itoa(w.Col))
	}
	b.WriteString(": warning: ")
	if w.Path != "" {
		b.WriteString(w.Path + ": ")
	}
	b.WriteString(w.Msg)
	return b.String()
}

// Warnings returns the scenario's warnings in file order. Those about the
// run (traffic that starts after it ends, a record interval that is not a
// whole number of steps) reflect the current s.Run, so a caller that changes the run (cuasim
// run --duration) gets the warnings of the run it will make.
func (s *Scenario) Warnings() []Warning {
	d := newDecoder(s.file)
	d.pos = s.pos
	d.warns = slices.Clone(s.warnings)
	s.runWarnings(d)
	list := d.warns.sort()
	out := make([]Warning, len(list))
	for i, w := range list {
		out[i] = Warning{File: w.File, Line: w.Line, Col: w.Col, Path: w.Path, Msg: w.Msg}
	}
	return out
}

// runWarnings adds the warnings that depend on the run's settings.
func (s *Scenario) runWarnings(d *decoder) {
	r := s.Run
	end := r.DurationS
	for i := range s.Traffic {
		t := &s.Traffic[i]
		path := fmt.Sprintf("traffic[%d]", i)
		if f := t.Flight; f != nil {
			if f.StartS >= end {
				d.warnf(path+".start_s", "%g s is at or after the end of the run (duration_s %g s): this drone never appears", f.StartS, end)
			}
			continue
		}
		if w := t.window(); w.StartS >= end {
			d.warnf(path+".start_s", "the window starts at %g s, at or after the end of the run (duration_s %g s): no drone of this entry appears", w.StartS, end)
		}
	}
	for i, c := range s.Convoys {
		if c.DepartS >= end {
			d.warnf(fmt.Sprintf("convoys[%d].depart_s", i), "%g s is at or after the end of the run (duration_s %g s): this convoy never sets off", c.DepartS, end)
		}
	}
	if r.StepS > 0 && r.RecordS > 0 {
		steps := max(1, math.Round(r.RecordS/r.StepS))
		if got := steps * r.StepS; math.Abs(got-r.RecordS) > 1e-9*r.RecordS {
			d.warnf("run.record_interval_s", "%g s is not a whole number of steps of %g s: truth.csv is written every %.6g s", r.RecordS, r.StepS, got)
		}
	}
}
