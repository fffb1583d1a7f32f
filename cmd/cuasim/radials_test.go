package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/radials"
)

// TestRadialsCommand: cuasim radials writes its five files, the same
// bytes for one worker and for three, prints the bearings table, the
// weakest bearings and the paired differences, and the design records the
// airport's defaults (its inbound threat: quad-small toward the apron at
// 12.5 m/s and 90 m).
func TestRadialsCommand(t *testing.T) {
	args := []string{"radials", "airport", "--step-deg", "120", "--reps", "1", "--layout", "base,no-k-band", "--quiet"}
	var outs [2]map[string][]byte
	var stdout string
	for k, workers := range []string{"1", "3"} {
		dir := filepath.Join(t.TempDir(), "rad")
		code, so, stderr := cli(t, append(args, "--workers", workers, "--out", dir)...)
		if code != exitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		outs[k], stdout = readDir(t, dir), so
	}
	want := []string{"design.json", "radials.csv", "radials.png", "radials.svg", "summary.csv"}
	if got := strings.Join(sortedNames(outs[0]), " "); got != strings.Join(want, " ") {
		t.Fatalf("files %s, expected %s", got, strings.Join(want, " "))
	}
	for name, b := range outs[0] {
		if !bytes.Equal(b, outs[1][name]) {
			t.Errorf("%s differs between 1 and 3 workers", name)
		}
	}
	lines := strings.Split(strings.TrimSpace(string(outs[0]["radials.csv"])), "\n")
	if lines[0] != radials.RunsHeader || len(lines) != 1+3*2 {
		t.Errorf("radials.csv: header %q and %d rows, expected %q and 3 bearings × 2 layouts", lines[0], len(lines)-1, radials.RunsHeader)
	}
	lines = strings.Split(strings.TrimSpace(string(outs[0]["summary.csv"])), "\n")
	if lines[0] != radials.SummaryHeader || len(lines) != 1+3*2 {
		t.Errorf("summary.csv: header %q and %d rows, expected %q and 3 bearings × 2 layouts", lines[0], len(lines)-1, radials.SummaryHeader)
	}
	if _, err := png.Decode(bytes.NewReader(outs[0]["radials.png"])); err != nil {
		t.Errorf("radials.png: %v", err)
	}
	var svg struct {
		XMLName xml.Name
	}
	if err := xml.Unmarshal(outs[0]["radials.svg"], &svg); err != nil || svg.XMLName.Local != "svg" {
		t.Errorf("radials.svg: %v, root %q", err, svg.XMLName.Local)
	}
	var d radials.Design
	if err := json.Unmarshal(outs[0]["design.json"], &d); err != nil {
		t.Fatal(err)
	}
	if d.Zone != "apron" || d.Class != "quad-small" || d.SpeedMPS != 12.5 || d.AltitudeM != 90 || d.StepDeg != 120 || d.PDrone != 0.9 {
		t.Errorf("design: %+v", d)
	}
	for _, s := range []string{"BASE P(TIMELY)", "NO-K-BAND P(TIMELY)", "0° N", "120° ESE", "240° WSW", "Weakest bearings", "no-k-band − base:"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
}

// TestRadialsBadOptions: bad options are usage errors that name the
// option and what it expects, before any simulation.
func TestRadialsBadOptions(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--zone", "tarmac"}, `--zone: no zone "tarmac" in airport; it has runway, apron, airfield`},
		{[]string{"--class", "jet"}, `--class: no uav_types entry "jet" in airport; it has quad-small, quad-autonomous, fixed-wing-mini`},
		{[]string{"--speed-mps", "30"}, "--speed-mps: expected a speed in (0, 20] m/s (the max_speed_mps of quad-small), found 30"},
		{[]string{"--speed-mps", "0"}, `invalid value "0" for flag -speed-mps: expected a number > 0, found "0"`},
		{[]string{"--altitude-m", "250"}, "--altitude-m: zone apron covers 0 to 200 m; a drone at 250 m would pass it by"},
		{[]string{"--step-deg", "0"}, `invalid value "0" for flag -step-deg: expected degrees from 0.1 to 360, found "0"`},
		{[]string{"--reps", "0"}, "--reps: expected a whole number >= 1, found 0"},
		{[]string{"--workers", "-2"}, "--workers: expected a whole number >= 0, found -2"},
		{[]string{"--layout", "base,rf-ring,nope"}, `--layout: no layout "nope" in airport; it has base, no-k-band, rf-ring`},
		{[]string{"--start-m", "1500"}, "--start-m: 1500 m from the centre of apron on bearing 0° is inside zone airfield; start further out"},
		{[]string{"--required-s", "-3"}, `invalid value "-3" for flag -required-s`},
		{[]string{"--set", "alerting.p_drone=2"}, "alerting.p_drone"},
		{[]string{"--out", file}, "is a file, not a directory"},
	} {
		// Into a temporary directory, should one of them run after all.
		args := append([]string{"radials", "airport", "--quiet", "--out", filepath.Join(t.TempDir(), "rad")}, c.args...)
		code, _, stderr := cli(t, args...)
		if code == exitOK || !strings.Contains(stderr, "cuasim radials: ") || !strings.Contains(stderr, c.want) {
			t.Errorf("cuasim %s: exit %d, expected an error holding %q\n%s", strings.Join(args, " "), code, c.want, stderr)
		}
	}
}

// TestRadialsInterrupted: an interrupted run (its context cancelled, as
// Ctrl-C does) exits 130, says so, and writes nothing.
func TestRadialsInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := filepath.Join(t.TempDir(), "rad")
	var stdout, stderr bytes.Buffer
	code, err := runRadials(ctx, "airport", nil, radials.Options{StepDeg: 120, Replications: 1}, 1, dir, true, &stdout, &stderr)
	if code != exitInterrupted || err != nil || !strings.Contains(stderr.String(), "interrupted; nothing written") {
		t.Errorf("exit %d, error %v, stderr %q; want %d and the message", code, err, stderr.String(), exitInterrupted)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s: %v; want nothing written", dir, err)
	}
}

// TestSharedOptions: cuasim compare's and radials' options are those of
// internal/cmdopts, with its help and defaults, and no other: the options
// cuasim-beam takes alike (dist/beam's TestSameOptions and
// TestSameRadialsOptions check it against internal/cmdopts).
func TestSharedOptions(t *testing.T) {
	for _, tc := range []struct {
		command string
		define  func(*flag.FlagSet)
	}{
		{"compare", func(fs *flag.FlagSet) { o := cmdopts.NewCompare(); o.Flags(fs, nil) }},
		{"radials", func(fs *flag.FlagSet) { o := cmdopts.NewRadials(); o.Flags(fs, nil) }},
	} {
		fs := flag.NewFlagSet(tc.command, flag.ContinueOnError)
		var want strings.Builder
		fs.SetOutput(&want)
		tc.define(fs)
		fs.PrintDefaults()
		code, stdout, stderr := cli(t, tc.command, "--help")
		_, got, ok := strings.Cut(stdout, "\nOptions:\n")
		if code != exitOK || !ok {
			t.Fatalf("cuasim %s --help: exit %d, no options listed:\n%s%s", tc.command, code, stdout, stderr)
		}
		if got != want.String() {
			t.Errorf("cuasim %s's options are not internal/cmdopts':\n%s\nwant\n%s", tc.command, got, want.String())
		}
	}
}
