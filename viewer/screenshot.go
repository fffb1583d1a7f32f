package viewer

import (
	"fmt"
	"github.com/cuasim/cuasim/scene"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
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

	drawn int
	start time.Time
	cpu   time.Duration
	// PerFrame is the mean wall time per frame once the game ends, and
	// DrawCPU the mean time spent in Draw.
	PerFrame, DrawCPU time.Duration
}

// Update ends the game once every frame is drawn.
func (g *FrameMeter) Update() error {
	if g.drawn == 1 {
		g.start = time.Now() // the first frame builds caches: not counted
	}
	if g.drawn > g.Frames {
		g.PerFrame = time.Since(g.start) / time.Duration(g.Frames)
		g.DrawCPU = g.cpu / time.Duration(g.Frames)
		return ebiten.Termination
	}
	return nil
}

// Draw draws the session, timing the draw path: the CPU work of drawing
// and recording the GPU commands, without the GPU's own work.
func (g *FrameMeter) Draw(screen *ebiten.Image) {
	t := time.Now()
	Draw(screen, g.S.Frame(), &g.V)
	if g.drawn >= 1 {
		g.cpu += time.Since(t)
	}
	g.drawn++
}

// Layout uses the view's size.
func (g *FrameMeter) Layout(int, int) (int, int) { return g.V.Cam.W, g.V.Cam.H }
