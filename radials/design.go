// Package radials measures warning by approach bearing, the standard
// test-and-evaluation view of a sensor layout: for approach bearings every
// few degrees round a protected zone, one drone of a chosen class flies
// straight in toward the zone's centre at a chosen speed and altitude, and
// the whole pipeline (detection, tracking, classification, the site's alert
// rule) scores it, over replications. Per layout and bearing it gives
// P(warning ≥ required) with a Wilson interval, the median warning and the
// median lead (the warning the sensors make possible, whatever the alert
// rule's horizon) with order-statistic intervals, the weakest bearings, and
// paired differences between layouts bearing by bearing.
//
// Each replication's world keeps the site's birds and every sensor's false
// alarms, so that false tracks and association are as the site has them;
// the scenario's own drone traffic is replaced by the one radial drone.
// Replication i of every bearing and layout uses seed FirstSeed + i, and
// the layouts of one bearing and replication run in lockstep on one world
// (pipeline.Lockstep), so that they are compared on common random numbers:
// the same drone, the same birds, and the same detections from every
// sensor they share.
//
// The radial drone is a scripted straight-line test target; nothing here
// searches for a path, let alone one that evades the sensors.
package radials

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strings"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
)

// Defaults of Options.
const (
	// DefaultStepDeg is the spacing of the approach bearings.
	DefaultStepDeg = 10
	// DefaultReplications is the number of runs per bearing: 20 tell a
	// bearing that is always warned (Wilson 95 % interval 0.84–1) from one
	// that never is (0–0.16).
	DefaultReplications = 20
	// DefaultRequiredWarningS is the warning a timely alert gives, as
	// cuasim compare's default.
	DefaultRequiredWarningS = 60
	// DefaultAltitudeM is the altitude flown when the scenario has no
	// inbound traffic to take it from.
	DefaultAltitudeM = 60
	// DefaultConfidence is the level of every interval.
	DefaultConfidence = 0.95
	// TailS is how long a run goes on after the drone enters a zone: an
	// alert that comes this late is counted late (negative warning), not
	// missed.
	TailS = 30
	// startRoundM rounds the default start distance up.
	startRoundM = 500
	// shadowMarginSigmas is how many standard deviations of log-normal
	// shadowing the default start distance allows an RF detector to hear
	// a link beyond its median range.
	shadowMarginSigmas = 3
)

// RadialSource is the name of the radial drone's traffic entry, and of the
// drone.
const RadialSource = "radial"

// Options are what the user chose; NewDesign fills in the defaults and
// checks them against the scenario. A nil pointer or zero value is the
// default.
type Options struct {
	Version string
	// Layouts to compare; empty: every layout of the scenario.
	Layouts []string
	// Zone the drone heads for; "": the target of the scenario's first
	// inbound traffic, else its first fixed zone.
	Zone string
	// Class is the uav_types entry flown; "": the first inbound traffic's
	// type, else the first entry.
	Class string
	// SpeedMPS: default the middle of the inbound traffic's speed band,
	// else the class's cruise speed.
	SpeedMPS *float64
	// AltitudeM above ground: default the middle of the inbound traffic's
	// altitude band, else DefaultAltitudeM.
	AltitudeM *float64
	// StepDeg between bearings (a divisor of 360 is usual, not needed).
	StepDeg float64
	// StartM is the distance from the zone's centre where the drone
	// appears; 0: beyond every sensor's reach (DefaultStartM).
	StartM           float64
	RequiredWarningS *float64
	Replications     int
	Seed             *uint64 // nil: the scenario's run.seed
	Confidence       float64
}

