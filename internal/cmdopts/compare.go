package cmdopts

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cuasim/cuasim/compare"
)

// Compare are the options of a comparison: cuasim compare's, which
// cuasim-beam compare takes alike and cuasim search's confirmation in part.
type Compare struct {
	Scenario         string // the positional argument, not a flag
	Layouts          string // --layouts, A,B,...
	Thresholds       string // --thresholds, a list of P(drone)
	Sweeps           []compare.Sweep
	Replications     int
	DurationS        float64
	Seed             uint64
	SeedSet          bool // --seed given
	RequiredWarningS float64
	BudgetPerDay     float64
	Confidence       float64
	Precision        float64
	MaxReplications  int
	Workers          int
	Shard, Shards    int // --shard I/N; Shards 0: not sharded
	Out              string
	Force            bool
	Quiet            bool
}

// NewCompare returns a comparison's options at their defaults.
func NewCompare() Compare {
	return Compare{Replications: 200, RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95, MaxReplications: 2000}
}

// options are the comparison's flags, in the order they are defined; the
// default of each is what o holds.
func (o *Compare) options() []option {
	return []option{
		{"layouts", "compare only these layouts, `A,B,...` (default: all of the scenario's)", func(fs *flag.FlagSet, name, usage string) {
			fs.StringVar(&o.Layouts, name, o.Layouts, usage)
		}},
		{"replications", "replications per layout `N`", func(fs *flag.FlagSet, name, usage string) {
			fs.IntVar(&o.Replications, name, o.Replications, usage)
		}},
		{"duration", "simulated `D`uration of each replication: seconds or 90s, 10m, 1h (default: the scenario's)", func(fs *flag.FlagSet, name, usage string) {
			durationFlag(fs, &o.DurationS, name, usage)
		}},
		{"seed", "seed of the first replication `N` (default: the scenario's run.seed)", func(fs *flag.FlagSet, _, usage string) {
			SeedFlag(fs, usage, &o.Seed, &o.SeedSet)
		}},
		{"thresholds", "P(drone) thresholds `LIST`, e.g. 0.6,0.8,0.9 (short for --sweep alerting.p_drone=LIST)", func(fs *flag.FlagSet, name, usage string) {
			fs.StringVar(&o.Thresholds, name, o.Thresholds, usage)
		}},
		{"sweep", "vary a scenario field, `PATH=START:STOP:STEP` or PATH=V1,V2,... (repeatable)", func(fs *flag.FlagSet, name, usage string) {
			fs.Func(name, usage, func(s string) error {
				sw, err := compare.ParseSweep(s)
				o.Sweeps = append(o.Sweeps, sw)
				return err
			})
		}},
		{"required-warning", "warning `T` a timely alert gives before a drone enters a zone: seconds or 60s, 2m (default 60s)", func(fs *flag.FlagSet, name, usage string) {
			durationFlag(fs, &o.RequiredWarningS, name, usage)
		}},
		{"false-alert-budget", "false alerts the operators accept, `R`: 2/day, 0.5/h or a number per day (default 2/day)", func(fs *flag.FlagSet, name, usage string) {
			fs.Func(name, usage, func(s string) error {
				r, err := ParseRate(s)
				o.BudgetPerDay = r
				return err
			})
		}},
		{"confidence", "confidence level `C` of every interval", func(fs *flag.FlagSet, name, usage string) {
			fs.Float64Var(&o.Confidence, name, o.Confidence, usage)
		}},
		{"precision", "add replications until every layout's P(timely) is known to ± `P` (e.g. 0.03), up to --max-replications", func(fs *flag.FlagSet, name, usage string) {
			fs.Float64Var(&o.Precision, name, o.Precision, usage)
		}},
		{"max-replications", "cap `N` on replications with --precision", func(fs *flag.FlagSet, name, usage string) {
			fs.IntVar(&o.MaxReplications, name, o.MaxReplications, usage)
		}},
		{"workers", "replications run at once, `N` (default: one per CPU); results do not depend on it", func(fs *flag.FlagSet, name, usage string) {
			fs.IntVar(&o.Workers, name, o.Workers, usage)
		}},
		{"shard", "run shard `I/N` only: replications I, I+N, I+2N, ... (0-based); join them with cuasim merge", func(fs *flag.FlagSet, name, usage string) {
			fs.Func(name, usage, func(s string) error {
				i, n, err := ParseShard(s)
				if err != nil {
					return err
				}
				o.Shard, o.Shards = i, n
				return nil
			})
		}},
		{"out", "write the results to `DIR` (default: compare-SCENARIO)", func(fs *flag.FlagSet, name, usage string) {
			fs.StringVar(&o.Out, name, o.Out, usage)
		}},
		{"force", "run anew, replacing whatever results the output directory holds", func(fs *flag.FlagSet, name, usage string) {
			fs.BoolVar(&o.Force, name, o.Force, usage)
		}},
		{"quiet", "print no progress bar", func(fs *flag.FlagSet, name, usage string) {
			fs.BoolVar(&o.Quiet, name, o.Quiet, usage)
		}},
	}
}

// Flags defines on fs the comparison's flags that names lists (every one
// when names is empty), each with usage's help where it gives one, and
// cuasim compare's otherwise. A flag's default is what o holds (NewCompare).
func (o *Compare) Flags(fs *flag.FlagSet, usage Usage, names ...string) {
	define(fs, o.options(), usage, names)
}

// Options returns the comparison's options, recorded with version:
// --thresholds, checked, becomes a sweep of alerting.p_drone after
// --sweep's. Its errors are the user's (a usage error).
func (o *Compare) Options(version string) (compare.Options, error) {
	sweeps := slices.Clone(o.Sweeps)
	if o.Thresholds != "" {
		sw, err := compare.ParseSweep("alerting.p_drone=" + o.Thresholds)
		if err != nil {
			return compare.Options{}, fmt.Errorf("--thresholds: %w", err)
		}
		// Checked here, so that a bad one is named by the flag given
		// rather than by the --sweep it stands for.
		for _, v := range sw.Values {
			if x, err := strconv.ParseFloat(v, 64); err != nil || !(x >= 0 && x <= 1) {
				return compare.Options{}, fmt.Errorf("--thresholds: expected P(drone) thresholds from 0 to 1, separated by commas, found %q in %q", v, o.Thresholds)
			}
		}
		for _, s := range sweeps {
			if s.Path == sw.Path {
				return compare.Options{}, fmt.Errorf("--thresholds and --sweep %s=... both give the P(drone) thresholds; give one of them", sw.Path)
			}
		}
		sweeps = append(sweeps, sw)
	}
	opts := compare.Options{Version: version, Sweeps: sweeps, Replications: o.Replications, DurationS: o.DurationS,
		RequiredWarningS: o.RequiredWarningS, BudgetPerDay: o.BudgetPerDay, Confidence: o.Confidence, Precision: o.Precision,
		MaxReplications: o.MaxReplications}
	if o.Layouts != "" {
		opts.Layouts = strings.Split(o.Layouts, ",")
	}
	if o.SeedSet {
		seed := o.Seed
		opts.Seed = &seed
	}
	return opts, nil
}
