package compare

import (
	"math"
	"slices"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/stats"
)

// Breakdown is how one group of drones fared at a layout's operating
// point: the drones of one traffic entry (By "entry"), or those that came
// from one approach sector (By "sector"). It answers why a layout fails:
// which threat, from which direction.
type Breakdown struct {
	Variant   string `json:"variant"`
	Layout    string `json:"layout"`
	Threshold string `json:"threshold"`
	By        string `json:"by"`
	Value     string `json:"value"`
	// Class is the UAV class of an entry's drones (the first seen).
	Class          string   `json:"class,omitempty"`
	DronesEntered  int      `json:"drones_entered"`
	Timely         int      `json:"timely"`
	Missed         int      `json:"missed"`
	PTimely        Interval `json:"p_timely"`
	WarningMedianS Interval `json:"warning_median_s"`
}

// Sectors are the approach sectors, 45° each, centred on the compass
// points: N is from 337.5° to 22.5°.
var Sectors = []string{"N", "NE", "E", "SE", "S", "SW", "W", "NW"}

// Sector returns the sector of a bearing in degrees, "" when NaN.
func Sector(bearingDeg float64) string {
	if math.IsNaN(bearingDeg) {
		return ""
	}
	i := int(math.Floor(math.Mod(bearingDeg+22.5, 360)/45)) % 8
	return Sectors[(i+8)%8]
}

// breakdowns aggregates the drones that entered a zone at each operating
// point by traffic entry and by approach sector, in the order of the
// operating points, then entries in order of appearance and sectors
// clockwise from north.
func breakdowns(res *Results, ops []Choice, conf float64) []Breakdown {
	type cellKey struct{ layout, variant, threshold string }
	type group struct {
		b      Breakdown
		timely map[int]float64 // by replication
		n      map[int]float64
		warn   []float64
	}
	var out []Breakdown
	for _, ch := range ops {
		k := cellKey{ch.Layout, ch.Variant, ch.Threshold}
		groups := map[[2]string]*group{}
		var order [][2]string
		for _, dr := range res.Drones {
			if (cellKey{dr.Layout, dr.Variant, dr.Threshold}) != k || dr.Outcome == metrics.OutcomeNoEntry {
				continue
			}
			for _, gk := range [][2]string{{"entry", dr.Entry}, {"sector", Sector(dr.ApproachBearingDeg)}} {
				g := groups[gk]
				if g == nil {
					g = &group{b: Breakdown{Variant: ch.Variant, Layout: ch.Layout, Threshold: ch.Threshold, By: gk[0], Value: gk[1]},
						timely: map[int]float64{}, n: map[int]float64{}}
					if gk[0] == "entry" {
						g.b.Class = dr.Class
					}
					groups[gk] = g
					order = append(order, gk)
				}
				g.b.DronesEntered++
				g.n[dr.Replication]++
				w := dr.WarningS
				switch dr.Outcome {
				case metrics.OutcomeTimely:
					g.b.Timely++
					g.timely[dr.Replication]++
				case metrics.OutcomeMissed:
					g.b.Missed++
					w = math.Inf(-1)
				}
				g.warn = append(g.warn, w)
			}
		}
		slices.SortStableFunc(order, func(a, b [2]string) int {
			if a[0] != b[0] {
				if a[0] == "entry" {
					return -1
				}
				return 1
			}
			if a[0] == "sector" {
				return slices.Index(Sectors, a[1]) - slices.Index(Sectors, b[1])
			}
			return 0
		})
		for _, gk := range order {
			g := groups[gk]
			y, n := make([]float64, 0, len(res.Replications)), make([]float64, 0, len(res.Replications))
			for _, r := range res.Replications {
				y, n = append(y, g.timely[r]), append(n, g.n[r])
			}
			g.b.PTimely = interval(stats.Proportion(y, n, conf), 1)
			slices.Sort(g.warn)
			g.b.WarningMedianS = interval(stats.Quantile(g.warn, 0.5, conf), 1)
			out = append(out, g.b)
		}
	}
	return out
}

// Weakest returns, for a layout's operating point, the traffic entry and
// the approach sector surest to fall short: the lowest upper end of the
// P(timely) interval (the lower estimate breaking ties), so that a group of
// two unlucky drones does not outrank a hundred of whom half were late.
// It returns nil for a kind of group the operating point has none of.
func (s *Summary) Weakest(layout, variant string) (entry, sector *Breakdown) {
	for i := range s.Breakdowns {
		b := &s.Breakdowns[i]
		if b.Layout != layout || b.Variant != variant || b.DronesEntered == 0 {
			continue
		}
		p := &entry
		if b.By == "sector" {
			p = &sector
		}
		if *p == nil || b.PTimely.Hi < (*p).PTimely.Hi || b.PTimely.Hi == (*p).PTimely.Hi && b.PTimely.Estimate < (*p).PTimely.Estimate {
			*p = b
		}
	}
	return entry, sector
}
