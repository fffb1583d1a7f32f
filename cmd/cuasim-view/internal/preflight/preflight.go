// Package preflight checks cuasim-view's command line and display before
// ebiten starts. ebiten initialises GLFW when its package is initialised,
// before main runs, and panics with a stack trace when there is no
// display; so --help would need a display, and a machine without one
// would get a panic instead of a sentence.
//
// Its init does the checks. Go initialises packages in the order of
// their import paths, each once the packages it imports are initialised
// (the Go spec, "Package initialization"); this package's path sorts
// before github.com/hajimehoshi/ebiten's, and it imports only standard
// packages that ebiten's own initialisation needs, so its init runs
// first. The e2e tests run the viewer with DISPLAY unset and pointing at
// no server, and would see a panic if that stopped being so.
//
// Package main imports it for its init alone, before anything else.
package preflight

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/cuasim/cuasim/cmd/cuasim-view/internal/cli"
)

func init() {
	if runtime.GOOS == "js" {
		return // the browser: no command line, always a canvas
	}
	switch _, err := cli.Parse(os.Args[1:], io.Discard); {
	case errors.Is(err, flag.ErrHelp):
		// The help goes where a user asking for it looks (| less).
		_, _ = cli.Parse(os.Args[1:], os.Stdout)
		os.Exit(0)
	case err != nil:
		_, _ = cli.Parse(os.Args[1:], os.Stderr) // says what is wrong
		os.Exit(2)
	}
	if msg := noDisplay(); msg != "" {
		fmt.Fprintf(os.Stderr, "cuasim-view: %s: the viewer needs a window; on a machine without a screen run it under Xvfb (xvfb-run -a cuasim-view ...) or use the browser build (./scripts/build-web.sh, then cuasim serve)\n", msg)
		os.Exit(1)
	}
}
