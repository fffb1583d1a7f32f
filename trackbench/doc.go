// Package trackbench is a standard, public-style benchmark of a
// multi-target tracker, and a reference tracker to measure cuasim's
// against on the same detections.
//
// The scene (Scene) is a 2-D radar at the origin of a plane measuring
// range (σ 10 m) and bearing (σ 0.5°), with no elevation and no Doppler,
// and K targets on nearly-constant-velocity paths (white acceleration of
// density 0.5 m²/s³ per axis) that start 300–1800 m out at 5–15 m/s. Each
// 1-s scan detects each target with probability 0.9 and adds Poisson
// clutter, 5 false plots a scan on average, uniform over a 4 km × 4 km
// square; a run is 300 scans.
//
// The reference (Reference) is the textbook baseline: a 4-state EKF with
// the true motion model, a Mahalanobis gate, global nearest neighbour
// assignment (package assign), two-point initiation and deletion after 3
// scans without an update. Run scores the confirmed tracks of either, from
// scan 10, with OSPA (cut-off 100 m, p = 1) and the parts of GOSPA
// (α = 2, same c and p): localisation, targets missed and false tracks
// per scan, on the horizontal positions, and times the scans.
//
// The benchmark's figures, over five seeds and with CV and IMM filters,
// are in docs/tracking.md; the test that checks them writes the table.
package trackbench
