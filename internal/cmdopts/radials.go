package cmdopts

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/cuasim/cuasim/radials"
	"github.com/cuasim/cuasim/scenarios"
)

// Radials are the options of the radials: cuasim radials', which
// cuasim-beam radials takes alike.
type Radials struct {
	Scenario string // the positional argument, not a flag
	// Settings are the design's settings the flags give; Options adds
	// the layouts, the seed and the version.
	Settings radials.Options
	Layouts  string               // --layout, A,B,... or all
	Sets     []scenarios.Override // --set, in order
	Seed     uint64
	SeedSet  bool // --seed given
	Workers  int
	Out      string
	Quiet    bool
}

// NewRadials returns the radials' options at their defaults.
func NewRadials() Radials {
	return Radials{Settings: radials.Options{Replications: radials.DefaultReplications}, Layouts: "all"}
}

// positive returns a flag's parser of a number > 0 (>= 0 with allowZero)
// into *dst.
func positive(dst **float64, allowZero bool) func(string) error {
	return func(s string) error {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || x < 0 || (!allowZero && x == 0) {
			want := "> 0"
			if allowZero {
				want = ">= 0"
			}
			return fmt.Errorf("expected a number %s, found %q", want, s)
		}
		*dst = &x
		return nil
	}
}

// options are the radials' flags, in the order they are defined; the
// default of each is what o holds.
func (o *Radials) options() []option {
	s := &o.Settings
	return []option{
		{"zone", "the zone `NAME` the drone heads for (default: the scenario's first inbound traffic's)", func(fs *flag.FlagSet, name, usage string) {
			fs.StringVar(&s.Zone, name, s.Zone, usage)
		}},
		{"class", "the uav_types entry `NAME` flown (default: the first inbound traffic's)", func(fs *flag.FlagSet, name, usage string) {
			fs.StringVar(&s.Class, name, s.Class, usage)
		}},
		{"speed-mps", "ground speed `V`, m/s (default: the middle of the inbound traffic's band, or the class's cruise speed)", func(fs *flag.FlagSet, name, usage string) {
			fs.Func(name, usage, positive(&s.SpeedMPS, false))
		}},
		{"altitude-m", "altitude `H` above ground, m (default: the middle of the inbound traffic's band, or 60)", func(fs *flag.FlagSet, name, usage string) {
			fs.Func(name, usage, positive(&s.AltitudeM, true))
		}},
		{"step-deg", "bearings every `D` degrees from north (default 10)", func(fs *flag.FlagSet, name, usage string) {
			fs.Func(name, usage, func(v string) error {
				x, err := strconv.ParseFloat(v, 64)
				if err != nil || !(x >= 0.1 && x <= 360) {
					return fmt.Errorf("expected degrees from 0.1 to 360, found %q", v)
				}
				s.StepDeg = x
				return nil
			})
		}},
		{"start-m", "distance `R` from the zone's centre where the drone appears, m (default: beyond every sensor's reach)", func(fs *flag.FlagSet, name, usage string) {
			fs.Func(name, usage, func(v string) error {
				x, err := strconv.ParseFloat(v, 64)
				if err != nil || !(x > 0 && x <= 200000) {
					return fmt.Errorf("expected a distance in (0, 200000] m, found %q", v)
				}
				s.StartM = x
				return nil
			})
		}},
		{"required-s", "warning `S` a timely alert gives before entry: seconds or 60s, 2m (default 60s)", func(fs *flag.FlagSet, name, usage string) {
			fs.Func(name, usage, func(v string) error {
				d, err := ParseDuration(v)
				s.RequiredWarningS = &d
				return err
			})
		}},
		{"reps", "runs `N` per bearing", func(fs *flag.FlagSet, name, usage string) {
			fs.IntVar(&s.Replications, name, s.Replications, usage)
		}},
		{"layout", "the layouts compared, `A,B,...` or all (base: the listed sensors)", func(fs *flag.FlagSet, name, usage string) {
			fs.StringVar(&o.Layouts, name, o.Layouts, usage)
		}},
		{"seed", "seed of the first run `N` (default: the scenario's run.seed)", func(fs *flag.FlagSet, _, usage string) {
			SeedFlag(fs, usage, &o.Seed, &o.SeedSet)
		}},
		{"workers", "runs at once, `N` (default: one per CPU); results do not depend on it", func(fs *flag.FlagSet, name, usage string) {
			fs.IntVar(&o.Workers, name, o.Workers, usage)
		}},
		{"set", "set a scenario field, `PATH=VALUE` (repeatable), e.g. alerting.p_drone=0.98", func(fs *flag.FlagSet, name, usage string) {
			fs.Func(name, usage, func(v string) error {
				ov, err := scenarios.ParseOverride(v)
				if err != nil {
					return err
				}
				o.Sets = append(o.Sets, ov)
				return nil
			})
		}},
		{"out", "write the results to `DIR` (default: radials-SCENARIO)", func(fs *flag.FlagSet, name, usage string) {
			fs.StringVar(&o.Out, name, o.Out, usage)
		}},
		{"quiet", "print no progress bar", func(fs *flag.FlagSet, name, usage string) {
			fs.BoolVar(&o.Quiet, name, o.Quiet, usage)
		}},
	}
}

// Flags defines on fs the radials' flags, each with usage's help where it
// gives one, and cuasim radials' otherwise. A flag's default is what o
// holds (NewRadials).
func (o *Radials) Flags(fs *flag.FlagSet, usage Usage) {
	define(fs, o.options(), usage, nil)
}

// Check reports a value the flags accept but the radials do not: fewer
// than one run per bearing.
func (o *Radials) Check() error {
	if o.Settings.Replications < 1 {
		return fmt.Errorf("--reps: expected a whole number >= 1, found %d", o.Settings.Replications)
	}
	return nil
}

// Options returns the design's settings, recorded with version: the flags'
// settings with the layouts (all of the scenario's for "all") and the seed.
func (o *Radials) Options(version string) radials.Options {
	ro := o.Settings
	ro.Version = version
	if o.Layouts != "all" && o.Layouts != "" {
		ro.Layouts = strings.Split(o.Layouts, ",")
	}
	if o.SeedSet {
		seed := o.Seed
		ro.Seed = &seed
	}
	return ro
}
