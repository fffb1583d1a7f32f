package gis

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"go.yaml.in/yaml/v4"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/scenarios"
)

// withGeography returns the scenario's YAML with its zones, obstacles,
// roads and search replaced by the sections WriteYAML made from a GeoJSON
// file.
func withGeography(t *testing.T, sc *scenarios.Scenario, sections []byte) []byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(sc.Source(), &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	var kept []*yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		switch root.Content[i].Value {
		case "zones", "obstacles", "roads", "search":
		default:
			kept = append(kept, root.Content[i], root.Content[i+1])
		}
	}
	root.Content = kept
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return append(append(out, '\n'), sections...)
}

// TestGeoJSONScenarioGeoJSON is the round trip: a GeoJSON file
// read into a scenario (through the YAML sections cuasim import writes,
// decoded and validated by package scenarios) and written out again gives
// the same features, each coordinate within 1 cm on the ground.
func TestGeoJSONScenarioGeoJSON(t *testing.T) {
	for _, sc := range []*scenarios.Scenario{airportCW(t), convoyWithOrigin(t)} {
		t.Run(sc.File(), func(t *testing.T) {
			in, err := FeatureCollection(sc)
			if err != nil {
				t.Fatal(err)
			}
			var gj bytes.Buffer
			if err := Encode(&gj, in); err != nil {
				t.Fatal(err)
			}
			f, _ := Frame(sc)
			g, err := Read("in.geojson", gj.Bytes(), f)
			if err != nil {
				t.Fatal(err)
			}
			var sections bytes.Buffer
			if err := WriteYAML(&sections, g, "in.geojson"); err != nil {
				t.Fatal(err)
			}
			sc2, err := scenarios.Parse("spliced.yaml", withGeography(t, sc, sections.Bytes()))
			if err != nil {
				t.Fatalf("%v\n%s", err, sections.String())
			}
			out, err := FeatureCollection(sc2)
			if err != nil {
				t.Fatal(err)
			}
			sameFeatures(t, f, in, out)
		})
	}
}

func sameFeatures(t *testing.T, f geo.Frame, in, out *geojson.FeatureCollection) {
	t.Helper()
	if len(out.Features) != len(in.Features) {
		t.Fatalf("%d features out, %d in", len(out.Features), len(in.Features))
	}
	var worst float64
	for i := range in.Features {
		a, b := in.Features[i], out.Features[i]
		for k, v := range a.Properties {
			if b.Properties[k] != v {
				t.Errorf("feature %d: %s = %v, want %v", i, k, b.Properties[k], v)
			}
		}
		pa, pb := flatten(a.Geometry), flatten(b.Geometry)
		if a.Geometry.GeoJSONType() != b.Geometry.GeoJSONType() || len(pa) != len(pb) {
			t.Errorf("feature %d: %s of %d points, want %s of %d", i, b.Geometry.GeoJSONType(), len(pb), a.Geometry.GeoJSONType(), len(pa))
			continue
		}
		for k := range pa {
			ea := f.ToENU(geo.LLA{LonDeg: pa[k][0], LatDeg: pa[k][1], AltM: f.Origin().AltM})
			eb := f.ToENU(geo.LLA{LonDeg: pb[k][0], LatDeg: pb[k][1], AltM: f.Origin().AltM})
			worst = math.Max(worst, math.Hypot(ea.X-eb.X, ea.Y-eb.Y))
		}
	}
	if worst > tolM {
		t.Errorf("a coordinate moved %.4f m, more than %g m", worst, tolM)
	}
	t.Logf("largest shift %.5f m", worst)
}

func flatten(g orb.Geometry) []orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return []orb.Point{g}
	case orb.LineString:
		return g
	case orb.Polygon:
		var ps []orb.Point
		for _, r := range g {
			ps = append(ps, r...)
		}
		return ps
	}
	return nil
}

