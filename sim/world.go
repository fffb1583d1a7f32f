package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/scenarios"
)

// maxEntities bounds what a scenario's generators may create, so that a
// typing slip (rate_per_h: 1e6) is an error rather than an exhausted
// machine. The loader refuses a scenario whose expected count exceeds it
// (scenarios.MaxEntities); this catches a Poisson draw that does, and a
// scenario changed after loading.
const maxEntities = scenarios.MaxEntities

// World is the simulated world at one instant: the site, every entity, and
// the clock. Step advances it by one time step. A World is not safe for
// concurrent use; run one World per goroutine.
type World struct {
	Site      Site
	Entities  []Entity // every entity of the run, active or not; index = ID
	StepS     float64  // time step, s
	DurationS float64  // run length, s
	Seed      uint64   // master seed

	step   int // steps taken
	movers []mover
	active []int
}

// New builds the world a scenario describes, with every entity that its
// scripted flights, random generators and bird populations will create,
// positioned at time 0. The scenario's Run section gives the step, duration
// and seed.
func New(sc *scenarios.Scenario) (*World, error) {
	w := &World{StepS: sc.Run.StepS, DurationS: sc.Run.DurationS, Seed: sc.Run.Seed}
	w.Site = NewSite(sc)
	for _, tr := range sc.Traffic {
		if err := w.addTraffic(sc, tr); err != nil {
			return nil, err
		}
	}
	for _, b := range sc.Birds {
		if err := w.addBirds(b); err != nil {
			return nil, err
		}
	}
	for _, m := range w.movers {
		m.advance(w.Entities, 0, w.StepS)
	}
	w.collectActive()
	return w, nil
}

// TimeS returns the current simulation time in seconds.
func (w *World) TimeS() float64 { return float64(w.step) * w.StepS }

// Done reports whether the run's duration has been simulated.
func (w *World) Done() bool { return w.TimeS() >= w.DurationS-1e-9*w.StepS }

// Step advances the world by one time step.
func (w *World) Step() {
	w.step++
	t := w.TimeS()
	for _, m := range w.movers {
		m.advance(w.Entities, t, w.StepS)
	}
	w.collectActive()
}

// Active returns the IDs of the entities present now, in ID order. The slice
// is reused by the next Step.
func (w *World) Active() []int { return w.active }

func (w *World) collectActive() {
	w.active = w.active[:0]
	for i := range w.Entities {
		if w.Entities[i].Active {
			w.active = append(w.active, i)
		}
	}
}

func (w *World) addEntity(e Entity) (int, error) {
	if len(w.Entities) >= maxEntities {
		return 0, fmt.Errorf("%s: the scenario would create more than %d entities; lower its rates or counts", e.Source, maxEntities)
	}
	e.ID = len(w.Entities)
	e.EndS = math.Inf(1)
	w.Entities = append(w.Entities, e)
	return e.ID, nil
}

// plan is one drone's flight, or a group's before it is split into its
// members: when it appears, where, and its legs.
type plan struct {
	name   string
	startS float64
	from   r3.Vec
	legs   []leg
}

