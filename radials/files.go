package radials

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/stats"
)

// The files a radials run writes, besides the plot.
const (
	RunsFile    = "radials.csv"
	SummaryFile = "summary.csv"
	DesignFile  = "design.json"
)

// RunsHeader is the header of radials.csv: one row per layout, bearing and
// replication, in bearing, replication, layout order. Times are seconds
// from the start of the run (the drone appears at 0), empty for what did
// not happen; warning_s and lead_s are -inf for a drone that entered and
// was never alerted on (held), empty when it never entered.
const RunsHeader = "layout,bearing_deg,replication,seed,entry_s,entry_zone,first_detection_s,first_track_s,first_held_s,first_alert_s,warning_s,lead_s,outcome,false_alerts,duration_s"

// WriteRuns writes radials.csv.
func WriteRuns(w io.Writer, res *Results) error {
	if _, err := fmt.Fprintln(w, RunsHeader); err != nil {
		return err
	}
	d := res.Design
	for i := range res.Rows {
		r := &res.Rows[i]
		_, err := fmt.Fprintf(w, "%s,%s,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s\n", csvField(r.Layout), num(r.BearingDeg), r.Replication, r.Seed,
			num(r.EntryS), csvField(r.EntryZone), num(r.FirstDetectionS), num(r.FirstTrackS), num(r.FirstHeldS), num(r.FirstAlertS),
			num(r.WarningS()), num(r.LeadS()), r.Outcome(d.RequiredWarningS), r.FalseAlerts, num(r.DurationS))
		if err != nil {
			return err
		}
	}
	return nil
}

// SummaryHeader is the header of summary.csv: one row per layout and
// bearing. p_timely is P(warning ≥ required) over the runs that entered a
// zone, with its Wilson interval; the medians are over the same runs with
// order-statistic intervals (-inf: more than half never alerted on or
// held; an end at ±inf: too few runs for the confidence); d_p_timely is
// the paired difference from the first layout on the same bearing
// (empty for the first layout).
const SummaryHeader = "layout,bearing_deg,runs,entered,timely,missed,p_timely,p_timely_lo,p_timely_hi,warning_median_s,warning_median_lo_s,warning_median_hi_s,lead_median_s,lead_median_lo_s,lead_median_hi_s,false_alerts_per_day,d_p_timely,d_p_timely_lo,d_p_timely_hi"

// WriteCSV writes summary.csv.
func (s *Summary) WriteCSV(w io.Writer) error {
	if _, err := fmt.Fprintln(w, SummaryHeader); err != nil {
		return err
	}
	for i := range s.Cells {
		c := &s.Cells[i]
		diff := ",,"
		if c.DiffPTimely != nil {
			diff = fmt.Sprintf("%s,%s,%s", prob(c.DiffPTimely.Estimate), prob(c.DiffPTimely.Lo), prob(c.DiffPTimely.Hi))
		}
		_, err := fmt.Fprintf(w, "%s,%s,%d,%d,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", csvField(c.Layout), num(c.BearingDeg), c.Runs, c.Entered, c.Timely, c.Missed,
			prob(c.PTimely.Estimate), prob(c.PTimely.Lo), prob(c.PTimely.Hi),
			num(c.WarningMedianS.Estimate), num(c.WarningMedianS.Lo), num(c.WarningMedianS.Hi),
			num(c.LeadMedianS.Estimate), num(c.LeadMedianS.Lo), num(c.LeadMedianS.Hi),
			strconv.FormatFloat(c.FalseAlertsPerDay.Estimate, 'f', 2, 64), diff)
		if err != nil {
			return err
		}
	}
	return nil
}

// WriteDesign writes design.json: every setting of the run.
func (d *Design) WriteDesign(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// num formats a time or angle to 0.001, empty for NaN, -inf/inf for
// infinities.
func num(x float64) string {
	switch {
	case math.IsNaN(x):
		return ""
	case math.IsInf(x, -1):
		return "-inf"
	case math.IsInf(x, 1):
		return "inf"
	}
	return strconv.FormatFloat(math.Round(x*1000)/1000, 'f', -1, 64)
}

// prob formats a probability to 0.0001, empty for NaN.
func prob(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'f', 4, 64)
}

// csvField quotes a field that needs it (RFC 4180).
func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n\r") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// compass names the 16 points of the compass.
var compass = [...]string{"N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"}

// Compass returns the nearest of the 16 compass points to bearing b
// (degrees).
func Compass(b float64) string {
	return compass[int(math.Round(math.Mod(math.Mod(b, 360)+360, 360)/22.5))%16]
}

// bearing formats a bearing with its compass point: "200° SSW".
func bearing(b float64) string { return num(b) + "° " + Compass(b) }

