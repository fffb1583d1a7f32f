package scenarios

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// ConvoyRoute is a convoy's schedule made into positions: where each of
// its vehicles, and its centre, are at any time. It is a function of the
// scenario alone, known in advance to those who protect the convoy, so the
// alert rules may use it as well as the simulation.
//
// The column waits with its last vehicle at the road's start and its
// lead (n−1)·spacing along the road; from depart_s it drives at speed_mps
// until the lead reaches the road's end, where the column stops. Vehicle
// i (0 the lead) is i·spacing behind the lead along the road; the centre
// is midway between lead and last vehicle, along the road.
type ConvoyRoute struct {
	Name     string
	pts      []Point   // in the direction of travel
	cum      []float64 // distance along the road to each point
	vehicles int
	spacingM float64
	speedMPS float64
	departS  float64
	travelM  float64 // how far the column drives
}

// ConvoyRoute returns the schedule of the named convoy, or nil when there
// is none (or its road is missing, which the loader reports).
func (s *Scenario) ConvoyRoute(name string) *ConvoyRoute {
	for i := range s.Convoys {
		c := &s.Convoys[i]
		if c.Name != name {
			continue
		}
		r := s.road(c.Road)
		if r == nil || len(r.Points) < 2 {
			return nil
		}
		cr := &ConvoyRoute{Name: c.Name, vehicles: c.Vehicles, spacingM: c.SpacingM, speedMPS: c.SpeedMPS, departS: c.DepartS}
		cr.pts = append(cr.pts, r.Points...)
		if c.Reverse {
			for a, b := 0, len(cr.pts)-1; a < b; a, b = a+1, b-1 {
				cr.pts[a], cr.pts[b] = cr.pts[b], cr.pts[a]
			}
		}
		cr.cum = make([]float64, len(cr.pts))
		for k := 1; k < len(cr.pts); k++ {
			cr.cum[k] = cr.cum[k-1] + cr.pts[k].Dist(cr.pts[k-1])
		}
		cr.travelM = math.Max(0, cr.LengthM()-cr.columnM())
		return cr
	}
	return nil
}

// ZonesAt returns the zones where they are at time t, appended to dst: a
// zone that follows a convoy shifted to the convoy's position then, the
// others as they are.
func (s *Scenario) ZonesAt(tS float64, dst []Zone) []Zone {
	for _, z := range s.Zones {
		var r *ConvoyRoute
		if z.Follows != "" {
			r = s.ConvoyRoute(z.Follows)
		}
		if r != nil {
			de, dn := r.OffsetAt(tS)
			if z.Circle != nil {
				c := *z.Circle
				c.Center = Point{EastM: c.Center.EastM + de, NorthM: c.Center.NorthM + dn}
				z.Circle = &c
			}
			if z.Polygon != nil {
				pts := make([]Point, len(z.Polygon))
				for i, p := range z.Polygon {
					pts[i] = Point{EastM: p.EastM + de, NorthM: p.NorthM + dn}
				}
				z.Polygon = pts
			}
		}
		dst = append(dst, z)
	}
	return dst
}

// road returns the named road, or nil.
func (s *Scenario) road(name string) *Road {
	for i := range s.Roads {
		if s.Roads[i].Name == name {
			return &s.Roads[i]
		}
	}
	return nil
}

// LengthM returns the length of the convoy's road, metres.
func (c *ConvoyRoute) LengthM() float64 { return c.cum[len(c.cum)-1] }

// columnM is the length of the column, first vehicle to last.
func (c *ConvoyRoute) columnM() float64 { return float64(c.vehicles-1) * c.spacingM }

// Vehicles returns the number of vehicles.
func (c *ConvoyRoute) Vehicles() int { return c.vehicles }

// SpeedMPS returns the convoy's driving speed, m/s.
func (c *ConvoyRoute) SpeedMPS() float64 { return c.speedMPS }

