// Package webassets serves a directory of static files — the browser
// viewer's page, script and WebAssembly — to a classroom: each file is
// held in memory with its gzip form, made once when the server starts (or
// when the file changes on disk), and sent compressed to every client
// that accepts gzip, with Content-Encoding, Vary: Accept-Encoding and a
// strong ETag per form so that a reload costs a 304. Clients that do not
// accept gzip get the file as it is.
//
// A file changed on disk while the server runs is read again by the
// first request that finds it changed, and served as it is from then on;
// its gzip form is made in the background and used once it is ready, so
// that no request waits for compression (the viewer's takes seconds).
// Files and directories whose names begin with a dot (.git, .env) are
// neither held nor served. Server gives the http.Server the timeouts and
// connection cap a server open to a classroom needs.
//
// Why at serve start and not in scripts/build-web.sh: the server then
// serves whatever directory it is given, including one built by hand or
// by an older script, and a compressed copy can never be older than its
// file (a build that forgot to recompress would send yesterday's viewer
// to every student). Compressing the 22 MB viewer costs about a second
// and a half of one core when the server starts; every request after
// that is a copy from memory.
//
// Why gzip alone: browsers ask for brotli (and zstd) only over HTTPS or
// from localhost. Chromium sends "Accept-Encoding: gzip, deflate" to
// http://any-other-host/, which is how a classroom reaches cuasim serve,
// so a brotli form would be made and never sent.
package webassets

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Handler serves the regular files under a directory; see the package
// comment.
type Handler struct {
	root *os.Root
	mu   sync.Mutex
	held map[string]*asset // by slash-separated path under the root
	// compress makes a gzip form; a test slows it down.
	compress func([]byte) []byte
	// compressing holds the paths whose gzip form is being made, and
	// background counts those compressions; Close waits for them.
	compressing map[string]bool
	background  sync.WaitGroup
}

// asset is a file held in memory, with its gzip form if that is smaller.
// An asset is never changed once held: a new form replaces it whole.
type asset struct {
	name  string
	size  int64
	mod   time.Time
	ctype string
	plain []byte
	gz    []byte // nil if compression does not pay, or is not done yet
	// pending is set while the gzip form is being made in the background.
	pending bool
	etag    string // of the plain form; the gzip form's adds "-gzip"
}

// Stats describe what a Handler holds.
type Stats struct {
	Files                 int
	PlainBytes, GzipBytes int64 // gzip: the sizes sent to clients that accept it
	Took                  time.Duration
}

// New holds every regular file under dir, compressing those that gain
// from it, and returns the handler and what it did.
func New(dir string) (*Handler, Stats, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, Stats{}, err
	}
	h := &Handler{root: root, held: map[string]*asset{}, compressing: map[string]bool{}, compress: gzipBest}
	start := time.Now()
	var st Stats
	err = fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && hidden(p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		a, err := h.read(p)
		if err != nil {
			return err
		}
		if compressible(a.ctype) {
			a = a.withGzip(h.compress(a.plain))
		}
		h.held[p] = a
		st.Files++
		st.PlainBytes += int64(len(a.plain))
		st.GzipBytes += int64(len(a.body(true)))
		return nil
	})
	if err != nil {
		root.Close()
		return nil, Stats{}, err
	}
	st.Took = time.Since(start)
	return h, st, nil
}

// Close waits for the compressions under way and releases the directory.
func (h *Handler) Close() error {
	h.background.Wait()
	return h.root.Close()
}