// WriteText writes the run's tables for people: per bearing and layout
// P(timely), median warning and lead; the weakest bearings and the arcs
// where fewer than half the drones are timely; and the significant paired
// differences between layouts.
func (s *Summary) WriteText(w io.Writer) error {
	d := s.Design
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"BEARING"}
	for _, l := range d.Layouts {
		u := strings.ToUpper(l)
		head = append(head, u+" P(TIMELY)", "WARNING", "LEAD")
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for bi, b := range d.BearingsDeg {
		row := []string{bearing(b)}
		for li := range d.Layouts {
			c := s.Cell(li, bi)
			row = append(row, pInterval(c.PTimely), seconds(c.WarningMedianS), secondsOnly(c.LeadMedianS.Estimate))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "P(TIMELY): P(warning >= %s s) [%.0f %% Wilson interval]; WARNING: median [interval] of entry − first alert (an end at ±∞: too few runs);\n", num(d.RequiredWarningS), 100*d.Confidence)
	fmt.Fprintf(w, "LEAD: median of entry − first confirmed track at P(drone) >= %s, whatever the alert rule's horizon; never counts as −∞.\n", num(d.PDrone))
	fmt.Fprintln(w, "\nWeakest bearings (lowest P(timely), then shortest median warning, then lead), and the arcs where fewer than half are timely:")
	for li, l := range d.Layouts {
		var weak []string
		for _, bi := range s.Weakest(li, 3) {
			c := s.Cell(li, bi)
			weak = append(weak, fmt.Sprintf("%s %s", bearing(c.BearingDeg), prob2(c.PTimely.Estimate)))
		}
		arcs := "none"
		if sec := s.Below(li, 0.5); len(sec) > 0 {
			var parts []string
			for _, a := range sec {
				if a.Bearings == 1 {
					parts = append(parts, bearing(a.FromDeg))
				} else {
					parts = append(parts, fmt.Sprintf("%s–%s (%d bearings)", bearing(a.FromDeg), bearing(a.ToDeg), a.Bearings))
				}
			}
			arcs = strings.Join(parts, ", ")
		}
		fmt.Fprintf(w, "  %s: weakest %s; under half timely: %s\n", l, strings.Join(weak, ", "), arcs)
	}
	if len(d.Layouts) > 1 {
		fmt.Fprintf(w, "\nPaired differences in P(timely) from %s, bearing by bearing (same drone, birds and shared sensors), significant only:\n", d.Layouts[0])
		for li, l := range d.Layouts[1:] {
			var sig []string
			for bi := range d.BearingsDeg {
				c := s.Cell(li+1, bi)
				if c.DiffPTimely != nil && c.DiffPTimely.Significant() {
					sig = append(sig, fmt.Sprintf("%s %s", bearing(c.BearingDeg), points(*c.DiffPTimely)))
				}
			}
			if len(sig) == 0 {
				sig = []string{"none"}
			}
			fmt.Fprintf(w, "  %s − %s: %s\n", l, d.Layouts[0], strings.Join(sig, ", "))
		}
	}
	return nil
}

func prob2(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}

func pInterval(iv stats.Interval) string {
	if math.IsNaN(iv.Estimate) {
		return "no entry"
	}
	return fmt.Sprintf("%s [%s, %s]", prob2(iv.Estimate), prob2(iv.Lo), prob2(iv.Hi))
}

// secs formats a number of seconds, whole; −∞ as "never".
func secs(x float64) string {
	switch {
	case math.IsNaN(x):
		return "n/a"
	case math.IsInf(x, -1):
		return "never"
	case math.IsInf(x, 1):
		return "∞"
	}
	return strconv.FormatFloat(math.Round(x), 'f', 0, 64)
}

// secondsOnly formats whole seconds with their unit, "never" for −∞.
func secondsOnly(x float64) string {
	if math.IsInf(x, -1) || math.IsNaN(x) {
		return secs(x)
	}
	return secs(x) + " s"
}

// end formats an end of a median's interval: an infinite end says that
// there are too few runs for the confidence, not that a drone was never
// alerted on.
func end(x float64) string {
	switch {
	case math.IsInf(x, -1):
		return "−∞"
	case math.IsInf(x, 1):
		return "∞"
	}
	return secs(x)
}

func seconds(iv stats.Interval) string {
	if math.IsNaN(iv.Estimate) || math.IsInf(iv.Estimate, -1) {
		return secs(iv.Estimate)
	}
	return fmt.Sprintf("%s s [%s, %s]", secs(iv.Estimate), end(iv.Lo), end(iv.Hi))
}

func points(iv stats.Interval) string {
	return fmt.Sprintf("%+.0f pp [%+.0f, %+.0f]", 100*iv.Estimate, 100*iv.Lo, 100*iv.Hi)
}

// WriteFiles writes a radials run's files into the directory out,
// atomically (record.Dir: all of them or none), and returns their names:
// radials.csv, summary.csv, the plot as PNG and SVG, and design.json.
func WriteFiles(out string, res *Results, s *Summary) ([]string, error) {
	d, err := record.NewDir(out)
	if err != nil {
		return nil, err
	}
	defer d.Abort() // a no-op after Commit
	var files []string
	create := func(name string, write func(io.Writer) error) error {
		f, err := d.Create(name)
		if err != nil {
			return err
		}
		files = append(files, name)
		if err := write(f); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		return nil
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{RunsFile, func(w io.Writer) error { return WriteRuns(w, res) }},
		{SummaryFile, s.WriteCSV},
		{PlotFile + ".png", s.WritePNG},
		{PlotFile + ".svg", s.WriteSVG},
		{DesignFile, res.Design.WriteDesign},
	} {
		if err := create(f.name, f.write); err != nil {
			return nil, err
		}
	}
	if err := d.Commit(); err != nil {
		return nil, err
	}
	return files, nil
}
