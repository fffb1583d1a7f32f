package scene

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/track"
)

// Frame is one moment of a run as the viewer draws it, from a live
// Session or from a recorded run (Replay): plain values, nothing to step.
type Frame struct {
	Name               string
	Seed               uint64
	TimeS, DurationS   float64
	Done               bool
	Replay             bool // from a recording: the layout cannot change
	ConfirmM, ConfirmN int
	// Layout is the name of the sensor layout shown (scenarios.BaseLayout
	// for the listed sensors); Layouts are those the source can switch to,
	// in the scenario's order (a replay's is only its own).
	Layout              string
	Layouts             []string
	Zones               []scenarios.Zone // where they are now: a zone that follows a convoy moves
	Obstacles           []scenarios.Obstacle
	Roads               []scenarios.Road
	Vehicles            []VehicleView // the convoys' vehicles, where they are now
	Sensors             []SensorView
	Entities            []EntityView        // present now
	Detections          []sensors.Detection // of the last FadeS seconds, oldest first
	Tracks              []TrackView
	HasTruth, HasTracks bool
	// Alerts are the alerts in force, most urgent first (see
	// AlertView); ZoneLevels is, per zone, the highest level among them.
	Alerts     []AlertView
	ZoneLevels []alert.Level
	// Scenario is the scenario as run (the layout applied, the sensors
	// where they were moved to), for the pdmap layer's coverage map. Its
	// sensors change in place when one is moved: PdMap copies them.
	Scenario *scenarios.Scenario
}

// NextLayout returns the layout d places after the frame's in its
// Layouts (d < 0: before), cycling; ok is false when there is no other.
func (f *Frame) NextLayout(d int) (name string, ok bool) {
	n := len(f.Layouts)
	if n < 2 {
		return f.Layout, false
	}
	i := max(0, slices.Index(f.Layouts, f.Layout))
	return f.Layouts[((i+d)%n+n)%n], true
}

// SensorView is a sensor as drawn.
type SensorView struct {
	ID, Type string
	Coverage sensors.Coverage
	// RangeM is the radius to draw: the radar's instrumented range, or an
	// RF sensor's median range for a 20 dBm 2.44 GHz link.
	RangeM float64
	// BeamAzRad is where a scanning radar's beam points, if HasBeam.
	BeamAzRad float64
	HasBeam   bool
}

// EntityView is a drone or bird as drawn.
type EntityView struct {
	ID             int
	Name, Type     string
	Group          string // the group a drone flies in, "" if alone
	Bird, RFSilent bool
	Pos, Vel       r3.Vec
	RCSM2          float64
}

// TrackView is a track as drawn.
type TrackView struct {
	ID                      int
	Confirmed               bool
	Pos, Vel                r3.Vec
	PEE, PEN, PNN           float64 // horizontal position covariance, m²
	PositionStdM            float64
	Existence               float64
	PDrone, PBird, PClutter float64
	Hover                   float64
	Evidence                track.Evidence
	RadarUpdates, RFUpdates int
}

// Source is what the viewer plays: a live Session or a Replay.
type Source interface {
	// Frame returns the current moment; it stays valid until the next
	// call that changes the source.
	Frame() *Frame
	Step()
	StepS() float64
	AdvanceTo(t float64)
	// Done reports whether the run (or recording) has ended; it is cheap,
	// unlike Frame.
	Done() bool
	// Restart starts again from the beginning (a live run with the given
	// seed; a replay ignores it).
	Restart(seed uint64) error
	MoveSensor(i int, e, n float64) error
	SetConfirmation(m, n int) error
	// SetLayout switches to the named layout of the frame's Layouts and
	// restarts with the same seed, on the same traffic.
	SetLayout(name string) error
}

