package coverage

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
)

// Probe gives, for a scenario's sensors, the probabilities of one look at
// any point for a drone of any of its UAV classes: that the look detects
// it (a coverage grid's per-look Pd), and that it detects it with evidence
// that it is a drone: a radar plot labelled drone by micro-Doppler
// (sensors.Radar.LabelPdOn), or a passive RF detector's bearing, which is
// the drone's own emission. The layout search scores candidate positions
// with it; it draws nothing and is safe for concurrent use.
type Probe struct {
	Sensors []Sensor
	sensors []sensors.Sensor
	site    sim.Site
	classes []probeClass
}

type probeClass struct {
	name  string
	rcsM2 float64
	model sensors.Swerling
	links []sim.Link
}

// NewProbe builds the probe of a scenario's sensors (its layout as
// applied).
func NewProbe(sc *scenarios.Scenario) (*Probe, error) {
	net, site, err := network(sc)
	if err != nil {
		return nil, err
	}
	p := &Probe{sensors: net.Sensors, site: site}
	for i := range sc.UAVTypes {
		typ := &sc.UAVTypes[i]
		c := probeClass{name: typ.Name, rcsM2: typ.RCS.MeanM2, model: sensors.Swerling(typ.RCS.Swerling), links: classLinks(typ)}
		p.classes = append(p.classes, c)
	}
	for _, sn := range net.Sensors {
		switch v := sn.(type) {
		case *sensors.Radar:
			for _, c := range p.classes {
				v.Pd(c.model, c.rcsM2, v.MaxRangeM()) // builds the Pd curves before goroutines share them
			}
		case *sensors.RF:
		default:
			return nil, fmt.Errorf("coverage: sensor %s: a %T has no coverage model", sn.ID(), sn)
		}
		p.Sensors = append(p.Sensors, gridSensor(sn))
	}
	return p, nil
}

// Class returns the index of the UAV class of the given name, and false
// for a name that is not one of the scenario's uav_types.
func (p *Probe) Class(name string) (int, bool) {
	for i, c := range p.classes {
		if c.name == name {
			return i, true
		}
	}
	return 0, false
}

// Look returns the probabilities that one look of sensor s at a drone of
// class c at pos detects it, and that it detects it with evidence that it
// is a drone (see Probe).
func (p *Probe) Look(s, c int, pos r3.Vec) (detect, label float64) {
	cl := &p.classes[c]
	switch v := p.sensors[s].(type) {
	case *sensors.Radar:
		return v.LookPdOn(&p.site, pos, cl.rcsM2, cl.model), v.LabelPdOn(&p.site, pos, cl.rcsM2, cl.model)
	case *sensors.RF:
		pd := v.LookPdOn(&p.site, pos, cl.links)
		return pd, pd
	}
	return 0, 0
}

// network builds a scenario's sensors on a world with its site (obstacles
// and terrain, sim.NewSite) and no entities: the sensors need only the site
// (and draw nothing here).
func network(sc *scenarios.Scenario) (*sensors.Network, sim.Site, error) {
	w := &sim.World{StepS: sc.Run.StepS, DurationS: sc.Run.DurationS, Seed: sc.Run.Seed, Site: sim.NewSite(sc)}
	net, err := sensors.NewNetwork(sc, w)
	if err != nil {
		return nil, w.Site, fmt.Errorf("coverage: %w", err)
	}
	return net, w.Site, nil
}

// classLinks returns a UAV class's control and video links as the RF
// detectors hear them (none for an RF-silent class).
func classLinks(typ *scenarios.UAVType) []sim.Link {
	links := make([]sim.Link, 0, len(typ.RFLinks))
	if !typ.RFSilent {
		for _, l := range typ.RFLinks {
			links = append(links, sim.Link{Name: l.Name, FrequencyHz: l.FrequencyHz, EIRPdBm: l.EIRPdBm, BandwidthHz: l.BandwidthHz, DutyCycle: l.DutyCycle})
		}
	}
	return links
}

// gridSensor describes a sensor as a grid sees it.
func gridSensor(sn sensors.Sensor) Sensor {
	cov := sn.Coverage()
	_, radar := sn.(*sensors.Radar)
	return Sensor{ID: sn.ID(), Radar: radar, EastM: cov.Origin.X, NorthM: cov.Origin.Y, MastM: cov.Origin.Z, RevisitS: cov.RevisitS,
		BoresightRad: cov.BoresightRad, HalfRad: cov.HalfWidthRad}
}

// LabelLogOdds returns, for sensor s, the log-odds of drone against bird
// that its micro-Doppler labels add to a drone's track per plot labelled
// drone, net of the bird labels a drone's plots draw meanwhile: with
// P(drone label | drone) = a and P(bird label | bird) = b, each drone label
// adds log(a/(1−b)), each bird label log((1−a)/b), and a drone draws
// (1−a)/a bird labels per drone label. It is 0 for a sensor that labels
// nothing.
func (p *Probe) LabelLogOdds(s int) float64 {
	r, ok := p.sensors[s].(*sensors.Radar)
	if !ok {
		return 0
	}
	c := r.Coverage().Classifier
	if c == nil {
		return 0
	}
	a, b := c.PLabel(sensors.ClassDrone, 0), c.PLabel(sensors.ClassBird, 1)
	if a <= 0 || a >= 1 || b <= 0 || b >= 1 {
		return 0
	}
	return math.Log(a/(1-b)) + (1-a)/a*math.Log((1-a)/b)
}
