package gis

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/scenarios"
)

// Geography is what a GeoJSON file gives a scenario, in the site's local
// East-North-Up metres.
type Geography struct {
	SiteName   string // from a site feature; "" when there is none
	Zones      []scenarios.Zone
	Obstacles  []scenarios.Obstacle
	Roads      []scenarios.Road
	Sensors    []Placement
	Candidates []Candidate
}

// Placement is where a sensor of a layout stands: its position and the
// fields that place it; the sensor's model is the scenario's.
type Placement struct {
	ID, Type, Layout string
	Position         scenarios.Point
	MastHeightM      float64
	BoresightDeg     float64
}

// Candidate is a position a sensor may be placed at: a point, or an area
// (a polygon's corners) to sample.
type Candidate struct {
	Name     string
	Point    *scenarios.Point
	Area     []scenarios.Point
	SpacingM float64 // an area's sampling grid, metres
}

// MaxFeatures bounds the features a file may hold.
const MaxFeatures = 100000

// properties lists, per kind, the properties a feature may carry, the
// required ones first (up to the count in required).
var properties = map[string]struct {
	keys     []string
	required int
	geoms    []string
}{
	KindSite:      {[]string{"name", "scenario", "alt_m"}, 1, []string{"Point"}},
	KindZone:      {[]string{"name", "severity", "radius_m", "altitude_min_m", "altitude_max_m"}, 1, []string{"Polygon", "Point"}},
	KindObstacle:  {[]string{"name", "height_m"}, 2, []string{"Polygon"}},
	KindRoad:      {[]string{"name", "width_m"}, 1, []string{"LineString"}},
	KindSensor:    {[]string{"id", "type", "layout", "mast_height_m", "boresight_deg"}, 2, []string{"Point"}},
	KindCandidate: {[]string{"name", "spacing_m"}, 1, []string{"Point", "Polygon"}},
}

// Read decodes a GeoJSON FeatureCollection whose features carry a cuasim
// property and returns them in the local frame f. file names the source in
// messages, which give the feature's index and the property at fault.
func Read(file string, data []byte, f geo.Frame) (*Geography, error) {
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := lineCol(data, se.Offset)
			return nil, fmt.Errorf("%s:%d:%d: not JSON: %w", file, line, col, err)
		}
		return nil, fmt.Errorf("%s: expected a GeoJSON FeatureCollection: %w", file, err)
	}
	if len(fc.Features) > MaxFeatures {
		return nil, fmt.Errorf("%s: expected at most %d features, found %d", file, MaxFeatures, len(fc.Features))
	}
	g := &Geography{}
	var errs []string
	for i, ft := range fc.Features {
		r := reader{path: fmt.Sprintf("%s: features[%d]", file, i), props: ft.Properties, f: f}
		r.feature(g, ft)
		errs = append(errs, r.errs...)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return g, nil
}

// reader decodes one feature, collecting its errors.
type reader struct {
	path  string
	props geojson.Properties
	f     geo.Frame
	errs  []string
}

func (r *reader) errorf(format string, args ...any) {
	r.errs = append(r.errs, r.path+"."+fmt.Sprintf(format, args...))
}

