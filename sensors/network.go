package sensors

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sim"
)

// Sensor is one sensor observing the world.
type Sensor interface {
	// ID returns the sensor's id from the scenario.
	ID() string
	// Kind returns the kind of detections the sensor makes.
	Kind() DetectionKind
	// Observe appends to dst the detections the sensor made during the step
	// the world has just taken, the interval (t − step, t], and returns dst.
	Observe(w *sim.World, dst []Detection) []Detection
	// Coverage describes where and how often the sensor looks.
	Coverage() Coverage
}

// Network is every sensor of a scenario, observing together.
type Network struct {
	Sensors []Sensor
}

// NewNetwork builds the scenario's sensors for a world. Each sensor draws from
// its own random streams (one per target and one for false alarms), keyed by
// its id, so that adding, removing or moving one sensor changes nothing that
// any other sensor draws, nor any trajectory.
func NewNetwork(sc *scenarios.Scenario, w *sim.World) (*Network, error) {
	n := &Network{}
	for i, spec := range sc.Sensors {
		var s Sensor
		var err error
		switch {
		case spec.Radar != nil:
			s, err = NewRadar(spec, i, w)
		case spec.RF != nil:
			s, err = NewRF(spec, i, w)
		default:
			err = fmt.Errorf("sensor %s: no radar or rf parameters", spec.ID)
		}
		if err != nil {
			return nil, err
		}
		n.Sensors = append(n.Sensors, s)
	}
	return n, nil
}

// Observe appends every sensor's detections for the last step to dst, in
// time order (sensor order within a time), and returns dst.
func (n *Network) Observe(w *sim.World, dst []Detection) []Detection {
	start := len(dst)
	for _, s := range n.Sensors {
		dst = s.Observe(w, dst)
	}
	slices.SortStableFunc(dst[start:], func(a, b Detection) int {
		return cmp.Or(cmp.Compare(a.TimeS, b.TimeS), cmp.Compare(a.Sensor, b.Sensor))
	})
	return dst
}
