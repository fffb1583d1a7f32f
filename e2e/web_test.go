package e2e

import (
	"bufio"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBrowserViewer builds the viewer for WebAssembly (or takes the build
// in CUASIM_WEB_DIST), serves it with `cuasim serve`, loads the page in
// headless Chromium with its software WebGL and checks the screenshot:
// the viewer started (its background and HUD are there) and drew the
// airport's sensors where its camera puts them. It is skipped without
// Chromium unless CUASIM_REQUIRE_BROWSER is set (the test script sets it).
func TestBrowserViewer(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CUASIM_REQUIRE_BROWSER") != "" {
			t.Fatal("chromium not found; install Debian's chromium (scripts/test.sh does)")
		}
		t.Skip("chromium not found")
	}
	dir := t.TempDir()
	dist := os.Getenv("CUASIM_WEB_DIST")
	if dist == "" {
		dist = filepath.Join(dir, "dist")
		if out, err := exec.Command("../scripts/build-web.sh", dist).CombinedOutput(); err != nil {
			t.Fatalf("build-web.sh: %v\n%s", err, out)
		}
	}
	bin := filepath.Join(dir, "cuasim")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/cuasim").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// cuasim serve on a free port; it prints the address it listens on.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0", "--dir", dist)
	stdout, err := srv.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); srv.Wait() }() // stop the server, then reap it
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("cuasim serve printed nothing: %v", err)
	}
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("no address in %q", line)
	}
	url := strings.Fields(line[i:])[0]

	shot := filepath.Join(dir, "page.png")
	run, stop := context.WithTimeout(ctx, 3*time.Minute)
	defer stop()
	out, err := exec.CommandContext(run, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--window-size=960,600",
		"--virtual-time-budget=15000", "--screenshot="+shot, url).CombinedOutput()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, out)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 960 || b.Dy() != 600 {
		t.Fatalf("screenshot is %v, want 960x600", b)
	}
	// The page's own background is the same colour as the viewer's, so
	// check what only the running viewer draws: the HUD's text and the
	// sensors, where the viewer's camera (framed at its default 1280x800,
	// then shown in a 960x600 canvas) puts them.
	hudText := 0
	for y := 10; y < 50; y++ {
		for x := 10; x < 400; x++ {
			if c := rgba(img, x, y); c.R > 0xc0 && c.G > 0xc0 && c.B > 0xc0 {
				hudText++
			}
		}
	}
	if hudText < 100 {
		t.Errorf("%d bright pixels where the HUD's text should be: the viewer did not start?\n%s", hudText, out)
	}
	checkSensors(t, img, 1280, 800, 960, 600, 10)
}