func (r *reader) feature(g *Geography, ft *geojson.Feature) {
	kind, ok := r.props[Property].(string)
	if !ok {
		if _, there := r.props[Property]; there {
			r.errorf("properties.%s: expected a string, found %s", Property, describe(r.props[Property]))
		} else {
			r.errorf("properties.%s: expected one of %s saying what the feature is, found none", Property, kinds())
		}
		return
	}
	spec, ok := properties[kind]
	if !ok {
		r.errorf("properties.%s: expected one of %s, found %q", Property, kinds(), kind)
		return
	}
	for _, k := range sortedKeys(r.props) {
		if k != Property && !slices.Contains(spec.keys, k) {
			r.errorf("properties.%s: unknown property of %s features; expected %s", k, kind, strings.Join(spec.keys, ", "))
		}
	}
	for _, k := range spec.keys[:spec.required] {
		if _, there := r.props[k]; !there {
			r.errorf("properties.%s: missing; %s features need %s", k, kind, strings.Join(spec.keys[:spec.required], " and "))
		}
	}
	if ft.Geometry == nil || !slices.Contains(spec.geoms, ft.Geometry.GeoJSONType()) {
		found := "none"
		if ft.Geometry != nil {
			found = "a " + ft.Geometry.GeoJSONType()
		}
		r.errorf("geometry: expected a %s for %s features, found %s", strings.Join(spec.geoms, " or a "), kind, found)
		return
	}
	if len(r.errs) > 0 {
		return
	}
	switch kind {
	case KindSite:
		g.SiteName = r.str("name")
	case KindZone:
		z := scenarios.Zone{Name: r.str("name"), Severity: r.str("severity")}
		if z.Severity == "" {
			z.Severity = "high"
		}
		if !slices.Contains([]string{"low", "medium", "high", "critical"}, z.Severity) {
			r.errorf("properties.severity: expected low, medium, high or critical, found %q", z.Severity)
		}
		_, hasMin := r.props["altitude_min_m"]
		_, hasMax := r.props["altitude_max_m"]
		if hasMin != hasMax {
			r.errorf("properties.altitude_min_m: expected altitude_min_m and altitude_max_m together, found one")
		} else if hasMin {
			b := scenarios.Band{Min: r.num("altitude_min_m", 0, 20000), Max: r.num("altitude_max_m", 0, 20000)}
			if b.Max < b.Min {
				r.errorf("properties.altitude_max_m: expected >= altitude_min_m (%g), found %g", b.Min, b.Max)
			}
			z.AltitudeM = &b
		}
		if p, ok := ft.Geometry.(orb.Point); ok {
			if _, there := r.props["radius_m"]; !there {
				r.errorf("properties.radius_m: missing; a zone given as a Point is a circle and needs radius_m")
				return
			}
			z.Circle = &scenarios.Circle{Center: r.point(p, "geometry.coordinates"), RadiusM: r.num("radius_m", math.SmallestNonzeroFloat64, 200000)}
		} else {
			if _, there := r.props["radius_m"]; there {
				r.errorf("properties.radius_m: only a zone given as a Point (a circle) has a radius")
			}
			z.Polygon = r.ring(ft.Geometry.(orb.Polygon))
		}
		g.Zones = append(g.Zones, z)
	case KindObstacle:
		g.Obstacles = append(g.Obstacles, scenarios.Obstacle{
			Name: r.str("name"), Footprint: r.ring(ft.Geometry.(orb.Polygon)),
			HeightM: r.num("height_m", math.SmallestNonzeroFloat64, 1000),
		})
	case KindRoad:
		ls := ft.Geometry.(orb.LineString)
		if len(ls) < 2 {
			r.errorf("geometry.coordinates: expected a road of at least 2 points, found %d", len(ls))
		}
		road := scenarios.Road{Name: r.str("name"), WidthM: 10}
		if _, there := r.props["width_m"]; there {
			road.WidthM = r.num("width_m", math.SmallestNonzeroFloat64, 1000)
		}
		for i, p := range ls {
			road.Points = append(road.Points, r.point(p, fmt.Sprintf("geometry.coordinates[%d]", i)))
		}
		g.Roads = append(g.Roads, road)
	case KindSensor:
		p := Placement{ID: r.str("id"), Type: r.str("type"), Layout: r.str("layout"),
			Position: r.point(ft.Geometry.(orb.Point), "geometry.coordinates")}
		if p.Type != "radar" && p.Type != "rf" {
			r.errorf("properties.type: expected radar or rf, found %q", p.Type)
		}
		if p.Layout == "" {
			p.Layout = scenarios.BaseLayout
		}
		if _, there := r.props["mast_height_m"]; there {
			p.MastHeightM = r.num("mast_height_m", 0, 1000)
		}
		if _, there := r.props["boresight_deg"]; there {
			p.BoresightDeg = r.num("boresight_deg", 0, math.Nextafter(360, 0))
		}
		g.Sensors = append(g.Sensors, p)
	case KindCandidate:
		c := Candidate{Name: r.str("name")}
		if p, ok := ft.Geometry.(orb.Point); ok {
			pt := r.point(p, "geometry.coordinates")
			c.Point = &pt
			if _, there := r.props["spacing_m"]; there {
				r.errorf("properties.spacing_m: expected spacing_m only on an area (a Polygon), found it on a Point")
			}
		} else {
			c.Area = r.ring(ft.Geometry.(orb.Polygon))
			if _, there := r.props["spacing_m"]; !there {
				r.errorf("properties.spacing_m: missing; an area candidate needs the spacing of its grid of positions, metres")
			} else {
				c.SpacingM = r.num("spacing_m", 10, 100000)
			}
		}
		g.Candidates = append(g.Candidates, c)
	}
}

