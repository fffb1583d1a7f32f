package compare

import (
	"cmp"
	"encoding/json"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/stat"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/stats"
)

// Num is a number in summary.json: null when undefined (NaN), the strings
// "-inf" and "inf" when infinite (a warning-time quantile that falls on a
// drone never alerted on is −Inf).
type Num float64

// MarshalJSON writes null, "-inf", "inf" or the number.
func (n Num) MarshalJSON() ([]byte, error) {
	x := float64(n)
	switch {
	case math.IsNaN(x):
		return []byte("null"), nil
	case math.IsInf(x, -1):
		return []byte(`"-inf"`), nil
	case math.IsInf(x, 1):
		return []byte(`"inf"`), nil
	}
	return strconv.AppendFloat(nil, x, 'g', -1, 64), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (n *Num) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case "null":
		*n = Num(math.NaN())
		return nil
	case `"-inf"`:
		*n = Num(math.Inf(-1))
		return nil
	case `"inf"`:
		*n = Num(math.Inf(1))
		return nil
	}
	var x float64
	err := json.Unmarshal(b, &x)
	*n = Num(x)
	return err
}

// Interval is an estimate with its confidence interval, in summary.json.
type Interval struct {
	Estimate Num `json:"estimate"`
	Lo       Num `json:"lo"`
	Hi       Num `json:"hi"`
}

func interval(iv stats.Interval, scale float64) Interval {
	return Interval{Num(round(iv.Estimate*scale, 6)), Num(round(iv.Lo*scale, 6)), Num(round(iv.Hi*scale, 6))}
}

// Significant reports whether a difference's interval excludes zero.
func (iv Interval) Significant() bool { return iv.Lo > 0 || iv.Hi < 0 }

// Cell is the aggregate of one layout × variant × threshold over the
// complete replications.
type Cell struct {
	Layout    string `json:"layout"`
	Variant   string `json:"variant"`
	Threshold string `json:"threshold"`
	Hours     Num    `json:"hours_simulated"`
	// Drones that entered a zone and their outcomes.
	DronesEntered  int `json:"drones_entered"`
	Timely         int `json:"timely"`
	Short          int `json:"short"`
	Late           int `json:"late"`
	Missed         int `json:"missed"`
	OutsideAlerted int `json:"drones_outside_alerted"`
	// Watchers observed a zone from outside and never entered one;
	// WatchersAlerted were alerted on within the required warning time of
	// beginning to observe, and PWatchAlerted is their fraction
	// (stats.Proportion; NaN estimate when there is no watcher).
	Watchers        int      `json:"watchers"`
	WatchersAlerted int      `json:"watchers_alerted"`
	PWatchAlerted   Interval `json:"p_watcher_alerted"`
	// Groups is how the cell's groups of drones were alerted on, one
	// trial per group arrival (GroupFigures); nil when no drone flew in a
	// group.
	Groups *GroupFigures `json:"groups,omitempty"`
	// PTimely is P(warning ≥ required) with its cluster-robust interval
	// (stats.Proportion: replications are the independent unit), and
	// PTimelyDesignEffect the design effect it found (1: drones as
	// independent as coin flips; 4: a quarter as much information, as when
	// they come in groups).
	PTimely             Interval `json:"p_timely"`
	PTimelyDesignEffect Num      `json:"p_timely_design_effect"`
	// WarningMedianS and WarningP10S are the median and 10th percentile
	// of the warning time over the drones that entered (−Inf for those
	// never alerted on), order statistics.
	WarningMedianS Interval `json:"warning_median_s"`
	WarningP10S    Interval `json:"warning_p10_s"`
	// LeadMedianS is the median lead the sensors gave (DroneRow.LeadS),
	// over the drones that entered (−Inf for those never held by a track
	// at the threshold): the warning an alert rule with a long enough
	// horizon could give.
	LeadMedianS Interval `json:"lead_median_s"`
	// FalseAlertsPerDay is false incidents per simulated day, and by cause.
	FalseAlertsPerDay        Interval            `json:"false_alerts_per_day"`
	FalseAlertsPerDayByCause map[string]Interval `json:"false_alerts_per_day_by_cause"`
	// Budget is the false alerts' verdict against the budget: within (the
	// whole interval at or under it), over (the whole interval above it),
	// or undecided (the interval straddles it: more replications would
	// tell).
	Budget string `json:"budget"`

	pTimely, pWatch stats.Interval // PTimely and PWatchAlerted unrounded, for the differences
}

