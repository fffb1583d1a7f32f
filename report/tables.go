package report

import (
	"fmt"
	"io"
	"math"
	"slices"
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

// budgetNote is the BUDGET column of the operating points: within the
// false-alert budget (the whole interval at or under it), undecided (the
// interval straddles it), or over it at every threshold (the operating
// point is then the threshold with the fewest false alerts).
func budgetNote(verdict string) string {
	if verdict == compare.BudgetOver {
		return "over at every threshold"
	}
	return verdict
}

// OperatingTable is the ranked table of a variant's operating points: each
// layout at the threshold with the most timely alerts within the budget by
// the estimate, with its interval's verdict. Layouts that no other beats
// significantly share a rank.
func OperatingTable(s *compare.Summary, variant string) Table {
	withWatchers, withGroups := watchers(s), groups(s)
	t := Table{Header: []string{"RANK", "LAYOUT", "THRESHOLD", "P(TIMELY)", "MEDIAN WARNING", "10% WARNING", "MEDIAN LEAD", "FALSE ALERTS/DAY", "MISSED", "BUDGET"},
		Numeric: []bool{true, false, false, true, true, true, true, true, true, false}}
	for _, ch := range s.Operating {
		if ch.Variant != variant {
			continue
		}
		c := s.Cell(ch.Layout, ch.Variant, ch.Threshold)
		if c == nil {
			continue
		}
		t.Rows = append(t.Rows, []string{strconv.Itoa(ch.Rank), ch.Layout, ch.Threshold, FormatProbability(c.PTimely),
			FormatSeconds(c.WarningMedianS), FormatSeconds(c.WarningP10S), FormatSeconds(c.LeadMedianS), FormatRate(c.FalseAlertsPerDay),
			fmt.Sprintf("%d of %d", c.Missed, c.DronesEntered), budgetNote(ch.Budget)})
		if withWatchers {
			t.Rows[len(t.Rows)-1] = append(t.Rows[len(t.Rows)-1], fmt.Sprintf("%s of %d", FormatProbability(c.PWatchAlerted), c.Watchers))
		}
		if withGroups {
			g, w := "-", "-"
			if c.Groups != nil {
				g = fmt.Sprintf("%s of %d", FormatProbability(c.Groups.PTimely), c.Groups.Entered)
				if c.Groups.Entered > 0 {
					w = FormatSeconds(c.Groups.WarningMedianS)
				}
			}
			t.Rows[len(t.Rows)-1] = append(t.Rows[len(t.Rows)-1], g, w)
		}
	}
	if withWatchers {
		t.Header = append(t.Header, "WATCHERS ALERTED IN TIME")
		t.Numeric = append(t.Numeric, true)
	}
	if withGroups {
		t.Header = append(t.Header, "GROUPS ALERTED IN TIME", "GROUP MEDIAN WARNING")
		t.Numeric = append(t.Numeric, true, true)
	}
	return t
}

// groups reports whether any drone of the comparison flew in a group: only
// then do the tables give the groups' columns (compare.GroupFigures).
func groups(s *compare.Summary) bool {
	for i := range s.Cells {
		if s.Cells[i].Groups != nil {
			return true
		}
	}
	return false
}

// watchers reports whether any drone of the comparison watched a zone from
// outside: only then do the tables give the watchers' column.
func watchers(s *compare.Summary) bool {
	for i := range s.Cells {
		if s.Cells[i].Watchers > 0 {
			return true
		}
	}
	return false
}

// DifferencesTable is the table of a variant's paired differences between
// layouts at their operating points.
func DifferencesTable(s *compare.Summary, variant string) Table {
	withWatchers, withGroups := watchers(s), groups(s)
	t := Table{Header: []string{"A − B", "P(TIMELY)", "FALSE ALERTS/DAY", "MEDIAN WARNING", "MEDIAN LEAD"}, Numeric: []bool{false, true, true, true, true}}
	for _, df := range s.AtOperating {
		if df.Variant != variant {
			continue
		}
		med := "-"
		if df.WarningMedianS != nil {
			med = FormatDifference(*df.WarningMedianS, 0, " s")
		}
		lead := "-"
		if df.LeadMedianS != nil {
			lead = FormatDifference(*df.LeadMedianS, 0, " s")
		}
		t.Rows = append(t.Rows, []string{df.A + " − " + df.B, FormatPoints(df.PTimely), FormatDifference(df.FalsePerDay, 1, ""), med, lead})
		if withWatchers {
			w := "-"
			if df.PWatchAlerted != nil {
				w = FormatPoints(*df.PWatchAlerted)
			}
			t.Rows[len(t.Rows)-1] = append(t.Rows[len(t.Rows)-1], w)
		}
		if withGroups {
			g := "-"
			if df.PGroupTimely != nil {
				g = FormatPoints(*df.PGroupTimely)
			}
			t.Rows[len(t.Rows)-1] = append(t.Rows[len(t.Rows)-1], g)
		}
	}
	if withWatchers {
		t.Header = append(t.Header, "WATCHERS ALERTED IN TIME")
		t.Numeric = append(t.Numeric, true)
	}
	if withGroups {
		t.Header = append(t.Header, "GROUPS ALERTED IN TIME")
		t.Numeric = append(t.Numeric, true)
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
// the ends rounded outward so that the printed interval holds the computed
// one; "no entries" when no drone entered a zone.
func FormatProbability(iv compare.Interval) string {
	if math.IsNaN(float64(iv.Estimate)) {
		return "no entries"
	}
	return fmt.Sprintf("%.2f [%s, %s]", float64(iv.Estimate), down(float64(iv.Lo), 2), up(float64(iv.Hi), 2))
}

// down and up round x to the given decimals toward −∞ and +∞ (printed
// interval ends: rounded outward, the printed interval contains the
// computed one), but leave alone what is within 1e-9 of the grid, so that
// 0.63 stored as 0.6300000000001 prints 0.63. A result of zero prints
// without a sign.
func down(x float64, decimals int) string {
	p := math.Pow(10, float64(decimals))
	return fixed(math.Floor(x*p+1e-9)/p, decimals)
}

func up(x float64, decimals int) string {
	p := math.Pow(10, float64(decimals))
	return fixed(math.Ceil(x*p-1e-9)/p, decimals)
}

// fixed formats x with the given decimals, "−∞" and "∞" when infinite,
// "-" when undefined, and never "-0".
func fixed(x float64, decimals int) string {
	switch {
	case math.IsNaN(x):
		return "-"
	case math.IsInf(x, -1):
		return "−∞"
	case math.IsInf(x, 1):
		return "∞"
	}
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// formatSecond formats one end of a warning time: whole seconds, "missed"
// for −∞ (a drone never alerted on), "-" when undefined.
func formatSecond(x compare.Num) string {
	return fixed(float64(x), 0)
}

// FormatSeconds formats a warning time and its interval: 84 s [80, 86];
// an estimate on a drone never alerted on reads "missed" (order statistics
// of whole seconds need no outward rounding: every warning time is a
// whole number of evaluation periods but for its entry time, and the ends
// are rounded outward all the same).
func FormatSeconds(iv compare.Interval) string {
	lo, hi := down(float64(iv.Lo), 0), up(float64(iv.Hi), 0)
	if math.IsInf(float64(iv.Estimate), -1) {
		return "missed [" + lo + ", " + hi + "]"
	}
	return fmt.Sprintf("%s s [%s, %s]", formatSecond(iv.Estimate), lo, hi)
}

// FormatRate formats a rate and its interval with one decimal, the ends
// rounded outward.
func FormatRate(iv compare.Interval) string {
	return fmt.Sprintf("%.1f [%s, %s]", float64(iv.Estimate), down(float64(iv.Lo), 1), up(float64(iv.Hi), 1))
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
// The ends are rounded outward; when that would print a zero end on a
// significant interval, which the star would contradict, that end (and an
// estimate that would read zero) gets as many more decimals as it takes to
// show it is not zero.
func FormatDifference(iv compare.Interval, decimals int, unit string) string {
	sig := iv.Significant()
	show := func(x float64, round func(float64, int) string) string {
		s := round(x, decimals)
		for d := decimals + 1; sig && x != 0 && !math.IsInf(x, 0) && strings.Trim(s, "-0.") == "" && d <= 15; d++ {
			s = round(x, d)
		}
		return sign(s)
	}
	s := fmt.Sprintf("%s%s [%s, %s]", show(float64(iv.Estimate), fixed), unit, show(float64(iv.Lo), down), show(float64(iv.Hi), up))
	if sig {
		s += " *"
	}
	return s
}

func sign(s string) string {
	if s != "" && s[0] != '-' && s != "0" && s != "-" && s != "∞" && s != "−∞" && strings.Trim(s, "0.") != "" {
		return "+" + s
	}
	if s == "∞" {
		return "+∞"
	}
	return s
}

// BreakdownTable is the table of how each layout's operating point fared
// per traffic entry (with its UAV class) and per approach sector: a row a
// group, a column a layout (in rank order) with P(timely), its interval
// and the drones missed; the median warning is in summary.json and the
// page.
func BreakdownTable(s *compare.Summary, variant string) Table {
	t := Table{Header: []string{"BY", "GROUP", "ENTERED"}, Numeric: []bool{false, false, true}}
	var layouts []string
	for _, ch := range s.Operating {
		if ch.Variant == variant {
			layouts = append(layouts, ch.Layout)
			t.Header = append(t.Header, strings.ToUpper(ch.Layout))
			t.Numeric = append(t.Numeric, true)
		}
	}
	rows := map[[2]string]int{}
	for _, b := range s.Breakdowns {
		if b.Variant != variant {
			continue
		}
		k := [2]string{b.By, b.Value}
		i, ok := rows[k]
		if !ok {
			group := b.Value
			if b.Class != "" {
				group += " (" + b.Class + ")"
			}
			row := []string{b.By, group, strconv.Itoa(b.DronesEntered)}
			for range layouts {
				row = append(row, "-")
			}
			i = len(t.Rows)
			rows[k] = i
			t.Rows = append(t.Rows, row)
		}
		if li := slices.Index(layouts, b.Layout); li >= 0 {
			t.Rows[i][3+li] = fmt.Sprintf("%s, %d missed", FormatProbability(b.PTimely), b.Missed)
		}
	}
	return t
}

// Weakness says in one sentence which threat and which approach sector the
// layout ranked first is surest to fail at its operating point (the lowest
// upper end of P(timely)'s interval: compare.Summary.Weakest), "" when
// there is nothing to say (no drone entered a zone).
func Weakness(s *compare.Summary, variant string) string {
	for _, ch := range s.Operating {
		if ch.Variant != variant {
			continue
		}
		entry, sector := s.Weakest(ch.Layout, variant)
		if entry == nil {
			return ""
		}
		if entry.PTimely.Estimate == 1 && (sector == nil || sector.PTimely.Estimate == 1) {
			return fmt.Sprintf("%s at %s alerted on every drone in time, whatever its threat or approach.", ch.Layout, ch.Threshold)
		}
		msg := fmt.Sprintf("Where %s falls short at %s: the threat surest to get too little warning is %s, P(timely) %s (%d of %d in time, %d never alerted on)",
			ch.Layout, ch.Threshold, entry.Value, FormatProbability(entry.PTimely), entry.Timely, entry.DronesEntered, entry.Missed)
		if sector != nil {
			msg += fmt.Sprintf("; the approach, from the %s, P(timely) %s", sector.Value, FormatProbability(sector.PTimely))
		}
		return msg + "."
	}
	return ""
}

// VariantsTable is the table of paired differences between the simulated
// variants of each layout, at their operating points.
func VariantsTable(s *compare.Summary) Table {
	t := Table{Header: []string{"LAYOUT", "A − B", "P(TIMELY)", "FALSE ALERTS/DAY", "MEDIAN WARNING"}, Numeric: []bool{false, false, true, true, true}}
	for _, df := range s.BetweenVariants {
		med := "-"
		if df.WarningMedianS != nil {
			med = FormatDifference(*df.WarningMedianS, 0, " s")
		}
		t.Rows = append(t.Rows, []string{df.A, df.Variant + " − " + df.VariantB, FormatPoints(df.PTimely), FormatDifference(df.FalsePerDay, 1, ""), med})
	}
	return t
}

// ExactTable is the table of each layout's exact operating point on its
// whole threshold curve: the range of P(drone) thresholds (above, up to]
// that gives it, with its figures; empty when the comparison recorded no
// curve.
func ExactTable(s *compare.Summary, variant string) Table {
	t := Table{Header: []string{"LAYOUT", "P(DRONE) IN", "P(TIMELY)", "FALSE ALERTS/DAY", "BUDGET"}, Numeric: []bool{false, false, true, true, false}}
	for _, ch := range s.Operating {
		if ch.Variant != variant {
			continue
		}
		c := s.Curve(ch.Layout, variant)
		if c == nil {
			continue
		}
		e := c.Operating
		dec := 4
		for dec < 9 && fixed(float64(e.AboveP), dec) == fixed(float64(e.UpToP), dec) {
			dec++
		}
		t.Rows = append(t.Rows, []string{ch.Layout, fmt.Sprintf("(%s, %s]", fixed(float64(e.AboveP), dec), fixed(float64(e.UpToP), dec)),
			FormatProbability(e.PTimely), FormatRate(e.FalseAlertsPerDay), budgetNote(e.Budget)})
	}
	return t
}