// hidden reports whether a slash-separated path has a part whose name
// begins with a dot (.git/config, img/.DS_Store): such files are private
// to whoever built the directory, and never served.
func hidden(p string) bool {
	for part := range strings.SplitSeq(p, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

// gzipBest returns data compressed with gzip at its best compression.
func gzipBest(data []byte) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

// withGzip returns a copy of the asset with the gzip form gz, kept if it
// is at least a tenth smaller than the file.
func (a *asset) withGzip(gz []byte) *asset {
	c := *a
	c.pending = false
	if len(gz) < len(a.plain)*9/10 {
		c.gz = gz
	}
	return &c
}

// read reads the file p into an asset without its gzip form.
func (h *Handler) read(p string) (*asset, error) {
	f, err := h.root.Open(filepath.FromSlash(p))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fs.ErrNotExist
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return &asset{name: p, size: fi.Size(), mod: fi.ModTime(), plain: data,
		etag: hex.EncodeToString(sum[:12]), ctype: contentType(p)}, nil
}

// body is the form sent: gzip if accepted and made.
func (a *asset) body(gzipOK bool) []byte {
	if gzipOK && a.gz != nil {
		return a.gz
	}
	return a.plain
}

// contentType is the media type by extension; the viewer's WebAssembly
// must be application/wasm for the browser to compile it as it arrives.
func contentType(p string) string {
	switch path.Ext(p) {
	case ".wasm":
		return "application/wasm"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	case ".yaml", ".yml":
		return "application/yaml; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func compressible(ctype string) bool {
	t, _, _ := strings.Cut(ctype, ";")
	switch t {
	case "application/wasm", "application/json", "application/yaml", "image/svg+xml", "application/octet-stream":
		return true
	}
	return strings.HasPrefix(t, "text/")
}

// ServeHTTP serves GET and HEAD requests for the held files; "/" and a
// directory's "/" are its index.html. A file changed on disk since it was
// held is read and compressed again before it is served.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if p == "" || strings.HasSuffix(r.URL.Path, "/") {
		p = path.Join(p, "index.html")
	}
	a, err := h.current(p)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	gzipOK := a.gz != nil && acceptsGzip(r.Header.Get("Accept-Encoding"))
	hd := w.Header()
	hd.Set("Content-Type", a.ctype)
	hd.Set("Cache-Control", "no-cache") // names are not hashed: revalidate, a 304 is cheap
	etag := a.etag
	if a.pending {
		// Sent plain until its gzip form is ready; a later request may
		// get the gzip form, so caches must keep them apart.
		hd.Add("Vary", "Accept-Encoding")
	}
	if a.gz != nil {
		hd.Add("Vary", "Accept-Encoding")
		if gzipOK {
			hd.Set("Content-Encoding", "gzip")
			etag += "-gzip"
			if r.Header.Get("Range") == "" {
				// ServeContent leaves the length of an encoded body
				// out; a browser shows the download's progress with it.
				hd.Set("Content-Length", strconv.Itoa(len(a.gz)))
			}
		}
	}
	hd.Set("ETag", `"`+etag+`"`)
	// ServeContent answers If-None-Match (304), If-Modified-Since,
	// ranges (of the form sent) and HEAD.
	http.ServeContent(w, r, a.name, a.mod, bytes.NewReader(a.body(gzipOK)))
}

// current returns the held file p, read again if it changed on disk, or
// read for the first time if it appeared after the server started. A file
// read again is returned at once, plain, while its gzip form is made in
// the background: no request waits for a compression, and none holds the
// lock while it reads a file.
func (h *Handler) current(p string) (*asset, error) {
	if !fs.ValidPath(p) || hidden(p) {
		return nil, fs.ErrNotExist
	}
	fi, err := h.root.Stat(filepath.FromSlash(p))
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fs.ErrNotExist
	}
	h.mu.Lock()
	a := h.held[p]
	h.mu.Unlock()
	if a != nil && a.size == fi.Size() && a.mod.Equal(fi.ModTime()) {
		return a, nil
	}
	a, err = h.read(p)
	if err != nil {
		return nil, err
	}
	a.pending = compressible(a.ctype)
	h.mu.Lock()
	defer h.mu.Unlock()
	if old := h.held[p]; old != nil && old.etag == a.etag && old.mod.Equal(a.mod) {
		return old, nil // another request read it first
	}
	h.held[p] = a
	if a.pending && !h.compressing[p] {
		h.compressing[p] = true
		h.background.Add(1)
		go h.compressHeld(p)
	}
	return a, nil
}

// compressHeld makes the gzip form of the file p as held, and again while
// the file changed during the compression, one at a time: a file rewritten
// bit by bit (a rebuild in progress) costs one compression after another,
// never one per request. It runs with h.mu unlocked.
func (h *Handler) compressHeld(p string) {
	defer h.background.Done()
	h.mu.Lock()
	defer h.mu.Unlock()
	for {
		a := h.held[p]
		if a == nil || !a.pending {
			delete(h.compressing, p)
			return
		}
		h.mu.Unlock()
		done := a.withGzip(h.compress(a.plain))
		h.mu.Lock()
		if h.held[p] == a {
			h.held[p] = done
		}
	}
}

// acceptsGzip reports whether an Accept-Encoding header accepts gzip:
// named, or through "*", with a quality above 0.
func acceptsGzip(header string) bool {
	gzipQ, starQ := -1.0, -1.0
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		for _, prm := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(prm), "=")
			if ok && strings.EqualFold(k, "q") {
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					q = x
				}
			}
		}
		switch strings.ToLower(strings.TrimSpace(coding)) {
		case "gzip", "x-gzip":
			gzipQ = q
		case "*":
			starQ = q
		}
	}
	if gzipQ >= 0 {
		return gzipQ > 0
	}
	return starQ > 0
}

// String describes the stats for the server's first line.
func (s Stats) String() string {
	return fmt.Sprintf("%d files, %.1f MB, %.1f MB gzipped, compressed in %.1f s",
		s.Files, float64(s.PlainBytes)/1e6, float64(s.GzipBytes)/1e6, s.Took.Seconds())
}
