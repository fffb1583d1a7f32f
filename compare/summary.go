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
	// PTimely is P(warning ≥ required), Wilson.
	PTimely Interval `json:"p_timely"`
	// WarningMedianS and WarningP10S are the median and 10th percentile
	// of the warning time over the drones that entered (−Inf for those
	// never alerted on), order statistics.
	WarningMedianS Interval `json:"warning_median_s"`
	WarningP10S    Interval `json:"warning_p10_s"`
	// FalseAlertsPerDay is false incidents per simulated day, and by cause.
	FalseAlertsPerDay        Interval            `json:"false_alerts_per_day"`
	FalseAlertsPerDayByCause map[string]Interval `json:"false_alerts_per_day_by_cause"`
	WithinBudget             bool                `json:"within_budget"`
}

// Choice is a layout's operating point: the threshold with the highest
// P(warning ≥ required) whose false alerts per day are within the budget
// (or, when none is, the one with the fewest false alerts).
type Choice struct {
	Rank         int    `json:"rank"`
	Layout       string `json:"layout"`
	Variant      string `json:"variant"`
	Threshold    string `json:"threshold"`
	WithinBudget bool   `json:"within_budget"`
}

// Difference is layout A less layout B, paired replication by replication
// (the same traffic): in P(warning ≥ required) and false alerts per day
// (cluster ratio estimator), and, at the operating points, in median
// warning (paired bootstrap).
type Difference struct {
	Variant        string    `json:"variant"`
	A              string    `json:"a"`
	ThresholdA     string    `json:"threshold_a"`
	B              string    `json:"b"`
	ThresholdB     string    `json:"threshold_b"`
	PTimely        Interval  `json:"p_timely"`
	FalsePerDay    Interval  `json:"false_alerts_per_day"`
	WarningMedianS *Interval `json:"warning_median_s,omitempty"`
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
	warn := map[key]map[int][]float64{}
	for _, dr := range res.Drones {
		if dr.Outcome == metrics.OutcomeNoEntry {
			continue
		}
		k := key{dr.Layout, dr.Variant, dr.Threshold}
		if warn[k] == nil {
			warn[k] = map[int][]float64{}
		}
		w := dr.WarningS
		if math.IsNaN(w) {
			w = math.Inf(-1) // never alerted on
		}
		warn[k][dr.Replication] = append(warn[k][dr.Replication], w)
	}
	groups := func(k key) [][]float64 {
		g := make([][]float64, len(res.Replications))
		for i, r := range res.Replications {
			g[i] = warn[k][r]
		}
		return g
	}
	conf := d.Confidence
	cells := map[key]*Cell{}
	for _, v := range d.Variants {
		for _, l := range d.Layouts {
			for _, th := range d.Thresholds {
				k := key{l, v.Label, th.Label}
				c := cellOf(k.layout, k.variant, k.threshold, rows[k], slices.Concat(groups(k)...), d)
				s.Cells = append(s.Cells, c)
				cells[k] = &s.Cells[len(s.Cells)-1]
			}
		}
	}
	// Operating points, ranked per variant.
	for _, v := range d.Variants {
		var choices []Choice
		for _, l := range d.Layouts {
			var best *Cell
			for _, th := range d.Thresholds {
				c := cells[key{l, v.Label, th.Label}]
				if best == nil || better(c, best) {
					best = c
				}
			}
			choices = append(choices, Choice{Layout: l, Variant: v.Label, Threshold: best.Threshold, WithinBudget: best.WithinBudget})
		}
		slices.SortStableFunc(choices, func(a, b Choice) int {
			ca, cb := cells[key{a.Layout, a.Variant, a.Threshold}], cells[key{b.Layout, b.Variant, b.Threshold}]
			if better(ca, cb) {
				return -1
			}
			if better(cb, ca) {
				return 1
			}
			return 0
		})
		for i := range choices {
			choices[i].Rank = i + 1
		}
		s.Operating = append(s.Operating, choices...)
	}
	// Paired differences.
	diff := func(v, a, ta, b, tb string, withWarning bool) Difference {
		ra, rb := rows[key{a, v, ta}], rows[key{b, v, tb}]
		dt, dn := make([]float64, len(ra)), make([]float64, len(ra))
		df, dh := make([]float64, len(ra)), make([]float64, len(ra))
		for i := range ra {
			dt[i], dn[i] = float64(ra[i].Timely-rb[i].Timely), float64(ra[i].Entered)
			df[i], dh[i] = float64(ra[i].FalseAlerts-rb[i].FalseAlerts), ra[i].Hours
		}
		out := Difference{Variant: v, A: a, ThresholdA: ta, B: b, ThresholdB: tb,
			PTimely: interval(stats.Ratio(dt, dn, conf), 1), FalsePerDay: interval(stats.Ratio(df, dh, conf), 24)}
		if withWarning {
			median := func(x []float64) float64 { return quantile(x, 0.5) }
			iv := interval(stats.BootstrapDiff(groups(key{a, v, ta}), groups(key{b, v, tb}), median, bootstrapResamples, 1, conf), 1)
			out.WarningMedianS = &iv
		}
		return out
	}
	for _, v := range d.Variants {
		var ops []Choice
		for _, c := range s.Operating {
			if c.Variant == v.Label {
				ops = append(ops, c)
			}
		}
		for i := range ops {
			for j := i + 1; j < len(ops); j++ {
				s.AtOperating = append(s.AtOperating, diff(v.Label, ops[i].Layout, ops[i].Threshold, ops[j].Layout, ops[j].Threshold, true))
			}
		}
		for _, th := range d.Thresholds {
			for i, a := range d.Layouts {
				for _, b := range d.Layouts[i+1:] {
					s.AtThreshold = append(s.AtThreshold, diff(v.Label, a, th.Label, b, th.Label, false))
				}
			}
		}
	}
	return s
}