// Frame returns the session's current moment.
func (s *Session) Frame() *Frame {
	f := &s.frame
	f.Name, f.Seed, f.TimeS, f.DurationS, f.Done = s.Scenario.Name, s.Seed, s.TimeS(), s.World.DurationS, s.Done()
	f.ConfirmM, f.ConfirmN = s.Scenario.Tracker.ConfirmM, s.Scenario.Tracker.ConfirmN
	f.Layout, f.Layouts = s.Scenario.Layout(), s.layouts
	f.Obstacles, f.Scenario = s.Scenario.Obstacles, s.Scenario
	s.site.at(f, s.TimeS())
	f.HasTruth, f.HasTracks = true, true
	f.Sensors = s.views.at(s.TimeS())
	f.Entities = f.Entities[:0]
	for _, id := range s.World.Active() {
		e := &s.World.Entities[id]
		f.Entities = append(f.Entities, EntityView{ID: e.ID, Name: e.Name, Type: e.Type, Group: e.Group, Bird: e.Kind == sim.Bird,
			RFSilent: e.RFSilent, Pos: e.Pos, Vel: e.Vel, RCSM2: e.RCSM2})
	}
	f.Detections = s.Recent
	f.Tracks = f.Tracks[:0]
	for _, t := range s.Tracker.Tracks() {
		P := t.Covariance()
		f.Tracks = append(f.Tracks, TrackView{ID: t.ID, Confirmed: t.Status == track.Confirmed,
			Pos: t.Position(), Vel: t.Velocity(), PEE: P[0][0], PEN: P[0][1], PNN: P[1][1],
			PositionStdM: t.PositionStdM(), Existence: t.Existence, PDrone: t.PDrone, PBird: t.PBird, PClutter: t.PClutter,
			Hover: t.HoverProbability(), Evidence: t.Evidence, RadarUpdates: t.RadarUpdates, RFUpdates: t.RFUpdates})
	}
	// The alert rules' state changes only at their evaluations: between
	// two, what is in force is what the last one left.
	f.setAlerts(s.Alerts.Alerter.Active(), s.assessedS)
	return f
}

// sensorViews are a network's sensors as drawn; only the beams move.
type sensorViews struct {
	views  []SensorView
	radars map[int]*sensors.Radar // by sensor index
}

func newSensorViews(sc *scenarios.Scenario, net *sensors.Network) sensorViews {
	sv := sensorViews{radars: map[int]*sensors.Radar{}}
	for i, sn := range net.Sensors {
		cov := sn.Coverage()
		v := SensorView{ID: sn.ID(), Type: sc.Sensors[i].Type, Coverage: cov, RangeM: cov.MaxRangeM}
		switch sn := sn.(type) {
		case *sensors.RF:
			v.RangeM = sn.NominalRangeM()
		case *sensors.Radar:
			sv.radars[i] = sn
		}
		sv.views = append(sv.views, v)
	}
	return sv
}

// at points the scanning radars' beams where they are at time t.
func (sv *sensorViews) at(t float64) []SensorView {
	for i, r := range sv.radars {
		sv.views[i].BeamAzRad, sv.views[i].HasBeam = r.BeamAzimuthRad(t)
	}
	return sv.views
}

// StepS returns the simulation step, seconds.
func (s *Session) StepS() float64 { return s.World.StepS }

// Extent returns a box holding a frame's zones, obstacles, roads and
// sensors and the sensors' coverage out to 3 km, for framing the view.
func (f *Frame) Extent() (e0, n0, e1, n1 float64) {
	e0, n0, e1, n1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	add := func(e, n float64) {
		e0, n0, e1, n1 = math.Min(e0, e), math.Min(n0, n), math.Max(e1, e), math.Max(n1, n)
	}
	for _, z := range f.Zones {
		for _, p := range z.Polygon {
			add(p.EastM, p.NorthM)
		}
		if c := z.Circle; c != nil {
			add(c.Center.EastM-c.RadiusM, c.Center.NorthM-c.RadiusM)
			add(c.Center.EastM+c.RadiusM, c.Center.NorthM+c.RadiusM)
		}
	}
	for _, o := range f.Obstacles {
		for _, p := range o.Footprint {
			add(p.EastM, p.NorthM)
		}
	}
	for _, r := range f.Roads {
		for _, p := range r.Points {
			add(p.EastM, p.NorthM)
		}
	}
	for _, s := range f.Sensors {
		r := math.Min(s.Coverage.MaxRangeM, 3000)
		add(s.Coverage.Origin.X-r, s.Coverage.Origin.Y-r)
		add(s.Coverage.Origin.X+r, s.Coverage.Origin.Y+r)
	}
	if math.IsInf(e0, 1) {
		return -1000, -1000, 1000, 1000
	}
	return e0, n0, e1, n1
}
