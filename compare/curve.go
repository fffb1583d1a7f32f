package compare

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/stats"
)

// Curve is a layout's whole threshold curve for one variant: P(timely) and
// false alerts per day at every P(drone) threshold from the lowest of the
// design's up (metrics.CurveScorer, exact: every threshold where an alert
// appears or vanishes), pooled over the replications, and the operating
// point found on it with the grid's rule.
type Curve struct {
	Variant string `json:"variant"`
	Layout  string `json:"layout"`
	// Points is the pooled curve, each point holding for the thresholds
	// t with AboveP < t ≤ the next point's AboveP; thinned to what a
	// figure can show (thin) for the file (the operating point is always kept).
	Points []CurvePointJSON `json:"points"`
	// Operating is the exact operating point: the thresholds (AboveP,
	// UpToP] with the highest P(timely) whose false alerts per day are
	// within the budget by their estimate (fewer false alerts, then the
	// lower threshold, breaking ties); when none is, the fewest false
	// alerts. Unlike the grid's, it goes by the estimate: among thousands
	// of thresholds, one whose interval happens to reach under the budget
	// is noise, not a choice. Its interval and verdict say how sure it is.
	Operating ExactPoint `json:"operating_point"`
}

// CurvePointJSON is one point of a pooled curve in summary.json.
type CurvePointJSON struct {
	AboveP      Num `json:"above_p_drone"`
	PTimely     Num `json:"p_timely"`
	FalsePerDay Num `json:"false_alerts_per_day"`
}

// ExactPoint is an operating point found on the whole curve.
type ExactPoint struct {
	AboveP            Num      `json:"above_p_drone"`
	UpToP             Num      `json:"up_to_p_drone"`
	PTimely           Interval `json:"p_timely"`
	FalseAlertsPerDay Interval `json:"false_alerts_per_day"`
	Budget            string   `json:"budget"`
}

// maxCurvePoints bounds the points of a curve in summary.json.
const maxCurvePoints = 1000

