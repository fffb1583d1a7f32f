package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"path/filepath"
	"strings"
	"testing"
)

// TestCoverageCommand: cuasim coverage writes the grid and a PNG and SVG
// map per altitude, prints the dead-zone table, gives the same bytes twice,
// and refuses bad options with a usage error.
func TestCoverageCommand(t *testing.T) {
	args := []string{"coverage", "base", "--altitude", "10,40", "--box", "-450,-320,450,320", "--cell", "10"}
	var outs [2]map[string][]byte
	var stdout string
	for k := range outs {
		dir := filepath.Join(t.TempDir(), "cov")
		code, so, stderr := cli(t, append(args, "--out", dir)...)
		if code != exitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		outs[k], stdout = readDir(t, dir), so
	}
	want := []string{"grid.csv", "labels-10m.png", "labels-10m.svg", "labels-40m.png", "labels-40m.svg", "map-10m.png", "map-10m.svg", "map-40m.png", "map-40m.svg"}
	if got := strings.Join(sortedNames(outs[0]), " "); got != strings.Join(want, " ") {
		t.Fatalf("files %s, expected %s", got, strings.Join(want, " "))
	}
	for name, b := range outs[0] {
		if !bytes.Equal(b, outs[1][name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	lines := strings.Split(strings.TrimSpace(string(outs[0]["grid.csv"])), "\n")
	if h := "altitude_m,east_m,north_m,solid,pd,k,look_pd:radar,dwell_pd:radar,look_pd:rf-ne,dwell_pd:rf-ne,look_pd:rf-sw,dwell_pd:rf-sw,label_pd,micro_doppler_pd,rf_pd,rf_pair_pd"; lines[0] != h {
		t.Fatalf("grid.csv header %q, expected %q", lines[0], h)
	}
	if n := len(lines) - 1; n != 2*90*64 {
		t.Fatalf("grid.csv has %d rows, expected 2 altitudes × 90 × 64 cells", n)
	}
	if _, err := png.Decode(bytes.NewReader(outs[0]["map-10m.png"])); err != nil {
		t.Fatalf("map-10m.png: %v", err)
	}
	if _, err := png.Decode(bytes.NewReader(outs[0]["labels-10m.png"])); err != nil {
		t.Fatalf("labels-10m.png: %v", err)
	}
	if bytes.Equal(outs[0]["labels-10m.png"], outs[0]["map-10m.png"]) {
		t.Error("the labelling map is the detection map")
	}
	for _, s := range []string{"Altitude 10 m:", "dead zones (Pd < 0.5", "AREA", "CENTROID E m", "Altitude 40 m:"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
	for _, bad := range [][]string{
		{"coverage", "base", "--altitude", "-5"},
		{"coverage", "base", "--box", "1,2,3"},
		{"coverage", "base", "--cell", "0"},
		{"coverage", "base", "--floor", "1.5"},
		{"coverage", "base", "--dwell", "-1s"},
	} {
		if code, _, stderr := cli(t, bad...); code != exitUsage || !strings.Contains(stderr, "cuasim coverage:") {
			t.Errorf("cuasim %s: exit %d, expected %d with an error\n%s", strings.Join(bad, " "), code, exitUsage, stderr)
		}
	}
	// The airport has a site.origin: its dead zones are written as GeoJSON.
	dir := filepath.Join(t.TempDir(), "geo")
	if code, _, stderr := cli(t, "coverage", "airport", "--altitude", "30", "--cell", "200", "--out", dir); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct {
				Type string `json:"type"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(readFile(t, dir, "dead-zones.geojson"), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) == 0 || fc.Features[0].Geometry.Type != "Polygon" || fc.Features[0].Properties["rank"] != 1.0 {
		t.Fatalf("dead-zones.geojson: %+v", fc)
	}
	// And as KML: one placemark per dead zone, named by rank, its ring
	// the GeoJSON's.
	var kml struct {
		Placemarks []struct {
			Name  string `xml:"name"`
			Outer string `xml:"Polygon>outerBoundaryIs>LinearRing>coordinates"`
		} `xml:"Document>Folder>Placemark"`
	}
	if err := xml.Unmarshal(readFile(t, dir, "dead-zones.kml"), &kml); err != nil {
		t.Fatal(err)
	}
	if len(kml.Placemarks) != len(fc.Features) || kml.Placemarks[0].Name != "feature 1" || kml.Placemarks[0].Outer == "" {
		t.Errorf("dead-zones.kml: %d placemarks for %d dead zones, the first %+v", len(kml.Placemarks), len(fc.Features), kml.Placemarks[0])
	}
	if code, _, stderr := cli(t, "coverage", "base", "--class", "nope", "--out", t.TempDir()); code != exitFailure || !strings.Contains(stderr, `no uav_types entry "nope"`) {
		t.Errorf("an unknown class: exit %d\n%s", code, stderr)
	}
}
