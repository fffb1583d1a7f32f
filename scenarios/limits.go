package scenarios

import (
	"fmt"
	"math"
)

// Limits on what one scenario may ask of the simulator. Each guards against
// a run that would look hung or exhaust memory because of a slip (step_s:
// 1e-9, rate_per_h: 1e9, pfa: 0.1 with a 1 cm range resolution), and each
// is far above what the built-in scenarios need for a week of simulated
// time. They are checked when a scenario is loaded, and again by
// CheckBudget after a caller changes the run (cuasim run --duration).
const (
	// MaxDurationS bounds run.duration_s, seconds: a week (the check tag
	// of Run.DurationS, which TestMaxDurationS holds to it).
	MaxDurationS = 604800
	// MaxFileBytes bounds the size of a scenario file.
	MaxFileBytes = 4 << 20
	// MaxCoordinateM bounds a point's distance east or north of the
	// origin, metres.
	MaxCoordinateM = 200_000
	// MaxDecodedValues bounds the values a file may expand to through
	// YAML aliases (a list of aliases to lists of aliases grows
	// geometrically).
	MaxDecodedValues = 1_000_000
	// MaxPolygonPoints bounds the corners of one zone or obstacle polygon;
	// the simple-polygon check costs their square.
	MaxPolygonPoints = 1000
	// MinStepS is the smallest time step, seconds.
	MinStepS = 0.001
	// MinRecordIntervalS is the smallest interval between truth.csv rows.
	MinRecordIntervalS = 0.001
	// MaxSteps bounds duration_s / step_s.
	MaxSteps = 10_000_000
	// MaxEntities bounds the expected number of drones and birds.
	MaxEntities = 200_000
	// MaxSensorEntities bounds sensors × expected entities: each sensor
	// keeps a random stream and state for every entity of the run.
	MaxSensorEntities = 10_000_000
	// MaxEntitySteps bounds the expected number of (entity present, step)
	// pairs: the work of moving the world and of every sensor's looks.
	MaxEntitySteps = 2e9
	// MaxDetections bounds an upper estimate of the expected detections:
	// every look of every sensor at every entity present, plus the
	// expected false alarms.
	MaxDetections = 2e8
	// MaxTruthRows bounds the expected rows of truth.csv.
	MaxTruthRows = 1e8
)

// limitDoc is one limit as the reference documents it.
type limitDoc struct{ what, limit, why string }

// limitDocs are the limits, with their reasons, for the reference.
var limitDocs = []limitDoc{
	{"scenario file size", "4 MiB", "the loader holds the whole YAML tree in memory; a scenario of hundreds of sensors and zones is a few hundred kB"},
	{"values after YAML aliases are expanded", "1 000 000", "aliases to lists of aliases grow geometrically: a few kB of file could otherwise stand for billions of values"},
	{"a point's distance east or north of the origin", "200 km", "the site is a flat plane: 200 km out the earth curves 3 km below it, and the radio horizon of a 1000 m mast is 130 km"},
	{"corners of one polygon (`polygon`, `footprint`), points of one road", "1 000", "the check that a polygon does not cross itself costs the square of its corners; a road's points are searched at every step of a convoy"},
	{"`run.step_s`", "at least 0.001 s", "the finest revisit the sensors model is a 1000 Hz staring radar (1 ms); a smaller step only multiplies the work"},
	{"`run.record_interval_s`", "at least 0.001 s", "as `step_s`; truth.csv is never written more often than every step"},
	{"steps (`duration_s / step_s`)", "10 000 000", "a week at the default 0.1 s step is 6 048 000 steps; every step costs microseconds per entity and sensor"},
	{"expected drones and birds", "200 000", "every entity of the run is created before it starts, with a random stream and a slot in each sensor; counted from `count`, `rate_per_h` × window, `flocks` and `spawn_rate_per_h`, times `flock_size` or a group's `size`"},
	{"sensors × expected drones and birds", "10 000 000", "each sensor keeps a random stream and its state for every entity of the run, about 50 bytes each: half a gigabyte at this limit"},
	{"expected entity-steps (entities present × steps)", "2 000 000 000", "the world moves, and every sensor looks at, every entity present at every step: the airport's hour is 735 000 entity-steps and takes about 0.4 s with tracking and output, so this limit is about 20 minutes of computing on one core (more where entities crowd the tracker)"},
	{"expected detections", "200 000 000", "an upper estimate (every look of every sensor at every entity present, plus the expected false alarms: `pfa` × resolution cells × scans for a radar, `false_alarm_rate_per_h` for an RF sensor); the tracker handles each, and detections.csv takes about 150 bytes per row"},
	{"expected truth.csv rows", "100 000 000", "about 8 GB of truth.csv: a `record_interval_s` far below a second over a long run"},
}

