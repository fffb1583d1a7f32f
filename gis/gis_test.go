package gis

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/scenarios"
)

const tolM = 0.01 // the round trip's promise: 1 cm

func embedded(t *testing.T, name string) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Embedded(name)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// convoyWithOrigin is the convoy scenario, which has a road and a zone
// that follows the convoy, placed on the earth.
func convoyWithOrigin(t *testing.T) *scenarios.Scenario {
	t.Helper()
	src := string(embedded(t, "convoy").Source())
	const site = "site:\n  name: Highway fuel-convoy route and depot (generic)\n"
	if !strings.Contains(src, site) {
		t.Fatal("convoy.yaml's site block changed; update the test")
	}
	src = strings.Replace(src, site, site+"  origin: {lat_deg: 13.5, lon_deg: 2.1, alt_m: 210}\n", 1)
	sc, err := scenarios.Parse("convoy-origin.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// airportCW is the airport with the terminal's corners listed clockwise
// and a candidate area added to its search,
// so that the writer meets polygons of both orientations.
func airportCW(t *testing.T) *scenarios.Scenario {
	t.Helper()
	src := string(embedded(t, "airport").Source())
	const ccw = "footprint: [[-60, 420], [60, 420], [60, 460], [-60, 460]]"
	if !strings.Contains(src, ccw) {
		t.Fatal("airport.yaml's terminal changed; update the test")
	}
	src = strings.Replace(src, ccw, "footprint: [[-60, 420], [-60, 460], [60, 460], [60, 420]]", 1)
	// And a candidate area, unnamed, for the search.
	const place = "  place:\n    - sensor: radar-main\n"
	if !strings.Contains(src, place) {
		t.Fatal("airport.yaml's search.place changed; update the test")
	}
	src = strings.Replace(src, place, "    - {area: [[800, 900], [1400, 900], [1400, 1300]], spacing_m: 150}\n"+place, 1)
	sc, err := scenarios.Parse("airport-cw.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func roundTrip(t *testing.T, sc *scenarios.Scenario) *Geography {
	t.Helper()
	var b bytes.Buffer
	if err := WriteGeoJSON(&b, sc); err != nil {
		t.Fatal(err)
	}
	f, err := Frame(sc)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Read("out.geojson", b.Bytes(), f)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func near(a, b scenarios.Point) bool {
	return math.Hypot(a.EastM-b.EastM, a.NorthM-b.NorthM) <= tolM
}

// sameRing reports whether got holds want's corners in order, or in
// reverse order from the same first corner (the writer reverses clockwise
// rings, as RFC 7946 asks).
func sameRing(got, want []scenarios.Point) bool {
	if len(got) != len(want) {
		return false
	}
	fwd, rev := true, true
	n := len(want)
	for i := range want {
		fwd = fwd && near(got[i], want[i])
		rev = rev && near(got[i], want[(n-i)%n])
	}
	return fwd || rev
}

// TestRoundTrip writes scenarios as GeoJSON, reads them back and checks
// every field cuasim uses against the scenario's own values, to 1 cm.
func TestRoundTrip(t *testing.T) {
	for _, sc := range []*scenarios.Scenario{embedded(t, "airport"), airportCW(t), convoyWithOrigin(t)} {
		t.Run(sc.File(), func(t *testing.T) {
			g := roundTrip(t, sc)
			if g.SiteName != sc.Site.Name {
				t.Errorf("site name %q, want %q", g.SiteName, sc.Site.Name)
			}
			var zones []scenarios.Zone
			for _, z := range sc.Zones {
				if z.Follows == "" {
					zones = append(zones, z)
				}
			}
			if len(g.Zones) != len(zones) {
				t.Fatalf("%d zones, want %d", len(g.Zones), len(zones))
			}
			for i, want := range zones {
				got := g.Zones[i]
				if got.Name != want.Name || got.Severity != want.Severity {
					t.Errorf("zone %d: %s/%s, want %s/%s", i, got.Name, got.Severity, want.Name, want.Severity)
				}
				if (got.AltitudeM == nil) != (want.AltitudeM == nil) || want.AltitudeM != nil && *got.AltitudeM != *want.AltitudeM {
					t.Errorf("zone %s: altitude band %v, want %v", want.Name, got.AltitudeM, want.AltitudeM)
				}
				switch {
				case want.Circle != nil:
					if got.Circle == nil || !near(got.Circle.Center, want.Circle.Center) || got.Circle.RadiusM != want.Circle.RadiusM {
						t.Errorf("zone %s: circle %+v, want %+v", want.Name, got.Circle, want.Circle)
					}
				case !sameRing(got.Polygon, want.Polygon):
					t.Errorf("zone %s: polygon %v, want %v", want.Name, got.Polygon, want.Polygon)
				}
			}
			if len(g.Obstacles) != len(sc.Obstacles) {
				t.Fatalf("%d obstacles, want %d", len(g.Obstacles), len(sc.Obstacles))
			}
			for i, want := range sc.Obstacles {
				got := g.Obstacles[i]
				if got.Name != want.Name || got.HeightM != want.HeightM || !sameRing(got.Footprint, want.Footprint) {
					t.Errorf("obstacle %d: %+v, want %+v", i, got, want)
				}
			}
			if len(g.Roads) != len(sc.Roads) {
				t.Fatalf("%d roads, want %d", len(g.Roads), len(sc.Roads))
			}
			for i, want := range sc.Roads {
				got := g.Roads[i]
				ok := got.Name == want.Name && got.WidthM == want.WidthM && len(got.Points) == len(want.Points)
				for k := range want.Points {
					ok = ok && near(got.Points[k], want.Points[k])
				}
				if !ok {
					t.Errorf("road %d: %+v, want %+v", i, got, want)
				}
			}
			var n int
			for _, name := range sc.LayoutNames() {
				l, err := sc.WithLayout(name)
				if err != nil {
					t.Fatal(err)
				}
				for _, want := range l.Sensors {
					if n >= len(g.Sensors) {
						t.Fatalf("only %d sensors read back", len(g.Sensors))
					}
					got := g.Sensors[n]
					n++
					if got.ID != want.ID || got.Type != want.Type || got.Layout != name || !near(got.Position, want.Position) ||
						got.MastHeightM != want.MastHeightM || got.BoresightDeg != want.BoresightDeg {
						t.Errorf("layout %s sensor %s: %+v, want %+v", name, want.ID, got, want)
					}
				}
			}
			if n != len(g.Sensors) {
				t.Errorf("%d sensors read back, want %d", len(g.Sensors), n)
			}
			var cands []scenarios.Candidate
			if sc.Search != nil {
				cands = sc.Search.Candidates
			}
			if len(g.Candidates) != len(cands) {
				t.Fatalf("%d candidates read back, want %d", len(g.Candidates), len(cands))
			}
			for i, want := range cands {
				got := g.Candidates[i]
				ok := (got.Point != nil) == (want.Position != nil) && got.SpacingM == want.SpacingM && (want.Name == "" || got.Name == want.Name)
				if ok && want.Position != nil {
					ok = near(*got.Point, *want.Position)
				} else if ok {
					ok = sameRing(got.Area, want.Area)
				}
				if !ok {
					t.Errorf("candidate %d: %+v, want %+v", i, got, want)
				}
			}
		})
	}
}

// TestRingOrientation checks RFC 7946 §3.1.6: every exterior ring is
// closed and counter-clockwise (the right-hand rule), whichever way the
// scenario lists the corners.
func TestRingOrientation(t *testing.T) {
	sc := airportCW(t)
	cw, ccw := 0, 0
	area := func(ps []scenarios.Point) float64 { // shoelace, east x, north y
		var a float64
		for i := range ps {
			j := (i + 1) % len(ps)
			a += ps[i].EastM*ps[j].NorthM - ps[j].EastM*ps[i].NorthM
		}
		return a
	}
	for _, o := range sc.Obstacles {
		if area(o.Footprint) < 0 {
			cw++
		} else {
			ccw++
		}
	}
	for _, z := range sc.Zones {
		if z.Polygon != nil && area(z.Polygon) < 0 {
			cw++
		} else if z.Polygon != nil {
			ccw++
		}
	}
	for _, c := range sc.Search.Candidates {
		if c.Area != nil && area(c.Area) < 0 {
			cw++
		} else if c.Area != nil {
			ccw++
		}
	}
	if cw == 0 || ccw == 0 {
		t.Fatalf("the airport has %d clockwise and %d counter-clockwise polygons; the test needs both", cw, ccw)
	}
	fc, err := FeatureCollection(sc)
	if err != nil {
		t.Fatal(err)
	}
	polys := 0
	for i, ft := range fc.Features {
		b, _ := ft.Geometry.(interface{ GeoJSONType() string })
		if b == nil || b.GeoJSONType() != "Polygon" {
			continue
		}
		polys++
		js, err := ft.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		// Read the ring back from the JSON text, as any reader would.
		ring := parseRing(t, js)
		if ring[0] != ring[len(ring)-1] {
			t.Errorf("feature %d: ring not closed: %v", i, ring)
		}
		var a float64
		for k := 0; k+1 < len(ring); k++ {
			a += ring[k][0]*ring[k+1][1] - ring[k+1][0]*ring[k][1]
		}
		if !(a > 0) {
			t.Errorf("feature %d (%v): exterior ring clockwise (twice the signed area %g deg²)", i, ft.Properties["name"], a)
		}
	}
	if polys != cw+ccw {
		t.Errorf("%d polygons written, want %d", polys, cw+ccw)
	}
}

func parseRing(t *testing.T, js []byte) [][2]float64 {
	t.Helper()
	s := string(js)
	i := strings.Index(s, `"coordinates":[[`)
	if i < 0 {
		t.Fatalf("no polygon coordinates in %s", s)
	}
	s = s[i+len(`"coordinates":[[`):]
	s = s[:strings.Index(s, "]]")+1]
	var ring [][2]float64
	for _, pair := range strings.Split(strings.Trim(s, "[]"), "],[") {
		xy := strings.Split(pair, ",")
		x, err1 := strconv.ParseFloat(xy[0], 64)
		y, err2 := strconv.ParseFloat(xy[1], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad pair %q", pair)
		}
		ring = append(ring, [2]float64{x, y})
	}
	return ring
}

// TestReadErrors checks that malformed input names the file, the feature
// and the property at fault, and what was expected.
func TestReadErrors(t *testing.T) {
	f := geo.NewFrame(geo.LLA{LatDeg: 52, LonDeg: 5})
	const sq = `{"type":"Polygon","coordinates":[[[5,52],[5.001,52],[5.001,52.001],[5,52]]]}`
	const pt = `{"type":"Point","coordinates":[5.001,52.001]}`
	fc := func(features ...string) string {
		return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
	}
	feat := func(geom, props string) string {
		return `{"type":"Feature","geometry":` + geom + `,"properties":{` + props + `}}`
	}
	good := feat(sq, `"cuasim":"obstacle","name":"a","height_m":10`)
	for _, c := range []struct{ name, in, want string }{
		{"syntax", "{\"type\":\n\"FeatureCollection\",,}", "site.geojson:2:21: not JSON"},
		{"no kind", fc(good, feat(sq, `"name":"b"`)), "site.geojson: features[1].properties.cuasim: expected one of site, zone, obstacle, road, sensor, candidate"},
		{"bad kind", fc(feat(sq, `"cuasim":"tower"`)), `features[0].properties.cuasim: expected one of site, zone, obstacle, road, sensor, candidate, found "tower"`},
		{"unknown property", fc(feat(sq, `"cuasim":"obstacle","name":"a","height_m":10,"fid":3`)), "features[0].properties.fid: unknown property of obstacle features"},
		{"missing height", fc(good, good, feat(sq, `"cuasim":"obstacle","name":"a"`)), "features[2].properties.height_m: missing"},
		{"height a string", fc(feat(sq, `"cuasim":"obstacle","name":"a","height_m":"tall"`)), `features[0].properties.height_m: expected a number, found the string "tall"`},
		{"height out of range", fc(feat(sq, `"cuasim":"obstacle","name":"a","height_m":0`)), "features[0].properties.height_m: expected a number in (0, 1000], found 0"},
		{"road as polygon", fc(feat(sq, `"cuasim":"road","name":"r"`)), "features[0].geometry: expected a LineString for road features, found a Polygon"},
		{"circle without radius", fc(feat(pt, `"cuasim":"zone","name":"z"`)), "features[0].properties.radius_m: missing"},
		{"bad severity", fc(feat(sq, `"cuasim":"zone","name":"z","severity":"dire"`)), `features[0].properties.severity: expected low, medium, high or critical, found "dire"`},
		{"band inverted", fc(feat(sq, `"cuasim":"zone","name":"z","altitude_min_m":100,"altitude_max_m":50`)), "features[0].properties.altitude_max_m: expected >= altitude_min_m (100), found 50"},
		{"sensor type", fc(feat(pt, `"cuasim":"sensor","id":"s","type":"lidar"`)), `features[0].properties.type: expected radar or rf, found "lidar"`},
		{"far away", fc(feat(`{"type":"Point","coordinates":[9,52]}`, `"cuasim":"candidate","name":"c"`)), "features[0].geometry.coordinates: expected a point within 200 km of site.origin"},
		{"two corners", fc(feat(`{"type":"Polygon","coordinates":[[[5,52],[5.001,52],[5,52]]]}`, `"cuasim":"candidate","name":"c","spacing_m":50`)), "features[0].geometry.coordinates[0]: expected at least 3 corners, found 2"},
		{"area without spacing", fc(feat(sq, `"cuasim":"candidate","name":"c"`)), "features[0].properties.spacing_m: missing; an area candidate needs"},
		{"point with spacing", fc(feat(pt, `"cuasim":"candidate","name":"c","spacing_m":50`)), "features[0].properties.spacing_m: expected spacing_m only on an area"},
		{"spacing too fine", fc(feat(sq, `"cuasim":"candidate","name":"c","spacing_m":1`)), "features[0].properties.spacing_m: expected a number in [10, 100000], found 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read("site.geojson", []byte(c.in), f)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v\nwant it to contain %q", err, c.want)
			}
		})
	}
}

// TestReadCandidates reads candidate points and areas drawn by hand.
func TestReadCandidates(t *testing.T) {
	f := geo.NewFrame(geo.LLA{LatDeg: 52, LonDeg: 5})
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[5,52.001]},"properties":{"cuasim":"candidate","name":"roof"}},
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[5,52],[5.001,52],[5.001,52.001],[5,52]]]},"properties":{"cuasim":"candidate","name":"field","spacing_m":50}}]}`
	g, err := Read("c.geojson", []byte(in), f)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Candidates) != 2 || g.Candidates[0].Point == nil || len(g.Candidates[1].Area) != 3 || g.Candidates[1].SpacingM != 50 {
		t.Fatalf("candidates %+v", g.Candidates)
	}
	// 0.001° of latitude at 52° N is 111.3 km/° × 0.001 (the meridian arc
	// length per degree at 52°, 111 267 m, from the WGS84 series).
	if p := *g.Candidates[0].Point; math.Abs(p.NorthM-111.267) > 0.01 || math.Abs(p.EastM) > 0.01 {
		t.Errorf("roof at %+v, want [0, 111.267]", p)
	}
}

// The KML as read by a reader that knows KML 2.2, not the writer's types.
type kmlFile struct {
	XMLName  xml.Name `xml:"http://www.opengis.net/kml/2.2 kml"`
	Document struct {
		Name    string `xml:"name"`
		Folders []struct {
			Name       string `xml:"name"`
			Placemarks []struct {
				Name    string `xml:"name"`
				Point   string `xml:"Point>coordinates"`
				Line    string `xml:"LineString>coordinates"`
				Polygon struct {
					AltitudeMode string `xml:"altitudeMode"`
					Outer        string `xml:"outerBoundaryIs>LinearRing>coordinates"`
				} `xml:"Polygon"`
			} `xml:"Placemark"`
		} `xml:"Folder"`
	} `xml:"Document"`
}

func parseCoords(t *testing.T, s string) [][]float64 {
	t.Helper()
	var out [][]float64
	for _, tuple := range strings.Fields(s) {
		var v []float64
		for _, x := range strings.Split(tuple, ",") {
			f, err := strconv.ParseFloat(x, 64)
			if err != nil {
				t.Fatalf("coordinates %q: %v", s, err)
			}
			v = append(v, f)
		}
		out = append(out, v)
	}
	return out
}

// TestKML parses the airport's KML with encoding/xml and checks its
// placemarks by name and coordinates against the scenario's positions
// converted by package geo.
func TestKML(t *testing.T) {
	sc := embedded(t, "airport")
	var b bytes.Buffer
	if err := WriteKML(&b, sc); err != nil {
		t.Fatal(err)
	}
	var k kmlFile
	if err := xml.Unmarshal(b.Bytes(), &k); err != nil {
		t.Fatalf("KML does not parse: %v", err)
	}
	if k.Document.Name != "airport" {
		t.Errorf("document %q", k.Document.Name)
	}
	frame, _ := Frame(sc)
	toENU := func(c []float64) scenarios.Point {
		v := frame.ToENU(geo.LLA{LonDeg: c[0], LatDeg: c[1], AltM: frame.Origin().AltM})
		return scenarios.Point{EastM: v.X, NorthM: v.Y}
	}
	type pm = struct{ folder, coords, alt string }
	byName := map[string]pm{}
	for _, f := range k.Document.Folders {
		for _, p := range f.Placemarks {
			c := p.Point + p.Line + p.Polygon.Outer
			byName[f.Name+"/"+p.Name] = pm{f.Name, c, p.Polygon.AltitudeMode}
		}
	}
	for _, s := range sc.Sensors {
		p, ok := byName["sensors (layout base)/"+s.ID]
		if !ok {
			t.Fatalf("no placemark for sensor %s in %v", s.ID, byName)
		}
		if c := parseCoords(t, p.coords); len(c) != 1 || !near(toENU(c[0]), s.Position) {
			t.Errorf("sensor %s at %v, want %+v", s.ID, c, s.Position)
		}
	}
	for _, o := range sc.Obstacles {
		p, ok := byName["obstacles/"+o.Name]
		if !ok {
			t.Fatalf("no placemark for obstacle %s", o.Name)
		}
		c := parseCoords(t, p.coords)
		if p.alt != "relativeToGround" || len(c) != len(o.Footprint)+1 {
			t.Fatalf("obstacle %s: altitudeMode %q, %d coordinates", o.Name, p.alt, len(c))
		}
		for _, v := range c {
			if len(v) != 3 || v[2] != o.HeightM {
				t.Errorf("obstacle %s: corner %v, want its height %g", o.Name, v, o.HeightM)
			}
		}
		if !sameRing(func() (ps []scenarios.Point) {
			for _, v := range c[:len(c)-1] {
				ps = append(ps, toENU(v))
			}
			return ps
		}(), o.Footprint) {
			t.Errorf("obstacle %s: footprint %v", o.Name, c)
		}
	}
	for _, z := range sc.Zones {
		if z.Circle == nil {
			continue
		}
		c := parseCoords(t, byName["zones/"+z.Name].coords)
		if len(c) != circleSides+1 {
			t.Fatalf("circle %s: %d corners", z.Name, len(c))
		}
		for _, v := range c {
			if d := toENU(v).Dist(z.Circle.Center); math.Abs(d-z.Circle.RadiusM) > tolM {
				t.Errorf("circle %s: corner %v is %.4f m from the centre, want %g", z.Name, v, d, z.Circle.RadiusM)
			}
		}
	}
	if len(sc.Layouts) == 0 {
		t.Fatal("the airport has no layouts")
	}
	for _, l := range sc.Layouts {
		found := false
		for name := range byName {
			found = found || strings.HasPrefix(name, "sensors (layout "+l.Name+")/")
		}
		if !found {
			t.Errorf("no folder of layout %s's sensors", l.Name)
		}
	}
}
