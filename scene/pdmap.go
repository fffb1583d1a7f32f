package scene

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"sync"

	"github.com/cuasim/cuasim/coverage"
	"github.com/cuasim/cuasim/scenarios"
)

// PdMap is the coverage map the pdmap layer draws: coverage.PlanView of
// the frame's scenario — the same function the report's layouts map calls
// — at the view's altitude over the frame's extent, for the scenario's
// first UAV class, or the one StepClass chose. It is computed off the draw path, on a goroutine of
// its own, when the layout, a sensor's position or the altitude changes;
// until the new map is ready the last one is drawn. Its methods may be
// called from any goroutine.
type PdMap struct {
	mu      sync.Mutex
	want    pdKey // the map last asked for
	ready   pdKey // the map in grid
	grid    *coverage.Grid
	err     error
	running bool
	next    *scenarios.Scenario // the scenario of want, while not started
	idle    *sync.Cond
	class   string // the UAV class mapped, "" the scenario's first
}

// Class returns the UAV class the map is of, "" for the scenario's first.
func (m *PdMap) Class() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.class
}

// StepClass moves the map to the next of the frame's UAV classes (after
// the last, back to the first) and returns its name; the next Grid
// computes the map of that class.
func (m *PdMap) StepClass(f *Frame) string {
	if f.Scenario == nil || len(f.Scenario.UAVTypes) == 0 {
		return ""
	}
	types := f.Scenario.UAVTypes
	m.mu.Lock()
	defer m.mu.Unlock()
	i := slices.IndexFunc(types, func(t scenarios.UAVType) bool { return t.Name == m.class })
	if m.class == "" {
		i = 0
	}
	m.class = types[(i+1)%len(types)].Name
	return m.class
}

// pdKey says which map: the sensors' positions, the altitude, the box and
// the UAV class ("" the scenario's first).
type pdKey struct {
	sensors string
	altM    float64
	box     coverage.Box
	class   string
}

// NewPdMap returns an empty map.
func NewPdMap() *PdMap {
	m := &PdMap{}
	m.idle = sync.NewCond(&m.mu)
	return m
}

// PdMapAltitudeM returns the altitude a view maps: its PdMapAltM, or
// coverage.PlanAltitudeM when that is 0.
func (v *View) PdMapAltitudeM() float64 {
	if v.PdMapAltM > 0 {
		return v.PdMapAltM
	}
	return coverage.PlanAltitudeM
}

// StepPdMapAltitude moves the view's altitude d steps (d < 0: down)
// through coverage.PlanAltitudesM, stopping at either end.
func (v *View) StepPdMapAltitude(d int) {
	alts := coverage.PlanAltitudesM
	cur := v.PdMapAltitudeM()
	i, found := slices.BinarySearch(alts, cur)
	if !found && d > 0 {
		i-- // between two steps: the next up is alts[i]
	}
	v.PdMapAltM = alts[min(max(i+d, 0), len(alts)-1)]
}

// PdMapBox returns the box a frame's map covers: its Extent made square
// about its centre.
func PdMapBox(f *Frame) coverage.Box {
	e0, n0, e1, n1 := f.Extent()
	half := math.Max(e1-e0, n1-n0) / 2
	ce, cn := (e0+e1)/2, (n0+n1)/2
	return coverage.Box{MinEastM: ce - half, MinNorthM: cn - half, MaxEastM: ce + half, MaxNorthM: cn + half}
}