// addTraffic adds the drones of one traffic entry.
func (w *World) addTraffic(sc *scenarios.Scenario, tr scenarios.Traffic) error {
	typ := sc.UAVType(tr.Type)
	sig := Signature{RCSM2: typ.RCS.MeanM2, Swerling: typ.RCS.Swerling, RFSilent: typ.RFSilent}
	for _, l := range typ.RFLinks {
		sig.Links = append(sig.Links, Link{Name: l.Name, FrequencyHz: l.FrequencyHz, EIRPdBm: l.EIRPdBm, BandwidthHz: l.BandwidthHz, DutyCycle: l.DutyCycle})
	}
	lim := Limits{TurnRateRadS: geo.Rad(typ.TurnRateDegS), ClimbMPS: typ.ClimbMPS, AccelMPS2: typ.AccelMPS2, MaxMPS: typ.MaxMPS}
	add := func(p plan, group string) error {
		id, err := w.addEntity(Entity{Name: p.name, Kind: Drone, Type: typ.Name, Source: tr.Name, Group: group, Signature: sig, StartS: p.startS})
		if err != nil {
			return err
		}
		for i := range p.legs {
			p.legs[i].speedMPS = math.Min(p.legs[i].speedMPS, lim.MaxMPS)
		}
		w.movers = append(w.movers, &planFollower{id: id, startS: p.startS, from: p.from, legs: p.legs, lim: lim})
		return nil
	}
	plans, err := w.plans(sc, tr, typ)
	if err != nil {
		return err
	}
	for _, p := range plans {
		if tr.Group == nil {
			if err := add(p, ""); err != nil {
				return err
			}
			continue
		}
		for _, m := range w.members(tr.Group, p) {
			if err := add(m, p.name); err != nil {
				return err
			}
		}
	}
	return nil
}

// plans returns the flights of one traffic entry: its scripted flight, or
// one for each arrival of its generator.
func (w *World) plans(sc *scenarios.Scenario, tr scenarios.Traffic, typ *scenarios.UAVType) ([]plan, error) {
	speedOr := func(v float64) float64 {
		if v > 0 {
			return v
		}
		return typ.CruiseMPS
	}

	if f := tr.Flight; f != nil {
		legs := make([]leg, len(f.Legs))
		for i, l := range f.Legs {
			switch {
			case l.Goto != nil:
				legs[i] = leg{kind: legGoto, to: at(l.Goto.To, l.Goto.AltM), speedMPS: speedOr(l.Goto.SpeedMPS)}
			case l.Orbit != nil:
				o := l.Orbit
				legs[i] = leg{kind: legOrbit, to: at(o.Center, o.AltM), speedMPS: speedOr(o.SpeedMPS), radiusM: o.RadiusM, clockwise: o.Direction == "cw", durationS: o.DurationS}
			default:
				legs[i] = leg{kind: legHover, durationS: l.Hover.DurationS}
			}
		}
		return []plan{{name: tr.Name, startS: f.StartS, from: at(f.From, f.FromAltM), legs: legs}}, nil
	}

	// A random generator: arrival times from the entry's stream, then each
	// drone's parameters from a stream of its own, so that a drone's path
	// depends only on its place in the order of arrivals, not on how many
	// others the run's length admits.
	arrivalStream := Stream(w.Seed, "traffic/"+tr.Name)
	var win scenarios.Window
	switch {
	case tr.Inbound != nil:
		win = tr.Inbound.Window
	case tr.Transit != nil:
		win = tr.Transit.Window
	case tr.Loiter != nil:
		win = tr.Loiter.Window
	default:
		win = tr.Shadow.Window
	}
	times, err := arrivals(arrivalStream, win, w.DurationS, tr.Name)
	if err != nil {
		return nil, err
	}
	var plans []plan
	for k, t := range times {
		name := fmt.Sprintf("%s-%d", tr.Name, k+1)
		r := Stream(w.Seed, "traffic/"+name)
		var from r3.Vec
		var legs []leg
		switch {
		case tr.Inbound != nil:
			in := tr.Inbound
			target := targetPoint(sc, in.Target)
			bearing := drawBearing(r, in.BearingDeg)
			alt := uniform(r, in.AltM)
			speed := drawSpeed(r, in.SpeedMPS, typ.CruiseMPS)
			from = offset(target, bearing, in.StartRangeM, alt)
			legs = append(legs, leg{kind: legGoto, to: at(target, alt), speedMPS: speed})
			if in.LoiterS > 0 {
				legs = append(legs, leg{kind: legOrbit, to: at(target, alt), speedMPS: speed, radiusM: in.LoiterRadiusM, clockwise: r.IntN(2) == 0, durationS: in.LoiterS})
			}
			legs = append(legs, leg{kind: legGoto, to: from, speedMPS: speed})
		case tr.Transit != nil:
			tt := tr.Transit
			a1, a2 := 2*math.Pi*r.Float64(), 2*math.Pi*r.Float64()
			alt := uniform(r, tt.AltM)
			speed := drawSpeed(r, tt.SpeedMPS, typ.CruiseMPS)
			from = offset(tt.Area.Center, a1, tt.Area.RadiusM, alt)
			legs = []leg{{kind: legGoto, to: offset(tt.Area.Center, a2, tt.Area.RadiusM, alt), speedMPS: speed}}
		case tr.Shadow != nil:
			sh := tr.Shadow
			route := sc.ConvoyRoute(sh.Convoy)
			bearing := 2 * math.Pi * r.Float64()
			alt := uniform(r, sh.AltM)
			speed := drawSpeed(r, sh.SpeedMPS, typ.CruiseMPS)
			radius, dur := uniform(r, sh.OrbitRadiusM), uniform(r, sh.DurationS)
			cw := r.IntN(2) == 0
			from = offset(route.CentreAt(t), bearing, sh.StartRangeM, alt)
			legs = []leg{
				{kind: legOrbit, to: r3.Vec{Z: alt}, route: route, speedMPS: speed, radiusM: radius, clockwise: cw, durationS: dur},
				// Home at cruise speed at least: the convoy has taken it
				// far from where it came from.
				{kind: legGoto, to: from, speedMPS: math.Max(speed, typ.CruiseMPS)},
			}
		default:
			lo := tr.Loiter
			target := targetPoint(sc, lo.Target)
			bearing := 2 * math.Pi * r.Float64()
			alt := uniform(r, lo.AltM)
			speed := drawSpeed(r, lo.SpeedMPS, typ.CruiseMPS)
			standoff, side := uniform(r, lo.StandoffM), 2*math.Pi*r.Float64()
			radius, dur := uniform(r, lo.OrbitRadiusM), uniform(r, lo.DurationS)
			cw := r.IntN(2) == 0
			from = offset(target, bearing, lo.StartRangeM, alt)
			legs = []leg{
				{kind: legOrbit, to: offset(target, side, standoff, alt), speedMPS: speed, radiusM: radius, clockwise: cw, durationS: dur},
				{kind: legGoto, to: from, speedMPS: speed},
			}
		}
		plans = append(plans, plan{name: name, startS: t, from: from, legs: legs})
	}
	return plans, nil
}

