// Package compare runs the Monte Carlo comparison of sensor layouts and
// alert rules that cuasim compare reports: it expands a Design into
// replications × simulation variants × layouts, runs them on workers with
// common random numbers (replication i runs every layout in lockstep on one
// world, pipeline.Lockstep), evaluates every alert threshold on the tracks
// each layout observes (one simulation for all thresholds), and aggregates
// the results with confidence intervals (package stats): P(warning ≥
// required), median and 10th-percentile warning time, false alerts per day
// by cause, and paired differences between layouts.
//
// Results depend only on the design: the same design gives byte-identical
// files whatever the number of workers, whether the work was interrupted
// and resumed, or split into shards and merged.
package compare

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/scenarios"
)

// Sweep is a list of values for one scenario field.
type Sweep struct {
	Path   string
	Values []string
}

// ParseSweep reads PATH=START:STOP:STEP (inclusive of STOP when the steps
// land on it) or PATH=V1,V2,....
func ParseSweep(s string) (Sweep, error) {
	o, err := scenarios.ParseOverride(s)
	if err != nil {
		return Sweep{}, fmt.Errorf("expected PATH=START:STOP:STEP or PATH=V1,V2,..., found %q", s)
	}
	sw := Sweep{Path: o.Path}
	if parts := strings.Split(o.Value, ":"); len(parts) == 3 {
		var x [3]float64
		for i, p := range parts {
			if x[i], err = strconv.ParseFloat(strings.TrimSpace(p), 64); err != nil || math.IsInf(x[i], 0) || math.IsNaN(x[i]) {
				return Sweep{}, fmt.Errorf("%s: expected numbers START:STOP:STEP, found %q", o.Path, o.Value)
			}
		}
		start, stop, step := x[0], x[1], x[2]
		if step <= 0 || stop < start {
			return Sweep{}, fmt.Errorf("%s: expected START <= STOP and STEP > 0, found %q", o.Path, o.Value)
		}
		n := int(math.Floor((stop-start)/step+1e-9)) + 1
		if n > 1000 {
			return Sweep{}, fmt.Errorf("%s: %q makes %d values; at most 1000", o.Path, o.Value, n)
		}
		for i := range n {
			// Rounded to 12 significant digits: 0.1 steps give 0.3, not
			// 0.30000000000000004.
			v, _ := strconv.ParseFloat(strconv.FormatFloat(start+float64(i)*step, 'g', 12, 64), 64)
			sw.Values = append(sw.Values, strconv.FormatFloat(v, 'g', -1, 64))
		}
		return sw, nil
	}
	for _, v := range strings.Split(o.Value, ",") {
		if v = strings.TrimSpace(v); v == "" {
			return Sweep{}, fmt.Errorf("%s: empty value in %q", o.Path, o.Value)
		}
		sw.Values = append(sw.Values, v)
	}
	seen := map[float64]string{}
	for _, v := range sw.Values {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			continue // not a number: the scenario's check of the field says what it expects
		}
		if prev, dup := seen[x]; dup {
			return Sweep{}, fmt.Errorf("%s: %s and %s are the same value; give each once", o.Path, prev, v)
		}
		seen[x] = v
	}
	return sw, nil
}

// alertOnly reports whether a field acts on the alert rules alone, so that
// its values can be evaluated on recorded tracks: every alerting field but
// the evaluation period, which changes when the tracks are observed.
func alertOnly(path string) bool {
	return strings.HasPrefix(path, "alerting.") && path != "alerting.update_period_s"
}

