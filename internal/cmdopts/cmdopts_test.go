package cmdopts

import (
	"flag"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]float64{"600": 600, "1.5": 1.5, "90s": 90, "10m": 600, "1h": 3600, "1m30s": 90} {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %g, %v; want %g", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"0": "expected a duration > 0", "-1": "expected a duration > 0", "Inf": "expected a duration > 0", "NaN": "expected a duration > 0",
		"0s": "expected seconds or a duration", "-1m": "expected seconds or a duration", "": "expected seconds or a duration",
		"ten": `expected seconds or a duration such as 90s, 10m, 1h, found "ten"`,
	} {
		if _, err := ParseDuration(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseDuration(%q): error %v, want %q", in, err, want)
		}
	}
}

func TestParseRate(t *testing.T) {
	for in, want := range map[string]float64{"2": 2, "2/day": 2, "2/d": 2, " 3 / day ": 3, "0.5/h": 12, "1/hour": 24, "0": 0} {
		if got, err := ParseRate(in); err != nil || got != want {
			t.Errorf("ParseRate(%q) = %g, %v; want %g", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"x": "expected a rate such as 2/day or 0.5/h", "-1/day": "expected a rate such as", "Inf": "expected a rate such as",
		"NaN/h": "expected a rate such as", "/day": "expected a rate such as",
		"2/week": `expected a rate per day or per hour (2/day, 0.5/h), found "2/week"`,
	} {
		if _, err := ParseRate(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseRate(%q): error %v, want %q", in, err, want)
		}
	}
}

func TestParseShard(t *testing.T) {
	for in, want := range map[string][2]int{"0/1": {0, 1}, "0/4": {0, 4}, "3/4": {3, 4}} {
		if i, n, err := ParseShard(in); err != nil || i != want[0] || n != want[1] {
			t.Errorf("ParseShard(%q) = %d, %d, %v; want %d/%d", in, i, n, err, want[0], want[1])
		}
	}
	for _, in := range []string{"2/2", "-1/2", "0/0", "1", "a/b", "1/x", "", "/", "1/2/3"} {
		_, _, err := ParseShard(in)
		if want := `expected I/N with 0 <= I < N, found "` + in + `"`; err == nil || err.Error() != want {
			t.Errorf("ParseShard(%q): error %v, want %q", in, err, want)
		}
	}
}

// TestParse: flags before, between and after the positional arguments;
// "--" ends the flags, but as a flag's value it is a value.
func TestParse(t *testing.T) {
	for _, tc := range []struct {
		args []string
		pos  []string
		out  string
	}{
		{[]string{"a", "--out", "d", "b"}, []string{"a", "b"}, "d"},
		{[]string{"--quiet", "a", "--out=d"}, []string{"a"}, "d"},
		{[]string{"a", "--", "--out", "d"}, []string{"a", "--out", "d"}, ""},
		{[]string{"--out", "--", "a"}, []string{"a"}, "--"},
		{[]string{"--", "-x.yaml"}, []string{"-x.yaml"}, ""},
	} {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		out := fs.String("out", "", "")
		fs.Bool("quiet", false, "")
		pos, err := Parse(fs, tc.args)
		if err != nil || !slices.Equal(pos, tc.pos) || *out != tc.out {
			t.Errorf("Parse(%q) = %q, --out %q, %v; want %q, --out %q", tc.args, pos, *out, err, tc.pos, tc.out)
		}
	}
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if _, err := Parse(fs, []string{"a", "--nope"}); err == nil {
		t.Error("Parse accepted an undefined flag")
	}
}

func TestScenarioArg(t *testing.T) {
	if s, err := ScenarioArg(nil); s != "airport" || err != nil {
		t.Errorf("no scenario: %q, %v; want airport", s, err)
	}
	if s, err := ScenarioArg([]string{"x.yaml"}); s != "x.yaml" || err != nil {
		t.Errorf("one scenario: %q, %v", s, err)
	}
	if _, err := ScenarioArg([]string{"a", "b"}); err == nil || err.Error() != "expected one scenario, found 2: a b" {
		t.Errorf("two scenarios: %v", err)
	}
	if got := DefaultOut("compare", "dir/my.site.yaml"); got != "compare-my.site" {
		t.Errorf("DefaultOut = %q, want compare-my.site", got)
	}
}

// TestCompareFlags: the flags set the options, a subset with help of a
// command's own; --thresholds becomes the last sweep, checked.
func TestCompareFlags(t *testing.T) {
	o := NewCompare()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	o.Flags(fs, Usage{"workers": "mine"})
	err := fs.Parse([]string{"--duration", "10m", "--required-warning", "90s", "--false-alert-budget", "1/h", "--shard", "1/3",
		"--seed", "7", "--layouts", "a,b", "--sweep", "tracker.confirm_m=2,3", "--thresholds", "0.5,0.9", "--workers", "2"})
	if err != nil {
		t.Fatal(err)
	}
	if fs.Lookup("workers").Usage != "mine" || fs.Lookup("replications").DefValue != "200" {
		t.Errorf("--workers help %q, --replications default %q", fs.Lookup("workers").Usage, fs.Lookup("replications").DefValue)
	}
	opts, err := o.Options("v")
	if err != nil {
		t.Fatal(err)
	}
	if opts.DurationS != 600 || opts.RequiredWarningS != 90 || opts.BudgetPerDay != 24 || *opts.Seed != 7 || opts.Version != "v" ||
		!slices.Equal(opts.Layouts, []string{"a", "b"}) || len(opts.Sweeps) != 2 || opts.Sweeps[1].Path != "alerting.p_drone" || o.Shard != 1 || o.Shards != 3 {
		t.Errorf("options %+v, shard %d/%d", opts, o.Shard, o.Shards)
	}
	if len(o.Sweeps) != 1 {
		t.Errorf("Options changed --sweep's list: %v", o.Sweeps)
	}

	sub := flag.NewFlagSet("sub", flag.ContinueOnError)
	o.Flags(sub, nil, "out", "quiet")
	var names []string
	sub.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if !slices.Equal(names, []string{"out", "quiet"}) {
		t.Errorf("flags %v, want out and quiet", names)
	}

	for thresholds, want := range map[string]string{
		"0.5,abc": `--thresholds: expected P(drone) thresholds from 0 to 1, separated by commas, found "abc" in "0.5,abc"`,
		"1.5":     `--thresholds: expected P(drone) thresholds from 0 to 1, separated by commas, found "1.5" in "1.5"`,
	} {
		o := NewCompare()
		o.Thresholds = thresholds
		if _, err := o.Options(""); err == nil || err.Error() != want {
			t.Errorf("--thresholds %s: %v, want %q", thresholds, err, want)
		}
	}
	o.Sweeps = append(o.Sweeps[:0], o.Sweeps[0])
	o.Sweeps[0].Path = "alerting.p_drone"
	if _, err := o.Options(""); err == nil || !strings.Contains(err.Error(), "--thresholds and --sweep alerting.p_drone=... both give") {
		t.Errorf("--thresholds with --sweep alerting.p_drone: %v", err)
	}
}

func TestRadialsFlags(t *testing.T) {
	o := NewRadials()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	o.Flags(fs, nil)
	if err := fs.Parse([]string{"--altitude-m", "0", "--required-s", "2m", "--layout", "base", "--seed", "3", "--set", "alerting.p_drone=0.9"}); err != nil {
		t.Fatal(err)
	}
	ro := o.Options("v")
	if *ro.AltitudeM != 0 || *ro.RequiredWarningS != 120 || !slices.Equal(ro.Layouts, []string{"base"}) || *ro.Seed != 3 ||
		ro.Version != "v" || len(o.Sets) != 1 || o.Sets[0].String() != "alerting.p_drone=0.9" {
		t.Errorf("options %+v, sets %v", ro, o.Sets)
	}
	if all := NewRadials(); all.Options("").Layouts != nil {
		t.Error("--layout all names layouts")
	}
	for arg, want := range map[string]string{
		"--speed-mps=0":   `expected a number > 0, found "0"`,
		"--altitude-m=-1": `expected a number >= 0, found "-1"`,
		"--step-deg=400":  `expected degrees from 0.1 to 360, found "400"`,
		"--start-m=0":     `expected a distance in (0, 200000] m, found "0"`,
		"--required-s=0":  `expected a duration > 0, found "0"`,
	} {
		if err := fs.Parse([]string{arg}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", arg, err, want)
		}
	}
	o.Settings.Replications = 0
	if err := o.Check(); err == nil || err.Error() != "--reps: expected a whole number >= 1, found 0" {
		t.Errorf("--reps 0: %v", err)
	}
}

// TestUnknownOption: help or a subset naming no option is the program's
// mistake, found as the flags are defined.
func TestUnknownOption(t *testing.T) {
	for _, define := range []func(o *Compare, fs *flag.FlagSet){
		func(o *Compare, fs *flag.FlagSet) { o.Flags(fs, Usage{"wokers": "x"}) },
		func(o *Compare, fs *flag.FlagSet) { o.Flags(fs, nil, "out", "nope") },
		func(o *Compare, fs *flag.FlagSet) { o.Flags(fs, Usage{"workers": "x"}, "out") },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			o := NewCompare()
			define(&o, flag.NewFlagSet("test", flag.ContinueOnError))
		}()
	}
}
