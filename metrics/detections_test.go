package metrics_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
)

// world returns a hand-built world with no movers: Step only advances the
// clock, and the test sets the entities' states itself.
func world() *sim.World {
	return &sim.World{StepS: 1, DurationS: 10, Entities: []sim.Entity{
		{ID: 0, Name: "drone-a", Kind: sim.Drone, Active: true},
		{ID: 1, Name: "drone-b", Kind: sim.Drone, Active: true},
		{ID: 2, Name: "bird", Kind: sim.Bird, Active: true}, // never detected
	}}
}

func truth(t float64, sensor, id int, origin r3.Vec) sensors.Detection {
	return sensors.Detection{TimeS: t, Sensor: sensor, TruthID: id, Origin: origin, Link: -1}
}

func falseAlarm(t float64, sensor int) sensors.Detection {
	return sensors.Detection{TimeS: t, Sensor: sensor, TruthID: -1, Link: -1}
}

const eps = 1e-9

func TestDetectionStats(t *testing.T) {
	w := world()
	const nSensors = 3
	s := metrics.NewDetectionStats(w, nSensors)
	if len(s.Sensors) != nSensors || len(s.First) != len(w.Entities) {
		t.Fatalf("NewDetectionStats: %d sensors, %d entities; want %d, %d", len(s.Sensors), len(s.First), nSensors, len(w.Entities))
	}

	// Step 1, t = 1 s. drone-a at (1000, 0, 0) moving east at 10 m/s: a
	// detection made at 0.5 s saw it 5 m further west.
	w.Step()
	w.Entities[0].Pos, w.Entities[0].Vel = r3.Vec{X: 1000}, r3.Vec{X: 10}
	w.Entities[1].Pos = r3.Vec{Y: 2000}
	s.Add(w, []sensors.Detection{
		falseAlarm(0.2, 0),
		truth(0.5, 0, 0, r3.Vec{}),
		falseAlarm(0.9, 2),
	})

	// Step 2, t = 2 s. A later detection by the same sensor is counted but
	// does not replace the first; other sensors score their own firsts.
	w.Step()
	w.Entities[0].Pos = r3.Vec{X: 1010}
	s.Add(w, []sensors.Detection{
		truth(1.5, 0, 0, r3.Vec{}),
		truth(1.2, 1, 0, r3.Vec{X: 1000, Y: 300}),
		truth(2.0, 1, 1, r3.Vec{Y: 1000, Z: 0}),
	})

	// Step 3, t = 3 s: nothing but a false alarm.
	w.Step()
	s.Add(w, []sensors.Detection{falseAlarm(2.5, 0)})
	s.Add(w, nil)

	wantCounts := []metrics.SensorCounts{
		{Detections: 2, FalseAlarms: 2},
		{Detections: 2, FalseAlarms: 0},
		{Detections: 0, FalseAlarms: 1},
	}
	for i, want := range wantCounts {
		if s.Sensors[i] != want {
			t.Errorf("sensor %d counts = %+v, want %+v", i, s.Sensors[i], want)
		}
	}

	// drone-a by sensor 1 at 1.2 s: at t = 2 it is at 1010 moving east at
	// 10 m/s, so at 1.2 s it was at 1002, and (2, -300) from the sensor.
	wantFirst := [][]metrics.FirstDetection{
		{{Seen: true, TimeS: 0.5, RangeM: 995}, {Seen: true, TimeS: 1.2, RangeM: math.Hypot(2, 300)}, {}},
		{{}, {Seen: true, TimeS: 2.0, RangeM: 1000}, {}},
		{{}, {}, {}},
	}
	for id, row := range wantFirst {
		for sn, want := range row {
			got := s.First[id][sn]
			if got.Seen != want.Seen || math.Abs(got.TimeS-want.TimeS) > eps || math.Abs(got.RangeM-want.RangeM) > 1e-6 {
				t.Errorf("First[%d][%d] = %+v, want %+v", id, sn, got, want)
			}
		}
	}

	for _, c := range []struct {
		id   int
		want metrics.FirstDetection
	}{
		{0, wantFirst[0][0]}, // sensor 0 at 0.5 s beats sensor 1 at 1.2 s
		{1, wantFirst[1][1]},
	} {
		got := s.Earliest(c.id)
		if !got.Seen || math.Abs(got.TimeS-c.want.TimeS) > eps || math.Abs(got.RangeM-c.want.RangeM) > 1e-6 {
			t.Errorf("Earliest(%d) = %+v, want %+v", c.id, got, c.want)
		}
	}
	if got := s.Earliest(2); got.Seen {
		t.Errorf("Earliest(2) of an entity never detected = %+v, want not seen", got)
	}
}

// TestEarliestPicksMinimumTime: Earliest is the minimum over sensors, not
// the first sensor index that saw the entity.
func TestEarliestPicksMinimumTime(t *testing.T) {
	w := world()
	s := metrics.NewDetectionStats(w, 4)
	w.Step()
	s.Add(w, []sensors.Detection{
		truth(0.9, 0, 1, r3.Vec{}),
		truth(0.3, 2, 1, r3.Vec{X: 100}),
		truth(0.6, 3, 1, r3.Vec{}),
	})
	got := s.Earliest(1)
	if !got.Seen || got.TimeS != 0.3 || math.Abs(got.RangeM-100) > 1e-9 {
		t.Errorf("Earliest = %+v, want sensor 2's detection at 0.3 s, 100 m", got)
	}
}

// TestFirstRowsAreSeparate: the per-entity rows share one backing array;
// each must be capped so that appending to one cannot overwrite the next.
func TestFirstRowsAreSeparate(t *testing.T) {
	w := world()
	s := metrics.NewDetectionStats(w, 2)
	for id, row := range s.First {
		if len(row) != 2 || cap(row) != 2 {
			t.Errorf("First[%d]: len %d cap %d, want 2, 2", id, len(row), cap(row))
		}
	}
	_ = append(s.First[0], metrics.FirstDetection{Seen: true})
	if s.First[1][0].Seen {
		t.Error("appending to First[0] changed First[1]")
	}

	empty := metrics.NewDetectionStats(&sim.World{}, 0) // no entities, no sensors
	if len(empty.Sensors) != 0 || len(empty.First) != 0 {
		t.Errorf("empty stats = %+v", empty)
	}
}

// TestAddDoesNotAllocate checks Add's documented claim.
func TestAddDoesNotAllocate(t *testing.T) {
	w := world()
	s := metrics.NewDetectionStats(w, 3)
	w.Step()
	dets := []sensors.Detection{
		truth(0.5, 0, 0, r3.Vec{}), truth(0.5, 1, 1, r3.Vec{}), falseAlarm(0.7, 2), truth(0.8, 0, 0, r3.Vec{}),
	}
	if n := testing.AllocsPerRun(100, func() { s.Add(w, dets) }); n != 0 {
		t.Errorf("Add: %v allocations per call, want 0", n)
	}
}