// The budget verdicts.
const (
	BudgetWithin    = "within"
	BudgetUndecided = "undecided"
	BudgetOver      = "over"
)

// Verdict returns the budget verdict of a false-alert interval, judged on
// its ends rounded outward to the tenth of an alert a day at which the
// tables print them, so that the verdict never contradicts the printed
// interval (0.43 prints 0.4: not over a budget of 0.4).
func Verdict(iv Interval, budget float64) string {
	lo, hi := math.Floor(float64(iv.Lo)*10+1e-9)/10, math.Ceil(float64(iv.Hi)*10-1e-9)/10
	switch {
	case math.IsNaN(hi):
		return BudgetUndecided
	case hi <= budget+1e-9:
		return BudgetWithin
	case lo > budget+1e-9:
		return BudgetOver
	}
	return BudgetUndecided
}

// Choice is a layout's operating point: the threshold with the highest
// P(warning ≥ required) among those whose false alerts per day are within
// the budget by their estimate, fewer false alerts breaking ties; when none
// is, the one with the fewest false alerts. Budget is then the verdict of
// its interval: within, undecided or over.
//
// Rank is 1 + the number of layouts significantly better: a layout not
// over the budget is better than one over it; between two not over, the
// one with the higher P(timely) by a significant paired difference; between
// two over, the one with fewer false alerts by a significant paired
// difference. Layouts no other beats significantly share rank 1, so a
// difference the data do not show never orders them, and a layout that
// alerts on no drone never ranks above one that alerts on them in time
// unless the latter is shown to break the budget.
type Choice struct {
	Rank      int    `json:"rank"`
	Layout    string `json:"layout"`
	Variant   string `json:"variant"`
	Threshold string `json:"threshold"`
	Budget    string `json:"budget"`
}

// Difference is layout A less layout B, paired replication by replication
// (the same traffic): in P(warning ≥ required) and false alerts per day
// (cluster ratio estimator), and, at the operating points, in median
// warning (paired bootstrap).
type Difference struct {
	Variant string `json:"variant"`
	// VariantB is B's variant when two variants of one layout are compared
	// (A and B are then that layout); empty when B is of Variant too.
	VariantB    string   `json:"variant_b,omitempty"`
	A           string   `json:"a"`
	ThresholdA  string   `json:"threshold_a"`
	B           string   `json:"b"`
	ThresholdB  string   `json:"threshold_b"`
	PTimely     Interval `json:"p_timely"`
	FalsePerDay Interval `json:"false_alerts_per_day"`
	// PWatchAlerted is the difference in the fraction of watchers alerted
	// on in time, when there are watchers.
	PWatchAlerted *Interval `json:"p_watcher_alerted,omitempty"`
	// PGroupTimely is the difference in the fraction of group arrivals
	// alerted on in time (GroupFigures.PTimely), when a group entered.
	PGroupTimely   *Interval `json:"p_group_timely,omitempty"`
	WarningMedianS *Interval `json:"warning_median_s,omitempty"`
	// LeadMedianS is the difference in median lead (Cell.LeadMedianS), at
	// the operating points.
	LeadMedianS *Interval `json:"lead_median_s,omitempty"`
}

