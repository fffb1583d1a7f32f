package alert

import (
	"math"

	"github.com/cuasim/cuasim/scenarios"
)

// Severity is how serious an entry into a zone is, from the scenario.
type Severity uint8

// The severities, in increasing order.
const (
	SeverityLow Severity = iota + 1
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

// String returns low, medium, high or critical.
func (s Severity) String() string {
	switch s {
	case SeverityLow:
		return "low"
	case SeverityMedium:
		return "medium"
	case SeverityHigh:
		return "high"
	case SeverityCritical:
		return "critical"
	}
	return "unknown"
}

// ParseSeverity reads a scenario's severity name.
func ParseSeverity(s string) (Severity, bool) {
	for v := SeverityLow; v <= SeverityCritical; v++ {
		if v.String() == s {
			return v, true
		}
	}
	return 0, false
}

// Motion moves a zone that follows a convoy: at time t its footprint is
// shifted by OffsetAt(t), east and north, metres, at no more than
// MaxSpeedMPS. The convoy's schedule is known in advance to those who
// protect it (scenarios.ConvoyRoute), so the alert rules may read it.
type Motion interface {
	OffsetAt(tS float64) (de, dn float64)
	MaxSpeedMPS() float64
}

// Zone is a protected area: a polygon or a circle on the ground, with an
// altitude band; fixed, or moving with a convoy.
type Zone struct {
	Name     string
	Severity Severity
	// Polygon holds the corners (east, north), metres; nil for a circle.
	Polygon [][2]float64
	// Center and RadiusM describe a circle; RadiusM is 0 for a polygon.
	Center  [2]float64
	RadiusM float64
	// AltMinM and AltMaxM bound the altitude band, metres above ground
	// (−Inf and +Inf when the zone covers every altitude).
	AltMinM, AltMaxM float64
	// Motion, when set, moves the zone: the polygon or circle above is
	// then its footprint about the origin, shifted by Motion.OffsetAt(t).
	Motion Motion

	min, max [2]float64 // bounding box
	size     float64    // |min| + |max| of its coordinates, for lowerBound
}

// NewPolygonZone returns a polygonal zone over the given corners.
func NewPolygonZone(name string, sev Severity, corners [][2]float64, altMinM, altMaxM float64) Zone {
	z := Zone{Name: name, Severity: sev, Polygon: corners, AltMinM: altMinM, AltMaxM: altMaxM}
	z.min = [2]float64{math.Inf(1), math.Inf(1)}
	z.max = [2]float64{math.Inf(-1), math.Inf(-1)}
	for _, c := range corners {
		for i := range 2 {
			z.min[i], z.max[i] = min(z.min[i], c[i]), max(z.max[i], c[i])
		}
	}
	z.size = math.Abs(z.min[0]) + math.Abs(z.min[1]) + math.Abs(z.max[0]) + math.Abs(z.max[1])
	return z
}

// NewCircleZone returns a circular zone.
func NewCircleZone(name string, sev Severity, center [2]float64, radiusM, altMinM, altMaxM float64) Zone {
	return Zone{Name: name, Severity: sev, Center: center, RadiusM: radiusM, AltMinM: altMinM, AltMaxM: altMaxM,
		min: [2]float64{center[0] - radiusM, center[1] - radiusM}, max: [2]float64{center[0] + radiusM, center[1] + radiusM}}
}

// ZonesFrom returns a scenario's zones.
func ZonesFrom(sc *scenarios.Scenario) []Zone {
	zs := make([]Zone, 0, len(sc.Zones))
	for _, z := range sc.Zones {
		sev, _ := ParseSeverity(z.Severity) // the loader allows only these names
		lo, hi := math.Inf(-1), math.Inf(1)
		if z.AltitudeM != nil {
			lo, hi = z.AltitudeM.Min, z.AltitudeM.Max
		}
		var zn Zone
		if z.Circle != nil {
			zn = NewCircleZone(z.Name, sev, [2]float64{z.Circle.Center.EastM, z.Circle.Center.NorthM}, z.Circle.RadiusM, lo, hi)
		} else {
			corners := make([][2]float64, len(z.Polygon))
			for i, p := range z.Polygon {
				corners[i] = [2]float64{p.EastM, p.NorthM}
			}
			zn = NewPolygonZone(z.Name, sev, corners, lo, hi)
		}
		if z.Follows != "" {
			if r := sc.ConvoyRoute(z.Follows); r != nil { // the loader requires it
				zn.Motion = r
			}
		}
		zs = append(zs, zn)
	}
	return zs
}

// OffsetAt returns how far the zone is shifted from its footprint at
// time t, east and north, metres: zero for a fixed zone.
func (z *Zone) OffsetAt(tS float64) (de, dn float64) {
	if z.Motion == nil {
		return 0, 0
	}
	return z.Motion.OffsetAt(tS)
}

// Middle returns the zone's middle where it starts: a circle's centre, a
// polygon's bounding-box centre.
func (z *Zone) Middle() (e, n float64) {
	if z.Polygon == nil {
		return z.Center[0], z.Center[1]
	}
	return (z.min[0] + z.max[0]) / 2, (z.min[1] + z.max[1]) / 2
}

// maxSpeed is how fast the zone moves at most, m/s.
func (z *Zone) maxSpeed() float64 {
	if z.Motion == nil {
		return 0
	}
	return z.Motion.MaxSpeedMPS()
}

// At returns the zone where it is at time t, as a fixed zone.
func (z *Zone) At(tS float64) Zone {
	c := *z
	c.Motion = nil
	de, dn := z.OffsetAt(tS)
	if de == 0 && dn == 0 {
		return c
	}
	if c.Polygon != nil {
		c.Polygon = make([][2]float64, len(z.Polygon))
		for i, p := range z.Polygon {
			c.Polygon[i] = [2]float64{p[0] + de, p[1] + dn}
		}
	}
	c.Center = [2]float64{z.Center[0] + de, z.Center[1] + dn}
	c.min = [2]float64{z.min[0] + de, z.min[1] + dn}
	c.max = [2]float64{z.max[0] + de, z.max[1] + dn}
	return c
}

// Contains reports whether the ground point (e, n) lies inside the zone's
// footprint (boundary included).
func (z *Zone) Contains(e, n float64) bool {
	if z.Polygon == nil {
		return norm(e-z.Center[0], n-z.Center[1]) <= z.RadiusM
	}
	if e < z.min[0] || e > z.max[0] || n < z.min[1] || n > z.max[1] {
		return false
	}
	in := false
	p := z.Polygon
	for i, j := 0, len(p)-1; i < len(p); j, i = i, i+1 {
		a, b := p[i], p[j]
		if (a[1] > n) != (b[1] > n) && e < (b[0]-a[0])*(n-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in || z.onEdge(e, n)
}

// onEdge reports whether (e, n) lies on the polygon's boundary, which the
// even-odd test leaves to rounding.
func (z *Zone) onEdge(e, n float64) bool { return z.edgeDistance(e, n) < 1e-9 }

// Distance returns the distance from the ground point (e, n) to the zone's
// footprint: 0 inside, metres.
func (z *Zone) Distance(e, n float64) float64 {
	if z.Polygon == nil {
		return max(0, norm(e-z.Center[0], n-z.Center[1])-z.RadiusM)
	}
	if z.Contains(e, n) {
		return 0
	}
	return z.edgeDistance(e, n)
}

func (z *Zone) edgeDistance(e, n float64) float64 {
	best := math.Inf(1)
	p := z.Polygon
	for i, j := 0, len(p)-1; i < len(p); j, i = i, i+1 {
		if d2 := segmentDistance2(e, n, p[j], p[i]); d2 < best {
			best = d2
		}
	}
	return math.Sqrt(best)
}

// PathDistance returns the smallest distance from the ground segment a-b
// to the zone's footprint: 0 when the segment touches it, metres.
func (z *Zone) PathDistance(a, b [2]float64) float64 {
	if z.Polygon == nil {
		return max(0, segmentDistance(z.Center[0], z.Center[1], a, b)-z.RadiusM)
	}
	if z.Contains(a[0], a[1]) || z.Contains(b[0], b[1]) {
		return 0
	}
	best := math.Inf(1)
	p := z.Polygon
	for i, j := 0, len(p)-1; i < len(p); j, i = i, i+1 {
		best = min(best, segmentsDistance(a, b, p[j], p[i]))
	}
	return best
}

// segmentsDistance is the distance between segments a-b and c-d: 0 when
// they cross, else the least of the four end-to-segment distances.
func segmentsDistance(a, b, c, d [2]float64) float64 {
	o := func(p, q, r [2]float64) float64 { return (q[0]-p[0])*(r[1]-p[1]) - (q[1]-p[1])*(r[0]-p[0]) }
	d1, d2, d3, d4 := o(c, d, a), o(c, d, b), o(a, b, c), o(a, b, d)
	if ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0)) && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0 {
		return 0
	}
	return min(min(segmentDistance(a[0], a[1], c, d), segmentDistance(b[0], b[1], c, d)),
		min(segmentDistance(c[0], c[1], a, b), segmentDistance(d[0], d[1], a, b)))
}

// WithinM reports whether the ground point (e, n) is within r metres of
// the zone's footprint (inside included), deciding by the bounding box
// when it can.
func (z *Zone) WithinM(e, n, r float64) bool {
	if z.Polygon != nil && z.boxDistance(e, n) > r {
		return false
	}
	return z.Distance(e, n) <= r
}

// boxDistance is a lower bound of Distance: the distance to the zone's
// bounding box.
func (z *Zone) boxDistance(e, n float64) float64 {
	de := max(0, max(z.min[0]-e, e-z.max[0]))
	dn := max(0, max(z.min[1]-n, n-z.max[1]))
	return norm(de, dn)
}

// lowerBound returns a lower bound of the distance from the ground point
// (e, n) to a polygonal zone, with the allowance by which a distance must
// pass it for Distance(e, n) to be certainly greater: for a polygon, the
// distance to its bounding box, and 1 µm plus 1e-9 of the coordinates'
// size; for a circle, whose distance is cheap, −Inf (nothing is decided).
//
// The polygon lies inside its bounding box, so the box is no further than
// the polygon. Both distances are computed from the coordinates with a
// few roundings, whose errors are a few units of 1e-16 of the coordinates'
// size, far under the allowance: box > m + slack implies
// Distance(e, n) > m as computed.
func (z *Zone) lowerBound(e, n float64) (box, slack float64) {
	if z.Polygon == nil {
		return math.Inf(-1), 0
	}
	return z.boxDistance(e, n), 1e-6 + 1e-9*(math.Abs(e)+math.Abs(n)+z.size)
}

// InBand reports whether altitude altM is within marginM of the zone's
// altitude band.
func (z *Zone) InBand(altM, marginM float64) bool {
	return altM >= z.AltMinM-marginM && altM <= z.AltMaxM+marginM
}

func segmentDistance(e, n float64, a, b [2]float64) float64 {
	return math.Sqrt(segmentDistance2(e, n, a, b))
}

// segmentDistance2 is the squared distance from (e, n) to segment a-b.
func segmentDistance2(e, n float64, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = ((e-a[0])*dx + (n-a[1])*dy) / l2
		if t < 0 {
			t = 0
		} else if t > 1 {
			t = 1
		}
	}
	x, y := e-a[0]-t*dx, n-a[1]-t*dy
	return x*x + y*y
}

// norm is √(x² + y²); math.Hypot's care for overflow costs more than
// metres on a site need.
func norm(x, y float64) float64 { return math.Sqrt(x*x + y*y) }
