package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Rules that involve more than one field. Single-field rules (types, units,
// ranges, choices) are in the struct tags; see decode.go.

func (b *Band) check(d *decoder, path string) {
	if b.Max < b.Min && d.ok(path+".min", path+".max") {
		d.errorf(path+".max", "expected a number >= min (%g), found %g", b.Min, b.Max)
	}
}

func (z *Zone) check(d *decoder, path string) {
	switch {
	case z.Polygon != nil && z.Circle != nil:
		d.errorf(path+".circle", "expected polygon or circle, found both")
	case z.Polygon == nil && z.Circle == nil:
		d.errorf(path, "missing; expected polygon or circle")
	case z.Polygon != nil && !hasLatLon(z.Polygon):
		checkPolygon(d, path+".polygon", z.Polygon)
	}
	if z.AltitudeM != nil && z.AltitudeM.Min < 0 {
		d.errorf(path+".altitude_m.min", "expected a number >= 0 (metres), found %g", z.AltitudeM.Min)
	}
}

func (o *Obstacle) check(d *decoder, path string) {
	if !hasLatLon(o.Footprint) {
		checkPolygon(d, path+".footprint", o.Footprint)
	}
}

// hasLatLon reports whether a point of the list was given as lat/lon: its
// position in the local frame is known only once the origin is read, so
// the polygon's shape is checked then (checkLatLonPolygons).
func hasLatLon(pts []Point) bool {
	return slices.ContainsFunc(pts, func(p Point) bool { return p.lla != nil })
}

// checkLatLonPolygons checks the shape of the polygons given in lat/lon,
// once their points are resolved.
func (s *Scenario) checkLatLonPolygons(d *decoder) {
	for i, z := range s.Zones {
		if p := fmt.Sprintf("zones[%d].polygon", i); z.Circle == nil && hasLatLon(z.Polygon) && d.ok(p) {
			checkPolygon(d, p, z.Polygon)
		}
	}
	for i, o := range s.Obstacles {
		if p := fmt.Sprintf("obstacles[%d].footprint", i); hasLatLon(o.Footprint) && d.ok(p) {
			checkPolygon(d, p, o.Footprint)
		}
	}
}

// checkPolygon requires at least three corners, a non-zero area and no
// crossing edges.
func checkPolygon(d *decoder, path string, pts []Point) {
	if len(pts) < 3 {
		d.errorf(path, "expected a polygon of at least 3 points, found %d", len(pts))
		return
	}
	if len(pts) > MaxPolygonPoints {
		d.errorf(path, "expected a polygon of at most %d points, found %d", MaxPolygonPoints, len(pts))
		return
	}
	n := len(pts)
	for i := range n {
		for j := i + 1; j < n; j++ {
			if j == i+1 || (i == 0 && j == n-1) {
				continue // neighbours share a corner
			}
			if segmentsCross(pts[i], pts[(i+1)%n], pts[j], pts[(j+1)%n]) {
				d.errorf(fmt.Sprintf("%s[%d]", path, j), "expected a simple polygon, found edge %d-%d crossing edge %d-%d", i, (i+1)%n, j, (j+1)%n)
				return
			}
		}
	}
	if math.Abs(PolygonArea(pts)) < 1e-6 {
		d.errorf(path, "expected a polygon with an area, found all points on a line")
	}
}

// PolygonArea returns the signed area of a polygon in square metres
// (positive when the corners run counter-clockwise seen from above).
func PolygonArea(pts []Point) float64 {
	var a float64
	for i := range pts {
		p, q := pts[i], pts[(i+1)%len(pts)]
		a += p.EastM*q.NorthM - q.EastM*p.NorthM
	}
	return a / 2
}

func segmentsCross(a, b, c, e Point) bool {
	o := func(p, q, r Point) float64 {
		return (q.EastM-p.EastM)*(r.NorthM-p.NorthM) - (q.NorthM-p.NorthM)*(r.EastM-p.EastM)
	}
	d1, d2 := o(c, e, a), o(c, e, b)
	d3, d4 := o(a, b, c), o(a, b, e)
	return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
}

func (u *UAVType) check(d *decoder, path string) {
	if u.MaxMPS < u.CruiseMPS && d.ok(path+".max_speed_mps", path+".cruise_speed_mps") {
		d.errorf(path+".max_speed_mps", "expected a number >= cruise_speed_mps (%g), found %g", u.CruiseMPS, u.MaxMPS)
	}
	switch {
	case u.RFSilent && len(u.RFLinks) > 0:
		d.errorf(path+".rf_links", "expected no rf_links on an rf_silent type, found %d", len(u.RFLinks))
	case !u.RFSilent && len(u.RFLinks) == 0:
		d.errorf(path, "missing rf_links; expected at least one link, or rf_silent: true for a drone that emits nothing")
	}
	checkUnique(d, path+".rf_links", len(u.RFLinks), func(i int) string { return u.RFLinks[i].Name }, "name")
}

func (b *Birds) check(d *decoder, path string) {
	if b.Flocks == 0 && b.SpawnPerH == 0 && d.ok(path+".flocks", path+".spawn_rate_per_h") {
		d.errorf(path, "expected flocks > 0 or spawn_rate_per_h > 0, found neither: this entry makes no birds")
	}
}

func (l *Leg) check(d *decoder, path string) {
	n := 0
	for _, set := range []bool{l.Goto != nil, l.Orbit != nil, l.Hover != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		d.errorf(path, "expected exactly one of goto, orbit, hover, found %d", n)
	}
}

func (f *Flight) check(d *decoder, path string) {
	if len(f.Legs) == 0 {
		d.errorf(path+".legs", "expected at least one leg, found none")
	}
}

func (w *Window) check(d *decoder, path string) {
	switch {
	case w.RatePerH == 0 && w.Count == 0:
		d.errorf(path, "missing; expected rate_per_h or count")
	case w.RatePerH != 0 && w.Count != 0:
		d.errorf(path+".count", "expected rate_per_h or count, found both")
	}
	if w.EndS != 0 && w.EndS <= w.StartS && d.ok(path+".end_s", path+".start_s") {
		d.errorf(path+".end_s", "expected a number > start_s (%g), found %g", w.StartS, w.EndS)
	}
}

func (t *Target) check(d *decoder, path string) {
	switch {
	case t.Zone == "" && t.Point == nil:
		d.errorf(path, "missing; expected toward_zone or toward")
	case t.Zone != "" && t.Point != nil:
		d.errorf(path+".toward", "expected toward_zone or toward, found both")
	}
}

func checkSpeed(d *decoder, path string, b *Band) {
	if b != nil && b.Min <= 0 {
		d.errorf(path+".speed_mps.min", "expected a number > 0 (m/s), found %g", b.Min)
	}
}

func checkAltitude(d *decoder, path string, b Band) {
	if b.Min < 0 {
		d.errorf(path+".alt_m.min", "expected a number >= 0 (metres), found %g", b.Min)
	}
}

func (in *Inbound) check(d *decoder, path string) {
	in.Window.check(d, path)
	in.Target.check(d, path)
	checkSpeed(d, path, in.SpeedMPS)
	checkAltitude(d, path, in.AltM)
}

func (b *Bearings) check(d *decoder, path string) {
	if b.Min == b.Max && d.ok(path+".min", path+".max") {
		d.errorf(path+".max", "expected a number different from min (%g): an empty sector", b.Min)
	}
}

func (t *Transit) check(d *decoder, path string) {
	t.Window.check(d, path)
	checkSpeed(d, path, t.SpeedMPS)
	checkAltitude(d, path, t.AltM)
}

func (l *Loiter) check(d *decoder, path string) {
	l.Window.check(d, path)
	l.Target.check(d, path)
	checkSpeed(d, path, l.SpeedMPS)
	checkAltitude(d, path, l.AltM)
	if l.StandoffM.Min < 0 {
		d.errorf(path+".standoff_m.min", "expected a number >= 0 (metres), found %g", l.StandoffM.Min)
	}
	if l.OrbitRadiusM.Min <= 0 {
		d.errorf(path+".orbit_radius_m.min", "expected a number > 0 (metres), found %g", l.OrbitRadiusM.Min)
	}
	if l.DurationS.Min <= 0 {
		d.errorf(path+".duration_s.min", "expected a number > 0 (seconds), found %g", l.DurationS.Min)
	}
}

func (r *Radar) check(d *decoder, path string) {
	switch {
	case r.Equation == nil && r.Reference == nil:
		d.errorf(path, "missing; expected equation (physical parameters) or reference (a calibration point)")
	case r.Equation != nil && r.Reference != nil:
		d.errorf(path+".reference", "expected equation or reference, found both")
	}
	if ref := r.Reference; ref != nil {
		// The reference is stated at reference.pfa, or else at the
		// radar's pfa as the file wrote it (d.refPfa, from before any
		// override), or else at the radar's pfa.
		pfaKey := "reference.pfa"
		if ref.Pfa == 0 {
			pfaKey = "pfa"
			ref.Pfa = r.Pfa
			if pfa, ok := d.refPfa[path]; ok {
				pfaKey, ref.Pfa = "pfa as the file gave it", pfa
			}
		}
		d.resolvedRefPfa[path] = ref.Pfa
		if ref.Pd <= ref.Pfa && d.ok(path+".reference.pd", path+".reference.pfa", path+".pfa") {
			d.errorf(path+".reference.pd", "expected a probability > %s (%g), found %g", pfaKey, ref.Pfa, ref.Pd)
		}
		if r.RangeResM == 0 && r.Equation == nil {
			d.errorf(path, "missing range_resolution_m; expected it with reference (there is no bandwidth to derive it from)")
		}
	}
	if r.RangeM.Min < 0 {
		d.errorf(path+".range_m.min", "expected a number >= 0 (metres), found %g", r.RangeM.Min)
	}
	if r.RangeM.Max <= r.RangeM.Min && d.ok(path+".range_m") {
		d.errorf(path+".range_m.max", "expected a number > min (%g), found %g", r.RangeM.Min, r.RangeM.Max)
	}
	checkElevation(d, path, r.ElevationDeg)
	r.checkRange(d, path)
}

func checkElevation(d *decoder, path string, b *Band) {
	if b == nil {
		return
	}
	if b.Min < -90 {
		d.errorf(path+".elevation_deg.min", "expected a number >= -90 (degrees), found %g", b.Min)
	}
	if b.Max > 90 {
		d.errorf(path+".elevation_deg.max", "expected a number <= 90 (degrees), found %g", b.Max)
	}
}

func (r *RF) check(d *decoder, path string) {
	if len(r.Bands) == 0 {
		d.errorf(path+".bands", "expected at least one band, found none")
	}
	checkElevation(d, path, r.ElevationDeg)
}

func (b *FreqBand) check(d *decoder, path string) {
	if b.MaxHz <= b.MinHz && d.ok(path+".min_hz", path+".max_hz") {
		d.errorf(path+".max_hz", "expected a number > min_hz (%g), found %g", b.MinHz, b.MaxHz)
	}
}

func (a *AngleNoise) check(d *decoder, path string) {
	if a.AtThreshold < a.Floor && d.ok(path+".floor", path+".at_threshold") {
		d.errorf(path+".at_threshold", "expected a number >= floor (%g), found %g", a.Floor, a.AtThreshold)
	}
}

func (r *Run) check(d *decoder, path string) {
	if r.StepS > r.DurationS && d.ok(path+".step_s", path+".duration_s") {
		d.errorf(path+".step_s", "expected a number <= duration_s (%g), found %g", r.DurationS, r.StepS)
	}
}

func (t *Tracker) check(d *decoder, path string) {
	if t.ConfirmM <= t.ConfirmN || !d.ok(path+".confirm_m", path+".confirm_n") {
		return
	}
	// Point at confirm_m when the file gives it; when it takes its default,
	// the confirm_n written in the file is the value to change.
	if _, given := d.pos[path+".confirm_m"]; given {
		d.errorf(path+".confirm_m", "expected a whole number <= confirm_n (%d), found %d", t.ConfirmN, t.ConfirmM)
		return
	}
	d.errorf(path+".confirm_n", "expected a whole number >= confirm_m (%d by default), found %d", t.ConfirmM, t.ConfirmN)
}

// checkUnique reports repeated names in a list.
func checkUnique(d *decoder, path string, n int, name func(int) string, key string) {
	seen := make(map[string]int, n)
	for i := range n {
		s := name(i)
		if s == "" {
			continue
		}
		if j, dup := seen[s]; dup {
			d.errorf(fmt.Sprintf("%s[%d].%s", path, i, key), "expected a unique %s, found %s again (first at %s[%d])", key, quote(s), path, j)
			continue
		}
		seen[s] = i
	}
}

// crossCheck applies the rules that span the whole file: unique names and
// references from traffic to types and zones.
func (s *Scenario) crossCheck(d *decoder) {
	s.checkLatLonPolygons(d)
	checkUnique(d, "zones", len(s.Zones), func(i int) string { return s.Zones[i].Name }, "name")
	checkUnique(d, "obstacles", len(s.Obstacles), func(i int) string { return s.Obstacles[i].Name }, "name")
	checkUnique(d, "uav_types", len(s.UAVTypes), func(i int) string { return s.UAVTypes[i].Name }, "name")
	checkUnique(d, "birds", len(s.Birds), func(i int) string { return s.Birds[i].Name }, "name")
	checkUnique(d, "traffic", len(s.Traffic), func(i int) string { return s.Traffic[i].Name }, "name")
	checkUnique(d, "sensors", len(s.Sensors), func(i int) string { return s.Sensors[i].ID }, "id")
	s.checkLayouts(d)
	s.checkSearch(d)
	s.checkConvoys(d)
	s.checkPlausible(d)

	types := make([]string, len(s.UAVTypes))
	for i, u := range s.UAVTypes {
		types[i] = u.Name
	}
	zones := make([]string, len(s.Zones))
	for i, z := range s.Zones {
		zones[i] = z.Name
	}
	for i, t := range s.Traffic {
		path := fmt.Sprintf("traffic[%d]", i)
		if t.Type != "" && s.UAVType(t.Type) == nil {
			d.errorf(path+".type", "expected the name of a uav_types entry (%s), found %s", listOrNone(types), quote(t.Type))
		}
		var target *Target
		switch {
		case t.Inbound != nil:
			target = &t.Inbound.Target
		case t.Loiter != nil:
			target = &t.Loiter.Target
		}
		if target != nil && target.Zone != "" {
			switch z := s.Zone(target.Zone); {
			case z == nil:
				d.errorf(path+".toward_zone", "expected the name of a zone (%s), found %s", listOrNone(zones), quote(target.Zone))
			case z.Follows != "":
				// Flying at a moving asset would be a pursuit: cuasim's
				// traffic flies to fixed points, or orbits a convoy.
				d.errorf(path+".toward_zone", "expected a zone that stays put, found %s, which follows convoy %s; to watch a convoy, use kind: shadow", quote(z.Name), quote(z.Follows))
			}
		}
		s.checkEndurance(d, path, &s.Traffic[i])
		if g, typ := t.Group, s.UAVType(t.Type); g != nil && typ != nil && typ.SizeM > 0 && g.SpacingM < 2*typ.SizeM && d.ok(path+".group") {
			d.warnf(path+".group.spacing_m", "%g m is less than twice the %s's size_m (%g m): members this close would touch", g.SpacingM, typ.Name, typ.SizeM)
		}
	}
}

// checkEndurance warns of traffic whose drones may fly longer than their
// type can stay up.
func (s *Scenario) checkEndurance(d *decoder, path string, t *Traffic) {
	typ := s.UAVType(t.Type)
	if typ == nil || typ.EnduranceS == 0 || !d.ok(path) {
		return
	}
	if up := s.flightTimeS(t) / flightMargin; up > typ.EnduranceS {
		d.warnf(path, "a drone of this entry may fly for %s (its whole path at its slowest speed), longer than the %s's endurance_s of %s",
			fmtDuration(up), typ.Name, fmtDuration(typ.EnduranceS))
	}
}

// fmtDuration writes seconds as minutes, or hours and minutes.
func fmtDuration(s float64) string {
	m := int(math.Round(s / 60))
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d h %02d min", m/60, m%60)
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none defined"
	}
	return strings.Join(names, ", ")
}

// UAVType returns the type with the given name, or nil.
func (s *Scenario) UAVType(name string) *UAVType {
	for i := range s.UAVTypes {
		if s.UAVTypes[i].Name == name {
			return &s.UAVTypes[i]
		}
	}
	return nil
}

// Zone returns the zone with the given name, or nil.
func (s *Scenario) Zone(name string) *Zone {
	for i := range s.Zones {
		if s.Zones[i].Name == name {
			return &s.Zones[i]
		}
	}
	return nil
}

// Center returns a zone's centre: the circle's centre or the polygon's
// centroid (about the convoy's centre, for a zone that follows one).
func (z *Zone) Center() Point {
	if z.Circle != nil {
		return z.Circle.Center
	}
	a := PolygonArea(z.Polygon)
	var cx, cy float64
	for i := range z.Polygon {
		p, q := z.Polygon[i], z.Polygon[(i+1)%len(z.Polygon)]
		c := p.EastM*q.NorthM - q.EastM*p.NorthM
		cx += (p.EastM + q.EastM) * c
		cy += (p.NorthM + q.NorthM) * c
	}
	return Point{EastM: cx / (6 * a), NorthM: cy / (6 * a)}
}