// Summary is summary.json: the design, what was run, and the aggregates.
type Summary struct {
	Design       *Design `json:"design"`
	Signature    string  `json:"signature"`
	Partial      bool    `json:"partial"`
	Shard        string  `json:"shard,omitempty"`
	Replications int     `json:"replications_completed"`
	Cells        []Cell  `json:"cells"`
	// Operating lists each variant's layouts at their operating points,
	// best first.
	Operating []Choice `json:"operating_points"`
	// AtOperating compares each pair of layouts at their operating points;
	// AtThreshold at each common threshold.
	AtOperating []Difference `json:"differences_at_operating_points"`
	AtThreshold []Difference `json:"differences_at_each_threshold"`
	// BetweenVariants compares, when a sweep simulates several variants,
	// each layout's variants at their operating points, pairwise (the
	// variants share traffic: replication i has one seed).
	BetweenVariants []Difference `json:"differences_between_variants,omitempty"`
	// Breakdowns says how each operating point fared per traffic entry and
	// per approach sector.
	Breakdowns []Breakdown `json:"breakdowns"`
	// Curves are each layout's whole threshold curve and the exact
	// operating point on it, per variant, when the thresholds differ in
	// P(drone) alone.
	Curves []Curve `json:"curves,omitempty"`
}

// bootstrapResamples is the number of resamples of the paired bootstrap.
const bootstrapResamples = 1000

