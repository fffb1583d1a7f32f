package search

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/report"
	"github.com/cuasim/cuasim/scenarios"
)

// FoundPrefix begins the names of the layouts a search writes: search-1,
// search-2, ... (the first free numbers).
const FoundPrefix = "search-"

// Scenario returns the scenario file's YAML with the found layouts added
// (scenarios.Scenario.AppendLayouts), best first, and their names.
func (r *Result) Scenario(sc *scenarios.Scenario) ([]byte, []string, error) {
	var ls []scenarios.PlacedLayout
	var names []string
	taken := sc.LayoutNames()
	k := 1
	for _, f := range r.Found {
		name := FoundPrefix + strconv.Itoa(k)
		for slices.Contains(taken, name) {
			k++
			name = FoundPrefix + strconv.Itoa(k)
		}
		k++
		listed := fmt.Sprintf("the listed layout %.3f, %.3f", r.Listed.Score, r.Listed.Located)
		if r.ListedOverBudget() {
			listed = "the listed layout is over the budget"
		}
		desc := fmt.Sprintf("Found by cuasim search: surrogate score %.3f, located %.3f (%s). %s.", f.Score, f.Located, listed, r.Describe(f))
		ls = append(ls, r.Placed(name, desc, f))
		names = append(names, name)
	}
	src, err := sc.AppendLayouts(ls)
	if err != nil {
		return nil, nil, fmt.Errorf("writing the layouts found: %w", err)
	}
	return src, names, nil
}

// WriteText writes what the search did and found, for people, the found
// layouts under the names they were written with (Scenario).
func (r *Result) WriteText(w io.Writer, names []string) {
	sensors := "sensors"
	if len(r.Units) == 1 {
		sensors = "sensor"
	}
	fmt.Fprintf(w, "Searched %d candidate positions for %d %s (%d ways to place them), scoring %d layouts\n",
		len(r.Sites), len(r.Units), sensors, r.options(), r.Scored)
	fmt.Fprintf(w, "on %d drones that entered a zone in %d traffic samples (%d points before the required warning).\n",
		r.Drones, len(r.SampleSeeds), r.Points)
	t := report.Table{Header: []string{"layout", "score", "located", "sensors"}}
	if r.ListedOverBudget() {
		t.Rows = append(t.Rows, []string{"listed (base)", "-", "-", fmt.Sprintf("costs %g, over the budget of %g: not a layout the search may propose (the comparison still has base)", r.ListedCost, r.Budget)})
	} else {
		t.Rows = append(t.Rows, []string{"listed (base)", fmt.Sprintf("%.3f", r.Listed.Score), fmt.Sprintf("%.3f", r.Listed.Located), r.Describe(r.Listed)})
	}
	for i, f := range r.Found {
		t.Rows = append(t.Rows, []string{names[i], fmt.Sprintf("%.3f", f.Score), fmt.Sprintf("%.3f", f.Located), r.Describe(f)})
	}
	fmt.Fprintln(w)
	t.WriteText(w)
	if r.Objective == ObjectiveWorstSector {
		fmt.Fprintln(w, "Score: the surrogate, mean over the drones of the approach sector where it is lowest of P(located in time to")
		fmt.Fprintln(w, "confirm a track) × P(enough drone evidence); located: the first factor alone, over every drone, which breaks ties.")
		fmt.Fprintln(w, "The surrogate ranks layouts; the comparison below judges them.")
		return
	}
	fmt.Fprintln(w, "Score: the surrogate, mean over those drones of P(located in time to confirm a track) × P(enough drone evidence);")
	fmt.Fprintln(w, "located: the first factor alone, which breaks ties. The surrogate ranks layouts; the comparison below judges them.")
}

// ListedOverBudget reports whether the listed layout costs more than the
// search section's budget, so that the search scored no listed layout.
func (r *Result) ListedOverBudget() bool { return r.Budget > 0 && r.ListedCost > r.Budget }

func (r *Result) options() int {
	n := 0
	for _, o := range r.EntryOptions {
		n += len(o)
	}
	return n
}

// CSVHeader is the header row of search.csv.
const CSVHeader = "start,round,move,score,layout"

// WriteCSV writes every step of the search, one row each.
func (r *Result) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"start", "round", "move", "score", "layout"})
	for _, s := range r.Steps {
		cw.Write([]string{s.Start, strconv.Itoa(s.Round), s.Move, strconv.FormatFloat(s.Layout.Score, 'f', 6, 64), r.Describe(s.Layout)})
	}
	cw.Flush()
	return cw.Error()
}