// quantile is the p-quantile of a sorted sample, NaN when empty.
func quantile(x []float64, p float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return stat.Quantile(p, stat.Empirical, x, nil)
}

// better reports whether cell a is a better operating point than b: within
// the budget before over it; then a higher P(timely); then fewer false
// alerts; over budget, fewer false alerts first.
func better(a, b *Cell) bool {
	if a.WithinBudget != b.WithinBudget {
		return a.WithinBudget
	}
	pa, pb := float64(a.PTimely.Estimate), float64(b.PTimely.Estimate)
	fa, fb := float64(a.FalseAlertsPerDay.Estimate), float64(b.FalseAlertsPerDay.Estimate)
	if math.IsNaN(pa) {
		pa = -1
	}
	if math.IsNaN(pb) {
		pb = -1
	}
	if a.WithinBudget {
		return cmp.Or(cmp.Compare(pb, pa), cmp.Compare(fa, fb)) < 0
	}
	return cmp.Or(cmp.Compare(fa, fb), cmp.Compare(pb, pa)) < 0
}

// cellOf aggregates one cell's rows and warning times.
func cellOf(layout, variant, threshold string, rows []Row, warnings []float64, d *Design) Cell {
	c := Cell{Layout: layout, Variant: variant, Threshold: threshold, FalseAlertsPerDayByCause: map[string]Interval{}}
	conf := d.Confidence
	hours := make([]float64, len(rows))
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
		h += r.Hours
		for cause, n := range map[string]int{metrics.CauseBird: r.FalseBird, metrics.CauseClutter: r.FalseClutter,
			metrics.CauseRFGhost: r.FalseRFGhost, metrics.CauseDuplicate: r.FalseDuplicate} {
			byCause[cause] = append(byCause[cause], float64(n))
		}
	}
	c.Hours = Num(round(h, 6))
	c.PTimely = interval(stats.Wilson(c.Timely, c.DronesEntered, conf), 1)
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
	c.WithinBudget = float64(c.FalseAlertsPerDay.Estimate) <= d.BudgetPerDay
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
