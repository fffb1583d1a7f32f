package metrics

import (
	"math"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
)

// SensorCounts counts one sensor's detections over a run.
type SensorCounts struct {
	Detections  int // caused by a target
	FalseAlarms int // caused by noise or background emissions
}

// FirstDetection is when a sensor first detected an entity, and the entity's
// true range from the sensor then.
type FirstDetection struct {
	Seen   bool
	TimeS  float64
	RangeM float64
}

// DetectionStats accumulates per-sensor counts and each entity's first
// detection by each sensor. Add allocates nothing.
type DetectionStats struct {
	Sensors []SensorCounts     // by sensor index
	First   [][]FirstDetection // by entity ID, then sensor index
}

// NewDetectionStats prepares statistics for a world's entities and nSensors sensors.
func NewDetectionStats(w *sim.World, nSensors int) *DetectionStats {
	s := &DetectionStats{Sensors: make([]SensorCounts, nSensors), First: make([][]FirstDetection, len(w.Entities))}
	flat := make([]FirstDetection, len(w.Entities)*nSensors)
	for i := range s.First {
		s.First[i] = flat[i*nSensors : (i+1)*nSensors : (i+1)*nSensors]
	}
	return s
}

// Add scores the detections of the step the world has just taken.
func (s *DetectionStats) Add(w *sim.World, dets []sensors.Detection) {
	t1 := w.TimeS()
	for i := range dets {
		d := &dets[i]
		if d.FalseAlarm() {
			s.Sensors[d.Sensor].FalseAlarms++
			continue
		}
		s.Sensors[d.Sensor].Detections++
		f := &s.First[d.TruthID][d.Sensor]
		if f.Seen {
			continue
		}
		e := &w.Entities[d.TruthID]
		pos := r3.Sub(e.Pos, r3.Scale(t1-d.TimeS, e.Vel))
		*f = FirstDetection{Seen: true, TimeS: d.TimeS, RangeM: r3.Norm(r3.Sub(pos, d.Origin))}
	}
}

// EarliestSensor returns the index of the sensor that first detected an
// entity (the first in sensor order on a tie), −1 if none did.
func (s *DetectionStats) EarliestSensor(id int) int {
	best, at := -1, math.Inf(1)
	for i, f := range s.First[id] {
		if f.Seen && f.TimeS < at {
			best, at = i, f.TimeS
		}
	}
	return best
}

// Earliest returns an entity's first detection by any sensor.
func (s *DetectionStats) Earliest(id int) FirstDetection {
	best := FirstDetection{TimeS: math.Inf(1)}
	for _, f := range s.First[id] {
		if f.Seen && f.TimeS < best.TimeS {
			best = f
		}
	}
	return best
}
