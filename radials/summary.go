package radials

import (
	"cmp"
	"math"
	"slices"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/stats"
)

// Cell is one layout on one bearing, over the replications.
type Cell struct {
	Layout     string
	BearingDeg float64
	// Runs, those in which the drone entered a zone, those alerted on at
	// least the required warning before entry, and those never alerted
	// on.
	Runs, Entered, Timely, Missed int
	// PTimely is Timely/Entered with its Wilson interval: the runs are
	// independent (one drone each, seeds apart).
	PTimely stats.Interval
	// WarningMedianS and LeadMedianS are the medians over the entered runs
	// (a drone never alerted on, or never held, counting as −∞) with their
	// order-statistic intervals (stats.Quantile).
	WarningMedianS, LeadMedianS stats.Interval
	// FalseAlertsPerDay is the rate of incidents about no drone over the
	// runs' simulated time (stats.Rate).
	FalseAlertsPerDay stats.Interval
	// DiffPTimely is PTimely − the first layout's on the same bearing,
	// paired run by run (Newcombe's square-and-add with the φ of the
	// paired outcomes); nil for the first layout.
	DiffPTimely *stats.Interval
}

// Summary is a radials run's aggregates.
type Summary struct {
	Design *Design
	// Cells by layout, then bearing.
	Cells []Cell
}

// Cell returns the cell of layout li (index in the design) and bearing bi.
func (s *Summary) Cell(li, bi int) *Cell { return &s.Cells[li*len(s.Design.BearingsDeg)+bi] }

// Summarise aggregates the results per layout and bearing.
func Summarise(res *Results) *Summary {
	d := res.Design
	s := &Summary{Design: d}
	nb := len(d.BearingsDeg)
	rows := make([][]*Row, len(d.Layouts)*nb) // by cell, in replication order
	li := map[string]int{}
	for i, l := range d.Layouts {
		li[l] = i
	}
	bi := map[float64]int{}
	for i, b := range d.BearingsDeg {
		bi[b] = i
	}
	for i := range res.Rows {
		r := &res.Rows[i]
		k := li[r.Layout]*nb + bi[r.BearingDeg]
		rows[k] = append(rows[k], r)
	}
	conf := d.Confidence
	for l, name := range d.Layouts {
		for b, bearing := range d.BearingsDeg {
			rs := rows[l*nb+b]
			c := Cell{Layout: name, BearingDeg: bearing, Runs: len(rs)}
			var warn, lead, fa, hours []float64
			for _, r := range rs {
				fa, hours = append(fa, float64(r.FalseAlerts)), append(hours, r.DurationS/3600)
				if math.IsNaN(r.EntryS) {
					continue
				}
				c.Entered++
				switch r.Outcome(d.RequiredWarningS) {
				case metrics.OutcomeTimely:
					c.Timely++
				case metrics.OutcomeMissed:
					c.Missed++
				}
				warn, lead = append(warn, r.WarningS()), append(lead, r.LeadS())
			}
			c.PTimely = stats.Wilson(c.Timely, c.Entered, conf)
			slices.Sort(warn)
			slices.Sort(lead)
			c.WarningMedianS = stats.Quantile(warn, 0.5, conf)
			c.LeadMedianS = stats.Quantile(lead, 0.5, conf)
			fpd := stats.Rate(fa, hours, conf)
			c.FalseAlertsPerDay = stats.Interval{Estimate: 24 * fpd.Estimate, Lo: 24 * fpd.Lo, Hi: 24 * fpd.Hi}
			if l > 0 {
				iv := pairedDiff(rs, rows[b], c.PTimely, d)
				c.DiffPTimely = &iv
			}
			s.Cells = append(s.Cells, c)
		}
	}
	return s
}

// pairedDiff is P(timely) of a − of ref on one bearing, paired by
// replication; pa is a's proportion.
func pairedDiff(a, ref []*Row, pa stats.Interval, d *Design) stats.Interval {
	var n [4]float64 // both timely, a only, ref only, neither
	timely := 0
	entered := 0
	for i := range a {
		if i >= len(ref) || math.IsNaN(a[i].EntryS) || math.IsNaN(ref[i].EntryS) {
			continue
		}
		entered++
		ta, tr := a[i].Outcome(d.RequiredWarningS) == metrics.OutcomeTimely, ref[i].Outcome(d.RequiredWarningS) == metrics.OutcomeTimely
		k := 0
		if !ta {
			k = 2
		}
		if !tr {
			k++
		} else {
			timely++
		}
		n[k]++
	}
	pr := stats.Wilson(timely, entered, d.Confidence)
	return stats.SquareAndAdd(pa, pr, stats.Phi(n[0], n[1], n[2], n[3]))
}

// Weakest returns the indices of layout li's k weakest bearings: the
// lowest P(timely), then the shortest median warning in whole seconds (as
// printed: the alert rule's horizon makes warnings a second apart alike),
// then the shortest median lead, then the first bearing.
func (s *Summary) Weakest(li, k int) []int {
	nb := len(s.Design.BearingsDeg)
	idx := make([]int, nb)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ca, cb := s.Cell(li, a), s.Cell(li, b)
		return cmp.Or(cmpNaNLast(ca.PTimely.Estimate, cb.PTimely.Estimate),
			cmpNaNLast(math.Round(ca.WarningMedianS.Estimate), math.Round(cb.WarningMedianS.Estimate)),
			cmpNaNLast(ca.LeadMedianS.Estimate, cb.LeadMedianS.Estimate))
	})
	return idx[:min(k, nb)]
}

// cmpNaNLast compares with NaN after every number.
func cmpNaNLast(a, b float64) int {
	switch an, bn := math.IsNaN(a), math.IsNaN(b); {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	return cmp.Compare(a, b)
}

// Sector is an arc of consecutive bearings, from FromDeg clockwise to
// ToDeg (inclusive).
type Sector struct {
	FromDeg, ToDeg float64
	Bearings       int
}

// Below returns, for layout li, the arcs of consecutive bearings whose
// P(timely) estimate is below p, in clockwise order from the first after
// north; an arc through north is one arc.
func (s *Summary) Below(li int, p float64) []Sector {
	bs := s.Design.BearingsDeg
	nb := len(bs)
	weak := func(i int) bool {
		e := s.Cell(li, (i%nb+nb)%nb).PTimely.Estimate
		return e < p
	}
	all := true
	for i := range nb {
		all = all && weak(i)
	}
	if all {
		return []Sector{{FromDeg: bs[0], ToDeg: bs[nb-1], Bearings: nb}}
	}
	// Start after a strong bearing, so that an arc through north is whole.
	start := 0
	for weak(start) {
		start++
	}
	var out []Sector
	for i := start + 1; i <= start+nb; i++ {
		if !weak(i) {
			continue
		}
		j := i
		for j+1 <= start+nb && weak(j+1) {
			j++
		}
		out = append(out, Sector{FromDeg: bs[i%nb], ToDeg: bs[j%nb], Bearings: j - i + 1})
		i = j
	}
	slices.SortStableFunc(out, func(a, b Sector) int { return cmp.Compare(a.FromDeg, b.FromDeg) })
	return out
}
