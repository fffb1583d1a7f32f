package scenarios

import (
	"fmt"
	"math"
)

// Warnings about values that are valid but implausible for their unit:
// most often a length written in kilometres where the field is in metres
// (range_m: 5 for a 5 km radar). The usual ranges of single fields are in
// the warn tags of schema.go; these rules need more than one field, or a
// point resolved from lat/lon, and so run with the rules across fields.

const (
	// minRadarRangeM is the shortest instrumented range a counter-drone
	// radar plausibly has: even the short-range staring radars reach
	// hundreds of metres.
	minRadarRangeM = 100
	// minZoneAcrossM is the smallest plausible protected zone: a building,
	// a runway, a depot are tens of metres to kilometres across.
	minZoneAcrossM = 10
	// nearOriginM and farSensorM: a sensor within nearOriginM of the
	// site's origin (but not on it) while another is farSensorM or more
	// away was most likely placed in kilometres.
	nearOriginM = 1
	farSensorM  = 1000
)

// checkRange warns of an instrumented range too short for any radar.
func (r *Radar) checkRange(d *decoder, path string) {
	if r.RangeM.Max > 0 && r.RangeM.Max < minRadarRangeM && d.ok(path+".range_m") {
		d.warnf(path+".range_m.max", "%g m is shorter than any counter-drone radar's instrumented range (hundreds of metres to tens of kilometres); range_m is in metres: was it written in km?", r.RangeM.Max)
	}
}

// acrossM returns the zone's largest dimension, metres: a circle's
// diameter, the longest distance between two corners of a polygon.
func (z *Zone) acrossM() float64 {
	if z.Circle != nil {
		return 2 * z.Circle.RadiusM
	}
	var m float64
	for i, p := range z.Polygon {
		for _, q := range z.Polygon[i+1:] {
			m = max(m, math.Hypot(p.EastM-q.EastM, p.NorthM-q.NorthM))
		}
	}
	return m
}

// checkPlausible applies the rules of this file that span the scenario;
// crossCheck calls it once lat/lon points are resolved.
func (s *Scenario) checkPlausible(d *decoder) {
	for i := range s.Zones {
		z := &s.Zones[i]
		path := fmt.Sprintf("zones[%d]", i)
		if !d.ok(path) || (z.Circle == nil && len(z.Polygon) < 3) {
			continue
		}
		if a := z.acrossM(); a < minZoneAcrossM {
			at := path + ".polygon"
			if z.Circle != nil {
				at = path + ".circle.radius_m"
			}
			d.warnf(at, "the zone is %g m across, smaller than anything a drone could be kept out of (a building, a runway, a site: tens of metres to kilometres); positions and radius_m are in metres: were they written in km?", a)
		}
	}
	s.checkNearOrigin(d, s.Sensors, func(i int) (string, bool) { return fmt.Sprintf("sensors[%d].position", i), true })
	for j := range s.Layouts {
		l := &s.Layouts[j]
		sensors := s.layoutSensors(l)
		s.checkNearOrigin(d, sensors, func(i int) (string, bool) {
			id := sensors[i].ID
			for k, a := range l.Add {
				if a.ID == id {
					return fmt.Sprintf("layouts[%d].add[%d].position", j, k), true
				}
			}
			for k, c := range l.Change {
				if c.ID == id {
					moved := true
					if b := s.sensor(id); b != nil {
						moved = b.Position.EastM != c.Sensor.Position.EastM || b.Position.NorthM != c.Sensor.Position.NorthM
					}
					return fmt.Sprintf("layouts[%d].change[%d].position", j, k), moved
				}
			}
			return "", false // a listed sensor, checked as such
		})
	}
}

// checkNearOrigin warns of a sensor of the set within nearOriginM of the
// origin, but not on it, while another is farSensorM or more from it.
// pathOf gives the path of sensor i's position, and whether to check it.
func (s *Scenario) checkNearOrigin(d *decoder, set []Sensor, pathOf func(i int) (string, bool)) {
	far, farID := 0.0, ""
	for _, sn := range set {
		if r := math.Hypot(sn.Position.EastM, sn.Position.NorthM); r > far {
			far, farID = r, sn.ID
		}
	}
	if far < farSensorM {
		return
	}
	for i, sn := range set {
		r := math.Hypot(sn.Position.EastM, sn.Position.NorthM)
		if r == 0 || r > nearOriginM {
			continue
		}
		if path, check := pathOf(i); check && d.ok(path) {
			d.warnf(path, "[%g, %g] is %.2g m from the site's origin while %s is %.1f km from it; positions are metres east and north of the origin: was it written in km?",
				sn.Position.EastM, sn.Position.NorthM, r, farID, far/1000)
		}
	}
}

// sensor returns the listed sensor with the given id, or nil.
func (s *Scenario) sensor(id string) *Sensor {
	for i := range s.Sensors {
		if s.Sensors[i].ID == id {
			return &s.Sensors[i]
		}
	}
	return nil
}