// Budget is what a run of a scenario will cost, estimated from its
// settings before it starts. Counts of random traffic are expected values;
// presence and detections are upper estimates (a drone is counted present
// from its arrival until its flight plan could at the slowest be flown or
// the run ends, and every look of a sensor at it as a detection).
type Budget struct {
	Steps          float64 // duration_s / step_s
	Entities       float64 // expected drones and birds created
	SensorEntities float64 // sensors × Entities: per-entity state the sensors keep
	EntitySeconds  float64 // expected entity presence, entity-seconds
	EntitySteps    float64 // EntitySeconds / step_s
	Detections     float64 // detections, true and false, of every sensor
	TruthRows      float64 // rows of truth.csv
}

// costs is a Budget with, for each count, the entry that contributes most,
// so that an error can point at it.
type costs struct {
	Budget
	entitiesAt, detectionsAt string
	entitiesMost, detMost    float64
	detWhy                   string
}

// Budget estimates what a run of the scenario, with its current run
// settings, will cost.
func (s *Scenario) Budget() Budget { return s.costs().Budget }

func (s *Scenario) costs() costs {
	var c costs
	d := s.Run.DurationS
	c.Steps = d / s.Run.StepS
	// Entities and their presence, with the emitters' links for RF looks.
	var linkSeconds float64
	addEntities := func(path string, n, seconds, links float64) {
		c.Entities += n
		c.EntitySeconds += seconds
		linkSeconds += seconds * links
		if n > c.entitiesMost {
			c.entitiesMost, c.entitiesAt = n, path
		}
	}
	for i := range s.Traffic {
		t := &s.Traffic[i]
		path := fmt.Sprintf("traffic[%d]", i)
		links := 0.0
		if typ := s.UAVType(t.Type); typ != nil {
			links = float64(len(typ.RFLinks))
		}
		members := 1.0 // drones per flight or arrival
		if t.Group != nil {
			members = float64(t.Group.Size)
		}
		if t.Flight != nil {
			addEntities(path, members, members*math.Max(0, math.Min(d-t.Flight.StartS, s.flightTimeS(t))), links)
			continue
		}
		w := t.window()
		end := d
		if w.EndS > 0 {
			end = math.Min(end, w.EndS)
		}
		n := float64(w.Count)
		if w.RatePerH > 0 {
			n = w.RatePerH * math.Max(0, end-w.StartS) / 3600
			path += ".rate_per_h"
		} else {
			path += ".count"
		}
		// A drone arriving at t ≥ start stays at most its flight time and
		// at most d − start.
		stay := math.Max(0, math.Min(s.flightTimeS(t), d-w.StartS))
		addEntities(path, n*members, n*members*stay, links)
	}
	for i := range s.Birds {
		b := &s.Birds[i]
		path := fmt.Sprintf("birds[%d]", i)
		size := float64(b.FlockSize)
		spawned := b.SpawnPerH * d / 3600
		addEntities(path, (float64(b.Flocks)+spawned)*size, (float64(b.Flocks)*d+spawned*math.Min(b.DwellS, d))*size, 0)
	}
	c.SensorEntities = float64(len(s.Sensors)) * c.Entities
	c.EntitySteps = c.EntitySeconds / s.Run.StepS
	c.TruthRows = c.Entities + c.EntitySeconds/math.Max(s.Run.RecordS, s.Run.StepS)

	for i := range s.Sensors {
		sn := &s.Sensors[i]
		var looks, falseAlarms float64
		why := "looks at every entity present"
		switch {
		case sn.Radar != nil:
			r := sn.Radar
			rate := 0.0 // looks per second at one target, and scans per second
			switch sc := r.Scan; {
			case sc.Rotating != nil:
				rate = 1 / sc.Rotating.PeriodS
			case sc.Sector != nil:
				rate = 1 / sc.Sector.PeriodS
			case sc.Staring != nil:
				rate = sc.Staring.UpdateHz
			}
			looks = c.EntitySeconds * rate
			falseAlarms = r.Pfa * r.ResolutionCells() * rate * d
			if falseAlarms > looks {
				why = "false alarms: pfa × resolution cells × scans"
			}
		case sn.RF != nil:
			looks = linkSeconds / sn.RF.UpdateS
			falseAlarms = sn.RF.FalseAlarmsPerH * d / 3600
			if falseAlarms > looks {
				why = "false alarms: false_alarm_rate_per_h"
			}
		}
		n := looks + falseAlarms
		c.Detections += n
		if n > c.detMost {
			c.detMost, c.detectionsAt, c.detWhy = n, fmt.Sprintf("sensors[%d]", i), why
		}
	}
	return c
}

