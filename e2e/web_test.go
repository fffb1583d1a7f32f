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
	chromium := chromiumPath(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url := serveWeb(t, ctx)
	dir := t.TempDir()
	shot := filepath.Join(dir, "page.png")
	run, stop := context.WithTimeout(ctx, 3*time.Minute)
	defer stop()
	args := append(chromiumFlags(filepath.Join(dir, "profile")), "--window-size=960,600",
		"--virtual-time-budget=15000", "--screenshot="+shot, url)
	out, err := exec.CommandContext(run, chromium, args...).CombinedOutput()
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
	// sensors, where the viewer's camera, framed on the site in the
	// 960x600 canvas, puts them.
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
	checkSensors(t, img, 960, 600, 960, 600, 10)
}

// serveWeb builds the browser viewer (or takes the build in
// CUASIM_WEB_DIST) and serves it with cuasim serve on a free port of the
// loopback until ctx ends; it returns the page's address under the
// classroom host name (see chromiumFlags).
func serveWeb(t *testing.T, ctx context.Context) string {
	t.Helper()
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
	srv := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0", "--dir", dist)
	stdout, err := srv.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Process.Kill(); srv.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("cuasim serve printed nothing: %v", err)
	}
	i := strings.Index(line, "http://127.0.0.1:")
	if i < 0 {
		t.Fatalf("no address in %q", line)
	}
	return "http://classroom.test:" + strings.TrimSuffix(strings.Fields(line[i+len("http://127.0.0.1:"):])[0], "/") + "/"
}
