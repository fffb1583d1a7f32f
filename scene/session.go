package scene

import (
	"fmt"

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

	// Scenario is what the session runs: restarts, sensor moves and
	// tracker settings change it and run it again.
	Scenario *scenarios.Scenario
	Seed     uint64

	// Recent holds the detections of the last FadeS seconds, oldest first.
	Recent []sensors.Detection

	views sensorViews
	frame Frame
}

// NewSession starts a run of sc with the given seed.
func NewSession(sc *scenarios.Scenario, seed uint64) (*Session, error) {
	c := *sc
	c.Sensors = append([]scenarios.Sensor(nil), sc.Sensors...) // MoveSensor changes them
	s := &Session{Scenario: &c, Seed: seed}
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
	s.Replication, s.Recent = r, s.Recent[:0]
	s.views = newSensorViews(&sc, r.Net)
	return nil
}

// Step advances the run one step and keeps its detections for display.
func (s *Session) Step() {
	if s.Done() {
		return
	}
	_ = s.Replication.Step() // no recorder that can fail
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

// SetConfirmation changes the tracker's M-of-N rule and restarts.
func (s *Session) SetConfirmation(m, n int) error {
	if m < 1 || n < m || n > 50 {
		return fmt.Errorf("confirmation %d of %d: want 1 <= M <= N <= 50", m, n)
	}
	s.Scenario.Tracker.ConfirmM, s.Scenario.Tracker.ConfirmN = m, n
	return s.start()
}
