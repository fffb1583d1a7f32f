// Package cmdopts holds the command-line options that cuasim and
// cuasim-beam (the dist/beam module) share: the options of a comparison
// (cuasim compare, cuasim-beam compare and cuasim search's confirmation)
// and of the radials (cuasim radials and cuasim-beam radials), with their
// help, defaults and parsers (durations, rates, shards, seeds), and their
// conversion into compare.Options and radials.Options. Defined once here,
// the commands take the same options and report a bad value alike; a
// command that gives an option another meaning (cuasim-beam's --workers)
// says so with a Usage of its own.
package cmdopts

import (
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Usage replaces the help of some of a command's flags, by flag name: what
// a command that gives an option another meaning says of it.
type Usage map[string]string

// option is one flag: its name, its help, and how it is defined on a
// flag set with a help.
type option struct {
	name, usage string
	define      func(fs *flag.FlagSet, name, usage string)
}

// define defines on fs the options among opts that names lists (all when
// names is empty), in opts' order, each with usage's help when it has one.
// A name in names or usage that is no option is a mistake of the program:
// define panics.
func define(fs *flag.FlagSet, opts []option, usage Usage, names []string) {
	known := func(name string) bool {
		return slices.ContainsFunc(opts, func(o option) bool { return o.name == name })
	}
	for _, n := range names {
		if !known(n) {
			panic(fmt.Sprintf("cmdopts: no option %q", n))
		}
	}
	for n := range usage {
		if !known(n) || (len(names) > 0 && !slices.Contains(names, n)) {
			panic(fmt.Sprintf("cmdopts: help for an option not defined, %q", n))
		}
	}
	for _, o := range opts {
		if len(names) > 0 && !slices.Contains(names, o.name) {
			continue
		}
		u := o.usage
		if s, ok := usage[o.name]; ok {
			u = s
		}
		o.define(fs, o.name, u)
	}
}

// ParseDuration reads a duration in seconds: seconds ("600", "1.5") or a
// Go duration ("90s", "10m"), greater than zero.
func ParseDuration(s string) (float64, error) {
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		if x <= 0 || math.IsInf(x, 0) || math.IsNaN(x) {
			return 0, fmt.Errorf("expected a duration > 0, found %q", s)
		}
		return x, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("expected seconds or a duration such as 90s, 10m, 1h, found %q", s)
	}
	return d.Seconds(), nil
}

// ParseRate reads a rate per day: "2/day", "0.5/h" or "2" (per day), zero
// or more.
func ParseRate(s string) (float64, error) {
	num, unit, _ := strings.Cut(s, "/")
	x, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || x < 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, fmt.Errorf("expected a rate such as 2/day or 0.5/h, found %q", s)
	}
	switch strings.TrimSpace(unit) {
	case "", "day", "d":
		return x, nil
	case "h", "hour":
		return x * 24, nil
	}
	return 0, fmt.Errorf("expected a rate per day or per hour (2/day, 0.5/h), found %q", s)
}

// ParseShard reads a shard, "I/N": the I-th (0-based) of N.
func ParseShard(s string) (i, n int, err error) {
	is, ns, ok := strings.Cut(s, "/")
	a, err1 := strconv.Atoi(is)
	b, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || b < 1 || a < 0 || a >= b {
		return 0, 0, fmt.Errorf("expected I/N with 0 <= I < N, found %q", s)
	}
	return a, b, nil
}

// SeedFlag defines a --seed flag of whole numbers on fs: it sets *seed,
// and *set to true.
func SeedFlag(fs *flag.FlagSet, usage string, seed *uint64, set *bool) {
	fs.Func("seed", usage, func(s string) error {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return fmt.Errorf("expected a whole number >= 0, found %q", s)
		}
		*seed, *set = v, true
		return nil
	})
}

// durationFlag defines a flag of a duration in seconds (ParseDuration).
func durationFlag(fs *flag.FlagSet, dst *float64, name, usage string) {
	fs.Func(name, usage, func(s string) error {
		d, err := ParseDuration(s)
		*dst = d
		return err
	})
}

// Parse parses a command's arguments, flags that may come before, between
// or after the positional arguments (cuasim run airport --seed 3), and
// returns the positional ones. "--" ends the flags: everything after it is
// positional, even what looks like a flag; as a flag's value it is a value.
func Parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		// The flag package drops a "--" that ends the flags.
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" && !(used > 1 && takesValue(fs, args[used-2])) {
			return append(pos, rest...), nil
		}
		args = rest
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// takesValue reports whether arg is a flag of fs that takes the next
// argument as its value ("-out DIR", not "-out=DIR" nor a boolean).
func takesValue(fs *flag.FlagSet, arg string) bool {
	name := strings.TrimLeft(arg, "-")
	if name == arg || strings.Contains(name, "=") {
		return false
	}
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

// ScenarioArg returns the one scenario among a command's positional
// arguments, the airport when there is none.
func ScenarioArg(pos []string) (string, error) {
	switch len(pos) {
	case 0:
		return "airport", nil
	case 1:
		return pos[0], nil
	}
	return "", fmt.Errorf("expected one scenario, found %d: %s", len(pos), strings.Join(pos, " "))
}

// DefaultOut is the directory a command writes into when --out is not
// given: the command and the scenario's name, compare-airport.
func DefaultOut(command, scenario string) string {
	return command + "-" + strings.TrimSuffix(filepath.Base(scenario), filepath.Ext(scenario))
}