// DepartS returns when the convoy sets off, and ArriveS when it stops at
// the road's end, seconds.
func (c *ConvoyRoute) DepartS() float64 { return c.departS }

// ArriveS returns when the convoy's lead vehicle reaches the road's end
// and the column stops, seconds.
func (c *ConvoyRoute) ArriveS() float64 { return c.departS + c.travelM/c.speedMPS }

// OffsetAt returns the convoy's centre at time t as a shift east and
// north of the origin, metres: how far a zone that follows the convoy,
// given about the origin, is moved (alert.Motion).
func (c *ConvoyRoute) OffsetAt(tS float64) (de, dn float64) {
	p := c.CentreAt(tS)
	return p.EastM, p.NorthM
}

// MaxSpeedMPS returns the fastest the convoy moves, m/s (alert.Motion).
func (c *ConvoyRoute) MaxSpeedMPS() float64 { return c.speedMPS }

// driven is how far the column has driven at time t.
func (c *ConvoyRoute) driven(tS float64) float64 {
	return math.Min(c.travelM, c.speedMPS*math.Max(0, tS-c.departS))
}

// moving reports whether the convoy is driving at time t.
func (c *ConvoyRoute) moving(tS float64) bool { return tS > c.departS && tS < c.ArriveS() }

// VehicleAt returns where vehicle i (0 the lead) is at time t, and the
// compass heading of the road there, radians.
func (c *ConvoyRoute) VehicleAt(i int, tS float64) (Point, float64) {
	return c.along(c.driven(tS) + float64(c.vehicles-1-i)*c.spacingM)
}

// CentreAt returns the convoy's centre at time t: the point of the road
// midway between its first and last vehicles.
func (c *ConvoyRoute) CentreAt(tS float64) Point {
	p, _ := c.along(c.driven(tS) + c.columnM()/2)
	return p
}

// CentreVelocityAt returns the velocity of the convoy's centre at time t,
// m/s east and north: the driving speed along the road while it drives,
// zero while it waits or after it stops.
func (c *ConvoyRoute) CentreVelocityAt(tS float64) (ve, vn float64) {
	if !c.moving(tS) {
		return 0, 0
	}
	_, h := c.along(c.driven(tS) + c.columnM()/2)
	return c.speedMPS * math.Sin(h), c.speedMPS * math.Cos(h)
}

// along returns the point d metres along the road (clamped to its ends)
// and the road's compass heading there, radians.
func (c *ConvoyRoute) along(d float64) (Point, float64) {
	d = math.Max(0, math.Min(d, c.LengthM()))
	// The segment k-1 → k holding d.
	k := sort.SearchFloat64s(c.cum, d)
	k = max(1, min(k, len(c.cum)-1))
	a, b := c.pts[k-1], c.pts[k]
	seg := c.cum[k] - c.cum[k-1]
	f := (d - c.cum[k-1]) / seg
	p := Point{EastM: a.EastM + f*(b.EastM-a.EastM), NorthM: a.NorthM + f*(b.NorthM-a.NorthM)}
	return p, math.Atan2(b.EastM-a.EastM, b.NorthM-a.NorthM)
}

func (r *Road) check(d *decoder, path string) {
	p := path + ".points"
	if len(r.Points) < 2 {
		d.errorf(p, "expected a road of at least 2 points, found %d", len(r.Points))
		return
	}
	if len(r.Points) > MaxPolygonPoints {
		d.errorf(p, "expected a road of at most %d points, found %d", MaxPolygonPoints, len(r.Points))
		return
	}
	for k := 1; k < len(r.Points); k++ {
		if a, b := r.Points[k], r.Points[k-1]; a.EastM == b.EastM && a.NorthM == b.NorthM {
			d.errorf(fmt.Sprintf("%s[%d]", p, k), "expected a point different from the one before, found [%g, %g] again", r.Points[k].EastM, r.Points[k].NorthM)
		}
	}
}

