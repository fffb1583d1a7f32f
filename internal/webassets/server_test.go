package webassets

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// serve starts a server for h with limits l on a loopback port, counting
// the connections open at once, and stops it when the test ends.
func serve(t *testing.T, h http.Handler, l Limits) (addr string, open *gauge) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	open = &gauge{}
	srv := Server(h, l)
	srv.ConnState = func(_ net.Conn, s http.ConnState) {
		switch s {
		case http.StateNew:
			open.add(1)
		case http.StateClosed, http.StateHijacked:
			open.add(-1)
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(Listener(ln, l))
	}()
	t.Cleanup(func() {
		srv.Close()
		<-done
	})
	return ln.Addr().String(), open
}

// gauge counts, and keeps the highest count reached.
type gauge struct {
	mu       sync.Mutex
	n, most  int
	everSeen int
}

func (g *gauge) add(d int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.n += d
	if d > 0 {
		g.everSeen++
	}
	g.most = max(g.most, g.n)
}

func (g *gauge) get() (n, most, seen int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n, g.most, g.everSeen
}

// request sends a GET on conn and reads the answer whole.
func request(conn net.Conn, br *bufio.Reader, path string) (*http.Response, []byte, error) {
	if _, err := io.WriteString(conn, "GET "+path+" HTTP/1.1\r\nHost: test\r\n\r\n"); err != nil {
		return nil, nil, err
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return nil, nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, body, err
}

// smallSite is a directory with a page only.
func smallSite(t *testing.T) *Handler {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<p>cuasim</p>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h, _, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

// TestIdleConnectionsClosed opens 5000 keep-alive connections on
// loopback (1000 under the race detector, which allows 8128 goroutines),
// sends one request on each and leaves it idle: each must be closed by the
// server within the idle timeout (2 s here, a margin of 2 s for a loaded
// machine), and every connection the server accepted be gone at the end.
// The test is bounded: each connection is read with a deadline, and every
// one is closed when it ends.
func TestIdleConnectionsClosed(t *testing.T) {
	n := 5000
	if raceEnabled {
		n = 1000
	}
	const idle, margin = 2 * time.Second, 2 * time.Second
	l := DefaultLimits
	l.IdleTimeout, l.MaxConns = idle, n+100
	addr, open := serve(t, smallSite(t), l)

	conns := make([]net.Conn, 0, n)
	t.Cleanup(func() {
		for _, c := range conns {
			c.Close()
		}
	})
	idleFrom := make([]time.Time, 0, n)
	start := time.Now()
	for i := range n {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		conns = append(conns, c)
		c.SetDeadline(time.Now().Add(10 * time.Second))
		resp, _, err := request(c, bufio.NewReaderSize(c, 1024), "/")
		if err != nil || resp.StatusCode != http.StatusOK || resp.Close {
			t.Fatalf("connection %d: %v %v", i, resp, err)
		}
		idleFrom = append(idleFrom, time.Now())
	}
	opened := time.Since(start)
	if now, _, _ := open.get(); now < n/2 && opened < idle {
		t.Errorf("only %d of %d connections open after the requests", now, n)
	}
	// Connections in the order they went idle: each must see the server's
	// close (EOF) by its own deadline; deadlines only grow, so reading them
	// in turn never starts one after its deadline has passed.
	late := 0
	for i, c := range conns {
		c.SetReadDeadline(idleFrom[i].Add(idle + margin))
		var b [1]byte
		_, err := c.Read(b[:])
		if !errors.Is(err, io.EOF) {
			if late++; late <= 3 {
				t.Errorf("connection %d: %v, want the server's close within %s of its request", i, err, idle+margin)
			}
		}
	}
	if late > 0 {
		t.Errorf("%d of %d idle connections not closed within %s", late, n, idle+margin)
	}
	for deadline := time.Now().Add(margin); ; time.Sleep(10 * time.Millisecond) {
		now, _, seen := open.get()
		if now == 0 && seen == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("server: %d connections still open, %d accepted of %d", now, seen, n)
		}
	}
	t.Logf("%d connections opened in %s, all closed within the idle timeout", n, opened.Round(time.Millisecond))
}

// TestConnectionCap: with a cap of 4, ten clients that each make a request
// are all answered, never more than 4 connections open at once; those
// beyond the cap wait for an idle one to be closed.
func TestConnectionCap(t *testing.T) {
	const clients = 10
	l := DefaultLimits
	l.IdleTimeout, l.MaxConns = 200*time.Millisecond, 4
	addr, open := serve(t, smallSite(t), l)
	var wg sync.WaitGroup
	var answered atomic.Int32
	for range clients {
		wg.Go(func() {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(20 * time.Second))
			if resp, _, err := request(c, bufio.NewReader(c), "/"); err == nil && resp.StatusCode == http.StatusOK {
				answered.Add(1)
			} else {
				t.Error(err)
			}
			// Stay idle until the server closes the connection.
			io.Copy(io.Discard, c)
		})
	}
	wg.Wait()
	_, most, seen := open.get()
	if answered.Load() != clients || seen != clients {
		t.Errorf("%d clients answered, %d connections accepted, want %d", answered.Load(), seen, clients)
	}
	if most > 4 {
		t.Errorf("%d connections open at once, over the cap of 4", most)
	}
}