// Summarise aggregates the results.
func Summarise(res *Results) *Summary {
	d := res.Design
	s := &Summary{Design: d, Signature: d.Signature(), Partial: res.Partial, Shard: res.Shard, Replications: len(res.Replications)}
	type key struct{ layout, variant, threshold string }
	rows := map[key][]Row{}
	for _, r := range res.Rows {
		k := key{r.Layout, r.Variant, r.Threshold}
		rows[k] = append(rows[k], r)
	}
	// Warning times per cell and replication, in replication order.
	warn, lead := map[key]map[int][]float64{}, map[key]map[int][]float64{}
	for _, dr := range res.Drones {
		if dr.Outcome == metrics.OutcomeNoEntry {
			continue
		}
		k := key{dr.Layout, dr.Variant, dr.Threshold}
		if warn[k] == nil {
			warn[k], lead[k] = map[int][]float64{}, map[int][]float64{}
		}
		w, ld := dr.WarningS, dr.LeadS
		if math.IsNaN(w) {
			w = math.Inf(-1) // never alerted on
		}
		if math.IsNaN(ld) {
			ld = math.Inf(-1) // never held by a track at the threshold
		}
		warn[k][dr.Replication] = append(warn[k][dr.Replication], w)
		lead[k][dr.Replication] = append(lead[k][dr.Replication], ld)
	}
	perRep := func(m map[key]map[int][]float64, k key) [][]float64 {
		g := make([][]float64, len(res.Replications))
		for i, r := range res.Replications {
			g[i] = m[k][r]
		}
		return g
	}
	groups := func(k key) [][]float64 { return perRep(warn, k) }
	conf := d.Confidence
	// Group arrivals per cell.
	groupRows := map[key][]*DroneRow{}
	for i := range res.Drones {
		dr := &res.Drones[i]
		if dr.Group != "" {
			k := key{dr.Layout, dr.Variant, dr.Threshold}
			groupRows[k] = append(groupRows[k], dr)
		}
	}
	grp := map[key]*cellGroups{}
	cells := map[key]*Cell{}
	for _, v := range d.Variants {
		for _, l := range d.Layouts {
			for _, th := range d.Thresholds {
				k := key{l, v.Label, th.Label}
				c := cellOf(k.layout, k.variant, k.threshold, rows[k], slices.Concat(groups(k)...), d)
				leads := slices.Concat(perRep(lead, k)...)
				slices.Sort(leads)
				c.LeadMedianS = interval(stats.Quantile(leads, 0.5, conf), 1)
				if g := groupsOf(groupRows[k], d.RequiredWarningS, conf, res.Replications); g != nil {
					grp[k] = g
					f := g.figures
					c.Groups = &f
				}
				s.Cells = append(s.Cells, c)
				cells[k] = &s.Cells[len(s.Cells)-1]
			}
		}
	}
	// Paired outcomes of each drone, by cell, for the correlation of two
	// cells' outcomes.
	timely := map[key]map[droneKey]bool{}
	for _, dr := range res.Drones {
		if dr.Outcome == metrics.OutcomeNoEntry {
			continue
		}
		k := key{dr.Layout, dr.Variant, dr.Threshold}
		if timely[k] == nil {
			timely[k] = map[droneKey]bool{}
		}
		timely[k][droneKey{dr.Replication, dr.Drone}] = dr.Outcome == metrics.OutcomeTimely
	}
	// Paired differences.
	diff := func(va, a, ta, vb, b, tb string, withWarning bool) Difference {
		ka, kb := key{a, va, ta}, key{b, vb, tb}
		ra, rb := rows[ka], rows[kb]
		dt, dn := make([]float64, len(ra)), make([]float64, len(ra))
		fa, fb, dh := make([]float64, len(ra)), make([]float64, len(ra)), make([]float64, len(ra))
		for i := range ra {
			dt[i], dn[i] = float64(ra[i].Timely-rb[i].Timely), float64(ra[i].Entered)
			fa[i], fb[i], dh[i] = float64(ra[i].FalseAlerts), float64(rb[i].FalseAlerts), ra[i].Hours
		}
		var n [4]float64 // both timely, A only, B only, neither: n[2·!a + !b]
		for dk, oa := range timely[ka] {
			i := 0
			if !oa {
				i = 2
			}
			if !timely[kb][dk] {
				i++
			}
			n[i]++
		}
		ca, cb := cells[ka], cells[kb]
		pt := stats.Union(stats.Ratio(dt, dn, conf), stats.SquareAndAdd(ca.pTimely, cb.pTimely, stats.Phi(n[0], n[1], n[2], n[3])))
		out := Difference{Variant: va, A: a, ThresholdA: ta, B: b, ThresholdB: tb,
			PTimely: interval(pt, 1), FalsePerDay: interval(stats.RateDifference(fa, fb, dh, conf), 24)}
		if vb != va {
			out.VariantB = vb
		}
		if ca.Watchers > 0 {
			dw, nw := make([]float64, len(ra)), make([]float64, len(ra))
			for i := range ra {
				dw[i], nw[i] = float64(ra[i].WatchersAlerted-rb[i].WatchersAlerted), float64(ra[i].Watchers)
			}
			iv := interval(stats.Union(stats.Ratio(dw, nw, conf), stats.SquareAndAdd(ca.pWatch, cb.pWatch, 0)), 1)
			out.PWatchAlerted = &iv
		}
		if ga, gb := grp[ka], grp[kb]; ga != nil && gb != nil && ga.figures.Entered > 0 {
			iv := interval(groupDifference(ga, gb, res.Replications, conf), 1)
			out.PGroupTimely = &iv
		}
		if withWarning {
			median := func(x []float64) float64 { return quantile(x, 0.5) }
			iv := interval(stats.BootstrapDiff(groups(ka), groups(kb), median, bootstrapResamples, 1, conf), 1)
			out.WarningMedianS = &iv
			lv := interval(stats.BootstrapDiff(perRep(lead, ka), perRep(lead, kb), median, bootstrapResamples, 1, conf), 1)
			out.LeadMedianS = &lv
		}
		return out
	}
	// Operating points, ranked per variant.
	for _, v := range d.Variants {
		var choices []Choice
		for _, l := range d.Layouts {
			var best *Cell
			for _, th := range d.Thresholds {
				c := cells[key{l, v.Label, th.Label}]
				if best == nil || better(c, best, d.BudgetPerDay) {
					best = c
				}
			}
			choices = append(choices, Choice{Layout: l, Variant: v.Label, Threshold: best.Threshold, Budget: best.Budget})
		}
		cellOfChoice := func(c Choice) *Cell { return cells[key{c.Layout, c.Variant, c.Threshold}] }
		// Rank: 1 + the layouts significantly better.
		for i := range choices {
			for j := range choices {
				if i == j {
					continue
				}
				a, b := choices[j], choices[i]
				overA, overB := a.Budget == BudgetOver, b.Budget == BudgetOver
				if overA != overB {
					if overB {
						choices[i].Rank++
					}
					continue
				}
				df := diff(v.Label, a.Layout, a.Threshold, v.Label, b.Layout, b.Threshold, false)
				if !overA && df.PTimely.Lo > 0 || overA && df.FalsePerDay.Hi < 0 {
					choices[i].Rank++
				}
			}
			choices[i].Rank++
		}
		slices.SortStableFunc(choices, func(a, b Choice) int {
			if a.Rank != b.Rank {
				return cmp.Compare(a.Rank, b.Rank)
			}
			ca, cb := cellOfChoice(a), cellOfChoice(b)
			if better(ca, cb, d.BudgetPerDay) {
				return -1
			}
			if better(cb, ca, d.BudgetPerDay) {
				return 1
			}
			return 0
		})
		s.Operating = append(s.Operating, choices...)
		for i, a := range choices {
			for _, b := range choices[i+1:] {
				s.AtOperating = append(s.AtOperating, diff(v.Label, a.Layout, a.Threshold, v.Label, b.Layout, b.Threshold, true))
			}
		}
	}
	for _, v := range d.Variants {
		for _, th := range d.Thresholds {
			for i, a := range d.Layouts {
				for _, b := range d.Layouts[i+1:] {
					s.AtThreshold = append(s.AtThreshold, diff(v.Label, a, th.Label, v.Label, b, th.Label, false))
				}
			}
		}
	}
	s.Breakdowns = breakdowns(res, s.Operating, conf)
	s.Curves = curves(res, conf)
	// Variants of one layout, at their operating points.
	for _, l := range d.Layouts {
		var ops []Choice
		for _, c := range s.Operating {
			if c.Layout == l {
				ops = append(ops, c)
			}
		}
		for i := range ops {
			for j := i + 1; j < len(ops); j++ {
				s.BetweenVariants = append(s.BetweenVariants, diff(ops[i].Variant, l, ops[i].Threshold, ops[j].Variant, l, ops[j].Threshold, true))
			}
		}
	}
	return s
}

