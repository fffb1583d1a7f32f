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
)

const serveHelp = `Serves the browser build of the viewer on this machine, so that a classroom
can use it with nothing but a browser. Build it first (it is not part of
the source tree):

  ./scripts/build-web.sh            # writes web/dist
  cuasim serve                      # then open the address it prints

Options --addr and --dir choose where to listen and what to serve.
Ctrl-C stops the server.

Examples:
  cuasim serve
  cuasim serve --addr 0.0.0.0:8080 --dir web/dist
`

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
	srv := &http.Server{Handler: http.FileServer(http.Dir(*dir)), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "Serving the cuasim viewer from %s at http://%s/ (Ctrl-C stops)\n", *dir, ln.Addr())

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