func (sh *Shadow) check(d *decoder, path string) {
	sh.Window.check(d, path)
	checkSpeed(d, path, sh.SpeedMPS)
	checkAltitude(d, path, sh.AltM)
	if sh.OrbitRadiusM.Min <= 0 {
		d.errorf(path+".orbit_radius_m.min", "expected a number > 0 (metres), found %g", sh.OrbitRadiusM.Min)
	}
	if sh.DurationS.Min <= 0 {
		d.errorf(path+".duration_s.min", "expected a number > 0 (seconds), found %g", sh.DurationS.Min)
	}
}

// checkConvoys applies the rules that tie convoys to roads, and shadow
// traffic to convoys and to its type's top speed.
func (s *Scenario) checkConvoys(d *decoder) {
	checkUnique(d, "roads", len(s.Roads), func(i int) string { return s.Roads[i].Name }, "name")
	checkUnique(d, "convoys", len(s.Convoys), func(i int) string { return s.Convoys[i].Name }, "name")
	roads := make([]string, len(s.Roads))
	for i, r := range s.Roads {
		roads[i] = r.Name
	}
	for i := range s.Convoys {
		c := &s.Convoys[i]
		path := fmt.Sprintf("convoys[%d]", i)
		if s.road(c.Road) == nil {
			d.errorf(path+".road", "expected the name of a road (%s), found %s", listOrNone(roads), quote(c.Road))
			continue
		}
		if r := s.ConvoyRoute(c.Name); r != nil && r.columnM() >= r.LengthM() && d.ok(path, "roads") {
			d.errorf(path+".vehicles", "expected a column shorter than its road (%.0f m), found %d vehicles %g m apart: %.0f m", r.LengthM(), c.Vehicles, c.SpacingM, r.columnM())
		}
	}
	convoys := make([]string, len(s.Convoys))
	for i, c := range s.Convoys {
		convoys[i] = c.Name
	}
	for i, z := range s.Zones {
		if z.Follows != "" && s.convoy(z.Follows) == nil {
			d.errorf(fmt.Sprintf("zones[%d].follows", i), "expected the name of a convoy (%s), found %s", listOrNone(convoys), quote(z.Follows))
		}
	}
	for i := range s.Traffic {
		t := &s.Traffic[i]
		sh := t.Shadow
		if sh == nil {
			continue
		}
		path := fmt.Sprintf("traffic[%d]", i)
		c := s.convoy(sh.Convoy)
		if c == nil {
			d.errorf(path+".convoy", "expected the name of a convoy (%s), found %s", listOrNone(convoys), quote(sh.Convoy))
			continue
		}
		typ := s.UAVType(t.Type)
		if typ == nil || !d.ok(path, fmt.Sprintf("convoys[%d]", slices.Index(convoys, c.Name))) {
			continue
		}
		// The drone's ground speed reaches its speed about the convoy
		// plus the convoy's.
		limit := typ.MaxMPS - c.SpeedMPS
		switch {
		case sh.SpeedMPS != nil && sh.SpeedMPS.Max > limit:
			d.errorf(path+".speed_mps.max", "expected at most the %s's max_speed_mps less the convoy's speed (%g − %g = %g m/s), found %g: the drone could not keep up its orbit",
				typ.Name, typ.MaxMPS, c.SpeedMPS, limit, sh.SpeedMPS.Max)
		case sh.SpeedMPS == nil && typ.CruiseMPS > limit:
			d.errorf(path+".convoy", "expected a convoy the %s can orbit at its cruise speed (%g m/s) within its max_speed_mps (%g m/s), found one driving at %g m/s; give speed_mps of at most %g",
				typ.Name, typ.CruiseMPS, typ.MaxMPS, c.SpeedMPS, math.Max(0, limit))
		}
	}
}

// convoy returns the named convoy, or nil.
func (s *Scenario) convoy(name string) *Convoy {
	for i := range s.Convoys {
		if s.Convoys[i].Name == name {
			return &s.Convoys[i]
		}
	}
	return nil
}
