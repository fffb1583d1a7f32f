package scene

import (
	"fmt"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/track"
)

// FadeS is how long a detection stays on screen, fading, seconds.
const FadeS = 4.0

// Session is one run of a scenario with its sensors and tracker, stepped
// on demand. It holds the recent detections for display.
type Session struct {
	Scenario *scenarios.Scenario
	Seed     uint64
	World    *sim.World
	Net      *sensors.Network
	Coverage []sensors.Coverage
	Tracker  *track.Tracker
	Config   track.Config

	// Recent holds the detections of the last FadeS seconds, oldest first.
	Recent []sensors.Detection

	dets  []sensors.Detection
	ms    []track.Measurement
	views sensorViews
	frame Frame
}

// NewSession starts a run of sc with the given seed and tracker settings.
func NewSession(sc *scenarios.Scenario, seed uint64, cfg track.Config) (*Session, error) {
	s := &Session{Scenario: sc, Seed: seed, Config: cfg}
	return s, s.start()
}

// NewSessionFromScenario starts a run with the scenario's own seed and
// tracker section.
func NewSessionFromScenario(sc *scenarios.Scenario) (*Session, error) {
	cfg, err := track.ConfigFrom(sc.Tracker)
	if err != nil {
		return nil, err
	}
	return NewSession(sc, sc.Run.Seed, cfg)
}

func (s *Session) start() error {
	sc := *s.Scenario
	sc.Run.Seed = s.Seed
	w, err := sim.New(&sc)
	if err != nil {
		return err
	}
	net, err := sensors.NewNetwork(&sc, w)
	if err != nil {
		return err
	}
	s.World, s.Net, s.Recent = w, net, s.Recent[:0]
	s.Coverage = s.Coverage[:0]
	for _, sn := range net.Sensors {
		s.Coverage = append(s.Coverage, sn.Coverage())
	}
	s.Tracker = track.New(s.Config, s.Coverage)
	s.views = newSensorViews(&sc, net)
	return nil
}

// TimeS returns the simulation time, seconds.
func (s *Session) TimeS() float64 { return s.World.TimeS() }

// Done reports whether the run has reached its end.
func (s *Session) Done() bool { return s.World.Done() }

// Step advances the world one step, observes and tracks.
func (s *Session) Step() {
	if s.World.Done() {
		return
	}
	s.World.Step()
	s.dets = s.Net.Observe(s.World, s.dets[:0])
	s.ms = s.ms[:0]
	for i := range s.dets {
		s.ms = append(s.ms, track.FromDetection(&s.dets[i]))
	}
	s.Tracker.Step(s.World.TimeS(), s.ms)
	s.Tracker.Ended()
	// Keep the detections of the last FadeS seconds.
	cut := 0
	for cut < len(s.Recent) && s.Recent[cut].TimeS < s.World.TimeS()-FadeS {
		cut++
	}
	s.Recent = append(s.Recent[:copy(s.Recent, s.Recent[cut:])], s.dets...)
}

// AdvanceTo steps until the simulation time reaches t (or the run ends).
func (s *Session) AdvanceTo(t float64) {
	for !s.World.Done() && s.World.TimeS() < t-1e-9 {
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
	s.Config.ConfirmM, s.Config.ConfirmN = m, n
	return s.start()
}
