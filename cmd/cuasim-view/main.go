// Command cuasim-view shows a cuasim scenario running: sensors and their
// coverage, drones and birds, every detection as it happens, and the
// tracker's tracks with their uncertainty and class. Students watch it;
// planners drag a sensor and see the gap close.
//
//	cuasim-view [SCENARIO] [--layout NAME] [--seed N] [--at D] [--size WxH]
//	cuasim-view --screenshot out.png --at 300s [SCENARIO]
//	cuasim-view --replay DIR [--at D]
//
// SCENARIO is a built-in scenario name or a scenario file (default
// airport). With --screenshot it renders the moment --at into a PNG and
// exits, which is how the README's pictures are made and how the tests
// check the drawing. Keys are listed in the window's legend.
//
// The viewer needs cgo and a display (X11 or Wayland on Linux; under
// Xvfb for a headless machine). The cuasim command never imports it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/scene"
	"github.com/cuasim/cuasim/viewer"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "cuasim-view:", err)
		os.Exit(1)
	}
}

const usage = `Usage: cuasim-view [SCENARIO] [--layout NAME] [--seed N] [--at D] [--size WxH] [--screenshot FILE]
       cuasim-view --replay DIR [--at D] ...

Shows a scenario running: the site and its sensors with their coverage,
drones and birds, radar plots and RF bearings as they happen, the
tracker's tracks with 2σ ellipses and class probabilities, and the alerts
in force (zones and tracks marked in the level's colour, and a list).
SCENARIO is a built-in name (cuasim scenarios) or a scenario file; default
airport.

Keys: space pause, . single step, +/- speed (×0.25 to ×64), j jump 60 s,
r restart with the next seed, l/L next/previous layout (same seed, same
traffic), 1-5 layers (coverage, truth, detections, tracks, labels), h
legend, m/M and n/N the tracker's M-of-N rule. Mouse: wheel zoom,
right-drag pan, click to select (an alert in the list selects its track),
drag a sensor to move it.

Examples:
  cuasim-view
  cuasim-view base --seed 7 --at 5m
  cuasim-view airport --layout rf-ring --at 12m
  cuasim-view --screenshot airport.png --at 300s airport

Options:
`

