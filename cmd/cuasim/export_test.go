package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/gis"
	"github.com/cuasim/cuasim/scenarios"
)

// TestExport writes the airport as GeoJSON and KML, reads the GeoJSON back
// with package gis and parses the KML, and checks the errors of a scenario
// without an origin and of a command without an output.
func TestExport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	gj, kml := filepath.Join(dir, "a.geojson"), filepath.Join(dir, "a.kml")
	code, stdout, stderr := cli(t, "export", "airport", "--geojson", gj, "--kml", kml)
	if code != exitOK || !strings.Contains(stdout, "Wrote "+gj) || !strings.Contains(stdout, "Wrote "+kml) {
		t.Fatalf("export: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	sc, err := scenarios.Embedded("airport")
	if err != nil {
		t.Fatal(err)
	}
	f, err := gis.Frame(sc)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(gj)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gis.Read(gj, data, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Zones) != len(sc.Zones) || len(g.Obstacles) != len(sc.Obstacles) {
		t.Errorf("read back %d zones and %d obstacles, want %d and %d", len(g.Zones), len(g.Obstacles), len(sc.Zones), len(sc.Obstacles))
	}
	x, err := os.ReadFile(kml)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Names []string `xml:"Document>Folder>Placemark>name"`
	}
	if err := xml.Unmarshal(x, &doc); err != nil {
		t.Fatal(err)
	}
	if want := len(g.Zones) + len(g.Obstacles) + len(g.Sensors) + len(g.Candidates) + 1; len(doc.Names) != want || len(g.Candidates) != len(sc.Search.Candidates) {
		t.Errorf("%d placemarks (%d candidates), want %d (%d)", len(doc.Names), len(g.Candidates), want, len(sc.Search.Candidates))
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*.partial")); len(m) > 0 {
		t.Errorf("left behind %v", m)
	}
	if code, _, stderr := cli(t, "export", "base", "--kml", filepath.Join(dir, "b.kml")); code != exitFailure || !strings.Contains(stderr, "no site.origin") {
		t.Errorf("base has no origin: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "b.kml")); err == nil {
		t.Error("wrote b.kml for a scenario without an origin")
	}
	if code, _, stderr := cli(t, "export", "airport"); code != exitUsage || !strings.Contains(stderr, "expected --geojson FILE") {
		t.Errorf("no output: exit %d, stderr %q", code, stderr)
	}
}

// TestImport turns the airport's exported GeoJSON back into YAML sections
// and a malformed file into an error naming the feature and property.
func TestImport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	gj := filepath.Join(dir, "a.geojson")
	if code, _, stderr := cli(t, "export", "airport", "--geojson", gj); code != exitOK {
		t.Fatalf("export: %s", stderr)
	}
	code, stdout, stderr := cli(t, "import", gj, "--scenario", "airport")
	if code != exitOK {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"zones:\n  - name: \"runway\"\n    severity: critical\n    polygon: [[-1500.000, -23.000], ", "obstacles:\n", "height_m: 30\n", "#   radar-main (radar, layout base): "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("import output lacks %q:\n%s", want, stdout)
		}
	}
	bad := filepath.Join(dir, "bad.geojson")
	if err := os.WriteFile(bad, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[5,52]},"properties":{"cuasim":"sensor","id":"r","type":"radar","fid":1}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := cli(t, "import", bad, "--scenario", "airport"); code != exitFailure || !strings.Contains(stderr, bad+": features[0].properties.fid: unknown property of sensor features") {
		t.Errorf("bad file: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := cli(t, "import", gj); code != exitUsage || !strings.Contains(stderr, "--scenario") {
		t.Errorf("no scenario: exit %d, stderr %q", code, stderr)
	}
}
