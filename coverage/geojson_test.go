package coverage_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/coverage"
	"github.com/cuasim/cuasim/coverage/covmap"
	"github.com/cuasim/cuasim/geo"
)

// TestGeoJSONRoundTrip: the GeoJSON of the picture's dead zones decodes
// (orb's reader), has one feature per zone with its rank and area, and
// every vertex, taken back to the site's frame by geo.Frame.ToENU, is a
// corner of the grid's cells within a centimetre.
func TestGeoJSONRoundTrip(t *testing.T) {
	g := coverage.HandGrid(coverage.PictureField)
	frame := geo.NewFrame(geo.LLA{LatDeg: 52, LonDeg: 5, AltM: 0})
	b, err := covmap.GeoJSON(g, frame).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != 2 {
		t.Fatalf("%d features, expected 2", len(fc.Features))
	}
	for k, f := range fc.Features {
		if r, a := f.Properties.MustInt("rank"), f.Properties.MustFloat64("area_m2"); r != k+1 || a != g.Layers[0].DeadZones[k].AreaM2 {
			t.Errorf("feature %d: rank %d, area %g m², expected %d and %g", k, r, a, k+1, g.Layers[0].DeadZones[k].AreaM2)
		}
		poly, ok := f.Geometry.(orb.Polygon)
		if !ok {
			t.Fatalf("feature %d: a %T, expected a Polygon", k, f.Geometry)
		}
		if k == 0 && len(poly) != 2 {
			t.Errorf("the ring zone's polygon has %d rings, expected an exterior and a hole", len(poly))
		}
		for _, ring := range poly {
			if ring[0] != ring[len(ring)-1] {
				t.Errorf("feature %d: a ring is not closed", k)
			}
			for _, p := range ring {
				enu := frame.ToENU(geo.LLA{LonDeg: p[0], LatDeg: p[1]})
				ce, cn := (enu.X-g.Box.MinEastM)/g.CellM, (enu.Y-g.Box.MinNorthM)/g.CellM
				if d := r3.Norm(r3.Vec{X: ce - math.Round(ce), Y: cn - math.Round(cn)}) * g.CellM; d > 0.01 {
					t.Errorf("feature %d: vertex %v is %.3f m from a cell corner (%.2f, %.2f)", k, p, d, enu.X, enu.Y)
				}
			}
		}
	}
}
