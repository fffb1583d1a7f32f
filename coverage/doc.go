// Package coverage computes coverage maps: grids over a site, at chosen
// altitudes, of the probability that a layout's sensors detect a drone of
// a chosen class. It computes them from the sensors' own models and the
// site's geometry, look by look; it never runs the tracker.
//
// At each cell centre and altitude, for each sensor:
//
//   - the per-look Pd: for a radar, sensors.Radar.LookPd, the detection
//     probability its dwell draws against (radar equation or reference
//     point, the class's mean RCS and Swerling model, the radar's Pfa and
//     pulses), 0 outside its range and elevation limits, its azimuth field
//     of view, the 4/3-earth radio horizon, or behind an obstacle; for a
//     passive RF detector, sensors.RF.LookPd, 1 − Π(1 − duty cycle) over
//     the class's links whose median link budget (no shadowing) reaches the
//     threshold, 0 where the detector cannot hear the point;
//   - the dwell Pd: the probability of at least one detection in a dwell of
//     T seconds, looks being independent (scan-to-scan decorrelation) and
//     one every revisit period P. With T/P = m + f (m whole, 0 ≤ f < 1) a
//     window of T at a random phase holds m + 1 looks with probability f and
//     m otherwise, so Pd_dwell = 1 − (1 − p)^m · (1 − f·p) for per-look Pd p.
//
// Over the sensors, the cell's Pd is 1 − Π(1 − Pd_dwell,s), independent
// sensors; its k-coverage is the number of sensors whose dwell Pd reaches
// Options.KPd (0.9 unless set); and its dead zones are the 4-connected
// areas of cells whose Pd is below Options.FloorPd (0.5 unless set),
// largest first.
//
// Cells are computed row by row on every core; each cell's numbers depend
// only on the cell, so a grid is the same on any number of cores.
//
// PlanView is the one coverage map the report's layouts figure and the
// viewer's pdmap layer draw. Package covmap writes grids as files (PNG and
// SVG maps, GeoJSON dead zones); it is apart so that the viewer, which
// draws grids itself, links neither the plotting library nor GeoJSON.
package coverage
