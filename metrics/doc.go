// Package metrics scores what the sensors and the tracker produce against
// the simulation's truth: detection statistics (DetectionStats), the OSPA
// and GOSPA distances between point sets, track-to-truth scoring over a
// run (TrackStats: breaks, swaps, false tracks and their causes, RMSE,
// NEES), and the alerts (AlertScorer for one set of alert rules,
// CurveScorer for every P(drone) threshold at once). It is the only
// package besides the command-line tools and the viewer that sees
// estimates and truth side by side.
package metrics