func run(args []string) error {
	fs := flag.NewFlagSet("cuasim-view", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), usage); fs.PrintDefaults() }
	seed := fs.String("seed", "", "random seed `N` (default: the scenario's run.seed)")
	layout := fs.String("layout", "", "start in the scenario's layout `NAME` (base: the listed sensors; l/L switch in the window)")
	at := fs.String("at", "0", "start at simulated time `D`: seconds or a duration such as 300s, 5m")
	size := fs.String("size", "1280x800", "window or picture size `WxH` in pixels")
	replay := fs.String("replay", "", "play back the run recorded in `DIR` by cuasim run --out DIR")
	shot := fs.String("screenshot", "", "render the moment --at into `FILE` (PNG) and exit")
	frames := fs.Int("measure-frames", 0, "draw the moment --at `N` times as fast as possible, print the time per frame and exit")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile to `FILE` (for developers)")
	zoom := fs.Float64("zoom", 1, "zoom `F` times into the framed site (> 1 zooms in)")
	layers := fs.String("layers", "all", "comma-separated `LIST` of layers to show: coverage, truth, detections, tracks, labels, legend, or all")
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
	if len(pos) > 1 {
		return fmt.Errorf("expected one scenario, found %d: %s", len(pos), strings.Join(pos, " "))
	}
	name := "airport"
	if len(pos) == 1 {
		name = pos[0]
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	w, h, err := parseSize(*size)
	if err != nil {
		return err
	}
	atS, err := parseDuration(*at)
	if err != nil {
		return fmt.Errorf("--at: %w", err)
	}
	var src scene.Source
	if *replay != "" {
		if len(pos) > 0 || *seed != "" || *layout != "" {
			return fmt.Errorf("--replay plays a recording in its layout: give no scenario, no --seed and no --layout")
		}
		r, err := scene.OpenReplay(*replay)
		if err != nil {
			return err
		}
		src = r
	} else {
		sc, err := scenarios.Open(name)
		if err != nil {
			return err
		}
		s, err := scene.NewSessionFromScenario(sc)
		if err != nil {
			return fmt.Errorf("%s: %w", sc.File(), err)
		}
		if *seed != "" {
			n, err := strconv.ParseUint(*seed, 10, 64)
			if err != nil {
				return fmt.Errorf("--seed: expected a whole number, found %q", *seed)
			}
			if err := s.Restart(n); err != nil {
				return err
			}
		}
		if *layout != "" && *layout != s.Frame().Layout {
			if err := s.SetLayout(*layout); err != nil {
				return fmt.Errorf("--layout: %w", err)
			}
		}
		src = s
	}
	src.AdvanceTo(atS)
	v := scene.NewView(src.Frame(), w, h, 4)
	if !(*zoom > 0) {
		return fmt.Errorf("--zoom: expected a factor > 0, found %g", *zoom)
	}
	v.Cam.Zoom(*zoom, float64(w)/2, float64(h)/2)
	if v.Layers, err = parseLayers(*layers); err != nil {
		return err
	}

	if *frames > 0 {
		g := &viewer.FrameMeter{S: src, V: v, Frames: *frames}
		tracks := len(src.Frame().Tracks)
		ebiten.SetVsyncEnabled(false)
		ebiten.SetTPS(ebiten.SyncWithFPS)
		ebiten.SetWindowSize(w, h)
		ebiten.SetWindowTitle("cuasim-view frame meter")
		if err := ebiten.RunGame(g); err != nil {
			return err
		}
		fmt.Printf("%d frames of %dx%d with %d tracks: draw path %.2f ms of CPU per frame (%.0f frames per second of budget); %.2f ms per frame on this display's renderer (%.0f fps)\n",
			*frames, w, h, tracks, float64(g.DrawCPU.Microseconds())/1000, 1/g.DrawCPU.Seconds(),
			float64(g.PerFrame.Microseconds())/1000, 1/g.PerFrame.Seconds())
		return nil
	}
	if *shot != "" {
		g := &viewer.Screenshot{S: src, V: v, Path: *shot}
		ebiten.SetWindowSize(64, 64)
		ebiten.SetWindowTitle("cuasim-view screenshot")
		if err := ebiten.RunGame(g); err != nil {
			return err
		}
		return g.Err
	}
	g := viewer.NewGame(src, w, h)
	g.V.Layers, g.V.Cam = v.Layers, v.Cam
	ebiten.SetWindowSize(w, h)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetWindowTitle("cuasim-view — " + src.Frame().Name)
	return ebiten.RunGame(g)
}

// parseLayers reads the --layers list.
func parseLayers(list string) (scene.Layers, error) {
	if list == "all" {
		return scene.AllLayers(), nil
	}
	var l scene.Layers
	if list == "" || list == "none" {
		return l, nil
	}
	for _, name := range strings.Split(list, ",") {
		switch strings.TrimSpace(name) {
		case "coverage":
			l.Coverage = true
		case "truth":
			l.Truth = true
		case "detections":
			l.Detections = true
		case "tracks":
			l.Tracks = true
		case "labels":
			l.Labels = true
		case "legend":
			l.Legend = true
		default:
			return l, fmt.Errorf("--layers: unknown layer %q; expected coverage, truth, detections, tracks, labels, legend, all or none", name)
		}
	}
	return l, nil
}

func parseSize(s string) (w, h int, err error) {
	a, b, ok := strings.Cut(s, "x")
	if ok {
		w, err = strconv.Atoi(a)
		if err == nil {
			h, err = strconv.Atoi(b)
		}
	}
	if !ok || err != nil || w < 200 || h < 150 || w > 8192 || h > 8192 {
		return 0, 0, fmt.Errorf("--size: expected WxH between 200x150 and 8192x8192, found %q", s)
	}
	return w, h, nil
}

// parseDuration reads seconds ("600") or a Go duration ("10m").
func parseDuration(s string) (float64, error) {
	if x, err := strconv.ParseFloat(s, 64); err == nil && x >= 0 {
		return x, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("expected seconds or a duration such as 300s or 5m, found %q", s)
	}
	return d.Seconds(), nil
}
