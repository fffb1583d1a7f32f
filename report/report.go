package report

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/scenarios"
)

// The files Write makes, besides each figure's NAME.png and NAME.svg.
const (
	PageFile = "report.html"
)

// Figures returns the figures of a comparison, in the order the page shows
// them: tradeoff, warning, false-alerts and, when the scenario is given,
// layouts.
func Figures(sc *scenarios.Scenario, res *compare.Results, s *compare.Summary) ([]*Figure, error) {
	figs := []*Figure{Tradeoff(s), Warning(res, s), FalseAlerts(s)}
	if sc != nil {
		f, err := Layouts(sc, s.Design.Layouts)
		if err != nil {
			return nil, fmt.Errorf("drawing the layouts: %w", err)
		}
		figs = append(figs, f)
	}
	return figs, nil
}

// Write draws a comparison's figures, each as NAME.png and NAME.svg, and
// its page, report.html, into an output directory; the caller commits the
// directory. sc is the scenario the comparison ran, for the layout map and
// the scenario's description; when it is nil (the scenario file is not at
// hand) the page says so and the map is left out. The files depend only on
// their arguments: the same results give the same bytes.
func Write(d *record.Dir, sc *scenarios.Scenario, res *compare.Results, s *compare.Summary) error {
	figs, err := Figures(sc, res, s)
	if err != nil {
		return err
	}
	pngs := make([][]byte, len(figs))
	for i, f := range figs {
		var b bytes.Buffer
		if err := f.WritePNG(&b); err != nil {
			return fmt.Errorf("drawing %s.png: %w", f.Name, err)
		}
		pngs[i] = b.Bytes()
		if err := create(d, f.Name+".png", func(w io.Writer) error { _, err := w.Write(pngs[i]); return err }); err != nil {
			return err
		}
		if err := create(d, f.Name+".svg", f.WriteSVG); err != nil {
			return err
		}
	}
	return create(d, PageFile, func(w io.Writer) error { return writePage(w, sc, res, s, figs, pngs) })
}

func create(d *record.Dir, name string, write func(io.Writer) error) error {
	f, err := d.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

//go:embed report.html.tmpl
var pageSource string

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{"join": strings.Join}).Parse(pageSource))

// page is what the page template shows.
type page struct {
	Title, Site, Description, ScenarioName string
	Design                                 *compare.Design
	Signature, Shard                       string
	Completed                              int
	Notices                                []string
	Command                                string
	Duration, Required, Budget, Confidence string
	Seeds, Thresholds, VariantList         string
	ReplicationText                        string
	Variants                               []pageVariant
	Figures                                []pageFigure
	Map                                    *pageFigure
	Layouts                                []pageLayout
}

type pageVariant struct {
	Label                                           string
	Findings, Significant                           []string
	Operating, Exact, Differences, Breakdown, Cells htmlTable
}

type pageFigure struct {
	ID, File, Caption string
	// Img is the <img> element with the PNG inlined as a data: URL, made
	// here: html/template would escape every + of the base64 text.
	Img template.HTML
}

type pageLayout struct{ Name, Description string }

type htmlTable struct {
	Header  []string
	Numeric []bool
	Rows    []htmlRow
}

type htmlRow struct {
	Strong bool
	Cells  []htmlCell
}

type htmlCell struct {
	Text                 string
	Numeric, Significant bool
	Note                 bool // a remark, which may wrap
}

// toHTML turns a table into the template's; strong picks rows to show in
// bold.
func toHTML(t Table, strong func(row []string) bool) htmlTable {
	h := htmlTable{Header: t.Header, Numeric: t.Numeric}
	for _, r := range t.Rows {
		row := htmlRow{Strong: strong != nil && strong(r)}
		for i, c := range r {
			row.Cells = append(row.Cells, htmlCell{Text: c, Numeric: i < len(t.Numeric) && t.Numeric[i],
				Significant: strings.HasSuffix(c, " *"), Note: i < len(t.Header) && t.Header[i] == ""})
		}
		h.Rows = append(h.Rows, row)
	}
	return h
}

// captions of the figures, by name.
var captions = map[string]string{
	"tradeoff": "The operator's trade-off: for each layout, the fraction of drones alerted on in time against the false alerts per day, " +
		"one point per alert threshold (labelled with its value), with confidence intervals both ways. " +
		"The ringed point is the layout's operating point; the dashed line the false-alert budget. Zero false alerts sit at the left, past the break.",
	"warning": "The warning each layout gives at its operating point: the fraction of the drones that entered a zone " +
		"that were alerted on at least x seconds before entering. The drop at \"missed\" is the drones never alerted on; " +
		"the markers at the required warning are P(timely) with its interval.",
	"false-alerts": "False alerts per day at each layout's operating point, by cause, with the total's interval; " +
		"the dashed line is the budget.",
	"layouts": "The site from above in each layout: protected zones by severity, obstacles, radars and RF detectors with their nominal coverage " +
		"(radar: Pd 0.5 per look on a 0.01 m² Swerling 1 drone, within its instrumented range and field of view; " +
		"RF: median range of a 20 dBm control link), ignoring masking and the horizon.",
}

