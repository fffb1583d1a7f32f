package webassets

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// webDist returns the browser viewer's build: CUASIM_WEB_DIST, as
// scripts/test.sh sets it, or a fresh build.
func webDist(tb testing.TB) string {
	tb.Helper()
	if d := os.Getenv("CUASIM_WEB_DIST"); d != "" {
		return d
	}
	d := filepath.Join(tb.TempDir(), "dist")
	if out, err := exec.Command("../../scripts/build-web.sh", d).CombinedOutput(); err != nil {
		tb.Fatalf("build-web.sh: %v\n%s", err, out)
	}
	return d
}

// countingListener counts the bytes the server writes: headers and
// bodies, as they go onto the network.
type countingListener struct {
	net.Listener
	sent *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	return countingConn{c, l.sent}, err
}

type countingConn struct {
	net.Conn
	sent *atomic.Int64
}

func (c countingConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.sent.Add(int64(n))
	return n, err
}

// classroom is the outcome of a class loading the viewer.
type classroom struct {
	firstBytes, reloadBytes int64
	first, reload           time.Duration
}

// pageFiles are what a browser fetches to start the viewer.
var pageFiles = []string{"/", "/wasm_exec.js", "/cuasim-view.wasm"}

// loadClassroom serves h on the loopback and has students clients load
// the page, the script and the WebAssembly at once, as a browser does
// over plain HTTP (Accept-Encoding: gzip, deflate), each on its own
// connection; then reload it, sending back the validators they got
// (If-None-Match, If-Modified-Since). Every body is read to the end and,
// once, checked against the file: gzip decoded. It returns the bytes the
// server wrote and the wall time of each round.
func loadClassroom(tb testing.TB, h http.Handler, dir string, students int) classroom {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	var sent atomic.Int64
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(countingListener{ln, &sent})
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	type validators struct{ etag, modified string }
	round := func(got []map[string]validators) time.Duration {
		start := time.Now()
		var wg sync.WaitGroup
		errs := make(chan error, students)
		for s := range students {
			wg.Go(func() {
				// Its own connection, and no transparent gzip: the
				// bytes counted are those a browser receives.
				c := &http.Client{Timeout: 2 * time.Minute, Transport: &http.Transport{DisableCompression: true}}
				defer c.CloseIdleConnections()
				for _, f := range pageFiles {
					req, _ := http.NewRequest("GET", base+f, nil)
					req.Header.Set("Accept-Encoding", "gzip, deflate")
					if v, ok := got[s][f]; ok {
						if v.etag != "" {
							req.Header.Set("If-None-Match", v.etag)
						}
						if v.modified != "" {
							req.Header.Set("If-Modified-Since", v.modified)
						}
					}
					resp, err := c.Do(req)
					if err != nil {
						errs <- err
						return
					}
					// Student 0 keeps the body to check it; the others
					// read it to the end, as a browser would.
					var body bytes.Buffer
					w := io.Discard
					if s == 0 {
						w = &body
					}
					_, err = io.Copy(w, resp.Body)
					resp.Body.Close()
					if err == nil && s == 0 && resp.StatusCode == 200 {
						err = sameAsFile(dir, f, resp, body.Bytes())
					}
					if err != nil {
						errs <- err
						return
					}
					got[s][f] = validators{resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			tb.Fatal(err)
		}
		return time.Since(start)
	}
	got := make([]map[string]validators, students)
	for i := range got {
		got[i] = map[string]validators{}
	}
	var c classroom
	c.first = round(got)
	c.firstBytes = sent.Swap(0)
	c.reload = round(got)
	c.reloadBytes = sent.Load()
	return c
}

// sameAsFile checks a response's body, decoded, against the file.
func sameAsFile(dir, f string, resp *http.Response, body []byte) error {
	if f == "/" {
		f = "/index.html"
	}
	want, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f[1:])))
	if err != nil {
		return err
	}
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return fmt.Errorf("%s: %v", f, err)
		}
		if body, err = io.ReadAll(zr); err != nil {
			return fmt.Errorf("%s: %v", f, err)
		}
	}
	if !bytes.Equal(body, want) {
		return fmt.Errorf("%s: %d bytes received (encoding %q) are not the file's %d", f, len(body), resp.Header.Get("Content-Encoding"), len(want))
	}
	return nil
}

// BenchmarkClassroom is the load test of cuasim serve: 30 students load
// the browser viewer at once on the loopback, then reload it; before, with
// the http.FileServer cuasim serve used to run, and after, with this
// package's Handler. It reports the megabytes the server sent and the
// wall time of each round, and what the first load's bytes would take
// through a classroom's shared 100 Mbit/s of Wi-Fi (bytes × 8 / 10⁸: a
// computed figure; the loopback itself is no bottleneck). Every body is
// read whole, and student 0's checked against the file after decoding.
// It needs the browser build (CUASIM_WEB_DIST, or it runs
// scripts/build-web.sh). Run:
//
//	go test ./internal/webassets -run '^$' -bench Classroom -benchtime 1x
func BenchmarkClassroom(b *testing.B) {
	const students = 30
	dir := webDist(b)
	for _, c := range []struct {
		name string
		h    func() http.Handler
	}{
		{"before=FileServer", func() http.Handler { return http.FileServer(http.Dir(dir)) }},
		{"after=precompressed", func() http.Handler {
			h, st, err := New(dir)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("serve start: %s", st)
			return h
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			h := c.h()
			var r classroom
			for b.Loop() {
				r = loadClassroom(b, h, dir, students)
			}
			b.ReportMetric(float64(r.firstBytes)/1e6, "MB-first-load")
			b.ReportMetric(r.first.Seconds(), "s-first-load")
			b.ReportMetric(float64(r.firstBytes)*8/1e8, "s-at-100Mbit/s")
			b.ReportMetric(float64(r.reloadBytes)/1e6, "MB-reload")
			b.ReportMetric(r.reload.Seconds(), "s-reload")
		})
	}
}

// TestClassroom loads the real viewer for a class of 30 through the
// Handler (6 under the race detector): the page, script and WebAssembly
// arrive whole (decoded, the files byte for byte), compressed to under a
// third, and a reload sends next to nothing. Skipped in -short mode.
func TestClassroom(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 30 copies of the viewer")
	}
	dir := webDist(t)
	h, st, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	students := int64(30)
	if raceEnabled {
		students = 6
	}
	r := loadClassroom(t, h, dir, int(students))
	if max := students * st.PlainBytes / 3; r.firstBytes > max {
		t.Errorf("%d first loads sent %d bytes, more than a third of the plain %d", students, r.firstBytes, students*st.PlainBytes)
	}
	if r.reloadBytes > students*3*1000 {
		t.Errorf("%d reloads sent %d bytes", students, r.reloadBytes)
	}
}
