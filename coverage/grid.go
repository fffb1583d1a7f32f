package coverage

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/terrain"
)

// Defaults of Options' fields left zero.
const (
	DefaultDwellS  = 10  // seconds
	DefaultFloorPd = 0.5 // dead-zone floor on the dwell Pd
	DefaultKPd     = 0.9 // a sensor counts toward k-coverage at this dwell Pd
	// DefaultMaxCells is the number of cells along the box's longer side
	// that sets the cell size when Options.CellM is 0.
	DefaultMaxCells = 300
	// maxGridCells bounds rows × columns, so that a slip (--cell 0.01) is
	// an error rather than an exhausted machine.
	maxGridCells = 16_000_000
)

// DefaultAltitudesM are the altitudes mapped when Options.AltitudesM is
// empty: a drone flying low, and the 120 m ceiling of open-category
// drones in many countries.
var DefaultAltitudesM = []float64{30, 120}

// Box is a rectangle of the site, metres east and north of the origin.
type Box struct {
	MinEastM, MinNorthM, MaxEastM, MaxNorthM float64
}

// Options say what a coverage grid maps. Zero values take the defaults.
type Options struct {
	Class      string    // name of a uav_types entry; "" the first
	AltitudesM []float64 // altitudes above the site's ground (with terrain, the datum), metres
	DwellS     float64   // dwell over which looks combine, seconds
	CellM      float64   // cell side, metres; 0 chooses one
	Box        *Box      // area mapped; nil the scenario's extent (DefaultBox)
	FloorPd    float64   // dead zones lie below this dwell Pd
	KPd        float64   // dwell Pd at which a sensor counts toward k
	// Workers is the number of goroutines that compute rows; 0 is
	// GOMAXPROCS. The grid does not depend on it.
	Workers int

	noPrune bool // check every obstacle for every cell (tests)
}

// Sensor is one sensor of the layout as the grid sees it.
type Sensor struct {
	ID                    string
	Radar                 bool    // a radar, else a passive RF detector
	EastM, NorthM, MastM  float64 // the antenna; MastM its height (above the datum, on terrain)
	RevisitS              float64 // time between two looks at a point, s
	BoresightRad, HalfRad float64 // azimuth field of view; HalfRad π all round
}

// Grid is a coverage map: cells of side CellM over Box, Cols east by Rows
// north, at each altitude of Layers. Cell (col, row) is index row·Cols +
// col; its centre is (MinEastM + (col + ½)·CellM, MinNorthM + (row +
// ½)·CellM). Row 0 is the southern edge.
type Grid struct {
	Class      string
	RCSM2      float64
	Swerling   int
	Box        Box
	CellM      float64
	Cols, Rows int
	DwellS     float64
	FloorPd    float64
	KPd        float64
	Sensors    []Sensor
	Layers     []Layer
}

// Layer is the grid at one altitude.
type Layer struct {
	AltitudeM float64
	LookPd    [][]float64 // [sensor][cell]: per-look Pd
	DwellPd   [][]float64 // [sensor][cell]: Pd within the dwell
	Pd        []float64   // [cell]: at least one sensor within the dwell
	K         []int       // [cell]: sensors whose dwell Pd reaches KPd
	// Solid marks the cells whose centre lies inside a building below its
	// roof, or below the ground on a site with terrain, where no drone
	// flies: their Pd is 0, and they belong to no dead zone and to no share
	// of the area.
	Solid     []bool
	DeadZones []DeadZone // areas under FloorPd, largest first
	Zone      []int      // [cell]: the index in DeadZones of the cell's zone, or −1
}

// Center returns the centre of cell i, metres east and north.
func (g *Grid) Center(i int) (eastM, northM float64) {
	col, row := i%g.Cols, i/g.Cols
	return g.Box.MinEastM + (float64(col)+0.5)*g.CellM, g.Box.MinNorthM + (float64(row)+0.5)*g.CellM
}

// looker is one sensor's per-look Pd at a point, line of sight checked
// against the obstacles of site.
type looker func(site *sim.Site, p r3.Vec) float64

// pruneCols is the number of cells of a row whose line of sight to a
// sensor is checked against one pruned set of obstacles.
const pruneCols = 16