func writePage(w io.Writer, sc *scenarios.Scenario, res *compare.Results, s *compare.Summary, figs []*Figure, pngs [][]byte) error {
	d := s.Design
	p := &page{Design: d, Signature: s.Signature, Shard: s.Shard, Completed: s.Replications, Command: Command(d, s.Shard),
		Duration: FormatDuration(d.DurationS), Required: fmtNumber(d.RequiredWarningS) + " s",
		Budget: fmtNumber(d.BudgetPerDay), Confidence: fmt.Sprintf("%g %%", 100*d.Confidence)}
	name := d.Scenario
	if sc != nil {
		name = sc.Name
		p.ScenarioName = sc.Name
		p.Site = sc.Site.Name
		p.Description = oneLine(sc.Description)
		for _, l := range d.Layouts {
			pl := pageLayout{Name: l}
			if l == scenarios.BaseLayout {
				pl.Description = "the sensors listed in the scenario"
			}
			for _, sl := range sc.Layouts {
				if sl.Name == l {
					pl.Description = oneLine(sl.Description)
				}
			}
			p.Layouts = append(p.Layouts, pl)
		}
	} else {
		for _, l := range d.Layouts {
			p.Layouts = append(p.Layouts, pageLayout{Name: l})
		}
		p.Notices = append(p.Notices, fmt.Sprintf("The scenario %s was not at hand with the content these results were made from "+
			"(sha256 %s), so the layouts are not drawn and the scenario is not described.", d.Scenario, d.ScenarioSHA256))
	}
	p.Title = "Sensor layouts compared: " + name
	if s.Partial {
		p.Notices = append(p.Notices, fmt.Sprintf("Partial results: the run stopped after %d complete replications of %d. "+
			"Running the same command again resumes it.", s.Replications, d.Replications))
	}
	if s.Shard != "" {
		p.Notices = append(p.Notices, fmt.Sprintf("One shard (%s) of a sharded run: %d replications only. "+
			"cuasim merge joins the shards into the full results.", s.Shard, s.Replications))
	}
	if s.Replications == 0 {
		p.Notices = append(p.Notices, "No replication is complete: there is nothing to compare yet.")
	}
	p.Seeds = seedRanges(d.FirstSeed, res.Replications)
	switch {
	case d.Precision > 0:
		p.ReplicationText = fmt.Sprintf("%d complete: %d at first, then more in batches, up to %d, until every operating point's "+
			"P(timely) was known to ± %g", s.Replications, d.Replications, d.MaxReplications, d.Precision)
	case s.Shard != "":
		p.ReplicationText = fmt.Sprintf("%d complete in this shard, of %d in the whole run", s.Replications, d.Replications)
	default:
		p.ReplicationText = fmt.Sprintf("%d complete of %d", s.Replications, d.Replications)
	}
	var ths, vs []string
	for _, th := range d.Thresholds {
		ths = append(ths, th.Label)
	}
	for _, v := range d.Variants {
		if v.Label != "" {
			vs = append(vs, v.Label)
		}
	}
	p.Thresholds, p.VariantList = strings.Join(ths, ", "), strings.Join(vs, "; ")

	for _, v := range d.Variants {
		pv := pageVariant{Label: v.Label}
		pv.Findings, pv.Significant = findings(s, v.Label)
		pv.Operating = toHTML(OperatingTable(s, v.Label), nil)
		pv.Exact = toHTML(ExactTable(s, v.Label), nil)
		pv.Differences = toHTML(DifferencesTable(s, v.Label), nil)
		pv.Breakdown = toHTML(BreakdownTable(s, v.Label), nil)
		pv.Cells = toHTML(CellsTable(s, v.Label), func(r []string) bool { return operating(s, v.Label, r[0]) == r[1] })
		p.Variants = append(p.Variants, pv)
	}
	for i, f := range figs {
		pf := pageFigure{ID: "fig-" + f.Name, File: f.Name, Caption: captions[f.Name],
			Img: template.HTML(fmt.Sprintf(`<img src="data:image/png;base64,%s" alt="%s" width="%d" height="%d">`,
				base64.StdEncoding.EncodeToString(pngs[i]), template.HTMLEscapeString(f.Title),
				int(math.Round(float64(f.Width.Dots(96)))), int(math.Round(float64(f.Height.Dots(96))))))}
		if f.Name == "layouts" {
			p.Map = &pf
		} else {
			p.Figures = append(p.Figures, pf)
		}
	}
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, p); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// budgetPhrase says what a budget verdict means, for a sentence.
func budgetPhrase(verdict string) string {
	switch verdict {
	case compare.BudgetWithin:
		return "within the budget"
	case compare.BudgetOver:
		return "over the budget at every threshold, so at its threshold with the fewest false alerts"
	}
	return "undecided against the budget (its false alerts' interval straddles it)"
}