// window returns a generator's arrival window.
func (t *Traffic) window() Window {
	switch {
	case t.Inbound != nil:
		return t.Inbound.Window
	case t.Transit != nil:
		return t.Transit.Window
	case t.Loiter != nil:
		return t.Loiter.Window
	case t.Shadow != nil:
		return t.Shadow.Window
	}
	return Window{}
}

// flightMargin is how much longer than its path at its slowest speed a
// drone may take to fly it: turning and climbing slow it down, and the
// budget allows for it generously.
const flightMargin = 1.5

// flightTimeS bounds how long one drone of a traffic entry flies: its
// whole path at its slowest speed, plus its orbits and hovers.
func (s *Scenario) flightTimeS(t *Traffic) float64 {
	typ := s.UAVType(t.Type)
	if typ == nil {
		return 0
	}
	slowest := func(b *Band) float64 {
		if b != nil && b.Min > 0 {
			return math.Min(b.Min, typ.MaxMPS)
		}
		return typ.CruiseMPS
	}
	const margin = flightMargin
	switch {
	case t.Flight != nil:
		f := t.Flight
		pos, alt, total := f.From, f.FromAltM, 0.0
		for _, l := range f.Legs {
			switch {
			case l.Goto != nil:
				v := typ.CruiseMPS
				if l.Goto.SpeedMPS > 0 {
					v = math.Min(l.Goto.SpeedMPS, typ.MaxMPS)
				}
				total += math.Max(pos.Dist(l.Goto.To)/v, math.Abs(l.Goto.AltM-alt)/typ.ClimbMPS)
				pos, alt = l.Goto.To, l.Goto.AltM
			case l.Orbit != nil:
				o := l.Orbit
				v := typ.CruiseMPS
				if o.SpeedMPS > 0 {
					v = math.Min(o.SpeedMPS, typ.MaxMPS)
				}
				total += math.Max((pos.Dist(o.Center)+2*math.Pi*o.RadiusM)/v, math.Abs(o.AltM-alt)/typ.ClimbMPS) + o.DurationS
				pos, alt = o.Center, o.AltM
			case l.Hover != nil:
				total += l.Hover.DurationS
			}
		}
		return margin * total
	case t.Inbound != nil:
		in := t.Inbound
		v := slowest(in.SpeedMPS)
		orbit := 0.0
		if in.LoiterS > 0 {
			orbit = in.LoiterS + 2*math.Pi*in.LoiterRadiusM/v
		}
		return margin * (2*in.StartRangeM/v + orbit)
	case t.Transit != nil:
		return margin * 2 * t.Transit.Area.RadiusM / slowest(t.Transit.SpeedMPS)
	case t.Loiter != nil:
		l := t.Loiter
		v := slowest(l.SpeedMPS)
		out := l.StartRangeM + l.StandoffM.Max + l.OrbitRadiusM.Max
		return margin * (2*out/v + 2*math.Pi*l.OrbitRadiusM.Max/v + l.DurationS.Max)
	case t.Shadow != nil:
		sh := t.Shadow
		v := slowest(sh.SpeedMPS)
		vc := 0.0
		if c := s.convoy(sh.Convoy); c != nil {
			vc = c.SpeedMPS
		}
		// Onto the orbit and round it, relative to the convoy; then back
		// to where it appeared, which the convoy may have taken it far
		// from, at cruise speed or faster.
		in := (sh.StartRangeM + sh.OrbitRadiusM.Max) / v
		orbit := sh.DurationS.Max + 2*math.Pi*sh.OrbitRadiusM.Max/v
		out := (sh.StartRangeM + sh.OrbitRadiusM.Max + vc*(in+orbit)) / math.Max(v, typ.CruiseMPS)
		return margin * (in + orbit + out)
	}
	return 0
}

