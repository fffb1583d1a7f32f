package compare

import (
	"math"
	"slices"

	"github.com/cuasim/cuasim/stats"
)

// GroupFigures is how the groups of drones of one cell were alerted on,
// one trial per group arrival: a traffic entry's group (its flight, or
// one arrival of its generator: DroneRow.Group) in one replication. What
// an operator needs of a swarm is one alert about the group in time, not
// an alert on each member; P(timely) counts the members, this counts the
// groups.
//
// A group's entry is the first entry of any member into a protected zone,
// its first alert the first alert on any member (whether that member
// entered or not), and its warning the difference; the group is timely
// when its warning is at least the required warning. A group none of whose
// members entered a zone is an arrival but no trial of PTimely, as a
// drone that never entered is none of P(timely).
type GroupFigures struct {
	// Arrivals counts the group arrivals; Entered those of which a
	// member entered a zone, and Timely those of them timely.
	Arrivals int `json:"arrivals"`
	Entered  int `json:"entered"`
	Timely   int `json:"timely"`
	// PTimely is Timely/Entered with its Wilson interval: each arrival is
	// one trial, so members alerted on together count once (NaN estimate
	// when no group entered).
	PTimely Interval `json:"p_timely"`
	// WarningMedianS is the median group warning over the arrivals that
	// entered (−Inf for a group no member of which was alerted on), an
	// order statistic with its distribution-free interval.
	WarningMedianS Interval `json:"warning_median_s"`
}

// groupKey is one group arrival: a group of one traffic entry in one
// replication.
type groupKey struct {
	replication  int
	entry, group string
}

// groupArrival is a group arrival's first entry and first alert, over its
// members (NaN: none).
type groupArrival struct {
	entryS, firstAlertS float64
}

// warningS is the group's warning: −Inf when no member was alerted on,
// NaN when none entered.
func (g *groupArrival) warningS() float64 {
	switch {
	case math.IsNaN(g.entryS):
		return math.NaN()
	case math.IsNaN(g.firstAlertS):
		return math.Inf(-1)
	}
	return round(g.entryS-g.firstAlertS, 3) // times are read back from drones.csv to the millisecond
}

// cellGroups is the group arrivals of one cell, for its figures and the
// paired differences.
type cellGroups struct {
	arrivals map[groupKey]*groupArrival
	timely   map[groupKey]bool // the arrivals that entered: timely or not
	figures  GroupFigures
	wilson   stats.Interval // PTimely unrounded
}

// groupsOf gathers the group arrivals of one cell from its drone rows
// (nil when no drone of the cell flew in a group) and scores them against
// the required warning.
func groupsOf(drones []*DroneRow, requiredS, conf float64, replications []int) *cellGroups {
	var g *cellGroups
	var order []groupKey
	for _, dr := range drones {
		if dr.Group == "" {
			continue
		}
		if g == nil {
			g = &cellGroups{arrivals: map[groupKey]*groupArrival{}, timely: map[groupKey]bool{}}
		}
		k := groupKey{dr.Replication, dr.Entry, dr.Group}
		a := g.arrivals[k]
		if a == nil {
			a = &groupArrival{entryS: math.NaN(), firstAlertS: math.NaN()}
			g.arrivals[k] = a
			order = append(order, k)
		}
		a.entryS = minDefined(a.entryS, dr.EntryS)
		a.firstAlertS = minDefined(a.firstAlertS, dr.FirstAlertS)
	}
	if g == nil {
		return nil
	}
	done := map[int]bool{}
	for _, r := range replications {
		done[r] = true
	}
	var warnings []float64
	for _, k := range order {
		if !done[k.replication] {
			continue // a replication not complete (as the rows')
		}
		a := g.arrivals[k]
		g.figures.Arrivals++
		w := a.warningS()
		if math.IsNaN(w) {
			continue
		}
		g.figures.Entered++
		ok := w >= requiredS-1e-9 // as metrics.DroneAlerting.Outcome
		g.timely[k] = ok
		if ok {
			g.figures.Timely++
		}
		warnings = append(warnings, w)
	}
	g.wilson = stats.Wilson(g.figures.Timely, g.figures.Entered, conf)
	g.figures.PTimely = interval(g.wilson, 1)
	slices.Sort(warnings)
	g.figures.WarningMedianS = interval(stats.Quantile(warnings, 0.5, conf), 1)
	return g
}

// minDefined is the smaller of a and b ignoring NaN: NaN only when both
// are.
func minDefined(a, b float64) float64 {
	switch {
	case math.IsNaN(a):
		return b
	case math.IsNaN(b):
		return a
	}
	return math.Min(a, b)
}

// groupDifference is the paired difference a − b in the fraction of
// group arrivals alerted on in time: the cluster ratio estimator over
// replications joined with Newcombe's square-and-add interval on the two
// cells' Wilson intervals and the correlation of the paired arrivals'
// outcomes (an arrival is the same group in both: the same traffic),
// within [−1, 1].
func groupDifference(a, b *cellGroups, replications []int, conf float64) stats.Interval {
	dt, dn := make([]float64, len(replications)), make([]float64, len(replications))
	ri := map[int]int{}
	for i, r := range replications {
		ri[r] = i
	}
	var n [4]float64 // both timely, a only, b only, neither: n[2·!a + !b]
	for k, oa := range a.timely {
		i, ok := ri[k.replication]
		if !ok {
			continue
		}
		ob, inB := b.timely[k]
		dn[i]++
		if oa {
			dt[i]++
		}
		if ob {
			dt[i]--
		}
		if !inB {
			continue
		}
		j := 0
		if !oa {
			j = 2
		}
		if !ob {
			j++
		}
		n[j]++
	}
	iv := stats.Union(stats.Ratio(dt, dn, conf), stats.SquareAndAdd(a.wilson, b.wilson, stats.Phi(n[0], n[1], n[2], n[3])))
	iv.Lo, iv.Hi = max(iv.Lo, -1), min(iv.Hi, 1) // a difference of proportions
	return iv
}
