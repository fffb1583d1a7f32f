package viewer

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime/metrics"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/cuasim/cuasim/scene"
)

// Screenshot is an ebiten game that draws one frame of a session into an
// offscreen image, writes it as a PNG and ends the game. Drawing happens
// in Update, on an image of the view's size, so the window's own size does
// not matter. The picture is a still (scene.View.Still): the speed, the
// playing state and the key hints, which mean nothing in it, are left out.
type Screenshot struct {
	S    scene.Source
	V    scene.View
	Path string
	Err  error // set when the game ends
}

// Update draws, saves and terminates.
func (g *Screenshot) Update() error {
	img := ebiten.NewImage(g.V.Cam.W, g.V.Cam.H)
	v := g.V
	v.Still, v.Message = true, ""
	f := g.S.Frame()
	if v.Layers.PdMap && v.PdMap != nil {
		// A picture shows the map of its moment, not the one before it.
		if _, err := v.PdMap.Wait(f, v.PdMapAltitudeM()); err != nil {
			v.Message = err.Error()
		}
	}
	Draw(img, f, &v)
	rgba := image.NewRGBA(image.Rect(0, 0, g.V.Cam.W, g.V.Cam.H))
	img.ReadPixels(rgba.Pix)
	g.Err = writePNG(g.Path, rgba)
	return ebiten.Termination
}

// Draw shows nothing: the picture is in the file.
func (g *Screenshot) Draw(*ebiten.Image) {}

// Layout keeps a small window.
func (g *Screenshot) Layout(int, int) (int, int) { return 64, 64 }

// writePNG writes img atomically: to a temporary file renamed when
// complete, readable by all (0644) like any file a user saves.
func writePNG(path string, img image.Image) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.partial")
	if err != nil {
		return err
	}
	if err := png.Encode(tmp, img); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	// CreateTemp makes the file 0600, private to its owner: fine for a
	// temporary file, not for a picture to put in a document.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// FrameMeter is an ebiten game that draws a still session Frames times to
// the screen, as fast as it can (call ebiten.SetVsyncEnabled(false)), and
// measures the time per frame: the draw path's benchmark.
type FrameMeter struct {
	S      scene.Source
	V      scene.View
	Frames int

	drawn  int
	start  time.Time
	cpu    time.Duration
	allocs uint64
	// PerFrame is the mean wall time per frame once the game ends, and
	// DrawCPU the mean time spent in Draw; AllocsPerFrame is the mean
	// number of heap allocations the process made during a Draw.
	PerFrame, DrawCPU time.Duration
	AllocsPerFrame    float64
}

// Update ends the game once every frame is drawn.
func (g *FrameMeter) Update() error {
	if g.drawn == 1 {
		g.start = time.Now() // the first frame builds caches: not counted
	}
	if g.drawn > g.Frames {
		g.PerFrame = time.Since(g.start) / time.Duration(g.Frames)
		g.DrawCPU = g.cpu / time.Duration(g.Frames)
		g.AllocsPerFrame = float64(g.allocs) / float64(g.Frames)
		return ebiten.Termination
	}
	return nil
}

// Draw draws the session, timing the draw path: the CPU work of drawing
// and recording the GPU commands, without the GPU's own work.
func (g *FrameMeter) Draw(screen *ebiten.Image) {
	a := heapAllocs()
	t := time.Now()
	Draw(screen, g.S.Frame(), &g.V)
	if g.drawn >= 1 {
		g.cpu += time.Since(t)
		g.allocs += heapAllocs() - a
	}
	g.drawn++
}

// heapAllocs is the number of heap allocations the process has made
// (runtime/metrics: no stop of the world, unlike runtime.ReadMemStats).
func heapAllocs() uint64 {
	s := [1]metrics.Sample{{Name: "/gc/heap/allocs:objects"}}
	metrics.Read(s[:])
	return s[0].Value.Uint64()
}

// PlayMeter is an ebiten game that plays a Game as its window does — at
// ebiten's 60 ticks per second, the simulation stepped in Update at the
// view's speed, a frame drawn per tick when the renderer keeps up — for
// Frames frames after a second of warming up, and measures it: ebiten's
// actual frames and ticks per second, and the mean time of an Update
// (input, and the simulation's steps) and of a Draw.
type PlayMeter struct {
	G      *Game
	Frames int

	drawn, updates  int
	start           time.Time
	update, draw    time.Duration
	allocs          uint64
	warm            bool
	warmedAt        time.Time
	framesAtWarm    int
	updatesAtWarm   int
	stepsAtWarmTime float64

	// Once the game ends: the frames and ticks per second over the
	// measured frames, as counted here and as ebiten's ActualFPS and
	// ActualTPS give them at the end; the mean time per Update and per
	// Draw; the heap allocations per Draw; the simulated seconds played.
	FPS, TPS, ActualFPS, ActualTPS float64
	UpdateCPU, DrawCPU             time.Duration
	AllocsPerFrame, SimulatedS     float64
}

// Update plays the game and ends it once the frames are measured.
func (m *PlayMeter) Update() error {
	if !m.warm && !m.start.IsZero() && time.Since(m.start) > time.Second {
		m.warm, m.warmedAt, m.framesAtWarm, m.updatesAtWarm = true, time.Now(), m.drawn, m.updates
		m.update, m.draw, m.allocs = 0, 0, 0
		m.stepsAtWarmTime = m.G.S.Frame().TimeS
	}
	if m.start.IsZero() {
		m.start = time.Now()
	}
	if m.warm && m.drawn-m.framesAtWarm >= m.Frames {
		el := time.Since(m.warmedAt).Seconds()
		frames, ticks := m.drawn-m.framesAtWarm, m.updates-m.updatesAtWarm
		m.FPS, m.TPS = float64(frames)/el, float64(ticks)/el
		m.ActualFPS, m.ActualTPS = ebiten.ActualFPS(), ebiten.ActualTPS()
		m.UpdateCPU, m.DrawCPU = m.update/time.Duration(ticks), m.draw/time.Duration(frames)
		m.AllocsPerFrame = float64(m.allocs) / float64(frames)
		m.SimulatedS = m.G.S.Frame().TimeS - m.stepsAtWarmTime
		return ebiten.Termination
	}
	t := time.Now()
	err := m.G.Update()
	m.update += time.Since(t)
	m.updates++
	return err
}

// Draw draws the game, timed.
func (m *PlayMeter) Draw(screen *ebiten.Image) {
	a := heapAllocs()
	t := time.Now()
	m.G.Draw(screen)
	m.draw += time.Since(t)
	m.allocs += heapAllocs() - a
	m.drawn++
}

// Layout is the game's.
func (m *PlayMeter) Layout(w, h int) (int, int) { return m.G.Layout(w, h) }

// Layout uses the view's size.
func (g *FrameMeter) Layout(int, int) (int, int) { return g.V.Cam.W, g.V.Cam.H }