// ResolutionCells returns the radar's resolution cells per scan of its
// field of view: range cells × azimuth beam positions, × elevation beam
// positions for a 3-D radar (docs/models.md §3.6).
func (r *Radar) ResolutionCells() float64 {
	res := r.RangeResM
	if res == 0 && r.Equation != nil && r.Equation.BandwidthHz > 0 {
		res = speedOfLight / (2 * r.Equation.BandwidthHz)
	}
	if res <= 0 || r.BeamwidthDeg.Azimuth <= 0 {
		return 0
	}
	fov := 360.0
	switch {
	case r.Scan.Sector != nil:
		fov = r.Scan.Sector.WidthDeg
	case r.Scan.Staring != nil:
		fov = r.Scan.Staring.WidthDeg
	}
	cells := (r.RangeM.Max - r.RangeM.Min) / res * fov / r.BeamwidthDeg.Azimuth
	if r.MeasuresElevation && r.BeamwidthDeg.Elevation > 0 {
		el := Band{Min: -2, Max: 60}
		if r.ElevationDeg != nil {
			el = *r.ElevationDeg
		}
		cells *= math.Max(1, (el.Max-el.Min)/r.BeamwidthDeg.Elevation)
	}
	return cells
}

// speedOfLight is c in m/s (the sensors package has the same constant).
const speedOfLight = 299_792_458

// checkBudget reports each limit the run would exceed.
func (s *Scenario) checkBudget(d *decoder) {
	if !d.ok("run") {
		return
	}
	c := s.costs()
	r := s.Run
	if c.Steps > MaxSteps {
		d.errorf("run.step_s", "expected at most %s steps (duration_s / step_s), found %g s / %g s = %s steps; lengthen step_s or shorten duration_s",
			fmtCount(MaxSteps), r.DurationS, r.StepS, fmtCount(c.Steps))
		return // the counts below grow with the steps: one message is enough
	}
	if c.Entities > MaxEntities {
		d.errorf(c.entitiesAt, "expected at most %s drones and birds in the run, found about %s (this entry: %s); lower the rates, counts or flock sizes",
			fmtCount(MaxEntities), fmtCount(c.Entities), fmtCount(c.entitiesMost))
		return
	}
	if c.SensorEntities > MaxSensorEntities {
		d.errorf("sensors", "expected at most %s (sensor, entity) pairs, found %d sensors × about %s drones and birds = %s; each sensor keeps state for every entity of the run",
			fmtCount(MaxSensorEntities), len(s.Sensors), fmtCount(c.Entities), fmtCount(c.SensorEntities))
		return
	}
	if c.EntitySteps > MaxEntitySteps {
		d.errorf("run.step_s", "expected at most %s entity-steps (entities present × steps), found about %s (%s entity-seconds / %g s); lengthen step_s, shorten duration_s or lower the traffic",
			fmtCount(MaxEntitySteps), fmtCount(c.EntitySteps), fmtCount(c.EntitySeconds), r.StepS)
		return
	}
	if c.Detections > MaxDetections {
		d.errorf(c.detectionsAt, "expected at most %s detections in the run, found about %s (this sensor: %s, mostly %s)",
			fmtCount(MaxDetections), fmtCount(c.Detections), fmtCount(c.detMost), c.detWhy)
	}
	if c.TruthRows > MaxTruthRows {
		d.errorf("run.record_interval_s", "expected at most %s rows of truth.csv, found about %s (entities present × duration_s / record_interval_s); lengthen record_interval_s",
			fmtCount(MaxTruthRows), fmtCount(c.TruthRows))
	}
	// The limits that depend on the sensors hold for every layout too.
	for i := range s.Layouts {
		path := fmt.Sprintf("layouts[%d]", i)
		if !d.ok(path, "sensors") {
			continue // its own errors say what to fix first
		}
		l := *s
		l.Sensors = s.layoutSensors(&s.Layouts[i])
		lc := l.costs()
		if lc.SensorEntities > MaxSensorEntities {
			d.errorf(path, "expected at most %s (sensor, entity) pairs, found %d sensors in this layout × about %s drones and birds = %s",
				fmtCount(MaxSensorEntities), len(l.Sensors), fmtCount(lc.Entities), fmtCount(lc.SensorEntities))
		}
		if lc.Detections > MaxDetections {
			d.errorf(path, "expected at most %s detections in a run of this layout, found about %s (mostly %s)",
				fmtCount(MaxDetections), fmtCount(lc.Detections), lc.detWhy)
		}
	}
}

// fmtCount formats a count for messages, to two figures when large:
// 200000, 3.2e11.
func fmtCount(x float64) string {
	if x < 1e7 {
		return fmt.Sprintf("%.0f", x)
	}
	return fmtBound(math.Round(x/math.Pow(10, math.Floor(math.Log10(x))-1)) * math.Pow(10, math.Floor(math.Log10(x))-1))
}
