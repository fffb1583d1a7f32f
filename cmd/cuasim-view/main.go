// Command cuasim-view shows a cuasim scenario running: sensors and their
// coverage, drones and birds, every detection as it happens, and the
// tracker's tracks with their uncertainty and class. Students watch it;
// planners drag a sensor and see the gap close.
//
//	cuasim-view [SCENARIO] [--link URL] [--seed N] [--at D] [--layout NAME] [--size WxH] ...
//	cuasim-view --screenshot out.png --at 300s [SCENARIO]
//	cuasim-view --replay DIR [--at D]
//
// SCENARIO is a built-in scenario name or a scenario file (default
// airport). The view's state — scenario, seed, time, layers, layout,
// M-of-N rule, zoom and centre, selection — comes from a link of the
// browser viewer (--link) or the flags; the c key gives the link of the
// current view. With --screenshot it renders the moment --at into a PNG
// and exits, which is how the README's pictures are made and how the
// tests check the drawing. Keys are listed in the window's legend.
//
// The viewer needs cgo and a display (X11 on Linux; under Xvfb for a
// headless machine); without one it says so in a line (package
// preflight), and --help needs none. Built for WebAssembly it is the
// browser viewer (scripts/build-web.sh): its state comes from the page's
// address. The cuasim command never imports it.
package main

