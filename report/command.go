package report

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cuasim/cuasim/compare"
)

// Command returns the cuasim compare command that runs a design, with
// every choice spelled out (layouts, replications, duration, seed,
// thresholds and sweeps, required warning, budget, confidence, precision),
// so that it gives the same results whatever the defaults of the version
// it is run with; shard, if not empty, is the shard ("i/n") it ran. The
// output directory and the number of workers, which change no result, are
// left out.
func Command(d *compare.Design, shard string) string {
	args := []string{"cuasim", "compare", shellQuote(d.Scenario)}
	add := func(flag, value string) { args = append(args, flag, shellQuote(value)) }
	add("--layouts", strings.Join(d.Layouts, ","))
	add("--replications", strconv.Itoa(d.Replications))
	add("--duration", fmtDurationFlag(d.DurationS))
	add("--seed", strconv.FormatUint(d.FirstSeed, 10))
	for _, sw := range sweeps(d.Variants) {
		add("--sweep", sw.Path+"="+strings.Join(sw.Values, ","))
	}
	if ths := sweeps(d.Thresholds); len(ths) == 1 && ths[0].Path == "alerting.p_drone" {
		add("--thresholds", strings.Join(ths[0].Values, ","))
	} else {
		for _, sw := range ths {
			add("--sweep", sw.Path+"="+strings.Join(sw.Values, ","))
		}
	}
	add("--required-warning", strconv.FormatFloat(d.RequiredWarningS, 'g', -1, 64)+"s")
	add("--false-alert-budget", strconv.FormatFloat(d.BudgetPerDay, 'g', -1, 64)+"/day")
	add("--confidence", strconv.FormatFloat(d.Confidence, 'g', -1, 64))
	if d.Precision > 0 {
		add("--precision", strconv.FormatFloat(d.Precision, 'g', -1, 64))
		add("--max-replications", strconv.Itoa(d.MaxReplications))
	}
	if shard != "" {
		add("--shard", shard)
	}
	return strings.Join(args, " ")
}

// sweeps recovers the sweeps whose product made a list of variants: each
// overridden field with its values in order of first appearance.
func sweeps(vs []compare.Variant) []compare.Sweep {
	var out []compare.Sweep
	for _, v := range vs {
		for _, o := range v.Overrides {
			k := slices.IndexFunc(out, func(sw compare.Sweep) bool { return sw.Path == o.Path })
			if k < 0 {
				out = append(out, compare.Sweep{Path: o.Path})
				k = len(out) - 1
			}
			if !slices.Contains(out[k].Values, o.Value) {
				out[k].Values = append(out[k].Values, o.Value)
			}
		}
	}
	return out
}

// fmtDurationFlag writes seconds as cuasim's duration flags read them:
// 1h, 20m, 90s, 0.5s.
func fmtDurationFlag(s float64) string {
	switch {
	case s >= 3600 && math.Mod(s, 3600) == 0:
		return fmt.Sprintf("%.0fh", s/3600)
	case s >= 60 && math.Mod(s, 60) == 0:
		return fmt.Sprintf("%.0fm", s/60)
	}
	return strconv.FormatFloat(s, 'g', -1, 64) + "s"
}

// plainArg matches an argument no POSIX shell changes.
var plainArg = regexp.MustCompile(`^[A-Za-z0-9_./:=,+@%-]+$`)

// shellQuote quotes an argument for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if plainArg.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
