// Package scene is what the viewer shows, without the window: a Session
// runs a scenario (world, sensors, tracker, alert rules) step by step in
// any of its layouts and keeps the recent detections; a Replay plays a
// recorded run; both give a Frame — truth, detections, tracks and the
// alerts in force — to draw; a Camera maps the site's metres to pixels; a View
// holds the camera, the visible layers and the selection; Pick finds the
// object under a pixel. It imports no graphics library, so all of it is
// tested headless; package viewer draws it with ebiten.
package scene