import (
	// Checks the command line and the display before ebiten's
	// initialisation, which panics without a display: see its doc.
	_ "github.com/cuasim/cuasim/cmd/cuasim-view/internal/preflight"

	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/cuasim/cuasim/cmd/cuasim-view/internal/cli"
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

func run(args []string) error {
	o, err := cli.Parse(args, io.Discard) // preflight reported any error
	if err != nil {
		return err
	}
	if o.Link == "" {
		o.Link = pageAddress() // in the browser, the page's own
	}
	if o.CPUProfile != "" {
		f, err := os.Create(o.CPUProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	w, h, err := parseSize(o.Size)
	if err != nil {
		return err
	}
	link, err := linkOf(o)
	var linkErr error // in the browser, a bad link shows the default and says why
	if err != nil {
		if pageAddress() == "" {
			return err
		}
		link, linkErr = scene.DefaultLink(), err
	}
	var src scene.Source
	var v scene.View
	if o.Replay != "" {
		if o.Scenario != "" || o.Link != "" || o.Set["seed"] || o.Set["layout"] || o.Set["confirm"] || o.Set["lesson"] || o.SavePrompt {
			return fmt.Errorf("--replay plays a recording in its layout: give no scenario, no --link, no --seed, no --layout, no --confirm, no --lesson and no --save-prompt")
		}
		r, err := scene.OpenReplay(o.Replay)
		if err != nil {
			return err
		}
		r.AdvanceTo(link.AtS)
		src, v = r, scene.NewView(r.Frame(), w, h, 4)
		if err := link.Apply(r.Frame(), &v); err != nil {
			return err
		}
	} else {
		s, sv, err := link.Open(scenarios.Open, w, h, 4)
		if err != nil {
			if pageAddress() == "" {
				return err
			}
			link, linkErr = scene.DefaultLink(), err
			if s, sv, err = link.Open(scenarios.Open, w, h, 4); err != nil {
				return err
			}
		}
		src, v = s, sv
		if o.SavePrompt {
			p, err := scene.NewSaveLayout(s, link.Scenario, false, pageAddress() != "", nil)
			if err != nil {
				return fmt.Errorf("--save-prompt: %w", err)
			}
			v.Save = p
		}
		if o.PrintLink {
			fmt.Println(scene.LinkOf(s, link.Scenario, &v).URL(linkBase(o.Link)))
			return nil
		}
	}

	v.Help = o.HelpOverlay
	if o.MeasureFrames > 0 {
		g := &viewer.FrameMeter{S: src, V: v, Frames: o.MeasureFrames}
		tracks := len(src.Frame().Tracks)
		ebiten.SetVsyncEnabled(false)
		ebiten.SetTPS(ebiten.SyncWithFPS)
		ebiten.SetWindowSize(w, h)
		ebiten.SetWindowTitle("cuasim-view frame meter")
		if err := ebiten.RunGame(g); err != nil {
			return err
		}
		fmt.Printf("%d frames of %dx%d with %d tracks: draw path %.2f ms of CPU per frame (%.0f frames per second of budget); %.2f ms per frame on this display's renderer (%.0f fps); %.0f allocations per frame\n",
			o.MeasureFrames, w, h, tracks, float64(g.DrawCPU.Microseconds())/1000, 1/g.DrawCPU.Seconds(),
			float64(g.PerFrame.Microseconds())/1000, 1/g.PerFrame.Seconds(), g.AllocsPerFrame)
		return nil
	}
	if o.Screenshot != "" {
		g := &viewer.Screenshot{S: src, V: v, Path: o.Screenshot}
		ebiten.SetWindowSize(64, 64)
		ebiten.SetWindowTitle("cuasim-view screenshot")
		if err := ebiten.RunGame(g); err != nil {
			return err
		}
		return g.Err
	}
	g := viewer.NewGame(src, w, h)
	g.V.Layers, g.V.Cam, g.V.Selected, g.V.Paused, g.V.Help, g.V.Lesson, g.V.Save = v.Layers, v.Cam, v.Selected, v.Paused, v.Help, v.Lesson, v.Save
	if linkErr != nil {
		g.V.Message = strings.ReplaceAll(linkErr.Error(), "\n", "; ") + "; showing the default"
	}
	g.Scenario, g.LinkBase = link.Scenario, linkBase(o.Link)
	g.Start = &link // framed again in the window's real size
	if h := pageHost(); h != nil {
		g.Host = h
	}
	ebiten.SetWindowSize(w, h)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetWindowTitle("cuasim-view — " + src.Frame().Name)
	if o.MeasurePlay > 0 {
		m := &viewer.PlayMeter{G: g, Frames: o.MeasurePlay}
		if err := ebiten.RunGame(m); err != nil {
			return err
		}
		fmt.Printf("played %d frames of %dx%d (%.1f simulated s at ×%g): %.1f frames and %.1f ticks per second (ebiten's ActualFPS %.1f, ActualTPS %.1f); update %.2f ms, draw %.2f ms of CPU; %.0f allocations per frame\n",
			o.MeasurePlay, w, h, m.SimulatedS, g.V.SpeedX, m.FPS, m.TPS, m.ActualFPS, m.ActualTPS,
			float64(m.UpdateCPU.Microseconds())/1000, float64(m.DrawCPU.Microseconds())/1000, m.AllocsPerFrame)
		return nil
	}
	return ebiten.RunGame(g)
}

// linkOf is the view the command line asks for: the --link's (or the
// default), with the scenario and the flags given over it.
func linkOf(o *cli.Options) (scene.Link, error) {
	l := scene.DefaultLink()
	if o.Set["lesson"] {
		if o.Link != "" {
			return l, errors.New("give --lesson or --link, not both")
		}
		var err error
		if l, err = scene.ParseLink("lesson=" + o.Lesson); err != nil {
			return l, fmt.Errorf("--lesson: %w", err)
		}
	}
	if o.Link != "" {
		var err error
		if l, err = scene.ParseLink(o.Link); err != nil {
			return l, fmt.Errorf("--link: %w", err)
		}
	}
	if o.Scenario != "" {
		l.Scenario = o.Scenario
	}
	var errs []error
	flagErr := func(name string, err error) {
		if err != nil {
			errs = append(errs, fmt.Errorf("--%s: %w", name, err))
		}
	}
	if o.Set["seed"] {
		n, err := strconv.ParseUint(o.Seed, 10, 64)
		if err != nil {
			err = fmt.Errorf("expected a whole number, found %q", o.Seed)
		}
		flagErr("seed", err)
		l.Seed, l.HasSeed = n, true
	}
	if o.Set["at"] {
		t, err := scene.ParseTime(o.At)
		flagErr("at", err)
		l.AtS = t
	}
	if o.Set["layers"] {
		ls, err := scene.ParseLayers(o.Layers)
		flagErr("layers", err)
		l.Layers = ls
	}
	if o.Set["layout"] {
		l.Layout = o.Layout
	}
	if o.Set["confirm"] {
		m, n, err := scene.ParseConfirm(o.Confirm)
		flagErr("confirm", err)
		l.ConfirmM, l.ConfirmN = m, n
	}
	if o.Set["move"] {
		ml, err := scene.ParseLink("move=" + o.Move)
		if err != nil {
			err = errors.New(strings.TrimPrefix(err.Error(), "link: move: "))
		}
		flagErr("move", err)
		l.Moves = ml.Moves
	}
	if o.Set["zoom"] {
		z, err := strconv.ParseFloat(o.Zoom, 64)
		if err != nil || !(z > 0) {
			err = fmt.Errorf("expected a factor > 0, found %q", o.Zoom)
		}
		flagErr("zoom", err)
		l.Zoom = z
	}
	if o.Set["center"] {
		e, n, err := scene.ParseCenter(o.Center)
		flagErr("center", err)
		l.CenterE, l.CenterN, l.HasCenter = e, n, true
	}
	if o.Set["select"] {
		l.Select = o.Select
		_, err := scene.ParseLink("select=" + o.Select)
		if err != nil {
			err = errors.New(strings.TrimPrefix(err.Error(), "link: select: "))
		}
		flagErr("select", err)
	}
	if o.Set["paused"] {
		l.Paused = o.Paused
	}
	return l, errors.Join(errs...)
}

// linkBase is the address links are made on: that of the link the view
// was opened from, if it had one.
func linkBase(link string) string {
	if strings.Contains(link, "://") {
		return link
	}
	return viewer.DefaultLinkBase
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