// Design is what a radials run does, every default resolved.
type Design struct {
	Version        string   `json:"cuasim_version"`
	Scenario       string   `json:"scenario"`
	ScenarioSHA256 string   `json:"scenario_sha256"`
	Layouts        []string `json:"layouts"`
	// Zone is the zone the drone heads for; TargetEastM, TargetNorthM its
	// centre (a circle's centre, a polygon's centroid).
	Zone         string  `json:"zone"`
	TargetEastM  float64 `json:"target_east_m"`
	TargetNorthM float64 `json:"target_north_m"`
	Class        string  `json:"class"`
	SpeedMPS     float64 `json:"speed_mps"`
	AltitudeM    float64 `json:"altitude_m"`
	// StartM is the distance from the target where the drone appears, at
	// time 0.
	StartM      float64   `json:"start_m"`
	StepDeg     float64   `json:"step_deg"`
	BearingsDeg []float64 `json:"bearings_deg"`
	// Replications per bearing; replication i uses seed FirstSeed + i.
	Replications int    `json:"replications"`
	FirstSeed    uint64 `json:"first_seed"`
	// DurationS is the longest a run lasts: until the drone reaches the
	// target, and TailS more. A run stops TailS after the drone enters a
	// zone.
	DurationS        float64 `json:"duration_s"`
	RequiredWarningS float64 `json:"required_warning_s"`
	Confidence       float64 `json:"confidence"`
	// PDrone is the alert rule's P(drone) threshold: the lead is taken at
	// it.
	PDrone float64 `json:"p_drone"`
}

// Path is the radial drone's straight path on one bearing.
type Path struct {
	// BearingDeg is where the drone comes from, seen from the target:
	// degrees clockwise from north.
	BearingDeg float64
	// StartEastM, StartNorthM is where it appears, at time 0, at the
	// design's altitude.
	StartEastM, StartNorthM float64
	// HeadingDeg is its course, toward the target: BearingDeg + 180°.
	HeadingDeg float64
}

// Path returns the drone's path on bearing b (degrees).
func (d *Design) Path(b float64) Path {
	rad := b * math.Pi / 180
	return Path{BearingDeg: b,
		StartEastM: d.TargetEastM + d.StartM*math.Sin(rad), StartNorthM: d.TargetNorthM + d.StartM*math.Cos(rad),
		HeadingDeg: math.Mod(b+180, 360)}
}

