package e2e

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cuasim/cuasim/scenarios"
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

// TestBrowserSavesLayout opens the browser viewer on base with the radar
// moved (a link's move, as a drag makes it), presses s and enter as a
// user does, and reads what the page was handed to download: the whole
// scenario file, which loads, with layout dragged-1 putting the radar
// where it was moved and every other sensor where base has it.
func TestBrowserSavesLayout(t *testing.T) {
	b, _ := openViewer(t, "scenario=base&move=radar:300:-400.5&paused=1")
	b.eval(t, `(window.cuasimDownload = (name, text) => { window.savedFile = {name, text}; }, true)`, nil)
	var saved struct{ Name, Text string }
	for try := 0; try < 20 && saved.Name == ""; try++ {
		b.press(t, "s", "KeyS", 83)
		time.Sleep(500 * time.Millisecond)
		b.press(t, "Enter", "Enter", 13)
		time.Sleep(time.Second)
		b.eval(t, `window.savedFile || {name: "", text: ""}`, &saved)
	}
	if saved.Name != "base.yaml" {
		t.Fatalf("the page was handed %q to download", saved.Name)
	}
	sc, err := scenarios.Parse(saved.Name, []byte(saved.Text))
	if err != nil {
		t.Fatalf("the downloaded file does not load: %v\n%s", err, saved.Text)
	}
	l, err := sc.WithLayout("dragged-1")
	if err != nil {
		t.Fatal(err)
	}
	base, _ := scenarios.Embedded("base")
	want := slices.Clone(base.Sensors)
	want[0].Position = scenarios.Point{EastM: 300, NorthM: -400.5}
	if !scenarios.SameSensors(l.Sensors, want) {
		t.Errorf("dragged-1's sensors are not base's with the radar at 300, -400.5:\n%s", saved.Text)
	}
}
