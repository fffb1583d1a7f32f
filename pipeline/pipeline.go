// Package pipeline wires one replication of a scenario: the world moves,
// the sensors observe it, the tracker fuses their detections, the alert
// rules run on the tracks, and the metrics score detections, tracks and
// alerts against truth. cuasim run, cuasim compare and the viewer all step
// a Replication; none of them wires the loop again.
//
// Data flows one way: the tracker sees only measurements, the alert rules
// only track estimates (alert.TrackState); the metrics read truth next to
// them, and nothing reads the metrics.
package pipeline

import (
	"context"
	"fmt"
	"math"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/track"
)

// ScoreGateM is the distance within which a confirmed track counts as
// following a truth object when scoring, and the OSPA/GOSPA cut-off.
const ScoreGateM = 100

// Recorder is handed every step of a replication, after the step is
// complete: to write files, keep detections for display, or keep the
// observed tracks for evaluating other alert rules later.
type Recorder interface {
	Record(r *Replication) error
}

// RecorderFunc adapts a function to Recorder.
type RecorderFunc func(r *Replication) error

// Record calls f(r).
func (f RecorderFunc) Record(r *Replication) error { return f(r) }

// Replication is one run of a scenario (its layout, overrides, seed and
// duration are the scenario's), stepped on demand.
type Replication struct {
	Scenario *scenarios.Scenario
	World    *sim.World
	Net      *sensors.Network
	Coverage []sensors.Coverage
	Tracker  *track.Tracker
	Zones    []alert.Zone

	// Scoring against truth.
	Detections *metrics.DetectionStats
	Tracking   *metrics.TrackStats
	Entries    *metrics.ZoneEntries
	// Alerts runs the scenario's alert rules; set it to nil before
	// stepping to record the observed tracks without (as cuasim compare
	// does, evaluating rules of its own on them).
	Alerts *metrics.AlertScorer

	// What the last step produced.
	Dets   []sensors.Detection // detections, in time order
	Ended  []*track.Track      // tracks deleted in the step; valid until the next Step
	Events []alert.Event       // alert events, when Evaluated
	// Observed is the confirmed tracks at the alert evaluation, when
	// Evaluated.
	Observed []metrics.Observed
	// Evaluated is true when the step ended on an alert evaluation (and a
	// scoring of the tracks).
	Evaluated bool

	Recorders []Recorder

	ms []track.Measurement
	// msReady: ms holds the step's measurements already (a Lockstep
	// converts each detection once for all its replications).
	msReady bool
	// entriesShared: Entries belongs to a Lockstep, which adds each step
	// once for all its replications.
	entriesShared bool
	nextS         float64 // next track scoring, whole seconds
	nextA         float64 // next alert evaluation
	periodA       float64
}

// New builds a replication of the scenario, at time 0.
func New(sc *scenarios.Scenario) (*Replication, error) {
	w, err := sim.New(sc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", sc.File(), err)
	}
	net, err := sensors.NewNetwork(sc, w)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", sc.File(), err)
	}
	return newOn(sc, w, net)
}

// newOn builds a replication of sc on world w with the sensors of net.
func newOn(sc *scenarios.Scenario, w *sim.World, net *sensors.Network) (*Replication, error) {
	cfg, err := track.ConfigFrom(sc.Tracker)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", sc.File(), err)
	}
	r := &Replication{Scenario: sc, World: w, Net: net, Zones: alert.ZonesFrom(sc)}
	for _, s := range net.Sensors {
		r.Coverage = append(r.Coverage, s.Coverage())
	}
	r.Tracker = track.New(cfg, r.Coverage)
	r.Detections = metrics.NewDetectionStats(w, len(net.Sensors))
	r.Tracking = metrics.NewTrackStats(w, ScoreGateM)
	r.Entries = metrics.NewZoneEntries(w, r.Zones)
	acfg := alert.ConfigFrom(sc.Alerting)
	r.Alerts = metrics.NewAlertScorer(acfg, r.Zones, len(w.Entities))
	r.nextS, r.periodA, r.nextA = 1, acfg.UpdatePeriodS, acfg.UpdatePeriodS
	return r, nil
}

// TimeS returns the simulation time, seconds.
func (r *Replication) TimeS() float64 { return r.World.TimeS() }

// Done reports whether the run has reached its end.
func (r *Replication) Done() bool { return r.World.Done() }

// Step advances the world one step: the sensors observe, the tracker
// updates; once a second the confirmed tracks are scored against truth,
// and once per alerting update period the alert rules run. Then every
// recorder is handed the step.
func (r *Replication) Step() error {
	if r.World.Done() {
		return nil
	}
	r.release()
	r.World.Step()
	r.Dets = r.Net.Observe(r.World, r.Dets[:0])
	return r.process()
}

// release hands the tracks that ended in the last step, scored and
// recorded by now, back to the tracker, which reuses their memory.
func (r *Replication) release() {
	r.Tracker.Release(r.Ended)
	r.Ended = nil
}

// process runs everything downstream of the sensors on the step the world
// has just taken and r.Dets, its detections.
func (r *Replication) process() error {
	w := r.World
	now := w.TimeS()
	r.Detections.Add(w, r.Dets)
	if !r.entriesShared {
		r.Entries.Add(w)
	}
	if !r.msReady {
		r.ms = r.ms[:0]
		for i := range r.Dets {
			r.ms = append(r.ms, track.FromDetection(&r.Dets[i]))
		}
	}
	r.msReady = false
	r.Tracker.Step(now, r.ms)
	r.Ended = r.Tracker.Ended() // scored while alive, counted, recorded by the recorders, then released
	r.Tracking.End(r.Ended)
	if now >= r.nextS-1e-9 {
		r.Tracking.Add(w, r.Tracker.Tracks())
		r.nextS = math.Floor(now+1e-9) + 1
	}
	r.Evaluated, r.Events = false, r.Events[:0]
	if now >= r.nextA-1e-9 {
		r.Observed = r.Tracking.Observe(r.Tracker.Tracks(), now, r.Observed[:0])
		if r.Alerts != nil {
			r.Events = r.Alerts.Evaluate(now, r.Observed)
		}
		r.Evaluated = true
		r.nextA += r.periodA
	}
	for _, rec := range r.Recorders {
		if err := rec.Record(r); err != nil {
			return err
		}
	}
	return nil
}

// Run steps to the end of the run, checking ctx and calling progress (if
// not nil) with the simulation time every few hundred steps.
func (r *Replication) Run(ctx context.Context, progress func(timeS float64)) error {
	for step := 1; !r.World.Done(); step++ {
		if step%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress(r.World.TimeS())
			}
		}
		if err := r.Step(); err != nil {
			return err
		}
	}
	return nil
}

// AdvanceTo steps until the simulation time reaches t (or the run ends).
func (r *Replication) AdvanceTo(t float64) error {
	for !r.World.Done() && r.World.TimeS() < t-1e-9 {
		if err := r.Step(); err != nil {
			return err
		}
	}
	return nil
}

// AlertResult scores the alerts of the run so far.
func (r *Replication) AlertResult() *metrics.AlertResult {
	return r.Alerts.Result(r.World, r.Entries, r.Detections, r.Tracking)
}
