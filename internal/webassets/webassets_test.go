package webassets

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// site writes a small site like the viewer's: a page, a script and a
// megabyte of WebAssembly-like bytes (compressible, as code is), and a
// PNG that does not compress.
func site(t *testing.T) (dir string, files map[string][]byte) {
	t.Helper()
	dir = t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	wasm := make([]byte, 1<<20)
	for i := range wasm {
		wasm[i] = "\x00\x01\x02\x03\x20\x41\x7f\x0b"[r.IntN(8)]
	}
	noise := make([]byte, 64<<10)
	for i := range noise {
		noise[i] = byte(r.Uint32())
	}
	files = map[string][]byte{
		"index.html":       []byte(strings.Repeat("<p>cuasim</p>\n", 200)),
		"wasm_exec.js":     []byte(strings.Repeat("function go() { return 1; }\n", 500)),
		"cuasim-view.wasm": wasm,
		"img/noise.png":    noise,
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, files
}

func get(t *testing.T, h http.Handler, method, target string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCompressedAndPlain: a client that accepts gzip gets the compressed
// form, which decodes to the file byte for byte; one that does not (or
// refuses it with q=0) gets the file itself; both carry Vary and their
// own ETag, and the file's media type.
func TestCompressedAndPlain(t *testing.T) {
	dir, files := site(t)
	h, st, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if st.Files != 4 || st.GzipBytes >= st.PlainBytes {
		t.Errorf("stats %+v", st)
	}
	for name, want := range files {
		z := get(t, h, "GET", "/"+name, "Accept-Encoding", "gzip, deflate")
		p := get(t, h, "GET", "/"+name)
		q0 := get(t, h, "GET", "/"+name, "Accept-Encoding", "gzip;q=0, deflate")
		if z.Code != 200 || p.Code != 200 || q0.Code != 200 {
			t.Fatalf("%s: %d %d %d", name, z.Code, p.Code, q0.Code)
		}
		if !bytes.Equal(p.Body.Bytes(), want) || p.Header().Get("Content-Encoding") != "" ||
			!bytes.Equal(q0.Body.Bytes(), want) || q0.Header().Get("Content-Encoding") != "" {
			t.Errorf("%s: the plain form is not the file", name)
		}
		if name == "img/noise.png" {
			if z.Header().Get("Content-Encoding") != "" || !bytes.Equal(z.Body.Bytes(), want) || z.Header().Get("Vary") != "" {
				t.Errorf("%s, which does not compress, sent with encoding %q, vary %q", name, z.Header().Get("Content-Encoding"), z.Header().Get("Vary"))
			}
			continue
		}
		if z.Header().Get("Content-Encoding") != "gzip" || z.Body.Len() >= len(want) {
			t.Fatalf("%s: encoding %q, %d bytes of %d", name, z.Header().Get("Content-Encoding"), z.Body.Len(), len(want))
		}
		if !bytes.Equal(gunzip(t, z.Body.Bytes()), want) {
			t.Errorf("%s: the gzip form does not decode to the file", name)
		}
		if z.Header().Get("Content-Length") != fmt.Sprint(z.Body.Len()) {
			t.Errorf("%s: Content-Length %s for %d bytes", name, z.Header().Get("Content-Length"), z.Body.Len())
		}
		for _, w := range []*httptest.ResponseRecorder{z, p} {
			if w.Header().Get("Vary") != "Accept-Encoding" || w.Header().Get("Cache-Control") != "no-cache" {
				t.Errorf("%s: Vary %q, Cache-Control %q", name, w.Header().Get("Vary"), w.Header().Get("Cache-Control"))
			}
		}
		if ez, ep := z.Header().Get("ETag"), p.Header().Get("ETag"); ez == ep || !strings.HasPrefix(ep, `"`) || ez != strings.TrimSuffix(ep, `"`)+`-gzip"` {
			t.Errorf("%s: ETags %s (gzip) and %s (plain)", name, ez, ep)
		}
	}
	if ct := get(t, h, "GET", "/cuasim-view.wasm").Header().Get("Content-Type"); ct != "application/wasm" {
		t.Errorf("wasm served as %q", ct)
	}
	if w := get(t, h, "GET", "/"); !bytes.Equal(w.Body.Bytes(), files["index.html"]) {
		t.Error("/ is not index.html")
	}
}

// TestRevalidation: a client that sends back the ETag it has gets a 304
// without a body, for each form; a stale ETag gets the file.
func TestRevalidation(t *testing.T) {
	dir, _ := site(t)
	h, _, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	for _, ae := range []string{"gzip", ""} {
		first := get(t, h, "GET", "/cuasim-view.wasm", "Accept-Encoding", ae)
		etag := first.Header().Get("ETag")
		again := get(t, h, "GET", "/cuasim-view.wasm", "Accept-Encoding", ae, "If-None-Match", etag)
		if again.Code != http.StatusNotModified || again.Body.Len() != 0 || again.Header().Get("ETag") != etag {
			t.Errorf("Accept-Encoding %q, If-None-Match %s: %d with %d bytes, ETag %s", ae, etag, again.Code, again.Body.Len(), again.Header().Get("ETag"))
		}
		stale := get(t, h, "GET", "/cuasim-view.wasm", "Accept-Encoding", ae, "If-None-Match", `"0123"`)
		if stale.Code != 200 || stale.Body.Len() != first.Body.Len() {
			t.Errorf("stale ETag: %d with %d bytes", stale.Code, stale.Body.Len())
		}
	}
	if w := get(t, h, "HEAD", "/cuasim-view.wasm", "Accept-Encoding", "gzip"); w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("HEAD: %d, %d bytes, %q", w.Code, w.Body.Len(), w.Header().Get("Content-Encoding"))
	}
}

// TestChangedOnDisk: a file rebuilt while the server runs is served new,
// with a new ETag, in both forms (the gzip form once it is made, the file
// as it is until then); a file added is served; paths outside the
// directory and other methods are refused.
func TestChangedOnDisk(t *testing.T) {
	dir, _ := site(t)
	h, _, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	old := get(t, h, "GET", "/wasm_exec.js", "Accept-Encoding", "gzip").Header().Get("ETag")
	fresh := []byte(strings.Repeat("function go() { return 2; }\n", 600))
	p := filepath.Join(dir, "wasm_exec.js")
	if err := os.WriteFile(p, fresh, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Second)
	os.Chtimes(p, later, later)
	z := get(t, h, "GET", "/wasm_exec.js", "Accept-Encoding", "gzip")
	if body := z.Body.Bytes(); z.Header().Get("Content-Encoding") == "gzip" {
		if !bytes.Equal(gunzip(t, body), fresh) {
			t.Error("after a rebuild the gzip form is old")
		}
	} else if !bytes.Equal(body, fresh) {
		t.Error("after a rebuild the file sent is old")
	}
	if z.Header().Get("ETag") == old {
		t.Errorf("after a rebuild: ETag %s (was %s)", z.Header().Get("ETag"), old)
	}
	for deadline := time.Now().Add(30 * time.Second); z.Header().Get("Content-Encoding") != "gzip"; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the rebuilt file is never sent compressed")
		}
		z = get(t, h, "GET", "/wasm_exec.js", "Accept-Encoding", "gzip")
	}
	if !bytes.Equal(gunzip(t, z.Body.Bytes()), fresh) || z.Header().Get("ETag") == old {
		t.Errorf("after a rebuild, compressed: ETag %s (was %s)", z.Header().Get("ETag"), old)
	}
	if w := get(t, h, "GET", "/wasm_exec.js"); !bytes.Equal(w.Body.Bytes(), fresh) {
		t.Error("after a rebuild the plain form is old")
	}
	if err := os.WriteFile(filepath.Join(dir, "new.yaml"), []byte("name: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if w := get(t, h, "GET", "/new.yaml"); w.Code != 200 || w.Body.String() != "name: x\n" {
		t.Errorf("a file added: %d %q", w.Code, w.Body.String())
	}
	outside := filepath.Join(filepath.Dir(dir), "secret.txt")
	os.WriteFile(outside, []byte("no"), 0o644)
	defer os.Remove(outside)
	for _, target := range []string{"/../secret.txt", "/img/../../secret.txt", "/img", "/missing.js"} {
		if w := get(t, h, "GET", target); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d", target, w.Code)
		}
	}
	if w := get(t, h, "POST", "/index.html"); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", w.Code)
	}
}

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{
		"": false, "gzip": true, "gzip, deflate": true, "deflate, br": false, "br;q=1.0, gzip;q=0.8": true,
		"gzip;q=0": false, "*": true, "*;q=0": false, "*, gzip;q=0": false, "GZIP": true, "identity": false,
	} {
		if got := acceptsGzip(h); got != want {
			t.Errorf("acceptsGzip(%q) = %v", h, got)
		}
	}
}