// addBirds adds the flocks of one birds entry.
func (w *World) addBirds(b scenarios.Birds) error {
	r := Stream(w.Seed, "birds/"+b.Name)
	type visit struct{ start, end float64 }
	var visits []visit
	for range b.Flocks {
		visits = append(visits, visit{0, math.Inf(1)})
	}
	if b.SpawnPerH > 0 {
		times, err := arrivals(r, scenarios.Window{RatePerH: b.SpawnPerH}, w.DurationS, b.Name)
		if err != nil {
			return err
		}
		for _, t := range times {
			visits = append(visits, visit{t, t + b.DwellS*r.ExpFloat64()})
		}
	}
	area := at(b.Area.Center, 0)
	for k, v := range visits {
		fr := Stream(w.Seed, fmt.Sprintf("birds/%s/%d", b.Name, k+1))
		rho, phi := b.Area.RadiusM*math.Sqrt(fr.Float64()), 2*math.Pi*fr.Float64()
		f := &flock{
			startS: v.start, endS: v.end, r: fr,
			center:      offset(b.Area.Center, phi, rho, b.AltitudeM),
			area:        area,
			areaRadiusM: b.Area.RadiusM,
			heading:     2 * math.Pi * fr.Float64(),
			meanSpeed:   b.SpeedMPS,
			meanAlt:     b.AltitudeM,
			speed:       ou{sigma: b.SpeedStdMPS, tau: b.CorrelationS},
			alt:         ou{sigma: b.AltStdM, tau: b.CorrelationS},
			turn:        ou{sigma: geo.Rad(b.TurnStdDegS), tau: b.CorrelationS},
		}
		for j := range b.FlockSize {
			rcs := b.RCS.MedianM2 * math.Pow(10, b.RCS.SpreadDB*fr.NormFloat64()/10)
			id, err := w.addEntity(Entity{
				Name: fmt.Sprintf("%s-%d.%d", b.Name, k+1, j+1), Kind: Bird, Type: b.Name, Source: b.Name,
				Signature: Signature{RCSM2: rcs, Swerling: b.RCS.Swerling},
				StartS:    v.start,
			})
			if err != nil {
				return err
			}
			w.Entities[id].EndS = v.end
			f.ids = append(f.ids, id)
			f.offsets = append(f.offsets, r3.Vec{X: b.SpreadM * fr.NormFloat64(), Y: b.SpreadM * fr.NormFloat64(), Z: b.SpreadM / 3 * fr.NormFloat64()})
		}
		w.movers = append(w.movers, f)
	}
	return nil
}

