package e2e

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSavePrompt renders the airport under Xvfb with a sensor moved and
// the save prompt open (--save-prompt, as the s key opens it): the prompt's
// box is outlined in the accent colour, two long edges of it across the
// middle of the picture, and no such edge is drawn without the prompt.
// Without a moved sensor there is nothing to save, and the viewer says so.
func TestSavePrompt(t *testing.T) {
	prefix := display(t)
	bin := buildViewer(t)
	dir := t.TempDir()
	run := func(extra ...string) ([]byte, error) {
		cmd := append(append(prefix, bin, "--at", "120s", "--size", "1280x800", "--move", "radar-east:1600:900"), extra...)
		c := exec.Command(cmd[0], append(cmd[1:], "airport")...)
		c.Dir = dir
		return c.CombinedOutput()
	}
	shoot := func(name string, extra ...string) image.Image {
		shot := filepath.Join(dir, name)
		if out, err := run(append([]string{"--screenshot", shot}, extra...)...); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return readPNG(t, shot)
	}
	accent := color.RGBA{0x4d, 0xe8, 0xc2, 0xff} // colSelect: the prompt's outline
	edges := func(img image.Image) (rows []int) {
		for y := 0; y < 800; y++ {
			run, best := 0, 0
			for x := 0; x < 1280; x++ {
				if near(rgba(img, x, y), accent) {
					run++
					best = max(best, run)
				} else {
					run = 0
				}
			}
			if best >= 600 {
				rows = append(rows, y)
			}
		}
		return rows
	}
	with, without := shoot("save.png", "--save-prompt"), shoot("map.png")
	if e := edges(with); len(e) < 2 || e[len(e)-1]-e[0] < 120 || e[0] < 40 || e[len(e)-1] > 760 {
		t.Errorf("rows with the prompt's edge: %v; want its top and bottom, at least 120 px apart, on the screen", e)
	}
	if e := edges(without); len(e) > 0 {
		t.Errorf("rows with a long accent line without the prompt: %v", e)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the prompt wrote files: %v", entries)
	}
	none := append(prefix, bin, "--screenshot", filepath.Join(dir, "x.png"), "--save-prompt", "airport")
	out, err := exec.Command(none[0], none[1:]...).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "--save-prompt: no sensor is moved") {
		t.Errorf("--save-prompt with nothing moved: %v\n%s", err, out)
	}
}

// readPNG decodes the PNG file at path.
func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
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
