package gis

import (
	"fmt"
	"io"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/scenarios"
)

// Property is the name of the property that says what a feature is.
const Property = "cuasim"

// The kinds of feature, the values of Property.
const (
	KindSite      = "site"
	KindZone      = "zone"
	KindObstacle  = "obstacle"
	KindRoad      = "road"
	KindSensor    = "sensor"
	KindCandidate = "candidate"
)

// coordScale rounds degrees to 1e-9°, 0.1 mm on the ground: far below the
// centimetre the round trip promises, and short to print.
const coordScale = 1e9

// Frame returns the local East-North-Up frame of the scenario's
// site.origin, or an error naming the scenario when it has none: without
// an origin the site has no place on the earth.
func Frame(sc *scenarios.Scenario) (geo.Frame, error) {
	o := sc.Site.Origin
	if o == nil {
		return geo.Frame{}, fmt.Errorf("%s: no site.origin: the site needs one to be placed on the earth (site: origin: {lat_deg: ..., lon_deg: ...})", sc.Name)
	}
	return geo.NewFrame(geo.LLA{LatDeg: o.LatDeg, LonDeg: o.LonDeg, AltM: o.AltM}), nil
}

// FeatureCollection returns the scenario's geography as an RFC 7946
// FeatureCollection in WGS84 longitude and latitude: the site (a Point at
// the origin), the zones (Polygons, or Points with radius_m for circles),
// the obstacles (Polygons with height_m), the roads (LineStrings) and the
// sensors of every layout, base first (Points with id, type, layout,
// mast_height_m and boresight_deg), and the search's candidate positions
// (Points, or Polygons with spacing_m). Exterior rings are counter-clockwise
// and closed, as RFC 7946 asks. Zones that follow a convoy are given about
// the convoy's moving centre, not on the ground, and are left out.
func FeatureCollection(sc *scenarios.Scenario) (*geojson.FeatureCollection, error) {
	f, err := Frame(sc)
	if err != nil {
		return nil, err
	}
	fc := geojson.NewFeatureCollection()
	o := f.Origin()
	site := geojson.NewFeature(orb.Point{round(o.LonDeg), round(o.LatDeg)})
	site.Properties = geojson.Properties{Property: KindSite, "name": sc.Site.Name, "scenario": sc.Name, "alt_m": o.AltM}
	fc.Append(site)
	for _, z := range sc.Zones {
		if z.Follows != "" {
			continue
		}
		var g orb.Geometry
		props := geojson.Properties{Property: KindZone, "name": z.Name, "severity": z.Severity}
		if z.Circle != nil {
			g = lonLat(f, z.Circle.Center)
			props["radius_m"] = z.Circle.RadiusM
		} else {
			g = polygon(f, z.Polygon)
		}
		if z.AltitudeM != nil {
			props["altitude_min_m"] = z.AltitudeM.Min
			props["altitude_max_m"] = z.AltitudeM.Max
		}
		fc.Append(feature(g, props))
	}
	for _, ob := range sc.Obstacles {
		fc.Append(feature(polygon(f, ob.Footprint), geojson.Properties{Property: KindObstacle, "name": ob.Name, "height_m": ob.HeightM}))
	}
	for _, r := range sc.Roads {
		ls := make(orb.LineString, len(r.Points))
		for i, p := range r.Points {
			ls[i] = lonLat(f, p)
		}
		fc.Append(feature(ls, geojson.Properties{Property: KindRoad, "name": r.Name, "width_m": r.WidthM}))
	}
	for _, name := range sc.LayoutNames() {
		l, err := sc.WithLayout(name)
		if err != nil {
			return nil, err
		}
		for _, s := range l.Sensors {
			fc.Append(feature(lonLat(f, s.Position), geojson.Properties{
				Property: KindSensor, "id": s.ID, "type": s.Type, "layout": name,
				"mast_height_m": s.MastHeightM, "boresight_deg": s.BoresightDeg,
			}))
		}
	}
	if sc.Search != nil {
		for i, c := range sc.Search.Candidates {
			name := c.Name
			if name == "" {
				name = fmt.Sprintf("c%d", i+1)
			}
			if c.Position != nil {
				fc.Append(feature(lonLat(f, *c.Position), geojson.Properties{Property: KindCandidate, "name": name}))
			} else {
				fc.Append(feature(polygon(f, c.Area), geojson.Properties{Property: KindCandidate, "name": name, "spacing_m": c.SpacingM}))
			}
		}
	}
	return fc, nil
}

// WriteGeoJSON writes FeatureCollection(sc) as one JSON document.
func WriteGeoJSON(w io.Writer, sc *scenarios.Scenario) error {
	fc, err := FeatureCollection(sc)
	if err != nil {
		return err
	}
	return Encode(w, fc)
}

// Encode writes a FeatureCollection as one JSON document and a newline.
func Encode(w io.Writer, fc *geojson.FeatureCollection) error {
	b, err := fc.MarshalJSON()
	if err != nil {
		return fmt.Errorf("encoding GeoJSON: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("writing GeoJSON: %w", err)
	}
	return nil
}

func feature(g orb.Geometry, props geojson.Properties) *geojson.Feature {
	ft := geojson.NewFeature(g)
	ft.Properties = props
	return ft
}

// lonLat places a point of the site's ground as [lon, lat]: the position
// at the origin's height above the ellipsoid whose East-North-Up
// coordinates are the point's, the inverse of how the scenario decoder
// and Read place a lat/lon point (at the origin's height). The tangent
// plane drops below that height with distance (9.5 m at 11 km), so the
// up coordinate is found by a few fixed-point steps: 3 take the height
// error under a micrometre within 200 km.
func lonLat(f geo.Frame, p scenarios.Point) orb.Point {
	v := r3.Vec{X: p.EastM, Y: p.NorthM}
	var lla geo.LLA
	for range 3 {
		lla = f.ToLLA(v)
		v.Z -= lla.AltM - f.Origin().AltM
	}
	return orb.Point{round(lla.LonDeg), round(lla.LatDeg)}
}

// polygon returns the corners as a closed, counter-clockwise ring.
func polygon(f geo.Frame, corners []scenarios.Point) orb.Polygon {
	r := make(orb.Ring, 0, len(corners)+1)
	for _, p := range corners {
		r = append(r, lonLat(f, p))
	}
	if len(r) > 0 && r[0] != r[len(r)-1] {
		r = append(r, r[0])
	}
	if signedArea(r) < 0 {
		r.Reverse()
	}
	return orb.Polygon{r}
}

// signedArea is the shoelace area of a closed ring in degrees², positive
// counter-clockwise (east is x, north is y).
func signedArea(r orb.Ring) float64 {
	var a float64
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a / 2
}

func round(deg float64) float64 { return math.Round(deg*coordScale) / coordScale }
