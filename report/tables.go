package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/metrics"
)

// Table is a table for people: a header and rows of formatted cells. The
// terminal (WriteText) and the HTML page show the same tables. A cell that
// ends in " *" holds a significant difference.
type Table struct {
	Header []string
	Rows   [][]string
	// Numeric marks the columns of numbers, right-aligned on the page.
	Numeric []bool
}

// Starred reports whether a cell is marked significant, with a
// trailing "*" (FormatPoints, FormatDifference).
func (t Table) Starred() bool {
	for _, row := range t.Rows {
		for _, c := range row {
			if strings.HasSuffix(c, "*") {
				return true
			}
		}
	}
	return false
}

// WriteText writes the table in aligned columns, two spaces apart.
func (t Table) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(t.Header, "\t"))
	for _, r := range t.Rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

// The BUDGET column of the operating points: within the false-alert
// budget, or over it at every threshold (the operating point is then the
// threshold with the fewest false alerts).
const (
	WithinBudget = "within"
	OverBudget   = "over at every threshold"
)

// OperatingTable is the ranked table of a variant's operating points: each
// layout at the threshold with the most timely alerts within the budget.
func OperatingTable(s *compare.Summary, variant string) Table {
	t := Table{Header: []string{"RANK", "LAYOUT", "THRESHOLD", "P(TIMELY)", "MEDIAN WARNING", "10% WARNING", "FALSE ALERTS/DAY", "MISSED", "BUDGET"},
		Numeric: []bool{true, false, false, true, true, true, true, true, false}}
	for _, ch := range s.Operating {
		if ch.Variant != variant {
			continue
		}
		c := s.Cell(ch.Layout, ch.Variant, ch.Threshold)
		if c == nil {
			continue
		}
		note := WithinBudget
		if !ch.WithinBudget {
			note = OverBudget
		}
		t.Rows = append(t.Rows, []string{strconv.Itoa(ch.Rank), ch.Layout, ch.Threshold, FormatProbability(c.PTimely),
			FormatSeconds(c.WarningMedianS), FormatSeconds(c.WarningP10S), FormatRate(c.FalseAlertsPerDay),
			fmt.Sprintf("%d of %d", c.Missed, c.DronesEntered), note})
	}
	return t
}

// DifferencesTable is the table of a variant's paired differences between
// layouts at their operating points.
func DifferencesTable(s *compare.Summary, variant string) Table {
	t := Table{Header: []string{"A − B", "P(TIMELY)", "FALSE ALERTS/DAY", "MEDIAN WARNING"}, Numeric: []bool{false, true, true, true}}
	for _, df := range s.AtOperating {
		if df.Variant != variant {
			continue
		}
		med := "-"
		if df.WarningMedianS != nil {
			med = FormatDifference(*df.WarningMedianS, 0, " s")
		}
		t.Rows = append(t.Rows, []string{df.A + " − " + df.B, FormatPoints(df.PTimely), FormatDifference(df.FalsePerDay, 1, ""), med})
	}
	return t
}

// CellsTable is the table of every layout and threshold of a variant,
// with false alerts per day by cause.
func CellsTable(s *compare.Summary, variant string) Table {
	t := Table{Header: []string{"LAYOUT", "THRESHOLD", "P(TIMELY)", "MEDIAN WARNING", "10% WARNING", "FALSE ALERTS/DAY", "BIRD", "CLUTTER", "RF GHOST", "DUPLICATE"},
		Numeric: []bool{false, false, true, true, true, true, true, true, true, true}}
	for _, c := range s.Cells {
		if c.Variant != variant {
			continue
		}
		row := []string{c.Layout, c.Threshold, FormatProbability(c.PTimely), FormatSeconds(c.WarningMedianS), FormatSeconds(c.WarningP10S),
			FormatRate(c.FalseAlertsPerDay)}
		for _, cause := range metrics.FalseCauses {
			row = append(row, fmt.Sprintf("%.1f", float64(c.FalseAlertsPerDayByCause[cause].Estimate)))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// FormatProbability formats a proportion and its interval: 0.93 [0.88, 0.96],
// or "no entries" when no drone entered a zone.
func FormatProbability(iv compare.Interval) string {
	if math.IsNaN(float64(iv.Estimate)) {
		return "no entries"
	}
	return fmt.Sprintf("%.2f [%.2f, %.2f]", float64(iv.Estimate), float64(iv.Lo), float64(iv.Hi))
}

// formatSecond formats one end of a warning time: whole seconds, "missed"
// for −∞ (a drone never alerted on), "-" when undefined.
func formatSecond(x compare.Num) string {
	switch v := float64(x); {
	case math.IsNaN(v):
		return "-"
	case math.IsInf(v, -1):
		return "−∞" // an interval end on a drone never alerted on, or one the sample is too small to bound
	case math.IsInf(v, 1):
		return "∞"
	default:
		return fmt.Sprintf("%.0f", v)
	}
}

// FormatSeconds formats a warning time and its interval: 84 s [80, 86];
// an estimate on a drone never alerted on reads "missed".
func FormatSeconds(iv compare.Interval) string {
	if math.IsInf(float64(iv.Estimate), -1) {
		return "missed [" + formatSecond(iv.Lo) + ", " + formatSecond(iv.Hi) + "]"
	}
	return fmt.Sprintf("%s s [%s, %s]", formatSecond(iv.Estimate), formatSecond(iv.Lo), formatSecond(iv.Hi))
}

// FormatRate formats a rate and its interval with one decimal.
func FormatRate(iv compare.Interval) string {
	return fmt.Sprintf("%.1f [%.1f, %.1f]", float64(iv.Estimate), float64(iv.Lo), float64(iv.Hi))
}

// FormatPoints formats a difference of probabilities in percentage
// points, with one decimal, starred when significant: +0.4 pp [+0.1, +0.8] *.
// Differences of a fraction of a point are common between layouts that
// share most sensors; two decimals of a probability would show them as 0.
func FormatPoints(iv compare.Interval) string {
	return FormatDifference(compare.Interval{Estimate: 100 * iv.Estimate, Lo: 100 * iv.Lo, Hi: 100 * iv.Hi}, 1, " pp")
}

// FormatDifference formats a difference and its interval with a sign, the
// given decimals and unit, starred when significant: +0.12 [+0.04, +0.20] *.
func FormatDifference(iv compare.Interval, decimals int, unit string) string {
	f := func(x compare.Num) string {
		v := float64(x)
		switch {
		case math.IsNaN(v):
			return "-"
		case math.IsInf(v, -1):
			return "-∞" // a median on drones never alerted on, less a finite one
		case math.IsInf(v, 1):
			return "∞"
		}
		s := strconv.FormatFloat(v, 'f', decimals, 64)
		if strings.Trim(s, "-0.") == "" {
			s = strings.TrimPrefix(s, "-") // rounds to zero: no sign
		}
		return s
	}
	s := fmt.Sprintf("%s%s [%s, %s]", sign(f(iv.Estimate)), unit, sign(f(iv.Lo)), sign(f(iv.Hi)))
	if iv.Significant() {
		s += " *"
	}
	return s
}

func sign(s string) string {
	if s != "" && s[0] != '-' && s != "0" && strings.Trim(s, "0.") != "" {
		return "+" + s
	}
	return s
}