// NewDesign checks the options against the scenario (name is how the user
// named it) and returns the design.
func NewDesign(name string, sc *scenarios.Scenario, o Options) (*Design, error) {
	d := &Design{Version: o.Version, Scenario: name, Replications: o.Replications, FirstSeed: sc.Run.Seed,
		StepDeg: o.StepDeg, Confidence: o.Confidence, RequiredWarningS: DefaultRequiredWarningS}
	sum := sha256.Sum256(sc.Source())
	d.ScenarioSHA256 = hex.EncodeToString(sum[:])
	if d.Replications == 0 {
		d.Replications = DefaultReplications
	}
	if d.StepDeg == 0 {
		d.StepDeg = DefaultStepDeg
	}
	if d.Confidence == 0 {
		d.Confidence = DefaultConfidence
	}
	if o.Seed != nil {
		d.FirstSeed = *o.Seed
	}
	if o.RequiredWarningS != nil {
		d.RequiredWarningS = *o.RequiredWarningS
	}
	switch {
	case d.Replications < 1 || d.Replications > 100_000:
		return nil, fmt.Errorf("--reps: expected a whole number from 1 to 100000, found %d", d.Replications)
	case !(d.StepDeg > 0 && d.StepDeg <= 360) || d.StepDeg < 0.1:
		return nil, fmt.Errorf("--step-deg: expected degrees from 0.1 to 360, found %g", d.StepDeg)
	case !(d.Confidence > 0 && d.Confidence < 1):
		return nil, fmt.Errorf("--confidence: expected a number in (0, 1), found %g", d.Confidence)
	case !(d.RequiredWarningS >= 0) || math.IsInf(d.RequiredWarningS, 0):
		return nil, fmt.Errorf("--required-s: expected a time >= 0 s, found %g", d.RequiredWarningS)
	}
	for i := 0; float64(i)*d.StepDeg < 360-1e-9; i++ {
		d.BearingsDeg = append(d.BearingsDeg, math.Round(float64(i)*d.StepDeg*1e6)/1e6)
	}

	// Layouts.
	layouts, err := sc.ChooseLayouts(name, o.Layouts)
	if err != nil {
		return nil, fmt.Errorf("--layout: %w", err)
	}
	d.Layouts = layouts

	// The threat: the scenario's first inbound traffic gives the defaults.
	var in *scenarios.Traffic
	for i := range sc.Traffic {
		if t := &sc.Traffic[i]; t.Inbound != nil && t.Inbound.Zone != "" {
			in = t
			break
		}
	}
	d.Zone = o.Zone
	if d.Zone == "" {
		if in != nil {
			d.Zone = in.Inbound.Zone
		} else {
			for _, z := range sc.Zones {
				if z.Follows == "" {
					d.Zone = z.Name
					break
				}
			}
		}
		if d.Zone == "" {
			return nil, fmt.Errorf("%s has no fixed zone for the drone to head for", name)
		}
	}
	z := sc.Zone(d.Zone)
	if z == nil {
		var names []string
		for _, z := range sc.Zones {
			names = append(names, z.Name)
		}
		return nil, fmt.Errorf("--zone: no zone %q in %s; it has %s", d.Zone, name, orNone(names))
	}
	if z.Follows != "" {
		return nil, fmt.Errorf("--zone: zone %s follows convoy %s; the radial drone needs a fixed zone to head for", z.Name, z.Follows)
	}
	c := z.Center()
	d.TargetEastM, d.TargetNorthM = c.EastM, c.NorthM

	d.Class = o.Class
	if d.Class == "" {
		switch {
		case in != nil:
			d.Class = in.Type
		case len(sc.UAVTypes) > 0:
			d.Class = sc.UAVTypes[0].Name
		default:
			return nil, fmt.Errorf("%s has no uav_types entry for the drone", name)
		}
	}
	typ := sc.UAVType(d.Class)
	if typ == nil {
		var names []string
		for _, t := range sc.UAVTypes {
			names = append(names, t.Name)
		}
		return nil, fmt.Errorf("--class: no uav_types entry %q in %s; it has %s", d.Class, name, orNone(names))
	}
	fromInbound := in != nil && in.Type == d.Class
	switch {
	case o.SpeedMPS != nil:
		d.SpeedMPS = *o.SpeedMPS
	case fromInbound && in.Inbound.SpeedMPS != nil:
		d.SpeedMPS = (in.Inbound.SpeedMPS.Min + in.Inbound.SpeedMPS.Max) / 2
	default:
		d.SpeedMPS = typ.CruiseMPS
	}
	if !(d.SpeedMPS > 0 && d.SpeedMPS <= typ.MaxMPS) {
		return nil, fmt.Errorf("--speed-mps: expected a speed in (0, %g] m/s (the max_speed_mps of %s), found %g", typ.MaxMPS, typ.Name, d.SpeedMPS)
	}
	switch {
	case o.AltitudeM != nil:
		d.AltitudeM = *o.AltitudeM
	case fromInbound:
		d.AltitudeM = (in.Inbound.AltM.Min + in.Inbound.AltM.Max) / 2
	default:
		d.AltitudeM = DefaultAltitudeM
	}
	if !(d.AltitudeM >= 0 && d.AltitudeM <= 20000) {
		return nil, fmt.Errorf("--altitude-m: expected metres from 0 to 20000, found %g", d.AltitudeM)
	}
	if b := z.AltitudeM; b != nil && (d.AltitudeM < b.Min || d.AltitudeM > b.Max) {
		return nil, fmt.Errorf("--altitude-m: zone %s covers %g to %g m; a drone at %g m would pass it by", z.Name, b.Min, b.Max, d.AltitudeM)
	}

	// The alert rule's threshold, for the lead.
	d.PDrone = alert.ConfigFrom(sc.Alerting).PDrone

	// Start beyond every compared sensor's reach.
	d.StartM = o.StartM
	if d.StartM == 0 {
		s, err := DefaultStartM(sc, d.Layouts, c, typ, d.AltitudeM)
		if err != nil {
			return nil, err
		}
		d.StartM = s
	}
	if !(d.StartM > 0 && d.StartM <= 200_000) {
		return nil, fmt.Errorf("--start-m: expected a distance in (0, 200000] m, found %g", d.StartM)
	}
	// The drone must appear outside every zone, or it enters at once.
	for _, zn := range alert.ZonesFrom(sc) {
		if zn.Motion != nil {
			continue
		}
		for _, b := range d.BearingsDeg {
			if p := d.Path(b); zn.InBand(d.AltitudeM, 0) && zn.Contains(p.StartEastM, p.StartNorthM) {
				return nil, fmt.Errorf("--start-m: %g m from the centre of %s on bearing %g° is inside zone %s; start further out", d.StartM, z.Name, b, zn.Name)
			}
		}
	}
	d.DurationS = math.Ceil(d.StartM/d.SpeedMPS) + TailS
	// The run's limits (its steps, its detections) hold for that duration.
	if _, err := sc.WithRun(nil, d.DurationS); err != nil {
		return nil, fmt.Errorf("a run of %g s: %w", d.DurationS, err)
	}
	return d, nil
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// DefaultStartM is the default start distance: beyond the reach of every
// sensor of the given layouts, for a drone of class typ at altM, from the
// target c: the largest, over the sensors, of the sensor's horizontal
// distance from the target plus its reach — a radar's instrumented range
// (range_m.max), an RF detector's median range for the class's strongest
// link in its bands with 3 standard deviations of shadowing in the
// drone's favour — and at least 500 m beyond every fixed zone, rounded up
// to 500 m. An RF-silent class is heard by no RF detector.
func DefaultStartM(sc *scenarios.Scenario, layouts []string, c scenarios.Point, typ *scenarios.UAVType, altM float64) (float64, error) {
	reach := 0.0
	for _, l := range layouts {
		lsc, err := sc.WithLayout(l)
		if err != nil {
			return 0, err
		}
		w := &sim.World{StepS: sc.Run.StepS, DurationS: sc.Run.DurationS, Seed: sc.Run.Seed}
		net, err := sensors.NewNetwork(lsc, w)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", sc.File(), err)
		}
		for i, sn := range net.Sensors {
			spec := lsc.Sensors[i]
			r := 0.0
			switch v := sn.(type) {
			case *sensors.Radar:
				r = v.MaxRangeM()
			case *sensors.RF:
				if typ.RFSilent {
					continue
				}
				for _, link := range typ.RFLinks {
					if !inBands(spec.RF.Bands, link.FrequencyHz) {
						continue
					}
					r = max(r, v.RangeForLink(link.EIRPdBm+shadowMarginSigmas*spec.RF.Propagation.ShadowingDB, link.FrequencyHz, link.BandwidthHz, altM))
				}
			}
			reach = max(reach, math.Hypot(spec.Position.EastM-c.EastM, spec.Position.NorthM-c.NorthM)+r)
		}
	}
	// And beyond every fixed zone, so that the drone never appears inside
	// one (a site with RF detectors only and an RF-silent class).
	for _, z := range sc.Zones {
		if z.Follows != "" {
			continue
		}
		if z.Circle != nil {
			reach = max(reach, math.Hypot(z.Circle.Center.EastM-c.EastM, z.Circle.Center.NorthM-c.NorthM)+z.Circle.RadiusM+startRoundM)
		}
		for _, p := range z.Polygon {
			reach = max(reach, math.Hypot(p.EastM-c.EastM, p.NorthM-c.NorthM)+startRoundM)
		}
	}
	if math.IsInf(reach, 0) || reach > 200_000 {
		return 0, fmt.Errorf("the sensors reach beyond 200 km; give --start-m")
	}
	return math.Ceil(reach/startRoundM) * startRoundM, nil
}