// Grid returns the map of frame f's sensors at altitude altM, or the last
// map made while that one is computed (current false), nil before the
// first; a change of the sensors or the altitude starts its computation.
// err is the last computation's error, if it failed.
func (m *PdMap) Grid(f *Frame, altM float64) (g *coverage.Grid, current bool, err error) {
	if f.Scenario == nil {
		return nil, false, errors.New("no scenario to map")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	k := pdKey{sensors: sensorsKey(f), altM: altM, box: PdMapBox(f), class: m.class}
	if k != m.want {
		m.want = k
		m.startLocked(f.Scenario)
	}
	return m.grid, m.grid != nil && m.ready == k, m.err
}

// Wait blocks until no map is being computed and returns Grid's result.
func (m *PdMap) Wait(f *Frame, altM float64) (*coverage.Grid, error) {
	m.Grid(f, altM)
	m.mu.Lock()
	for m.running {
		m.idle.Wait()
	}
	m.mu.Unlock()
	g, _, err := m.Grid(f, altM)
	return g, err
}

// startLocked starts computing m.want unless a computation is running,
// which starts the one last asked for when it ends. The scenario is copied
// here, on the caller's goroutine: a session moves its sensors in place.
func (m *PdMap) startLocked(sc *scenarios.Scenario) {
	c := *sc
	c.Sensors = slices.Clone(sc.Sensors)
	m.next = &c
	if m.running {
		return
	}
	m.running = true
	go m.run()
}

// run computes the maps asked for until none is left.
func (m *PdMap) run() {
	m.mu.Lock()
	for m.next != nil {
		sc, k := m.next, m.want
		m.next = nil
		m.mu.Unlock()
		g, err := coverage.PlanView(sc, k.class, k.altM, k.box)
		m.mu.Lock()
		if err != nil {
			m.err = err
			continue
		}
		m.grid, m.ready, m.err = g, k, nil
	}
	m.running = false
	m.idle.Broadcast()
	m.mu.Unlock()
}

// sensorsKey names the sensors' layout and positions, to see when they
// change.
func sensorsKey(f *Frame) string {
	b := []byte(f.Layout)
	for i := range f.Sensors {
		o := f.Sensors[i].Coverage.Origin
		b = append(b, ';')
		b = append(b, f.Sensors[i].ID...)
		b = strconv.AppendFloat(append(b, ':'), o.X, 'g', -1, 64)
		b = strconv.AppendFloat(append(b, ','), o.Y, 'g', -1, 64)
	}
	return string(b)
}

// PdMapLine is the pdmap layer's caption: the class, altitude and dwell
// the map shows and its floor's contour; g is the map drawn (nil before
// the first), current false while the one at altM is computed.
func PdMapLine(g *coverage.Grid, altM float64, current bool) Line {
	alt := Quantity("pdmap-altitude", strconv.FormatFloat(altM, 'f', -1, 64)+" m")
	if g == nil {
		return Line{Words("Pd map at "), alt, Words(": computing")}
	}
	l := Line{Words("Pd map: a "), Name(g.Class), Words(" at "), alt,
		Words(" detected within "), Quantity("pdmap-dwell", strconv.FormatFloat(g.DwellS, 'f', -1, 64)+" s"),
		Words("; white line: Pd "), Quantity("pdmap-floor", strconv.FormatFloat(g.FloorPd, 'f', -1, 64))}
	if !current {
		l = append(l, Words(" (computing)"))
	}
	return l
}

// LabelMapLine is the caption of the pdmap layer when it shows where a
// drone is labelled (View.LabelMap), as PdMapLine is of the Pd map.
func LabelMapLine(g *coverage.Grid, altM float64, current bool) Line {
	alt := Quantity("pdmap-altitude", strconv.FormatFloat(altM, 'f', -1, 64)+" m")
	if g == nil {
		return Line{Words("Label map at "), alt, Words(": computing")}
	}
	l := Line{Words("Label map: a "), Name(g.Class), Words(" at "), alt, Words(" labelled within "), Quantity("pdmap-dwell", strconv.FormatFloat(g.DwellS, 'f', -1, 64)+" s"),
		Words("; white line: "), Quantity("pdmap-floor", strconv.FormatFloat(g.FloorPd, 'f', -1, 64))}
	if !current {
		l = append(l, Words(" (computing)"))
	}
	return l
}