// findings are the page's sentences on a variant: the layout ranked first
// and whether any difference is significant; and the significant
// differences, one line per pair of layouts.
func findings(s *compare.Summary, variant string) (lines, significant []string) {
	conf := fmt.Sprintf("%g %%", 100*s.Design.Confidence)
	for _, ch := range s.Operating {
		if ch.Variant != variant || ch.Rank != 1 {
			continue
		}
		c := s.Cell(ch.Layout, ch.Variant, ch.Threshold)
		if c == nil {
			continue
		}
		lines = append(lines, fmt.Sprintf("Ranked first: %s at %s, %s: P(timely) %s, median warning %s, %s false alerts per day.",
			ch.Layout, ch.Threshold, budgetPhrase(ch.Budget), FormatProbability(c.PTimely), FormatSeconds(c.WarningMedianS), FormatRate(c.FalseAlertsPerDay)))
	}
	if w := Weakness(s, variant); w != "" {
		lines = append(lines, w)
	}
	over, layouts := true, 0
	for _, ch := range s.Operating {
		if ch.Variant == variant {
			layouts++
			over = over && ch.Budget == compare.BudgetOver
		}
	}
	if over && layouts > 0 {
		lines = append(lines, fmt.Sprintf("Every layout is shown over the budget of %s false alerts per day at every threshold tried: "+
			"a stricter threshold, other sensors or a larger budget is needed.", fmtNumber(s.Design.BudgetPerDay)))
	}
	n := 0
	for _, df := range s.AtOperating {
		if df.Variant != variant {
			continue
		}
		n++
		var what []string
		if df.PTimely.Significant() {
			what = append(what, "P(timely) "+FormatPoints(df.PTimely))
		}
		if df.FalsePerDay.Significant() {
			what = append(what, "false alerts per day "+FormatDifference(df.FalsePerDay, 1, ""))
		}
		if df.WarningMedianS != nil && df.WarningMedianS.Significant() {
			what = append(what, "median warning "+FormatDifference(*df.WarningMedianS, 0, " s"))
		}
		if len(what) > 0 {
			significant = append(significant, df.A+" − "+df.B+": "+strings.Join(what, "; "))
		}
	}
	switch {
	case n == 0:
	case len(significant) == 0:
		lines = append(lines, "No difference between the layouts at their operating points is significant at "+conf+
			": on these replications they cannot be told apart; more replications may.")
	default:
		lines = append(lines, "Differences significant at "+conf+", A − B:")
	}
	return lines, significant
}

// seedRanges lists the seeds of the complete replications as ranges:
// "1 to 200", or "1 to 3, 5, 8 to 9" for a shard or an interrupted run.
func seedRanges(first uint64, reps []int) string {
	if len(reps) == 0 {
		return "none complete"
	}
	var parts []string
	for i := 0; i < len(reps); {
		j := i
		for j+1 < len(reps) && reps[j+1] == reps[j]+1 {
			j++
		}
		a, b := first+uint64(reps[i]), first+uint64(reps[j])
		switch {
		case i == j:
			parts = append(parts, fmt.Sprint(a))
		case j == i+1:
			parts = append(parts, fmt.Sprint(a), fmt.Sprint(b))
		default:
			parts = append(parts, fmt.Sprintf("%d to %d", a, b))
		}
		if len(parts) > 12 {
			return strings.Join(parts[:12], ", ") + fmt.Sprintf(", ... (%d replications; replication i has seed %d + i)", len(reps), first)
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// FormatDuration formats seconds for people: 1 h, 20 min, 90 s.
func FormatDuration(s float64) string {
	switch {
	case s >= 3600 && math.Mod(s, 3600) == 0:
		return fmt.Sprintf("%.0f h", s/3600)
	case s >= 60 && math.Mod(s, 60) == 0:
		return fmt.Sprintf("%.0f min", s/60)
	}
	return fmt.Sprintf("%g s", s)
}