// droneKey is one drone of one replication.
type droneKey struct {
	replication int
	drone       string
}

// quantile is the p-quantile of a sorted sample, NaN when empty.
func quantile(x []float64, p float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return stat.Quantile(p, stat.Empirical, x, nil)
}

// better reports whether cell a is a better operating point than b:
// within the budget by its estimate of false alerts per day before not;
// then, within it, a higher P(timely), then fewer false alerts; not within
// it, fewer false alerts first.
func better(a, b *Cell, budget float64) bool {
	inA, inB := float64(a.FalseAlertsPerDay.Estimate) <= budget, float64(b.FalseAlertsPerDay.Estimate) <= budget
	if inA != inB {
		return inA
	}
	pa, pb := float64(a.PTimely.Estimate), float64(b.PTimely.Estimate)
	fa, fb := float64(a.FalseAlertsPerDay.Estimate), float64(b.FalseAlertsPerDay.Estimate)
	if math.IsNaN(pa) {
		pa = -1
	}
	if math.IsNaN(pb) {
		pb = -1
	}
	if inA {
		return cmp.Or(cmp.Compare(pb, pa), cmp.Compare(fa, fb)) < 0
	}
	return cmp.Or(cmp.Compare(fa, fb), cmp.Compare(pb, pa)) < 0
}