// New computes the coverage grid of a scenario's sensors (its layout as
// applied) for the options' class, altitudes and dwell.
func New(sc *scenarios.Scenario, o Options) (*Grid, error) {
	typ, err := class(sc, o.Class)
	if err != nil {
		return nil, err
	}
	g := &Grid{
		Class: typ.Name, RCSM2: typ.RCS.MeanM2, Swerling: typ.RCS.Swerling,
		DwellS: orDefault(o.DwellS, DefaultDwellS), FloorPd: orDefault(o.FloorPd, DefaultFloorPd), KPd: orDefault(o.KPd, DefaultKPd),
	}
	if err := checkOptions(g, o); err != nil {
		return nil, err
	}
	box := DefaultBox(sc)
	if o.Box != nil {
		box = *o.Box
	}
	if !(box.MaxEastM > box.MinEastM && box.MaxNorthM > box.MinNorthM) {
		return nil, fmt.Errorf("coverage box %g,%g,%g,%g: expected min_east < max_east and min_north < max_north", box.MinEastM, box.MinNorthM, box.MaxEastM, box.MaxNorthM)
	}
	g.CellM = o.CellM
	if g.CellM == 0 {
		g.CellM = niceCeil(max(box.MaxEastM-box.MinEastM, box.MaxNorthM-box.MinNorthM) / DefaultMaxCells)
	}
	g.Cols = int(math.Ceil((box.MaxEastM-box.MinEastM)/g.CellM - 1e-9))
	g.Rows = int(math.Ceil((box.MaxNorthM-box.MinNorthM)/g.CellM - 1e-9))
	if float64(g.Cols)*float64(g.Rows) > maxGridCells {
		return nil, fmt.Errorf("coverage grid of %d × %d cells of %g m: expected at most %d cells; give a larger cell or a smaller box", g.Cols, g.Rows, g.CellM, maxGridCells)
	}
	g.Box = Box{box.MinEastM, box.MinNorthM, box.MinEastM + float64(g.Cols)*g.CellM, box.MinNorthM + float64(g.Rows)*g.CellM}

	net, site, err := network(sc)
	if err != nil {
		return nil, err
	}
	links := classLinks(typ)
	model := sensors.Swerling(typ.RCS.Swerling)
	lookers := make([]looker, len(net.Sensors))
	for i, sn := range net.Sensors {
		g.Sensors = append(g.Sensors, gridSensor(sn))
		switch v := sn.(type) {
		case *sensors.Radar:
			v.Pd(model, g.RCSM2, v.MaxRangeM()) // builds the Pd curve before the goroutines share it
			lookers[i] = func(site *sim.Site, p r3.Vec) float64 { return v.LookPdOn(site, p, g.RCSM2, model) }
		case *sensors.RF:
			lookers[i] = func(site *sim.Site, p r3.Vec) float64 { return v.LookPdOn(site, p, links) }
		default:
			return nil, fmt.Errorf("coverage: sensor %s: a %T has no coverage model", sn.ID(), sn)
		}
	}

	alts := o.AltitudesM
	if len(alts) == 0 {
		alts = DefaultAltitudesM
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	for _, alt := range alts {
		g.Layers = append(g.Layers, g.layer(alt, lookers, &site, workers, o.noPrune))
	}
	return g, nil
}

// layer computes the grid at one altitude, rows shared among workers.
func (g *Grid) layer(altM float64, lookers []looker, site *sim.Site, workers int, noPrune bool) Layer {
	obstacles := site.Obstacles
	n := g.Cols * g.Rows
	l := Layer{AltitudeM: altM, Pd: make([]float64, n), K: make([]int, n), Solid: make([]bool, n)}
	l.LookPd = make([][]float64, len(lookers))
	l.DwellPd = make([][]float64, len(lookers))
	for s := range lookers {
		l.LookPd[s] = make([]float64, n)
		l.DwellPd[s] = make([]float64, n)
	}
	boxes := make([]Box, len(obstacles))
	for k := range obstacles {
		b := Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for _, q := range obstacles[k].Footprint {
			b = Box{min(b.MinEastM, q.X), min(b.MinNorthM, q.Y), max(b.MaxEastM, q.X), max(b.MaxNorthM, q.Y)}
		}
		boxes[k] = b
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, g.Rows) {
		wg.Go(func() {
			rw := rowWork{lookers: lookers, obstacles: obstacles, boxes: boxes, noPrune: noPrune, ground: site.Terrain}
			for row := int(next.Add(1) - 1); row < g.Rows; row = int(next.Add(1) - 1) {
				g.row(&l, row, &rw)
			}
		})
	}
	wg.Wait()
	l.DeadZones, l.Zone = deadZones(g, l.Pd, l.Solid)
	return l
}

// rowWork is what a worker needs to compute rows: the sensors, the
// obstacles with their footprints' bounding boxes, and the pruned site
// each sensor's line of sight is checked against.
type rowWork struct {
	lookers   []looker
	obstacles []sim.Obstacle
	boxes     []Box
	noPrune   bool
	ground    *terrain.Grid // nil on flat ground
	site      sim.Site
	look      []float64 // [sensor·pruneCols + col in the chunk]
}

// row computes one row of a layer: each cell's numbers depend on the cell
// alone, so the order rows are computed in does not matter.
//
// The line of sight from a sensor to the cells of a chunk of pruneCols
// cells is checked against the obstacles that can stand in the way: a
// segment from the antenna to a cell lies in the bounding box of the
// antenna and the chunk, and an obstacle blocks it only where the segment
// runs below the roof, so obstacles whose footprint's box misses that box,
// or no higher than the lower of the antenna and the altitude, are set
// aside. Obstacle.Blocks rejects exactly these by the same two tests, so
// pruning changes no value (TestPruningChangesNothing).
func (g *Grid) row(l *Layer, row int, w *rowWork) {
	ns := len(w.lookers)
	if len(w.look) < ns*pruneCols {
		w.look = make([]float64, ns*pruneCols)
	}
	south := g.Box.MinNorthM + float64(row)*g.CellM
	for c0 := 0; c0 < g.Cols; c0 += pruneCols {
		c1 := min(c0+pruneCols, g.Cols)
		west := g.Box.MinEastM + float64(c0)*g.CellM
		east := g.Box.MinEastM + float64(c1)*g.CellM
		for s, look := range w.lookers {
			sn := &g.Sensors[s]
			site := &w.site
			if w.noPrune {
				site.Obstacles = w.obstacles
			} else {
				b := Box{min(sn.EastM, west), min(sn.NorthM, south), max(sn.EastM, east), max(sn.NorthM, south+g.CellM)}
				low := min(sn.MastM, l.AltitudeM)
				site.Obstacles = site.Obstacles[:0]
				for k := range w.obstacles {
					ob := &w.boxes[k]
					if w.obstacles[k].HeightM > low && ob.MaxEastM >= b.MinEastM && ob.MinEastM <= b.MaxEastM &&
						ob.MaxNorthM >= b.MinNorthM && ob.MinNorthM <= b.MaxNorthM {
						site.Obstacles = append(site.Obstacles, w.obstacles[k])
					}
				}
			}
			for col := c0; col < c1; col++ {
				e, n := g.Center(row*g.Cols + col)
				w.look[s*pruneCols+col-c0] = look(site, r3.Vec{X: e, Y: n, Z: l.AltitudeM})
			}
			if w.noPrune {
				site.Obstacles = nil
			}
		}
		for col := c0; col < c1; col++ {
			i := row*g.Cols + col
			e, n := g.Center(i)
			p := r3.Vec{X: e, Y: n, Z: l.AltitudeM}
			for k := range w.obstacles {
				if p.Z < w.obstacles[k].HeightM && w.obstacles[k].Contains(p) {
					l.Solid[i] = true
				}
			}
			if w.ground != nil && p.Z < w.ground.HeightM(p.X, p.Y) {
				l.Solid[i] = true
			}
			miss, k := 1.0, 0
			for s := range w.lookers {
				pl := w.look[s*pruneCols+col-c0]
				pd := DwellPd(pl, g.DwellS, g.Sensors[s].RevisitS)
				l.LookPd[s][i], l.DwellPd[s][i] = pl, pd
				miss *= 1 - pd
				if pd >= g.KPd {
					k++
				}
			}
			l.Pd[i], l.K[i] = 1-miss, k
		}
	}
}

// DwellPd returns the probability of at least one detection in a dwell of
// dwellS seconds by a sensor that looks every revisitS seconds with
// per-look Pd p, looks independent and the dwell's phase uniform: with
// dwellS/revisitS = m + f, 1 − (1 − p)^m·(1 − f·p).
func DwellPd(p, dwellS, revisitS float64) float64 {
	if p <= 0 {
		return 0
	}
	x := dwellS / revisitS
	m := math.Floor(x)
	f := x - m
	return 1 - math.Pow(1-p, m)*(1-f*p)
}

// class returns the scenario's UAV type of the given name, or its first.
func class(sc *scenarios.Scenario, name string) (*scenarios.UAVType, error) {
	if len(sc.UAVTypes) == 0 {
		return nil, errors.New("coverage: the scenario has no uav_types to map")
	}
	if name == "" {
		return &sc.UAVTypes[0], nil
	}
	var names []string
	for i := range sc.UAVTypes {
		if sc.UAVTypes[i].Name == name {
			return &sc.UAVTypes[i], nil
		}
		names = append(names, sc.UAVTypes[i].Name)
	}
	return nil, fmt.Errorf("no uav_types entry %q; the scenario's are %s", name, strings.Join(names, ", "))
}

func checkOptions(g *Grid, o Options) error {
	switch {
	case !(g.DwellS > 0) || math.IsInf(g.DwellS, 0):
		return fmt.Errorf("coverage: dwell %g s: expected a duration > 0", o.DwellS)
	case !(o.CellM >= 0) || math.IsInf(o.CellM, 0):
		return fmt.Errorf("coverage: cell %g m: expected a size > 0", o.CellM)
	case !(g.FloorPd > 0 && g.FloorPd <= 1):
		return fmt.Errorf("coverage: Pd floor %g: expected a probability in (0, 1]", o.FloorPd)
	case !(g.KPd > 0 && g.KPd <= 1):
		return fmt.Errorf("coverage: k-coverage Pd %g: expected a probability in (0, 1]", o.KPd)
	}
	for _, a := range o.AltitudesM {
		if !(a >= 0 && a <= 20000) {
			return fmt.Errorf("coverage: altitude %g m: expected 0 to 20000 m above ground", a)
		}
	}
	return nil
}

func orDefault(x, d float64) float64 {
	if x == 0 {
		return d
	}
	return x
}

// niceCeil returns the least of 1, 2, 2.5, 5 times a power of ten that is
// at least x (x > 0), for a cell size a reader can count with.
func niceCeil(x float64) float64 {
	if !(x > 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= x*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}