// Design is what a comparison runs.
type Design struct {
	// Version is the cuasim version that runs it: results of another
	// version are not mixed with its own.
	Version string `json:"cuasim_version"`
	// Scenario is the scenario's name or path, as given.
	Scenario string `json:"scenario"`
	// ScenarioSHA256 identifies the scenario file's content.
	ScenarioSHA256 string `json:"scenario_sha256"`
	// Layouts are the layouts compared, base first when included.
	Layouts []string `json:"layouts"`
	// Variants are the simulation variants: each a set of overrides of
	// fields that change the simulation (radar, tracker, traffic, ...);
	// one empty variant when nothing is swept.
	Variants []Variant `json:"variants"`
	// Thresholds are the alert rules evaluated on every run's tracks: each
	// a set of overrides of alerting fields.
	Thresholds []Variant `json:"thresholds"`
	// Replications is the number of replications; replication i uses seed
	// FirstSeed + i.
	Replications int     `json:"replications"`
	FirstSeed    uint64  `json:"first_seed"`
	DurationS    float64 `json:"duration_s"`
	// RequiredWarningS is the warning a timely alert gives before entry.
	RequiredWarningS float64 `json:"required_warning_s"`
	// BudgetPerDay is the false alerts per day the operators accept.
	BudgetPerDay float64 `json:"false_alert_budget_per_day"`
	// Confidence is the level of every interval (0.95).
	Confidence float64 `json:"confidence"`
	// Precision, when > 0, adds replications in batches until every
	// layout's P(warning ≥ required) at its operating point has an
	// interval no wider than ± Precision, up to MaxReplications.
	Precision       float64 `json:"precision,omitempty"`
	MaxReplications int     `json:"max_replications,omitempty"`
}

// Variant is a set of overrides with a label.
type Variant struct {
	Label     string               `json:"label"`
	Overrides []scenarios.Override `json:"overrides"`
}

// product returns every combination of the sweeps' values, the first
// sweep varying slowest; one empty variant when there are no sweeps.
func product(sweeps []Sweep, trim string) []Variant {
	vs := []Variant{{}}
	for _, sw := range sweeps {
		var next []Variant
		for _, v := range vs {
			for _, val := range sw.Values {
				o := scenarios.Override{Path: sw.Path, Value: val}
				label := strings.TrimPrefix(o.String(), trim)
				if v.Label != "" {
					label = v.Label + " " + label
				}
				next = append(next, Variant{Label: label, Overrides: append(slices.Clip(v.Overrides), o)})
			}
		}
		vs = next
	}
	return vs
}

// DefaultThresholds is the alert threshold swept when none is given:
// P(drone) from 0.5 to 0.98, finer above 0.9, where the drones' tracks
// are: a drone heard by RF without micro-Doppler labels sits just under
// 0.93 (the calibrated frequency of drones among such tracks on the
// library sites, see docs/tracking.md), so 0.92 and 0.94 fall either side
// of it; a drone that micro-Doppler has labelled is at 0.98 or more.
var DefaultThresholds = Sweep{Path: "alerting.p_drone", Values: []string{"0.5", "0.7", "0.8", "0.9", "0.92", "0.94", "0.95", "0.98"}}

// Options are what the user chose; NewDesign checks them against the
// scenario.
type Options struct {
	Version          string
	Layouts          []string // empty: every layout of the scenario
	Sweeps           []Sweep
	Replications     int
	DurationS        float64 // 0: the scenario's
	Seed             *uint64 // nil: the scenario's run.seed
	RequiredWarningS float64
	BudgetPerDay     float64
	Confidence       float64
	Precision        float64
	MaxReplications  int
}

// NewDesign checks the options against the scenario and returns the
// design. Sweeps of alerting fields become thresholds (evaluated without
// simulating again); other sweeps become simulation variants. With no
// alerting sweep, P(drone) is swept over DefaultThresholds.
func NewDesign(name string, sc *scenarios.Scenario, o Options) (*Design, error) {
	d := &Design{Version: o.Version, Scenario: name, Replications: o.Replications, FirstSeed: sc.Run.Seed, DurationS: sc.Run.DurationS,
		RequiredWarningS: o.RequiredWarningS, BudgetPerDay: o.BudgetPerDay, Confidence: o.Confidence,
		Precision: o.Precision, MaxReplications: o.MaxReplications}
	sum := sha256.Sum256(sc.Source())
	d.ScenarioSHA256 = hex.EncodeToString(sum[:])
	if o.Seed != nil {
		d.FirstSeed = *o.Seed
	}
	if o.DurationS > 0 {
		d.DurationS = o.DurationS
	}
	if err := d.checkSettings(); err != nil {
		return nil, err
	}
	if d.Precision == 0 {
		d.MaxReplications = 0
	}
	layouts, err := sc.ChooseLayouts(name, o.Layouts)
	if err != nil {
		return nil, fmt.Errorf("--layouts: %w", err)
	}
	d.Layouts = layouts
	var sim, alerts []Sweep
	paths := map[string]bool{}
	for _, sw := range o.Sweeps {
		if paths[sw.Path] {
			return nil, fmt.Errorf("--sweep: %s swept twice", sw.Path)
		}
		paths[sw.Path] = true
		if alertOnly(sw.Path) {
			alerts = append(alerts, sw)
		} else {
			sim = append(sim, sw)
		}
	}
	if len(alerts) == 0 {
		alerts = []Sweep{DefaultThresholds}
	}
	d.Variants = product(sim, "")
	d.Thresholds = product(alerts, "alerting.")
	if n := len(d.Layouts) * len(d.Variants) * len(d.Thresholds); n > maxCells {
		return nil, fmt.Errorf("the design has %d layout × variant × threshold cells; at most 10 000", n)
	}
	// Every combination must make a valid scenario, for the design's
	// duration: find out now, not after an hour of simulation.
	if _, err := d.scenarios(sc); err != nil {
		return nil, err
	}
	return d, nil
}

