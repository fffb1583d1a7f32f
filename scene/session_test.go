package scene

import (
	"testing"

	"github.com/cuasim/cuasim/scenarios"
)

func airport(t *testing.T) *Session {
	t.Helper()
	sc, err := scenarios.Embedded("airport")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSessionFromScenario(sc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSessionRecentFades: the session keeps only the last FadeS seconds of
// detections, and has some.
func TestSessionRecentFades(t *testing.T) {
	s := airport(t)
	s.AdvanceTo(120)
	if s.TimeS() < 120-1e-9 {
		t.Fatalf("time %g after AdvanceTo(120)", s.TimeS())
	}
	if len(s.Recent) == 0 {
		t.Fatal("no recent detections after two minutes at the airport")
	}
	for _, d := range s.Recent {
		if d.TimeS < s.TimeS()-FadeS-1e-9 {
			t.Fatalf("detection at %g s kept at %g s", d.TimeS, s.TimeS())
		}
	}
}

// TestMoveSensorKeepsTraffic: moving a sensor restarts the run on the same
// trajectories, and the sensor is where it was put.
func TestMoveSensorKeepsTraffic(t *testing.T) {
	s := airport(t)
	s.AdvanceTo(400)
	before := s.World.Entities[0].Pos
	if err := s.MoveSensor(0, -2000, 1500); err != nil {
		t.Fatal(err)
	}
	if s.TimeS() != 0 {
		t.Fatalf("time %g after moving a sensor, want a restart", s.TimeS())
	}
	if c := s.Coverage[0].Origin; c.X != -2000 || c.Y != 1500 {
		t.Errorf("sensor 0 at (%g, %g), want (-2000, 1500)", c.X, c.Y)
	}
	s.AdvanceTo(400)
	if after := s.World.Entities[0].Pos; after != before {
		t.Errorf("entity 0 at %v after the move, %v before", after, before)
	}
	if err := s.MoveSensor(99, 0, 0); err == nil {
		t.Error("moving a sensor that does not exist succeeded")
	}
}

func TestSetConfirmation(t *testing.T) {
	s := airport(t)
	if err := s.SetConfirmation(2, 3); err != nil || s.Scenario.Tracker.ConfirmM != 2 || s.Scenario.Tracker.ConfirmN != 3 {
		t.Errorf("SetConfirmation(2, 3): %v, config %d of %d", err, s.Scenario.Tracker.ConfirmM, s.Scenario.Tracker.ConfirmN)
	}
	if err := s.SetConfirmation(4, 3); err == nil {
		t.Error("4 of 3 accepted")
	}
}