// cellOf aggregates one cell's rows and warning times.
func cellOf(layout, variant, threshold string, rows []Row, warnings []float64, d *Design) Cell {
	c := Cell{Layout: layout, Variant: variant, Threshold: threshold, FalseAlertsPerDayByCause: map[string]Interval{}}
	conf := d.Confidence
	hours := make([]float64, len(rows))
	timely, entered := make([]float64, len(rows)), make([]float64, len(rows))
	watched, watchers := make([]float64, len(rows)), make([]float64, len(rows))
	falses := make([]float64, len(rows))
	byCause := map[string][]float64{}
	var h float64
	for i, r := range rows {
		c.DronesEntered += r.Entered
		c.Timely += r.Timely
		c.Short += r.Short
		c.Late += r.Late
		c.Missed += r.Missed
		c.OutsideAlerted += r.OutsideAlerted
		hours[i], falses[i] = r.Hours, float64(r.FalseAlerts)
		timely[i], entered[i] = float64(r.Timely), float64(r.Entered)
		c.Watchers += r.Watchers
		c.WatchersAlerted += r.WatchersAlerted
		watched[i], watchers[i] = float64(r.WatchersAlerted), float64(r.Watchers)
		h += r.Hours
		for cause, n := range map[string]int{metrics.CauseBird: r.FalseBird, metrics.CauseClutter: r.FalseClutter,
			metrics.CauseRFGhost: r.FalseRFGhost, metrics.CauseDuplicate: r.FalseDuplicate} {
			byCause[cause] = append(byCause[cause], float64(n))
		}
	}
	c.Hours = Num(round(h, 6))
	c.pTimely = stats.Proportion(timely, entered, conf)
	c.PTimely = interval(c.pTimely, 1)
	c.PTimelyDesignEffect = Num(round(stats.DesignEffect(timely, entered), 6))
	c.pWatch = stats.Proportion(watched, watchers, conf)
	c.PWatchAlerted = interval(c.pWatch, 1)
	slices.Sort(warnings)
	c.WarningMedianS = interval(stats.Quantile(warnings, 0.5, conf), 1)
	c.WarningP10S = interval(stats.Quantile(warnings, 0.1, conf), 1)
	if len(rows) > 0 {
		c.FalseAlertsPerDay = interval(stats.Rate(falses, hours, conf), 24)
		for _, cause := range metrics.FalseCauses {
			c.FalseAlertsPerDayByCause[cause] = interval(stats.Rate(byCause[cause], hours, conf), 24)
		}
	} else {
		nan := Num(math.NaN())
		c.FalseAlertsPerDay = Interval{nan, nan, nan}
	}
	c.Budget = Verdict(c.FalseAlertsPerDay, d.BudgetPerDay)
	return c
}

// Converged reports whether every operating point's P(warning ≥ required)
// interval is no wider than ± the design's precision.
func (s *Summary) Converged() bool {
	if s.Design.Precision == 0 {
		return true
	}
	for _, ch := range s.Operating {
		for _, c := range s.Cells {
			if c.Layout == ch.Layout && c.Variant == ch.Variant && c.Threshold == ch.Threshold {
				if float64(c.PTimely.Hi-c.PTimely.Lo)/2 > s.Design.Precision {
					return false
				}
			}
		}
	}
	return true
}

// Curve returns the curve of a layout and variant, or nil.
func (s *Summary) Curve(layout, variant string) *Curve {
	for i := range s.Curves {
		if c := &s.Curves[i]; c.Layout == layout && c.Variant == variant {
			return c
		}
	}
	return nil
}

// Cell returns the cell of a layout, variant and threshold, or nil.
func (s *Summary) Cell(layout, variant, threshold string) *Cell {
	for i := range s.Cells {
		c := &s.Cells[i]
		if c.Layout == layout && c.Variant == variant && c.Threshold == threshold {
			return c
		}
	}
	return nil
}
