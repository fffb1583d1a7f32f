// Package scene is what the viewer shows, without the window: a Session
// runs a scenario (world, sensors, tracker) step by step and keeps the
// recent detections; a Camera maps the site's metres to pixels; a View
// holds the camera, the visible layers and the selection; Pick finds the
// object under a pixel. It imports no graphics library, so all of it is
// tested headless; package viewer draws it with ebiten.
package scene
