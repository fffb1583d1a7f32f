//go:build !((linux && !android) || freebsd || netbsd || openbsd || dragonfly)

package preflight

// noDisplay returns "": on Windows and macOS there is always a display,
// and in the browser a canvas.
func noDisplay() string { return "" }