// TestSlowReaderCutOff: a client that asks for a large file and does not
// read it is cut off within the write timeout: the server closes its
// connection (what the kernel had already buffered may still arrive).
func TestSlowReaderCutOff(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 32<<20) // incompressible, more than the socket buffers hold
	r := rand.New(rand.NewPCG(3, 4))
	for i := range big {
		big[i] = byte(r.Uint32())
	}
	if err := os.WriteFile(filepath.Join(dir, "big.png"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	h, _, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	l := DefaultLimits
	l.WriteTimeout = time.Second
	addr, open := serve(t, h, l)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.(*net.TCPConn).SetReadBuffer(4 << 10)
	sent := time.Now()
	if _, err := io.WriteString(c, "GET /big.png HTTP/1.1\r\nHost: test\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	const margin = 2 * time.Second
	for {
		now, _, seen := open.get()
		if seen == 1 && now == 0 {
			break
		}
		if time.Since(sent) > l.WriteTimeout+margin {
			t.Fatalf("the server still holds the connection of a client that does not read, %s after its request", time.Since(sent).Round(time.Millisecond))
		}
		time.Sleep(10 * time.Millisecond)
	}
	if took := time.Since(sent); took < l.WriteTimeout/2 {
		t.Errorf("closed after %s, before the write timeout of %s", took, l.WriteTimeout)
	}
}

// TestDotfiles: files and directories whose names begin with a dot are
// neither held nor served, at any depth or spelling of the path.
func TestDotfiles(t *testing.T) {
	dir, _ := site(t)
	for name, data := range map[string]string{
		".git/config": "[remote]\n", ".git/index.html": "x", ".env": "TOKEN=1\n", "img/.secret.png": "x", ".hidden/page.html": "x",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h, st, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if st.Files != 4 {
		t.Errorf("holds %d files, want the site's 4", st.Files)
	}
	for _, target := range []string{"/.git/config", "/.git/", "/.env", "/img/.secret.png", "/.hidden/page.html", "/img/../.env", "/%2egit/config", "/./.git/config"} {
		if w := get(t, h, "GET", target); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d %q", target, w.Code, w.Body.String())
		}
	}
	if w := get(t, h, "GET", "/index.html"); w.Code != http.StatusOK {
		t.Errorf("GET /index.html: %d", w.Code)
	}
}

// TestNoWaitForCompression: while the WebAssembly rebuilt on disk is being
// compressed again (a compression held back here until the test lets it
// go), every request is answered at once: the page as before, the
// WebAssembly new and uncompressed; once the compression is done, the new
// gzip form is sent.
func TestNoWaitForCompression(t *testing.T) {
	dir, files := site(t)
	h, _, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	var released sync.Once
	let := func() { released.Do(func() { close(release) }) }
	defer h.Close()
	defer let()
	h.mu.Lock()
	h.compress = func(b []byte) []byte {
		<-release
		return gzipBest(b)
	}
	h.mu.Unlock()

	fresh := bytes.Repeat([]byte("\x00asm new build\x01"), 1<<16)
	p := filepath.Join(dir, "cuasim-view.wasm")
	if err := os.WriteFile(p, fresh, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Second)
	os.Chtimes(p, later, later)

	answered := make(chan string, 4)
	go func() {
		for _, target := range []string{"/cuasim-view.wasm", "/index.html", "/cuasim-view.wasm", "/wasm_exec.js"} {
			w := get(t, h, "GET", target, "Accept-Encoding", "gzip")
			body := w.Body.Bytes()
			if w.Header().Get("Content-Encoding") == "gzip" {
				body = gunzip(t, body)
			}
			want := files[strings.TrimPrefix(target, "/")]
			if target == "/cuasim-view.wasm" {
				want = fresh
				if w.Header().Get("Vary") != "Accept-Encoding" {
					t.Errorf("the rebuilt wasm sent plain without Vary: Accept-Encoding")
				}
			}
			if w.Code != http.StatusOK || !bytes.Equal(body, want) {
				t.Errorf("GET %s during the compression: %d, %d bytes", target, w.Code, len(body))
			}
			answered <- target
		}
	}()
	for range 4 {
		select {
		case <-answered:
		case <-time.After(5 * time.Second):
			t.Fatal("a request waited for the compression")
		}
	}
	let()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		w := get(t, h, "GET", "/cuasim-view.wasm", "Accept-Encoding", "gzip")
		if w.Header().Get("Content-Encoding") == "gzip" {
			if !bytes.Equal(gunzip(t, w.Body.Bytes()), fresh) {
				t.Error("the new gzip form does not decode to the rebuilt file")
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the rebuilt wasm is never sent compressed")
		}
	}
}