// searchJSON is search.json.
type searchJSON struct {
	Objective   string          `json:"objective"`
	SampleSeeds []uint64        `json:"sample_seeds"`
	Drones      int             `json:"drones"`
	Points      int             `json:"points"`
	Scored      int             `json:"layouts_scored"`
	Candidates  []candidateJSON `json:"candidates"`
	Units       []Unit          `json:"placed"`
	Listed      layoutJSON      `json:"listed"`
	Found       []layoutJSON    `json:"found"`
}

type candidateJSON struct {
	Name   string  `json:"name"`
	EastM  float64 `json:"east_m"`
	NorthM float64 `json:"north_m"`
	Listed string  `json:"listed_sensor,omitempty"`
}

type layoutJSON struct {
	Score      float64         `json:"score"`
	Located    float64         `json:"located"`
	Placements []placementJSON `json:"placements"`
}

type placementJSON struct {
	ID           string  `json:"id"`
	Sensor       string  `json:"sensor"`
	Candidate    string  `json:"candidate,omitempty"`
	BoresightDeg float64 `json:"boresight_deg"`
	Placed       bool    `json:"placed"`
}

func (r *Result) layoutJSON(l Layout) layoutJSON {
	j := layoutJSON{Score: l.Score, Located: l.Located, Placements: []placementJSON{}}
	for u, o := range l.Options {
		un := r.Units[u]
		p := placementJSON{ID: un.ID, Sensor: un.Sensor}
		if o >= 0 {
			op := r.EntryOptions[un.Entry][o]
			p.Candidate, p.BoresightDeg, p.Placed = r.Sites[op.Site].Name, op.BoresightDeg, true
		}
		j.Placements = append(j.Placements, p)
	}
	return j
}