// curves builds each layout's curve per variant from the replications'
// curves, when the comparison recorded them (thresholds differing in
// P(drone) alone).
func curves(res *Results, conf float64) []Curve {
	d := res.Design
	if len(res.Curves) == 0 {
		return nil
	}
	lowest := math.Inf(1)
	for _, th := range d.Thresholds {
		for _, o := range th.Overrides {
			if o.Path == "alerting.p_drone" {
				lowest = min(lowest, parseFloat(o.Value))
			}
		}
	}
	type key struct{ layout, variant string }
	per := map[key]map[int][]metrics.CurvePoint{}
	for _, c := range res.Curves {
		k := key{c.Layout, c.Variant}
		if per[k] == nil {
			per[k] = map[int][]metrics.CurvePoint{}
		}
		per[k][c.Replication] = append(per[k][c.Replication], c.CurvePoint)
	}
	hours := map[int]float64{}
	for _, r := range res.Rows {
		hours[r.Replication] = r.Hours
	}
	var out []Curve
	for _, v := range d.Variants {
		for _, l := range d.Layouts {
			reps := per[key{l, v.Label}]
			runs := make([][]metrics.CurvePoint, len(res.Replications))
			h := make([]float64, len(res.Replications))
			var total float64
			for i, r := range res.Replications {
				runs[i], h[i] = reps[r], hours[r]
				total += h[i]
			}
			pooled := metrics.SumPoints(runs...)
			c := Curve{Variant: v.Label, Layout: l}
			c.Operating = exactOperating(pooled, runs, h, lowest, d.BudgetPerDay, conf)
			for _, p := range pooled {
				if p.AboveP < lowest && !math.IsInf(p.AboveP, -1) {
					continue
				}
				c.Points = append(c.Points, CurvePointJSON{AboveP: Num(round(p.AboveP, 9)), PTimely: Num(round(ratio(p.Timely, p.Entered), 6)),
					FalsePerDay: Num(round(24*float64(p.FalseAlerts)/total, 6))})
			}
			c.Points = thin(c.Points, c.Operating.AboveP)
			out = append(out, c)
		}
	}
	return out
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// exactOperating searches the pooled curve's pieces at or above lowest,
// best P(timely) first, for the first whose false alerts per day are
// within the budget by their estimate; with none, the piece with the
// fewest false alerts. It gives the piece's figures with their intervals
// over the replications, as the cells', and their budget verdict.
func exactOperating(pooled []metrics.CurvePoint, runs [][]metrics.CurvePoint, hours []float64, lowest, budget, conf float64) ExactPoint {
	type piece struct {
		above, upTo float64
		p           metrics.CurvePoint
	}
	var pieces []piece
	for i, p := range pooled {
		upTo := math.Inf(1)
		if i+1 < len(pooled) {
			upTo = pooled[i+1].AboveP
		}
		if upTo < lowest || p.AboveP >= 1 {
			continue // below the design's thresholds, or above any P(drone)
		}
		upTo = min(upTo, 1)
		pieces = append(pieces, piece{max(p.AboveP, math.Nextafter(lowest, math.Inf(-1))), upTo, p})
	}
	if len(pieces) == 0 {
		return ExactPoint{}
	}
	slices.SortStableFunc(pieces, func(a, b piece) int {
		return cmp.Or(cmp.Compare(ratio(b.p.Timely, b.p.Entered), ratio(a.p.Timely, a.p.Entered)), cmp.Compare(a.p.FalseAlerts, b.p.FalseAlerts))
	})
	at := func(pc piece) ExactPoint {
		t := pc.upTo
		y, n, f := make([]float64, len(runs)), make([]float64, len(runs)), make([]float64, len(runs))
		for i, r := range runs {
			q := metrics.PointAt(r, t)
			y[i], n[i], f[i] = float64(q.Timely), float64(q.Entered), float64(q.FalseAlerts)
		}
		e := ExactPoint{AboveP: Num(round(pc.above, 9)), UpToP: Num(round(pc.upTo, 9)), PTimely: interval(stats.Proportion(y, n, conf), 1),
			FalseAlertsPerDay: interval(stats.Rate(f, hours, conf), 24)}
		e.Budget = Verdict(e.FalseAlertsPerDay, budget)
		return e
	}
	var expo float64
	for _, h := range hours {
		expo += h
	}
	for _, pc := range pieces {
		if 24*float64(pc.p.FalseAlerts)/expo <= budget+1e-9 {
			return at(pc)
		}
	}
	fewest := slices.MinFunc(pieces, func(a, b piece) int {
		return cmp.Or(cmp.Compare(a.p.FalseAlerts, b.p.FalseAlerts), cmp.Compare(ratio(b.p.Timely, b.p.Entered), ratio(a.p.Timely, a.p.Entered)))
	})
	return at(fewest)
}

// thin keeps the points of a curve a figure can show apart: a point is
// kept when its P(timely) differs from the last kept one's by at least
// 0.002, or its false alerts per day by at least 2 % (a hundredth of a
// decade on the figure's logarithmic axis), and always the first, the last
// and the one at the operating point; and at most maxCurvePoints of them,
// evenly spread, if that still leaves too many.
func thin(pts []CurvePointJSON, keep Num) []CurvePointJSON {
	var out []CurvePointJSON
	for i, p := range pts {
		if i > 0 && i < len(pts)-1 && p.AboveP != keep {
			q := out[len(out)-1]
			dp := math.Abs(float64(p.PTimely - q.PTimely))
			fx, fq := float64(p.FalsePerDay), float64(q.FalsePerDay)
			if dp < 0.002 && (fx == fq || fx > 0 && fq > 0 && math.Abs(math.Log(fx/fq)) < math.Log(1.02)) {
				continue
			}
		}
		out = append(out, p)
	}
	if len(out) <= maxCurvePoints {
		return out
	}
	step := float64(len(out)-1) / float64(maxCurvePoints-2)
	var even []CurvePointJSON
	next := 0.0
	for i, p := range out {
		if float64(i) >= next || i == len(out)-1 || p.AboveP == keep {
			even = append(even, p)
			for next <= float64(i) {
				next += step
			}
		}
	}
	return even
}

// parseFloat reads a threshold's value, NaN when it is not a number.
func parseFloat(s string) float64 {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return x
}
