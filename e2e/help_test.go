package e2e

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// accentLines counts the lines of text in the help overlay's accent
// colour (its names and units; the lesson panel's things to try) in the
// left and right halves of img, w × h.
func accentLines(img image.Image, w, h int) int {
	accent := color.RGBA{0xe6, 0xd3, 0xa3, 0xff}
	total := 0
	for _, half := range [][2]int{{0, w / 2}, {w / 2, w}} {
		last := -100 // the last row with an accent pixel
		for y := 0; y < h; y++ {
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

// TestBrowserHelp opens lesson 6 in the browser viewer (?lesson=6), as a
// class would from a link: the lesson's panel is drawn; typing ? opens
// the help overlay and esc closes it; the pointer over a number of the
// top bar shows its explanation in a tooltip, outlined in the selection
// colour; and the link of the view (c) keeps the lesson.
func TestBrowserHelp(t *testing.T) {
	b, _ := openViewer(t, "lesson=6")
	const w, h = 1100, 700
	shot := func() image.Image {
		t.Helper()
		path := filepath.Join(t.TempDir(), "page.png")
		b.screenshot(t, path)
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
	typeKey := func(key, code string, vk, modifiers int) {
		for _, typ := range []string{"keyDown", "keyUp"} {
			p := map[string]any{"type": typ, "key": key, "code": code, "windowsVirtualKeyCode": vk, "modifiers": modifiers}
			if typ == "keyDown" && len(key) == 1 {
				p["text"] = key
			}
			b.call(t, b.session, "Input.dispatchKeyEvent", p, nil)
			time.Sleep(100 * time.Millisecond)
		}
	}
	before := accentLines(shot(), w, h)
	if before < 3 {
		t.Errorf("%d lines of the lesson's things to try: no lesson panel?", before)
	}
	opened := 0
	for try := 0; try < 10 && opened < before+15; try++ {
		typeKey("?", "Slash", 191, 8) // shift
		time.Sleep(time.Second)
		if opened = accentLines(shot(), w, h); opened < before+15 {
			typeKey("Escape", "Escape", 27, 0) // a ? lost or doubled: start again
			time.Sleep(500 * time.Millisecond)
		}
	}
	t.Logf("accent lines: %d with the lesson panel, %d with the overlay open", before, opened)
	if opened < before+15 {
		t.Errorf("after ?, %d accent lines (the lesson panel's %d): no help overlay", opened, before)
	}
	typeKey("Escape", "Escape", 27, 0)
	time.Sleep(time.Second)
	if n := accentLines(shot(), w, h); n >= before+15 {
		t.Errorf("after esc, %d accent lines: the overlay stays", n)
	}

	// The pointer on "drones N" of the top bar (its second line starts
	// at x = 16, y = 32): a tooltip with a border in the selection colour.
	sel := color.RGBA{0x4d, 0xe8, 0xc2, 0xff}
	count := func(img image.Image) int {
		n := 0
		for y := 40; y < 200; y++ {
			for x := 0; x < 500; x++ {
				if near(rgba(img, x, y), sel) {
					n++
				}
			}
		}
		return n
	}
	plain := count(shot())
	b.call(t, b.session, "Input.dispatchMouseEvent", map[string]any{"type": "mouseMoved", "x": 30, "y": 40}, nil)
	time.Sleep(time.Second)
	tip := shot()
	if os.Getenv("VH_KEEP") != "" {
		b.screenshot(t, os.Getenv("VH_KEEP"))
	}
	t.Logf("pixels in the selection colour by the top bar: %d, %d with the pointer on it", plain, count(tip))
	if n := count(tip); n < plain+200 {
		t.Errorf("pointer on the top bar's drones: %d pixels in the tooltip's colour, %d without it", n, plain)
	}

	var shown string
	for try := 0; try < 20 && shown == ""; try++ {
		typeKey("c", "KeyC", 67, 0)
		time.Sleep(time.Second)
		b.eval(t, `document.getElementById("link").hidden ? "" : document.getElementById("link-url").value`, &shown)
	}
	// The view plays on from the lesson's moment, 13m24s, while the test
	// types and waits: the link's time is at or after it, within the two
	// minutes the test can take on a loaded machine.
	at := math.NaN()
	if _, rest, ok := strings.Cut(shown, "at="); ok {
		if d, err := time.ParseDuration(strings.SplitN(rest, "&", 2)[0]); err == nil {
			at = d.Seconds()
		}
	}
	if !strings.Contains(shown, "lesson=6") || !(at >= 13*60+24 && at <= 15*60+24) {
		t.Errorf("the link of lesson 6's view is %q: no lesson=6, or not within two minutes after its moment, 13m24s", shown)
	}
}