// WriteJSON writes search.json: the samples, the candidates, the placed
// sensors, and the listed and found layouts with their scores.
func (r *Result) WriteJSON(w io.Writer) error {
	j := searchJSON{Objective: r.Objective, SampleSeeds: r.SampleSeeds, Drones: r.Drones, Points: r.Points, Scored: r.Scored, Units: r.Units,
		Listed: r.layoutJSON(r.Listed), Found: []layoutJSON{}}
	for _, s := range r.Sites {
		j.Candidates = append(j.Candidates, candidateJSON{Name: s.Name, EastM: s.Position.EastM, NorthM: s.Position.NorthM, Listed: s.Listed})
	}
	for _, f := range r.Found {
		j.Found = append(j.Found, r.layoutJSON(f))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}

// Verdict writes, from the confirming comparison, whether each found layout
// is significantly better than base at the operating points (a paired
// difference in P(timely) whose interval excludes zero), of each variant.
// With the worst-sector objective it judges each layout by its weakest
// approach sector (compare.Summary.Weakest) instead: better when that
// sector's P(timely) interval lies wholly above base's weakest sector's,
// within the budget.
func Verdict(w io.Writer, s *compare.Summary, found []string, objective string) {
	if objective == ObjectiveWorstSector {
		worstSectorVerdict(w, s, found)
		return
	}
	for _, v := range s.Design.Variants {
		if v.Label != "" {
			fmt.Fprintf(w, "== %s\n", v.Label)
		}
		var better, timelyButOver, unsure []string
		baseOver := budgetOf(s, v.Label, scenarios.BaseLayout) == compare.BudgetOver
		for _, name := range found {
			d, ok := difference(s, v.Label, name, scenarios.BaseLayout)
			if !ok {
				continue
			}
			over := budgetOf(s, v.Label, name) == compare.BudgetOver
			gain := d.PTimely.Significant() && d.PTimely.Estimate > 0
			verdict := "not significantly different from base"
			switch {
			case over && !baseOver && gain:
				verdict = "more timely alerts than base, but over the false-alert budget, where base is not"
				timelyButOver = append(timelyButOver, name)
			case over && !baseOver:
				verdict = "over the false-alert budget, where base is not"
			case !over && baseOver:
				verdict = "within the false-alert budget, or not shown over it, where base is over"
				better = append(better, name)
			case gain:
				verdict = "significantly better than base"
				if est, ok := overByEstimate(s, v.Label, name); ok {
					verdict += fmt.Sprintf(", though its false alerts, %.1f a day by the estimate, are over the budget of %g (the interval does not yet show it: more --replications decide)", est, s.Design.BudgetPerDay)
					unsure = append(unsure, name)
				}
				better = append(better, name)
			case d.PTimely.Significant():
				verdict = "significantly worse than base"
			}
			fmt.Fprintf(w, "%s vs base: P(timely) %s, false alerts/day %s: %s.\n", name,
				report.FormatPoints(d.PTimely), report.FormatDifference(d.FalsePerDay, 1, ""), verdict)
		}
		switch {
		case len(better) > 0:
			fmt.Fprintf(w, "Verdict: the search found a layout of these sensors better than base at the operating points: %s", strings.Join(better, ", "))
			if len(unsure) > 0 {
				fmt.Fprintf(w, "; but %s may break the false-alert budget: confirm with more --replications", strings.Join(unsure, ", "))
			}
			fmt.Fprintln(w, ".")
		case len(timelyButOver) > 0:
			fmt.Fprintf(w, "Verdict: no layout found beats base within the false-alert budget; %s warn of more drones in time but break the budget (compare them at a stricter --thresholds, or with the --false-alert-budget they would need).\n", strings.Join(timelyButOver, ", "))
		default:
			fmt.Fprintln(w, "Verdict: no layout found is significantly better than base at the operating points: among the candidates, the surrogate's best do not show an improvement the comparison can confirm.")
		}
	}
}

func worstSectorVerdict(w io.Writer, s *compare.Summary, found []string) {
	for _, v := range s.Design.Variants {
		if v.Label != "" {
			fmt.Fprintf(w, "== %s\n", v.Label)
		}
		_, baseSector := s.Weakest(scenarios.BaseLayout, v.Label)
		if baseSector == nil {
			fmt.Fprintln(w, "Verdict: base has no drone from any approach sector to judge the layouts by.")
			continue
		}
		baseOver := budgetOf(s, v.Label, scenarios.BaseLayout) == compare.BudgetOver
		fmt.Fprintf(w, "base's weakest approach: from the %s, P(timely) %s.\n", baseSector.Value, report.FormatProbability(baseSector.PTimely))
		var better []string
		for _, name := range found {
			_, sec := s.Weakest(name, v.Label)
			if sec == nil {
				continue
			}
			over := budgetOf(s, v.Label, name) == compare.BudgetOver
			verdict := "not shown better on its weakest approach"
			switch {
			case over && !baseOver:
				verdict = "over the false-alert budget, where base is not"
			case sec.PTimely.Lo > baseSector.PTimely.Hi:
				verdict = "better on its weakest approach than base on its own (the intervals do not overlap)"
				better = append(better, name)
			case sec.PTimely.Hi < baseSector.PTimely.Lo:
				verdict = "worse on its weakest approach than base on its own"
			}
			fmt.Fprintf(w, "%s's weakest approach: from the %s, P(timely) %s: %s.\n", name, sec.Value, report.FormatProbability(sec.PTimely), verdict)
		}
		if len(better) > 0 {
			fmt.Fprintf(w, "Verdict: the search found a layout of these sensors whose weakest approach is better warned than base's: %s.\n", strings.Join(better, ", "))
		} else {
			fmt.Fprintln(w, "Verdict: no layout found is shown to warn its weakest approach better than base warns its own.")
		}
	}
}

// overByEstimate returns a layout's false alerts per day at its operating
// point when the estimate is over the budget though the interval leaves
// the verdict undecided: the comparison then counts the layout as within
// (not shown over), and a planner should know that only the sample size
// stands between it and over.
func overByEstimate(s *compare.Summary, variant, layout string) (float64, bool) {
	for _, c := range s.Operating {
		if c.Variant != variant || c.Layout != layout || c.Budget != compare.BudgetUndecided {
			continue
		}
		for _, cell := range s.Cells {
			if cell.Variant == variant && cell.Layout == layout && cell.Threshold == c.Threshold {
				est := float64(cell.FalseAlertsPerDay.Estimate)
				return est, est > s.Design.BudgetPerDay
			}
		}
	}
	return 0, false
}

// budgetOf returns the budget verdict of a layout's operating point.
func budgetOf(s *compare.Summary, variant, layout string) string {
	for _, c := range s.Operating {
		if c.Variant == variant && c.Layout == layout {
			return c.Budget
		}
	}
	return ""
}

// difference returns a's paired difference from b at the operating points
// of a variant, a − b.
func difference(s *compare.Summary, variant, a, b string) (compare.Difference, bool) {
	for _, d := range s.AtOperating {
		if d.Variant != variant || d.VariantB != "" {
			continue
		}
		switch {
		case d.A == a && d.B == b:
			return d, true
		case d.A == b && d.B == a:
			neg := func(iv compare.Interval) compare.Interval {
				return compare.Interval{Estimate: -iv.Estimate, Lo: -iv.Hi, Hi: -iv.Lo}
			}
			d.A, d.B = a, b
			d.PTimely, d.FalsePerDay = neg(d.PTimely), neg(d.FalsePerDay)
			return d, true
		}
	}
	return compare.Difference{}, false
}
