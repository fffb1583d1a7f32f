package pipeline

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"reflect"
	"slices"
	"testing"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/scenarios"
)

// airport returns the embedded airport, shortened.
func airport(t *testing.T, durationS float64, sets ...scenarios.Override) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Embedded("airport")
	if err != nil {
		t.Fatal(err)
	}
	if sc, err = sc.With(sets...); err != nil {
		t.Fatal(err)
	}
	c := *sc
	c.Run.DurationS = durationS
	return &c
}

// recording keeps every alert evaluation's observations.
type recording struct {
	times []float64
	obs   [][]metrics.Observed
}

func (rc *recording) Record(r *Replication) error {
	if r.Evaluated {
		rc.times = append(rc.times, r.TimeS())
		rc.obs = append(rc.obs, slices.Clone(r.Observed))
	}
	return nil
}

// TestReevaluateEqualsRerun checks what cuasim compare relies on: the
// alerts of other rules, evaluated on the tracks recorded in one run, are
// exactly those of a run with those rules. Alerting reads tracks and
// never feeds back.
func TestReevaluateEqualsRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("a 20-minute airport run, twice")
	}
	ctx := context.Background()
	base, err := New(airport(t, 1200))
	if err != nil {
		t.Fatal(err)
	}
	rec := &recording{}
	base.Recorders = append(base.Recorders, rec)
	if err := base.Run(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, set := range []scenarios.Override{{Path: "alerting.p_drone", Value: "0.5"}, {Path: "alerting.horizon_s", Value: "120"},
		{Path: "alerting.min_track_age_s", Value: "20"}} {
		rerun, err := New(airport(t, 1200, set))
		if err != nil {
			t.Fatal(err)
		}
		var events []alert.Event
		rerun.Recorders = append(rerun.Recorders, RecorderFunc(func(r *Replication) error {
			events = append(events, r.Events...)
			return nil
		}))
		if err := rerun.Run(ctx, nil); err != nil {
			t.Fatal(err)
		}
		want := rerun.AlertResult()

		s := metrics.NewAlertScorer(alert.ConfigFrom(rerun.Scenario.Alerting), base.Zones, len(base.World.Entities))
		var got []alert.Event
		for i, obs := range rec.obs {
			got = append(got, s.Evaluate(rec.times[i], obs)...)
		}
		res := s.Result(base.World, base.Entries, base.Detections, base.Tracking)
		if len(want.Incidents) == 0 {
			t.Fatalf("%s: no incidents: the test shows nothing", set)
		}
		if !reflect.DeepEqual(got, events) {
			t.Errorf("%s: re-evaluated events differ from the re-run's (%d against %d)", set, len(got), len(events))
		}
		// Printed, so that NaN (a time that never came) equals NaN.
		if g, w := fmt.Sprintf("%+v", res), fmt.Sprintf("%+v", want); g != w {
			t.Errorf("%s: re-evaluated result differs from the re-run's:\n%.2000s\n%.2000s", set, g, w)
		}
	}
}

// TestLayoutsShareTruth checks common random numbers: a replication of
// each layout of a scenario, with one seed, sees exactly the same truth,
// step by step.
func TestLayoutsShareTruth(t *testing.T) {
	sc := airport(t, 600)
	var ref []uint64
	for _, name := range sc.LayoutNames() {
		c, err := sc.WithLayout(name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := New(c)
		if err != nil {
			t.Fatal(err)
		}
		var sums []uint64
		r.Recorders = append(r.Recorders, RecorderFunc(func(r *Replication) error {
			h := fnv.New64a()
			for _, id := range r.World.Active() {
				e := &r.World.Entities[id]
				for _, x := range [...]float64{e.Pos.X, e.Pos.Y, e.Pos.Z, e.Vel.X, e.Vel.Y, e.Vel.Z} {
					binary.Write(h, binary.LittleEndian, x)
				}
			}
			sums = append(sums, h.Sum64())
			return nil
		}))
		if err := r.Run(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = sums
			continue
		}
		if !slices.Equal(sums, ref) {
			t.Errorf("layout %s: truth differs from the base layout's", name)
		}
	}
	if len(sc.LayoutNames()) < 3 {
		t.Errorf("the airport has layouts %v; want three to compare", sc.LayoutNames())
	}
}

// stepHash is a recorder that hashes everything a replication produces
// at each step: detections, the tracks' states and class, alert events.
type stepHash struct{ sums []uint64 }

func (h *stepHash) Record(r *Replication) error {
	f := fnv.New64a()
	for _, d := range r.Dets {
		fmt.Fprintf(f, "%d %g %g %g %d|", d.Sensor, d.TimeS, d.RangeM, d.AzimuthRad, d.TruthID)
	}
	for _, t := range r.Tracker.Tracks() {
		fmt.Fprintf(f, "%d %v %v %g %g|", t.ID, t.State(), t.Status, t.Existence, t.PDrone)
	}
	for _, e := range r.Events {
		fmt.Fprintf(f, "%+v|", e)
	}
	h.sums = append(h.sums, f.Sum64())
	return nil
}

// TestLockstepEqualsAlone: each layout run in lockstep on one world gives,
// step by step, exactly what it gives run alone.
func TestLockstepEqualsAlone(t *testing.T) {
	sc := airport(t, 600)
	var scs []*scenarios.Scenario
	for _, name := range sc.LayoutNames() {
		c, err := sc.WithLayout(name)
		if err != nil {
			t.Fatal(err)
		}
		scs = append(scs, c)
	}
	l, err := NewLockstep(scs)
	if err != nil {
		t.Fatal(err)
	}
	together := make([]*stepHash, len(scs))
	for k, r := range l.Reps {
		together[k] = &stepHash{}
		r.Recorders = append(r.Recorders, together[k])
	}
	if err := l.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	for k, c := range scs {
		r, err := New(c)
		if err != nil {
			t.Fatal(err)
		}
		alone := &stepHash{}
		r.Recorders = append(r.Recorders, alone)
		if err := r.Run(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(alone.sums, together[k].sums) {
			first := 0
			for first < len(alone.sums) && first < len(together[k].sums) && alone.sums[first] == together[k].sums[first] {
				first++
			}
			t.Errorf("layout %s: lockstep differs from alone from step %d", c.Layout(), first+1)
		}
		if g, w := fmt.Sprintf("%+v", l.Reps[k].AlertResult()), fmt.Sprintf("%+v", r.AlertResult()); g != w {
			t.Errorf("layout %s: alert results differ", c.Layout())
		}
	}
	// A scenario of another world is refused.
	other := airport(t, 300)
	if _, err := NewLockstep([]*scenarios.Scenario{scs[0], other}); err == nil {
		t.Error("lockstep of two durations: no error")
	}
}
