package scene

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/cuasim/cuasim/pipeline"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
)

// FadeS is how long a detection stays on screen, fading, seconds.
const FadeS = 4.0

// Session is one run of a scenario with its sensors, tracker and alert
// rules (a pipeline.Replication), stepped on demand. It holds the recent
// detections for display.
type Session struct {
	*pipeline.Replication

	// Scenario is what the session runs: restarts, layouts, sensor moves
	// and tracker settings change it and run it again.
	Scenario *scenarios.Scenario
	Seed     uint64

	// Recent holds the detections of the last FadeS seconds, oldest first.
	Recent []sensors.Detection

	base      *scenarios.Scenario // as given, for switching layouts
	layouts   []string
	assessedS float64 // time of the last evaluation of the alert rules
	views     sensorViews
	site      site
	frame     Frame
}

// NewSession starts a run of sc with the given seed, in the layout sc
// has (scenarios.BaseLayout unless sc came from WithLayout; SetLayout can
// switch from a scenario in its base layout to any other).
func NewSession(sc *scenarios.Scenario, seed uint64) (*Session, error) {
	c := *sc
	c.Sensors = slices.Clone(sc.Sensors) // MoveSensor changes them
	s := &Session{Scenario: &c, Seed: seed, base: sc, layouts: sc.LayoutNames()}
	if sc.Layout() != scenarios.BaseLayout {
		s.layouts = []string{sc.Layout()} // its listed sensors are gone
	}
	return s, s.start()
}

// NewSessionFromScenario starts a run with the scenario's own seed.
func NewSessionFromScenario(sc *scenarios.Scenario) (*Session, error) {
	return NewSession(sc, sc.Run.Seed)
}

func (s *Session) start() error {
	sc := *s.Scenario
	sc.Run.Seed = s.Seed
	r, err := pipeline.New(&sc)
	if err != nil {
		return err
	}
	s.Replication, s.Recent, s.assessedS = r, s.Recent[:0], 0
	s.views = newSensorViews(&sc, r.Net)
	s.site = newSite(s.Scenario)
	return nil
}

// Step advances the run one step and keeps its detections for display.
func (s *Session) Step() {
	if s.Done() {
		return
	}
	_ = s.Replication.Step() // no recorder that can fail
	if s.Evaluated {
		s.assessedS = s.TimeS()
	}
	// Keep the detections of the last FadeS seconds.
	cut := 0
	for cut < len(s.Recent) && s.Recent[cut].TimeS < s.TimeS()-FadeS {
		cut++
	}
	s.Recent = append(s.Recent[:copy(s.Recent, s.Recent[cut:])], s.Dets...)
}

// AdvanceTo steps until the simulation time reaches t (or the run ends).
func (s *Session) AdvanceTo(t float64) {
	for !s.Done() && s.TimeS() < t-1e-9 {
		s.Step()
	}
}

// Restart runs the scenario again from the start with the given seed.
func (s *Session) Restart(seed uint64) error {
	s.Seed = seed
	return s.start()
}

// MoveSensor moves sensor i to (e, n) and restarts the run, so that the
// new layout is seen from the beginning on the same traffic (the seed is
// kept: every trajectory is the same).
func (s *Session) MoveSensor(i int, e, n float64) error {
	if i < 0 || i >= len(s.Scenario.Sensors) {
		return fmt.Errorf("no sensor %d", i)
	}
	s.Scenario.Sensors[i].Position.EastM, s.Scenario.Sensors[i].Position.NorthM = e, n
	return s.start()
}

// MoveSensors puts the named sensors at new positions (metres east and
// north of the site's origin) and restarts the run once. A sensor not in
// the current layout is an error and moves nothing.
func (s *Session) MoveSensors(moves []SensorMove) error {
	idx := make([]int, len(moves))
	for k, m := range moves {
		idx[k] = slices.IndexFunc(s.Scenario.Sensors, func(sp scenarios.Sensor) bool { return sp.ID == m.ID })
		if idx[k] < 0 {
			return fmt.Errorf("no sensor %q in layout %s", m.ID, s.Scenario.Layout())
		}
	}
	for k, m := range moves {
		s.Scenario.Sensors[idx[k]].Position.EastM, s.Scenario.Sensors[idx[k]].Position.NorthM = m.EastM, m.NorthM
	}
	return s.start()
}

// Moved returns the sensors of the current layout that are not where the
// layout puts them (by more than 5 cm: links give positions to 0.1 m),
// in the layout's order.
func (s *Session) Moved() []SensorMove {
	orig := s.base
	if name := s.Scenario.Layout(); name != s.base.Layout() {
		var err error
		if orig, err = s.base.WithLayout(name); err != nil {
			return nil
		}
	}
	var moves []SensorMove
	for _, sp := range s.Scenario.Sensors {
		i := slices.IndexFunc(orig.Sensors, func(o scenarios.Sensor) bool { return o.ID == sp.ID })
		if i < 0 {
			continue
		}
		o := orig.Sensors[i].Position
		if math.Abs(sp.Position.EastM-o.EastM) > 0.05 || math.Abs(sp.Position.NorthM-o.NorthM) > 0.05 {
			moves = append(moves, SensorMove{ID: sp.ID, EastM: sp.Position.EastM, NorthM: sp.Position.NorthM})
		}
	}
	return moves
}

// SetConfirmation changes the tracker's M-of-N rule and restarts.
func (s *Session) SetConfirmation(m, n int) error {
	if m < 1 || n < m || n > 50 {
		return fmt.Errorf("confirmation %d of %d: want 1 <= M <= N <= 50", m, n)
	}
	s.Scenario.Tracker.ConfirmM, s.Scenario.Tracker.ConfirmN = m, n
	return s.start()
}

// SetLayout switches to the named layout of the scenario (one of
// Frame().Layouts) and restarts the run with the same seed: every
// trajectory is the same, only the sensors differ. Sensor moves made in
// the previous layout are dropped; the tracker's settings and the run's
// duration are kept.
func (s *Session) SetLayout(name string) error {
	var sc *scenarios.Scenario
	switch {
	case name == s.base.Layout():
		sc = s.base
	case s.base.Layout() != scenarios.BaseLayout:
		return fmt.Errorf("the scenario was opened in layout %s, without its listed sensors; open it in its base layout to switch", s.base.Layout())
	default:
		var err error
		if sc, err = s.base.WithLayout(name); err != nil {
			return err
		}
	}
	c := *sc
	c.Sensors = slices.Clone(sc.Sensors)
	c.Tracker, c.Run = s.Scenario.Tracker, s.Scenario.Run
	old := s.Scenario
	s.Scenario = &c
	if err := s.start(); err != nil {
		s.Scenario = old
		return errors.Join(err, s.start())
	}
	return nil
}
