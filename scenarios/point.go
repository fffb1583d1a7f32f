package scenarios

import (
	"math"

	"go.yaml.in/yaml/v4"

	"github.com/cuasim/cuasim/geo"
)

// Point is a horizontal position in the site's local frame: metres east and
// north of the origin. In a file it is written as a pair [east_m, north_m],
// as {e_m: …, n_m: …}, or as {lat_deg: …, lon_deg: …} on the WGS84 ellipsoid,
// which needs site.origin and is converted to the local East-North-Up
// tangent plane at the origin (package geo).
type Point struct {
	EastM, NorthM float64

	lla  *geo.LLA // as written, when given as lat/lon
	path string
}

func (p *Point) decodeYAML(d *decoder, n *yaml.Node, path string) {
	p.path = path
	switch n.Kind {
	case yaml.SequenceNode:
		if len(n.Content) != 2 {
			d.errorAt(n, path, "expected a point [east_m, north_m] with 2 numbers, found a list of %d", len(n.Content))
			return
		}
		e, ok1 := d.number(resolveAlias(n.Content[0]), path+"[0]", "metres east")
		nn, ok2 := d.number(resolveAlias(n.Content[1]), path+"[1]", "metres north")
		if ok1 && ok2 {
			p.EastM, p.NorthM = e, nn
			p.checkRange(d, n, path)
		}
	case yaml.MappingNode:
		var enu struct {
			E float64 `yaml:"e_m" doc:"metres east of the origin"`
			N float64 `yaml:"n_m" doc:"metres north of the origin"`
		}
		var lla struct {
			Lat float64 `yaml:"lat_deg" check:"[-90,90]" doc:"WGS84 latitude"`
			Lon float64 `yaml:"lon_deg" check:"[-180,180]" doc:"WGS84 longitude"`
		}
		if hasKey(n, "lat_deg") || hasKey(n, "lon_deg") {
			before := len(d.errs)
			d.decode(n, reflectValue(&lla), path)
			if len(d.errs) == before {
				p.lla = &geo.LLA{LatDeg: lla.Lat, LonDeg: lla.Lon}
				d.points = append(d.points, p)
			}
			return
		}
		d.decode(n, reflectValue(&enu), path)
		p.EastM, p.NorthM = enu.E, enu.N
		p.checkRange(d, n, path)
	default:
		d.errorAt(n, path, "expected %s, found %s", describeType(reflectValue(p).Type()), describe(n))
	}
}

// checkRange reports a point beyond MaxCoordinateM of the origin.
func (p *Point) checkRange(d *decoder, n *yaml.Node, path string) {
	if math.Abs(p.EastM) > MaxCoordinateM || math.Abs(p.NorthM) > MaxCoordinateM {
		d.valueErrorAt(n, path, "expected a point within %d km of the origin east and north, found [%g, %g]: the site is a flat plane, and 200 km out the earth curves 3 km below it",
			MaxCoordinateM/1000, p.EastM, p.NorthM)
	}
}

func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

// Dist returns the horizontal distance between two points in metres.
func (p Point) Dist(q Point) float64 { return math.Hypot(p.EastM-q.EastM, p.NorthM-q.NorthM) }
