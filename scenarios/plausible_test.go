package scenarios

import (
	"math"
	"os"
	"strings"
	"testing"
)

// TestImplausibleLengths: each length that is valid but implausible in
// metres (most often kilometres written as metres) is warned of at the
// value's line:col, and its plausible neighbours are not. The bounds are
// the physical ones the messages state (a radar reaches hundreds of
// metres, a zone is tens of metres across), written here as numbers, not
// read from the code's constants.
func TestImplausibleLengths(t *testing.T) {
	base, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	type edit struct{ old, new string }
	for _, c := range []struct {
		name  string
		edits []edit
		want  string // the warning, "" for none
	}{
		{"radar range in km", []edit{{"range_m: {min: 50, max: 5000}", "range_m: {min: 0.05, max: 5}"}},
			"x.yaml:31:31: warning: sensors[0].range_m.max: 5 m is shorter than any counter-drone radar's instrumented range"},
		{"radar range of 100 m", []edit{{"range_m: {min: 50, max: 5000}", "range_m: {min: 10, max: 100}"}}, ""},
		{"reference range in km", []edit{{"reference: {range_m: 2000,", "reference: {range_m: 2,"}},
			"x.yaml:29:26: warning: sensors[0].reference.range_m: 2 is outside the usual range [100, 100000] metres"},
		{"circle zone in km", []edit{{"radius_m: 100}", "radius_m: 0.125}"}},
			"x.yaml:7:40: warning: zones[0].circle.radius_m: the zone is 0.25 m across"},
		{"circle zone 10 m across", []edit{{"radius_m: 100}", "radius_m: 5}"}}, ""},
		{"polygon zone in km", []edit{{"circle: {center: [0, 0], radius_m: 100}", "polygon: [[0, 0], [0.3, 0], [0.3, 0.4]]"}},
			"x.yaml:7:14: warning: zones[0].polygon: the zone is 0.5 m across"},
		{"polygon zone 12 m across", []edit{{"circle: {center: [0, 0], radius_m: 100}", "polygon: [[0, 0], [12, 0], [12, 5]]"}}, ""},
		// Corners given as lat/lon are resolved before the rule: a zone
		// about 110 m across is not mistaken for one 0 m across.
		{"polygon zone in lat/lon", []edit{
			{"  name: Test site\n", "  name: Test site\n  origin: {lat_deg: 52, lon_deg: 5}\n"},
			{"circle: {center: [0, 0], radius_m: 100}", "polygon: [{lat_deg: 52, lon_deg: 5}, {lat_deg: 52.001, lon_deg: 5}, {lat_deg: 52.001, lon_deg: 5.001}]"}}, ""},
		{"sensor placed in km", []edit{{"position: [0, 0]\n    mast_height_m: 10", "position: [0.6, 0.8]\n    mast_height_m: 10"}, {"position: [100, 0]", "position: [2500, 0]"}},
			"x.yaml:26:15: warning: sensors[0].position: [0.6, 0.8] is 1 m from the site's origin while rf is 2.5 km from it"},
		{"sensor on the origin", []edit{{"position: [100, 0]", "position: [2500, 0]"}}, ""},
		{"sensors all near", []edit{{"position: [0, 0]\n    mast_height_m: 10", "position: [0.6, 0.8]\n    mast_height_m: 10"}}, ""},
		{"layout adds a sensor in km", []edit{
			{"position: [100, 0]", "position: [2500, 0]"},
			{"run:\n", "layouts:\n  - name: more\n    add:\n      - {id: rf2, type: rf, position: [0.5, 0], mast_height_m: 5, bands: [{min_hz: 2.4e9, max_hz: 2.5e9}], noise_figure_db: 6, threshold_snr_db: 10}\nrun:\n"}},
			"x.yaml:43:39: warning: layouts[0].add[0].position: [0.5, 0] is 0.5 m from the site's origin while rf is 2.5 km from it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := string(base)
			for _, e := range c.edits {
				if !strings.Contains(src, e.old) {
					t.Fatalf("minimal.yaml has no %q", e.old)
				}
				src = strings.Replace(src, e.old, e.new, 1)
			}
			s, err := Parse("x.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			ws := s.Warnings()
			if c.want == "" {
				if len(ws) > 0 {
					t.Errorf("warnings %v, want none", ws)
				}
				return
			}
			if len(ws) != 1 || !strings.HasPrefix(ws[0].String(), c.want) {
				t.Errorf("warnings %v, want one starting %q", ws, c.want)
			}
		})
	}
}

// TestLatLonPolygon: a polygon given in lat/lon is checked once its
// corners are placed: a triangle about 110 m on a side loads (it was
// refused as "all points on a line" when checked before the origin was
// read), a bow tie is refused.
func TestLatLonPolygon(t *testing.T) {
	base, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(base), "  name: Test site\n", "  name: Test site\n  origin: {lat_deg: 52, lon_deg: 5}\n", 1)
	triangle := "polygon: [{lat_deg: 52, lon_deg: 5}, {lat_deg: 52.001, lon_deg: 5}, {lat_deg: 52.001, lon_deg: 5.001}]"
	bowTie := "polygon: [{lat_deg: 52, lon_deg: 5}, {lat_deg: 52.001, lon_deg: 5.001}, {lat_deg: 52.001, lon_deg: 5}, {lat_deg: 52, lon_deg: 5.001}]"
	s, err := Parse("x.yaml", []byte(strings.Replace(src, "circle: {center: [0, 0], radius_m: 100}", triangle, 1)))
	if err != nil {
		t.Fatal(err)
	}
	// 0.001° of latitude is 111 m; of longitude at 52° N, 69 m.
	if p := s.Zones[0].Polygon[1]; p.NorthM < 110 || p.NorthM > 112 || math.Abs(p.EastM) > 1e-6 {
		t.Errorf("second corner at %+v, want about [0, 111]", p)
	}
	_, err = Parse("x.yaml", []byte(strings.Replace(src, "circle: {center: [0, 0], radius_m: 100}", bowTie, 1)))
	if err == nil || !strings.Contains(err.Error(), "x.yaml:8:77: zones[0].polygon[2]: expected a simple polygon") {
		t.Errorf("bow tie: %v", err)
	}
}