// str returns a string property, "" when absent.
func (r *reader) str(key string) string {
	v, there := r.props[key]
	if !there {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		r.errorf("properties.%s: expected a string, found %s", key, describe(v))
		return ""
	}
	if s == "" {
		r.errorf("properties.%s: expected a non-empty string, found \"\"", key)
	}
	return s
}

// num returns a number property, checking it lies in [lo, hi].
func (r *reader) num(key string, lo, hi float64) float64 {
	v := r.props[key]
	x, ok := v.(float64)
	if !ok {
		r.errorf("properties.%s: expected a number, found %s", key, describe(v))
		return 0
	}
	if !(x >= lo && x <= hi) {
		lb := "["
		if lo > 0 && lo < 1e-300 {
			lo, lb = 0, "("
		}
		r.errorf("properties.%s: expected a number in %s%g, %g], found %g", key, lb, lo, hi, x)
	}
	return x
}

// point converts [lon, lat] to the local frame, on the ellipsoid at the
// origin's height (the scenario's ground).
func (r *reader) point(p orb.Point, path string) scenarios.Point {
	lla := geo.LLA{LonDeg: p[0], LatDeg: p[1], AltM: r.f.Origin().AltM}
	if err := lla.Valid(); err != nil {
		r.errorf("%s: %v", path, err)
		return scenarios.Point{}
	}
	enu := r.f.ToENU(lla)
	if math.Abs(enu.X) > scenarios.MaxCoordinateM || math.Abs(enu.Y) > scenarios.MaxCoordinateM {
		r.errorf("%s: expected a point within %d km of site.origin east and north, found [%.0f, %.0f] m", path, scenarios.MaxCoordinateM/1000, enu.X, enu.Y)
	}
	return scenarios.Point{EastM: enu.X, NorthM: enu.Y}
}

// ring returns a polygon's exterior ring as corners (the closing point
// dropped); holes are refused, as cuasim's polygons have none.
func (r *reader) ring(pg orb.Polygon) []scenarios.Point {
	if len(pg) != 1 {
		r.errorf("geometry.coordinates: expected a polygon of one ring (no holes), found %d rings", len(pg))
		if len(pg) == 0 {
			return nil
		}
	}
	ring := pg[0]
	if len(ring) > 1 && ring[0] == ring[len(ring)-1] {
		ring = ring[:len(ring)-1]
	}
	if len(ring) < 3 {
		r.errorf("geometry.coordinates[0]: expected at least 3 corners, found %d", len(ring))
	}
	out := make([]scenarios.Point, len(ring))
	for i, p := range ring {
		out[i] = r.point(p, fmt.Sprintf("geometry.coordinates[0][%d]", i))
	}
	return out
}

func kinds() string {
	return strings.Join([]string{KindSite, KindZone, KindObstacle, KindRoad, KindSensor, KindCandidate}, ", ")
}

func sortedKeys(p geojson.Properties) []string {
	ks := make([]string, 0, len(p))
	for k := range p {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("the string %q", v)
	case float64:
		return fmt.Sprintf("the number %g", v)
	case bool:
		return fmt.Sprintf("%t", v)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// lineCol returns the 1-based line and column of a byte offset.
func lineCol(data []byte, off int64) (line, col int) {
	line, col = 1, 1
	for i := int64(0); i < off-1 && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}
