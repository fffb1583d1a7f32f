package covmap

import (
	"fmt"
	"io"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/coverage"
	"github.com/cuasim/cuasim/geo"
)

// GeoJSON returns the dead zones of every altitude as an RFC 7946
// FeatureCollection in WGS84 longitude and latitude, the site's local frame
// placed by frame: one Feature per zone, a Polygon (a MultiPolygon where
// cells touching at a corner only split its outline), its edges the
// floor's contour (and the box's edge where the zone reaches it), with
// properties altitude_m, rank (1 the largest), area_m2, centroid_east_m,
// centroid_north_m, mean_pd, min_pd, touches_edge, pd_floor, dwell_s and
// class.
func GeoJSON(g *coverage.Grid, frame geo.Frame) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	lonLat := func(v [2]float64) orb.Point {
		p := frame.ToLLA(r3.Vec{X: v[0], Y: v[1]})
		return orb.Point{round(p.LonDeg, 1e9), round(p.LatDeg, 1e9)}
	}
	ring := func(vs [][2]float64) orb.Ring {
		r := make(orb.Ring, len(vs))
		for i, v := range vs {
			r[i] = lonLat(v)
		}
		return r
	}
	for li := range g.Layers {
		l := &g.Layers[li]
		for z, o := range g.DeadZoneOutlines(li) {
			var mp orb.MultiPolygon
			for k, ext := range o.Exteriors {
				poly := orb.Polygon{ring(ext)}
				for _, h := range o.Holes[k] {
					poly = append(poly, ring(h))
				}
				mp = append(mp, poly)
			}
			var geom orb.Geometry = mp
			if len(mp) == 1 {
				geom = mp[0]
			}
			f := geojson.NewFeature(geom)
			dz := &l.DeadZones[z]
			f.Properties = geojson.Properties{
				"altitude_m": l.AltitudeM, "rank": z + 1, "area_m2": dz.AreaM2,
				"centroid_east_m": dz.EastM, "centroid_north_m": dz.NorthM,
				"mean_pd": round(dz.MeanPd, 1e6), "min_pd": round(dz.MinPd, 1e6), "touches_edge": dz.TouchesEdge,
				"pd_floor": g.FloorPd, "dwell_s": g.DwellS, "class": g.Class,
			}
			fc.Append(f)
		}
	}
	return fc
}

// WriteGeoJSON writes GeoJSON(g, frame) as one JSON document.
func WriteGeoJSON(w io.Writer, g *coverage.Grid, frame geo.Frame) error {
	b, err := GeoJSON(g, frame).MarshalJSON()
	if err != nil {
		return fmt.Errorf("encoding the dead zones as GeoJSON: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("writing the dead zones as GeoJSON: %w", err)
	}
	return nil
}

// round rounds x to a multiple of 1/scale: 1e-9° is 0.1 mm on the ground.
func round(x, scale float64) float64 { return math.Round(x*scale) / scale }