func inBands(bands []scenarios.FreqBand, f float64) bool {
	for _, b := range bands {
		if f >= b.MinHz && f <= b.MaxHz {
			return true
		}
	}
	return false
}

// RunScenario returns the scenario one run executes: sc (a layout applied)
// with its drone traffic replaced by the radial drone on bearing b, the
// design's duration and the seed of replication r. Birds, sensors, zones
// and the alert rule are the scenario's.
func (d *Design) RunScenario(sc *scenarios.Scenario, b float64, r int) (*scenarios.Scenario, error) {
	c, err := sc.WithRun(nil, d.DurationS)
	if err != nil {
		return nil, err
	}
	out := *c
	out.Run.Seed = d.Seed(r)
	p := d.Path(b)
	speed := d.SpeedMPS
	out.Traffic = []scenarios.Traffic{{Name: RadialSource, Kind: "flight", Type: d.Class, Flight: &scenarios.Flight{
		From: scenarios.Point{EastM: p.StartEastM, NorthM: p.StartNorthM}, FromAltM: d.AltitudeM,
		Legs: []scenarios.Leg{{Goto: &scenarios.GotoLeg{To: scenarios.Point{EastM: d.TargetEastM, NorthM: d.TargetNorthM}, AltM: d.AltitudeM, SpeedMPS: speed}}},
	}}}
	return &out, nil
}

// Seed returns the seed of replication r.
func (d *Design) Seed(r int) uint64 { return d.FirstSeed + uint64(r) }
