// Package cli reads cuasim-view's command line. It imports nothing but
// the standard library, so that package preflight can read the command
// line (and print the help) before ebiten initialises its window system,
// which fails without a display; see package preflight.
package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// Usage is the help printed by --help, before the options.
const Usage = `Usage: cuasim-view [SCENARIO] [--link URL] [--seed N] [--at D] [--layout NAME] [options]
       cuasim-view --screenshot FILE [SCENARIO] [--at D] ...
       cuasim-view --replay DIR [--at D] ...

Shows a scenario running: the site and its sensors with their coverage,
drones and birds, radar plots and RF bearings as they happen, the
tracker's tracks with 2σ ellipses and class probabilities, and the alerts
in force (zones and tracks marked in the level's colour, and a list).
A group of drones (a swarm) has one label until zoomed in far enough for
its drones' own. SCENARIO is a built-in name (cuasim scenarios) or a scenario file; default
airport.

The state of the view can come from a link of the browser viewer
(--link URL, as the c key prints it) or from the flags, which override
the link: --seed, --at, --layers, --layout, --confirm, --move, --zoom,
--center, --select, --paused.

Keys: space pause, . single step, +/- speed (×0.25 to ×64), j jump 60 s,
r restart with the next seed, l/L next/previous layout (same seed, same
traffic), 1-6 layers (coverage, truth, detections, tracks, labels, pdmap:
the coverage map of cuasim coverage, as in the report's layouts figure),
a/A the Pd map's altitude up/down (link key altitude=M), u its UAV class
through the scenario's, d the label map instead (where a drone is
labelled: micro-Doppler or RF evidence), h legend, m/M and n/N the tracker's M-of-N rule, c the link of this view
(printed and shown), s save the dragged sensors as a layout of the
scenario file (a built-in or dropped scenario is saved as a copy in the
current directory; the browser downloads the file), then
cuasim compare FILE --layouts base,NAME puts a number on the move, ? what
every number shown means (hovering over a number in a panel explains it
too; --help-overlay opens it). Mouse: wheel zoom, right-drag pan, click
to select (an alert in the list selects its track), drag a sensor to
move it. Drop a scenario file on the window to open it.

The viewer needs a display: under Xvfb on a machine without one
(xvfb-run -a cuasim-view ...), or use the browser build
(./scripts/build-web.sh, then cuasim serve).

Examples:
  cuasim-view
  cuasim-view base --seed 7 --at 5m
  cuasim-view airport --layout rf-ring --at 12m
  cuasim-view --link 'http://127.0.0.1:8080/?scenario=base&seed=7&at=10m&layers=tracks,labels'
  cuasim-view --screenshot airport.png --at 300s airport
  cuasim-view airport --move radar-east:1600:900 --save-prompt   (then enter, and
      cuasim compare airport.yaml --layouts base,dragged-1)

Options:
`

// Options are the command line as given; package main turns them into a
// scene.Link and the rest of the run.
type Options struct {
	Scenario string // the positional argument, if any

	Link, Seed, At, Layers, Layout, Confirm, Move, Zoom, Center, Select string
	Paused, PrintLink, HelpOverlay, SavePrompt                          bool

	Size, Replay, Screenshot, CPUProfile, Lesson string
	MeasureFrames, MeasurePlay                   int

	// Set holds the names of the flags given.
	Set map[string]bool
}

// Parse reads args (without the program's name). With -h or --help it
// prints the help to out and returns flag.ErrHelp; a usage error is
// printed to out too, with a hint to use --help.
func Parse(args []string, out io.Writer) (*Options, error) {
	o := &Options{Set: map[string]bool{}}
	fs := flag.NewFlagSet("cuasim-view", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() { fmt.Fprint(out, Usage); fs.PrintDefaults() }
	fs.StringVar(&o.Link, "link", "", "open the view of `URL`, a link of the browser viewer (or its query); the flags below override it")
	fs.StringVar(&o.Seed, "seed", "", "random seed `N` (default: the scenario's run.seed)")
	fs.StringVar(&o.Layout, "layout", "", "start in the scenario's layout `NAME` (base: the listed sensors; l/L switch in the window)")
	fs.StringVar(&o.At, "at", "0", "start at simulated time `D`: seconds or a duration such as 300s, 5m")
	fs.StringVar(&o.Layers, "layers", "all", "comma-separated `LIST` of layers to show: coverage, truth, detections, tracks, labels, legend, pdmap, or all or none")
	fs.StringVar(&o.Confirm, "confirm", "", "the tracker's M-of-N confirmation rule, `MofN` such as 2of4 (default: the scenario's)")
	fs.StringVar(&o.Move, "move", "", "put sensors elsewhere: `ID:E:N,...`, metres east and north (as dragging them does)")
	fs.StringVar(&o.Zoom, "zoom", "1", "zoom `F` times into the view framed on the site (> 1 zooms in)")
	fs.StringVar(&o.Center, "center", "", "centre the view on `E,N`, metres east and north of the site's origin")
	fs.StringVar(&o.Select, "select", "", "select `OBJECT`: track:N, sensor:ID or object:NAME (a drone or bird)")
	fs.BoolVar(&o.Paused, "paused", false, "start paused")
	fs.BoolVar(&o.PrintLink, "print-link", false, "print the link of the view the other options open, and exit (on http://127.0.0.1:8080/ unless --link names a host; like the viewer, it needs a display: xvfb-run -a on a headless machine)")
	fs.BoolVar(&o.HelpOverlay, "help-overlay", false, "open the help overlay (the ? key): what every number the panels show means")
	fs.BoolVar(&o.SavePrompt, "save-prompt", false, "open the prompt that saves the moved sensors (--move, or dragged) as a layout of the scenario file (the s key)")
	fs.StringVar(&o.Lesson, "lesson", "", "open lesson `N` of the course (docs/course) in lesson mode: its view, its question and the keys to try; other flags override its view")
	fs.StringVar(&o.Size, "size", "1280x800", "window or picture size `WxH` in pixels")
	fs.StringVar(&o.Replay, "replay", "", "play back the run recorded in `DIR` by cuasim run --out DIR")
	fs.StringVar(&o.Screenshot, "screenshot", "", "render the moment --at into `FILE` (PNG) and exit")
	fs.IntVar(&o.MeasureFrames, "measure-frames", 0, "draw the moment --at `N` times as fast as possible, print the time per frame and exit")
	fs.IntVar(&o.MeasurePlay, "measure-play", 0, "play `N` frames as the window does (60 ticks a second, the run going on from --at), print the frames and ticks per second and the time per update and per frame, and exit")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile to `FILE` (for developers)")
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
	if len(pos) > 1 {
		err := fmt.Errorf("expected one scenario, found %d: %s", len(pos), strings.Join(pos, " "))
		fmt.Fprintf(out, "cuasim-view: %v\n", err)
		return nil, err
	}
	if len(pos) == 1 {
		o.Scenario = pos[0]
	}
	fs.Visit(func(f *flag.Flag) { o.Set[f.Name] = true })
	return o, nil
}
