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

	order   []detectionPlace // workspace of Observe's sort
	scratch []Detection
}

// detectionPlace is a detection's sort key in Observe: time, sensor, and
// its place in the step's unsorted detections.
type detectionPlace struct {
	timeS  float64
	sensor int
	i      int
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
	n.sort(dst[start:])
	return dst
}

// sort sorts ds by time, then sensor, keeping the order of detections
// equal in both: what slices.SortStableFunc does (a stable sort has a
// single result), but sorting small keys, with the place in ds as the
// last key, and then moving each detection once, rather than merging
// whole detections.
func (n *Network) sort(ds []Detection) {
	sorted := true
	for i := 1; i < len(ds) && sorted; i++ {
		c := cmp.Compare(ds[i].TimeS, ds[i-1].TimeS)
		sorted = c > 0 || (c == 0 && ds[i].Sensor >= ds[i-1].Sensor)
	}
	if sorted {
		return // in order already, which a stable sort keeps
	}
	n.order = n.order[:0]
	for i := range ds {
		n.order = append(n.order, detectionPlace{timeS: ds[i].TimeS, sensor: ds[i].Sensor, i: i})
	}
	slices.SortFunc(n.order, func(a, b detectionPlace) int {
		if c := cmp.Compare(a.timeS, b.timeS); c != 0 {
			return c
		}
		if c := cmp.Compare(a.sensor, b.sensor); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	n.scratch = append(n.scratch[:0], ds...)
	for k, p := range n.order {
		ds[k] = n.scratch[p.i]
	}
}