// TestWriteYAMLQuotes: names with YAML's special characters survive.
func TestWriteYAMLQuotes(t *testing.T) {
	g := &Geography{Obstacles: []scenarios.Obstacle{{Name: `tank #2: "north"`, HeightM: 12,
		Footprint: []scenarios.Point{{EastM: 0, NorthM: 0}, {EastM: 10, NorthM: 0}, {EastM: 10, NorthM: 10}}}}}
	var b bytes.Buffer
	if err := WriteYAML(&b, g, "x.geojson"); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Obstacles []struct {
			Name string `yaml:"name"`
		} `yaml:"obstacles"`
	}
	if err := yaml.Unmarshal(b.Bytes(), &v); err != nil || len(v.Obstacles) != 1 || v.Obstacles[0].Name != g.Obstacles[0].Name {
		t.Errorf("read back %+v, %v from\n%s", v, err, strings.TrimSpace(b.String()))
	}
}

// TestHandDrawn reads a file as geojson.io writes one (coordinates of
// many decimals, a road with a height on its first point, which is
// ignored, a circle as a Point with radius_m, a clockwise ring) into the airport in place of its own zones and buildings, and
// checks the scenario's GeoJSON gives the drawn coordinates back within
// 1 cm, the clockwise ring counter-clockwise.
func TestHandDrawn(t *testing.T) {
	const drawn = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"cuasim":"zone","name":"apron","severity":"critical","altitude_min_m":0,"altitude_max_m":150},
 "geometry":{"type":"Polygon","coordinates":[[[4.99712345,52.00181111],[5.00387654,52.00179999],[5.00391234,52.00341234],[4.99698765,52.00338888],[4.99712345,52.00181111]]]}},
{"type":"Feature","properties":{"cuasim":"zone","name":"field","radius_m":1234.5},
 "geometry":{"type":"Point","coordinates":[5.0012345,52.0004321]}},
{"type":"Feature","properties":{"cuasim":"obstacle","name":"hangar","height_m":14.5},
 "geometry":{"type":"Polygon","coordinates":[[[4.99111111,52.00333333],[4.99111111,52.00366666],[4.99222222,52.00366666],[4.99222222,52.00333333],[4.99111111,52.00333333]]]}},
{"type":"Feature","properties":{"cuasim":"road","name":"access","width_m":7},
 "geometry":{"type":"LineString","coordinates":[[4.98,51.99,12],[4.9912345,51.9954321],[5.0,52.0]]}}]}`
	sc := embedded(t, "airport")
	f, _ := Frame(sc)
	g, err := Read("drawn.geojson", []byte(drawn), f)
	if err != nil {
		t.Fatal(err)
	}
	var sections bytes.Buffer
	if err := WriteYAML(&sections, g, "drawn.geojson"); err != nil {
		t.Fatal(err)
	}
	sc2, err := scenarios.Parse("drawn.yaml", withGeography(t, sc, sections.Bytes()))
	if err != nil {
		t.Fatalf("%v\n%s", err, sections.String())
	}
	out, err := FeatureCollection(sc2)
	if err != nil {
		t.Fatal(err)
	}
	in, err := geojson.UnmarshalFeatureCollection([]byte(drawn))
	if err != nil {
		t.Fatal(err)
	}
	// The drawn hangar is clockwise: RFC 7946 writes it the other way,
	// from the same first corner.
	h := in.Features[2].Geometry.(orb.Polygon)[0]
	h.Reverse()
	in.Features[2].Properties["cuasim"] = KindObstacle
	in.Features[1].Properties["severity"] = "high" // the default
	in.Features[0].Properties["altitude_min_m"] = 0.0
	var geoOut geojson.FeatureCollection
	for _, ft := range out.Features {
		switch ft.Properties[Property] {
		case KindZone, KindObstacle, KindRoad:
			geoOut.Features = append(geoOut.Features, ft)
		}
	}
	sameFeatures(t, f, in, &geoOut)
}
