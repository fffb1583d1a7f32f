package e2e

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestReportPage runs a small cuasim compare, renders its report.html in
// headless Chromium and checks the screenshot: the page is drawn from top
// to bottom (ink in every band of rows down to the figures), its inlined
// figures decoded (the layouts' colours are there, which no text on the
// page has), all with the network cut off. It is skipped without
// Chromium unless CUASIM_REQUIRE_BROWSER is set (the test script sets it).
func TestReportPage(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CUASIM_REQUIRE_BROWSER") != "" {
			t.Fatal("chromium not found; install Debian's chromium (scripts/test.sh does)")
		}
		t.Skip("chromium not found")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "cuasim")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/cuasim").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "cmp")
	if b, err := exec.Command(bin, "compare", "airport", "--replications", "2", "--duration", "10m",
		"--layouts", "base,rf-ring", "--out", out, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("cuasim compare: %v\n%s", err, b)
	}
	page, err := filepath.Abs(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}

	const w, h = 1280, 4000
	shot := filepath.Join(dir, "page.png")
	ctx, stop := context.WithTimeout(context.Background(), 2*time.Minute)
	defer stop()
	// No network at all: a self-contained page does not need it.
	b, err := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--window-size=1280,4000", "--hide-scrollbars",
		"--virtual-time-budget=5000", "--screenshot="+shot, "file://"+page).CombinedOutput()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, b)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, b)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if bd := img.Bounds(); bd.Dx() != w || bd.Dy() != h {
		t.Fatalf("screenshot is %v, want %dx%d", bd, w, h)
	}

	// Ink (anything not near white) in each of the first bands of 400
	// rows: the heading, the tables, the figures.
	for y0 := 0; y0 < 3200; y0 += 400 {
		if n := inkedRows(img, y0, y0+400); n < 40 {
			t.Errorf("rows %d-%d: %d rows with ink: the page is blank there", y0, y0+400, n)
		}
	}
	// The heading: dark text in the top left.
	if n := inkedRows(img, 0, 80); n < 15 {
		t.Errorf("%d inked rows where the title should be", n)
	}
	// The figures: their colours (the two layouts' blue and orange, the
	// budget's and the critical zone's red), which the page's text and
	// tables do not use.
	var blue, orange, red int
	for y := 0; y < h; y += 2 {
		for x := 0; x < w; x += 2 {
			c := rgba(img, x, y)
			switch {
			case within(c, 0x00, 0x72, 0xb2, 24):
				blue++
			case within(c, 0xe6, 0x9f, 0x00, 24):
				orange++
			case within(c, 0xc0, 0x1c, 0x28, 24):
				red++
			}
		}
	}
	if blue < 200 || orange < 200 || red < 50 {
		t.Errorf("figure colours: %d blue, %d orange, %d red pixels (sampled): the inlined figures did not render?", blue, orange, red)
	}
}

// inkedRows counts the rows in [y0, y1) with a pixel darker than light grey.
func inkedRows(img image.Image, y0, y1 int) int {
	n := 0
	b := img.Bounds()
	for y := max(y0, b.Min.Y); y < min(y1, b.Max.Y); y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if c := rgba(img, x, y); int(c.R)+int(c.G)+int(c.B) < 3*0xd0 {
				n++
				break
			}
		}
	}
	return n
}

// within reports whether c is within tol of the colour r, g, b in each
// channel.
func within(c color.RGBA, r, g, b uint8, tol int) bool {
	d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
	return d(c.R, r) <= tol && d(c.G, g) <= tol && d(c.B, b) <= tol
}
