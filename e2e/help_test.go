package e2e

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/cuasim/cuasim/scene"
)

// TestHelpOverlay renders the airport under Xvfb with the help overlay
// open (--help-overlay, as the ? key opens it) and without, at 1280x800,
// where the overlay fits on one page: with it, the overlay's dark box
// covers the map and it writes one name line, in the accent colour, per
// explanation of scene's table in its two columns; without it, no such
// lines. The picture is docs/images/help-overlay.png's command.
func TestHelpOverlay(t *testing.T) {
	prefix := display(t)
	bin := buildViewer(t)
	dir := t.TempDir()
	shoot := func(name string, extra ...string) image.Image {
		shot := filepath.Join(dir, name)
		cmd := append(append(prefix, bin, "--screenshot", shot, "--at", "300s", "--size", "1280x800"), extra...)
		cmd = append(cmd, "airport")
		if out, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", cmd, err, out)
		}
		f, err := os.Open(shot)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	with, without := shoot("help.png", "--help-overlay"), shoot("map.png")

	// The box: 24 px in from the edges, nearly opaque over the map.
	box := color.RGBA{0x08, 0x0c, 0x12, 0xff}
	dark, n := 0, 0
	for y := 60; y < 760; y += 7 {
		for x := 40; x < 1240; x += 7 {
			n++
			if c := rgba(with, x, y); int(c.R)+int(c.G)+int(c.B) < 3*0x20 {
				dark++
			}
		}
	}
	if dark < n*7/10 {
		t.Errorf("%d of %d pixels inside the overlay are dark (its box %v): the overlay is not drawn?", dark, n, box)
	}

	accent := color.RGBA{0xe6, 0xd3, 0xa3, 0xff} // the names and units
	lines := func(img image.Image) int {
		total := 0
		for _, half := range [][2]int{{24, 640}, {640, 1256}} {
			last := -100 // the last row with an accent pixel
			for y := 24; y < 776; y++ {
				hit := false
				for x := half[0]; x < half[1] && !hit; x++ {
					hit = near(rgba(img, x, y), accent)
				}
				if hit {
					if y-last > 5 { // lines are 17 px apart, glyphs 13 px tall
						total++
					}
					last = y
				}
			}
		}
		return total
	}
	if got, want := lines(with), len(scene.Explanations()); got != want {
		t.Errorf("the overlay writes %d name lines, want one for each of the %d explanations", got, want)
	}
	if got := lines(without); got > 3 {
		t.Errorf("without the overlay, %d lines in its accent colour", got)
	}
}