// maxCells bounds a design's layout × variant × threshold cells.
const maxCells = 10_000

// checkSettings checks the design's numbers, those the user sets with
// flags (named in the errors; NaN is refused too); NewDesign and Load hold
// a design to them.
func (d *Design) checkSettings() error {
	switch {
	case d.Replications < 1:
		return fmt.Errorf("--replications: expected a whole number >= 1, found %d", d.Replications)
	case !(d.Confidence > 0 && d.Confidence < 1):
		return fmt.Errorf("--confidence: expected a number in (0, 1), found %g", d.Confidence)
	case !(d.RequiredWarningS >= 0) || math.IsInf(d.RequiredWarningS, 0):
		return fmt.Errorf("--required-warning: expected a time >= 0, found %g s", d.RequiredWarningS)
	case !(d.BudgetPerDay >= 0) || math.IsInf(d.BudgetPerDay, 0):
		return fmt.Errorf("--false-alert-budget: expected a rate >= 0, found %g per day", d.BudgetPerDay)
	case !(d.Precision >= 0 && d.Precision < 0.5):
		return fmt.Errorf("--precision: expected a half-width in (0, 0.5), found %g", d.Precision)
	case d.Precision > 0 && d.MaxReplications < d.Replications:
		return fmt.Errorf("--max-replications (%d) must be at least --replications (%d)", d.MaxReplications, d.Replications)
	}
	return nil
}

// cellScenarios is what a layout × variant runs, and the alert rules of
// each threshold.
type cellScenarios struct {
	sc    *scenarios.Scenario // the layout and variant applied; seed and duration set per run
	rules []alert.Config      // by threshold
}

// scenarios builds, by layout then variant, the scenario each runs and the
// alert rules of every threshold, and checks them all.
func (d *Design) scenarios(base *scenarios.Scenario) ([][]cellScenarios, error) {
	out := make([][]cellScenarios, len(d.Layouts))
	for li, l := range d.Layouts {
		lsc, err := base.WithLayout(l)
		if err != nil {
			return nil, err
		}
		for _, v := range d.Variants {
			sc, err := lsc.With(v.Overrides...)
			if err != nil {
				return nil, fmt.Errorf("--sweep: %w", err)
			}
			// The limits of the run (a week at most, the steps, the
			// detections) hold for the design's duration, as for cuasim
			// run's.
			if sc, err = sc.WithRun(nil, d.DurationS); err != nil {
				return nil, err
			}
			c := cellScenarios{sc: sc}
			for _, th := range d.Thresholds {
				tsc, err := sc.With(th.Overrides...)
				if err != nil {
					return nil, fmt.Errorf("--sweep: %w", err)
				}
				c.rules = append(c.rules, alert.ConfigFrom(tsc.Alerting))
			}
			out[li] = append(out[li], c)
		}
	}
	return out, nil
}

// Signature identifies the design: two runs with the same signature
// produce the same rows, so one may resume or merge the other.
func (d *Design) Signature() string {
	b, _ := json.Marshal(d)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// Seed returns the seed of replication r.
func (d *Design) Seed(r int) uint64 { return d.FirstSeed + uint64(r) }