// arrivals draws the arrival times of a generator over its window: a Poisson
// process at rate_per_h, or count times drawn uniformly and sorted. A Poisson
// generator's first arrivals do not depend on the run's length; a count
// generator spreads its count over the window, so they do.
func arrivals(r *rand.Rand, win scenarios.Window, durationS float64, name string) ([]float64, error) {
	end := durationS
	if win.EndS > 0 {
		end = math.Min(end, win.EndS)
	}
	if win.Count > 0 {
		if win.Count > maxEntities {
			return nil, fmt.Errorf("%s: count %d exceeds %d", name, win.Count, maxEntities)
		}
		ts := make([]float64, win.Count)
		for i := range ts {
			ts[i] = win.StartS + (end-win.StartS)*r.Float64()
		}
		slices.Sort(ts)
		return ts, nil
	}
	if expected := win.RatePerH * (end - win.StartS) / 3600; expected > maxEntities {
		return nil, fmt.Errorf("%s: rate_per_h %g would make about %.0f arrivals, more than %d", name, win.RatePerH, expected, maxEntities)
	}
	var ts []float64
	for t := win.StartS + r.ExpFloat64()*3600/win.RatePerH; t < end; t += r.ExpFloat64() * 3600 / win.RatePerH {
		ts = append(ts, t)
	}
	return ts, nil
}

func targetPoint(sc *scenarios.Scenario, t scenarios.Target) scenarios.Point {
	if t.Point != nil {
		return *t.Point
	}
	return sc.Zone(t.Zone).Center()
}

// drawBearing draws a compass bearing in radians, uniformly over a sector
// that may wrap through north, or all round.
func drawBearing(r *rand.Rand, b *scenarios.Bearings) float64 {
	if b == nil {
		return 2 * math.Pi * r.Float64()
	}
	width := math.Mod(b.Max-b.Min+360, 360)
	if width == 0 {
		width = 360
	}
	return geo.WrapTwoPi(geo.Rad(b.Min + width*r.Float64()))
}

func drawSpeed(r *rand.Rand, b *scenarios.Band, cruise float64) float64 {
	if b == nil {
		return cruise
	}
	return uniform(r, *b)
}

func uniform(r *rand.Rand, b scenarios.Band) float64 { return b.Min + (b.Max-b.Min)*r.Float64() }

// at places a horizontal point at an altitude.
func at(p scenarios.Point, altM float64) r3.Vec { return r3.Vec{X: p.EastM, Y: p.NorthM, Z: altM} }

// offset returns the point dist metres from p along a compass bearing (radians), at altM.
func offset(p scenarios.Point, bearing, dist, altM float64) r3.Vec {
	return r3.Vec{X: p.EastM + dist*math.Sin(bearing), Y: p.NorthM + dist*math.Cos(bearing), Z: altM}
}

func points(ps []scenarios.Point) []r3.Vec {
	out := make([]r3.Vec, len(ps))
	for i, p := range ps {
		out[i] = r3.Vec{X: p.EastM, Y: p.NorthM}
	}
	return out
}
