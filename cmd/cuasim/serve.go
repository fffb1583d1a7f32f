package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/cuasim/cuasim/internal/webassets"
)

var serveHelp = fmt.Sprintf(`Serves the browser build of the viewer on this machine, so that a classroom
can use it with nothing but a browser. Build it first (it is not part of
the source tree):

  ./scripts/build-web.sh            # writes web/dist
  cuasim serve                      # then open the address it prints

Options --addr and --dir choose where to listen and what to serve.
Ctrl-C stops the server.

The files are held in memory and compressed once, when the server starts
(the 22 MB viewer to about 5 MB with gzip), and sent compressed to every
browser, which asks for gzip; a reload costs a 304 (ETag). A file rebuilt
while the server runs is read again and sent uncompressed until its new
gzip form, made in the background, is ready: no request waits for it.
Files and directories whose names begin with a dot (.git) are not served.

Limits: a request must arrive within %s (its header within %s), an
answer be received within %s, an idle connection is closed after %s,
and %d connections are served at once (more wait their turn).

A link to the page can open a moment of a run for the whole class:
  http://HOST:8080/?scenario=base&seed=7&at=10m&layers=tracks,labels
(the c key in the viewer gives the link of what it shows; the README
lists what a link can set).

Examples:
  cuasim serve
  cuasim serve --addr 0.0.0.0:8080 --dir web/dist
`, webassets.DefaultLimits.ReadTimeout, webassets.DefaultLimits.ReadHeaderTimeout, webassets.DefaultLimits.WriteTimeout,
	webassets.DefaultLimits.IdleTimeout, webassets.DefaultLimits.MaxConns)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	dir := fs.String("dir", filepath.Join("web", "dist"), "serve the built viewer from `DIR`")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "cuasim serve: expected no arguments, found %q\n", fs.Args())
		return exitUsage
	}
	for _, f := range []string{"index.html", "wasm_exec.js", "cuasim-view.wasm"} {
		if _, err := os.Stat(filepath.Join(*dir, f)); err != nil {
			fmt.Fprintf(stderr, "cuasim serve: %s has no %s; build the browser viewer first with ./scripts/build-web.sh %s\n", *dir, f, *dir)
			return exitFailure
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "cuasim serve: %v\n", err)
		return exitFailure
	}
	assets, st, err := webassets.New(*dir)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "cuasim serve: %v\n", err)
		return exitFailure
	}
	defer assets.Close()
	srv := webassets.Server(assets, webassets.DefaultLimits)
	ln = webassets.Listener(ln, webassets.DefaultLimits)
	fmt.Fprintf(stdout, "Serving the cuasim viewer from %s at http://%s/ (%s; Ctrl-C stops)\n", *dir, ln.Addr(), st)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "cuasim serve: %v\n", err)
		return exitFailure
	}
	return exitOK
}
