package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/track"
)

// Lockstep runs replications of several layouts of one scenario (one
// seed, one duration) on one world: the world steps once, each distinct
// sensor observes once, and each layout's tracker, alert rules and scoring
// take the detections of its own sensors. Every layout sees the same truth
// by construction, and a sensor two layouts share is simulated once; each
// replication gives exactly what it gives run alone (New), since a
// sensor's detections depend on the world and its own random streams only.
type Lockstep struct {
	World *sim.World
	Reps  []*Replication

	net *sensors.Network // every distinct sensor of the layouts
	of  [][]int          // per replication: network index → its own sensor index, −1 if not its
	// inOrder is true for a replication whose own sensors come in network
	// order: its share of the network's detections, sorted by time then
	// sensor, is then sorted by time then its own sensor index already.
	inOrder []bool
	dets    []sensors.Detection
	ms      []track.Measurement // dets as the trackers take them
}

// NewLockstep builds replications of the given scenarios, which must be
// layouts of one scenario with the same run settings (sc.WithLayout of one
// scenario, given the same seed and duration).
func NewLockstep(scs []*scenarios.Scenario) (*Lockstep, error) {
	if len(scs) == 0 {
		return nil, fmt.Errorf("no scenario to run")
	}
	for _, sc := range scs[1:] {
		if sc.Run != scs[0].Run || sc.Name != scs[0].Name || !reflect.DeepEqual(sc.Traffic, scs[0].Traffic) || !reflect.DeepEqual(sc.Birds, scs[0].Birds) {
			return nil, fmt.Errorf("layouts %s and %s do not share one world: run them apart", scs[0].Layout(), sc.Layout())
		}
	}
	w, err := sim.New(scs[0])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", scs[0].File(), err)
	}
	// The distinct sensors, in order of first use.
	var specs []scenarios.Sensor
	index := make([][]int, len(scs)) // per layout: its sensor → network index
	for k, sc := range scs {
		for _, s := range sc.Sensors {
			i := slices.IndexFunc(specs, func(x scenarios.Sensor) bool { return reflect.DeepEqual(x, s) })
			if i < 0 {
				i = len(specs)
				specs = append(specs, s)
			}
			index[k] = append(index[k], i)
		}
	}
	all := *scs[0]
	all.Sensors = specs
	net, err := sensors.NewNetwork(&all, w)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", scs[0].File(), err)
	}
	l := &Lockstep{World: w, net: net}
	for k, sc := range scs {
		own := &sensors.Network{}
		of := make([]int, len(specs))
		for i := range of {
			of[i] = -1
		}
		for j, i := range index[k] {
			own.Sensors = append(own.Sensors, net.Sensors[i])
			of[i] = j
		}
		r, err := newOn(sc, w, own)
		if err != nil {
			return nil, err
		}
		ordered := true
		for j := 1; j < len(index[k]); j++ {
			ordered = ordered && index[k][j-1] < index[k][j]
		}
		l.Reps, l.of, l.inOrder = append(l.Reps, r), append(l.of, of), append(l.inOrder, ordered)
	}
	// The zone entries are the truth's: one for every layout with the same
	// zones (all of them, when layouts change only sensors), added once a
	// step.
	for _, r := range l.Reps {
		if reflect.DeepEqual(r.Zones, l.Reps[0].Zones) {
			r.Entries, r.entriesShared = l.Reps[0].Entries, true
		}
	}
	return l, nil
}

// Step advances the world one step; every sensor observes; every
// replication processes its sensors' detections (see Replication.Step).
func (l *Lockstep) Step() error {
	if l.World.Done() {
		return nil
	}
	for _, r := range l.Reps {
		r.release()
	}
	l.World.Step()
	if l.Reps[0].entriesShared {
		l.Reps[0].Entries.Add(l.World)
	}
	l.dets = l.net.Observe(l.World, l.dets[:0])
	// Each detection converted once for every replication that takes it
	// (the conversion computes the plot's point, the azimuth's sine and
	// cosine).
	l.ms = l.ms[:0]
	for i := range l.dets {
		l.ms = append(l.ms, track.FromDetection(&l.dets[i]))
	}
	for k, r := range l.Reps {
		r.Dets = r.Dets[:0]
		share := l.inOrder[k]
		if share {
			r.ms = r.ms[:0]
		}
		for i, d := range l.dets {
			if j := l.of[k][d.Sensor]; j >= 0 {
				d.Sensor = j
				r.Dets = append(r.Dets, d)
				if share {
					m := l.ms[i]
					m.Sensor = j // as FromDetection(&d) gives it
					r.ms = append(r.ms, m)
				}
			}
		}
		// In the order the replication's own network gives them.
		if !share {
			slices.SortStableFunc(r.Dets, func(a, b sensors.Detection) int {
				return cmp.Or(cmp.Compare(a.TimeS, b.TimeS), cmp.Compare(a.Sensor, b.Sensor))
			})
		}
		r.msReady = share
		if err := r.process(); err != nil {
			return err
		}
	}
	return nil
}

// Run steps to the end of the run, checking ctx every few hundred steps.
func (l *Lockstep) Run(ctx context.Context) error {
	for step := 1; !l.World.Done(); step++ {
		if step%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := l.Step(); err != nil {
			return err
		}
	}
	return nil
}
