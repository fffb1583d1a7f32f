package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openViewer serves the browser viewer, opens link (a query, or "") on
// it in headless Chromium and waits until the viewer runs: its canvas is
// in the page and the loading line gone.
func openViewer(t *testing.T, query string) (*browser, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	base := serveWeb(t, ctx)
	url := base
	if query != "" {
		url += "?" + query
	}
	b := startBrowser(t, ctx, url, 1100, 700)
	b.waitFor(t, "running the viewer", `document.querySelector("canvas") && !document.getElementById("status")`, 2*time.Minute)
	return b, url
}

// TestBrowserLink opens a canonical link in the browser viewer — every
// key a link can set — presses c as a student would, and reads the link
// the page shows and puts in the address bar: it is the link opened.
// The page came compressed (the WebAssembly's transfer was smaller than
// the file) and the browser decoded it: the viewer runs.
func TestBrowserLink(t *testing.T) {
	const query = "scenario=airport&seed=7&at=2m&layers=truth,tracks,labels,legend&layout=rf-ring&confirm=2of4&zoom=2.5&center=-300,150&select=sensor:rf-north&paused=1"
	b, url := openViewer(t, query)

	var sizes struct{ Encoded, Decoded float64 }
	b.eval(t, `(() => { const e = performance.getEntriesByType("resource").find(e => e.name.endsWith("/cuasim-view.wasm"));
		return {encoded: e.encodedBodySize, decoded: e.decodedBodySize}; })()`, &sizes)
	if !(sizes.Encoded > 0 && sizes.Encoded < sizes.Decoded/3) {
		t.Errorf("the viewer's WebAssembly came as %.0f bytes for %.0f: not compressed", sizes.Encoded, sizes.Decoded)
	}

	var shown string
	for try := 0; try < 20 && shown == ""; try++ {
		b.press(t, "c", "KeyC", 67)
		time.Sleep(time.Second)
		b.eval(t, `document.getElementById("link").hidden ? "" : document.getElementById("link-url").value`, &shown)
	}
	if shown != url {
		t.Errorf("opened\n%s\nthe page shows the link\n%s", url, shown)
	}
	var address string
	b.eval(t, `location.href`, &address)
	if address != url {
		t.Errorf("address bar after c: %s", address)
	}
	if t.Failed() {
		// Kept after the test, to look at.
		if d, err := os.MkdirTemp("", "cuasim-link-"); err == nil {
			b.screenshot(t, filepath.Join(d, "page.png"))
			t.Log("the page is in", filepath.Join(d, "page.png"))
		}
	}
}

// TestBrowserDrop drops a malformed scenario file on the browser viewer,
// as a student drags it from the file manager: the page shows exactly
// the lines cuasim validate prints for it, with the WebAssembly doing the
// checking. Then a valid scenario with a warning: the page shows the
// warning as validate does and the viewer runs the scenario (its name is
// in the link of the view).
func TestBrowserDrop(t *testing.T) {
	dir := t.TempDir()
	cuasim := filepath.Join(dir, "cuasim")
	if out, err := exec.Command("go", "build", "-o", cuasim, "../cmd/cuasim").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	validate := func(file string) (stderr string, ok bool) {
		cmd := exec.Command(cuasim, "validate", filepath.Base(file))
		cmd.Dir = filepath.Dir(file)
		var e bytes.Buffer
		cmd.Stderr = &e
		err := cmd.Run()
		return strings.TrimSuffix(e.String(), "\n"), err == nil
	}

	bad := filepath.Join(dir, "my-site.yaml")
	if err := os.WriteFile(bad, []byte(malformed), 0o644); err != nil {
		t.Fatal(err)
	}
	want, ok := validate(bad)
	if ok || strings.Count(want, "\n") < 2 {
		t.Fatalf("cuasim validate passes the malformed file, or finds one problem:\n%s", want)
	}

	b, _ := openViewer(t, "")
	b.dropFile(t, bad, 550, 350)
	b.waitFor(t, "showing the report", `!document.getElementById("report").hidden`, time.Minute)
	var got, title string
	b.eval(t, `document.getElementById("report-text").textContent`, &got)
	b.eval(t, `document.getElementById("report-title").textContent`, &title)
	if got != want {
		t.Errorf("the page shows\n%s\ncuasim validate prints\n%s", got, want)
	}
	if n := strings.Count(want, "\n") + 1; !strings.HasPrefix(title, fmt.Sprintf("my-site.yaml: %d problems", n)) {
		t.Errorf("report title %q", title)
	}

	good := filepath.Join(dir, "late-drone.yaml")
	if err := os.WriteFile(good, []byte(withWarning), 0o644); err != nil {
		t.Fatal(err)
	}
	want, ok = validate(good)
	if !ok || !strings.Contains(want, "warning") {
		t.Fatalf("cuasim validate: ok %v, stderr:\n%s", ok, want)
	}
	b.eval(t, `document.getElementById("report").hidden = true`, nil)
	b.dropFile(t, good, 550, 350)
	b.waitFor(t, "showing the report", `!document.getElementById("report").hidden`, time.Minute)
	b.eval(t, `document.getElementById("report-text").textContent`, &got)
	if got != want {
		t.Errorf("warnings: the page shows\n%s\ncuasim validate prints\n%s", got, want)
	}
	var link string
	for try := 0; try < 20 && !strings.Contains(link, "scenario=late-drone.yaml&"); try++ {
		b.press(t, "c", "KeyC", 67)
		time.Sleep(time.Second)
		b.eval(t, `document.getElementById("link-url").value`, &link)
	}
	if !strings.Contains(link, "?scenario=late-drone.yaml&") {
		t.Errorf("after dropping a valid scenario, the view's link is %q", link)
	}
}

// malformed is a scenario a student might write: a misspelt field, a
// value of the wrong type, a position given by one number.
const malformed = `name: my-site
site: {name: school}
sensors:
  - id: radar-1
    type: radar
    position: [0]
    mast_heigth_m: 10
    frequency_hz: 9.4e9
    reference: {range_m: 5000, rcs_m2: 0.1, pd: 0.95, swerling: 0}
    scan: {mode: staring, update_rate_hz: fast, width_deg: 360}
    range_m: {min: 50, max: 6000}
    range_resolution_m: 10
    velocity_resolution_mps: 1
run: {duration_s: 600}
`

// withWarning is valid, with a drone that starts after the run ends.
const withWarning = `name: late-drone
site: {name: school}
uav_types:
  - name: quad
    rcs: {mean_m2: 0.01, swerling: 1}
    cruise_speed_mps: 12
    max_speed_mps: 20
    rf_silent: true
traffic:
  - name: late
    kind: flight
    type: quad
    start_s: 900
    from: [-2000, 0]
    from_alt_m: 80
    legs:
      - goto: {to: [2000, 0], alt_m: 80}
sensors:
  - id: radar-1
    type: radar
    position: [0, 0]
    mast_height_m: 10
    frequency_hz: 9.4e9
    reference: {range_m: 5000, rcs_m2: 0.1, pd: 0.95, swerling: 0}
    scan: {mode: staring, update_rate_hz: 1, width_deg: 360}
    range_m: {min: 50, max: 6000}
    range_resolution_m: 10
    velocity_resolution_mps: 1
run: {duration_s: 600}
`
