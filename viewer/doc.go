// Package viewer draws a running scene — the site, its sensors and their
// coverage, the truth, every detection as it happens, the tracker's
// tracks with their uncertainty and class, and the alerts in force on the
// protected zones — with ebiten, and plays it in a window.
//
// Draw renders a scene.Session through a scene.View into any
// *ebiten.Image: the window's screen, or an offscreen image for a
// screenshot. Game wires it to the keyboard and mouse in the ebiten way:
// state changes in Update, pixels in Draw. Screenshot draws one frame into
// a PNG and ends. Everything that can be tested without a display lives in
// package scene; this package needs cgo and a display (Xvfb will do).
package viewer
