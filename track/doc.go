// Package track turns detections into tracks: it estimates where each
// object is and how it moves, decides which detection belongs to which
// track, starts and ends tracks, fuses radar plots and RF bearings, and
// says how likely each track is to be a real object and whether it is a
// drone, a bird or clutter.
//
// It uses the vocabulary of the field (Bar-Shalom, Li and Kirubarajan,
// Estimation with Applications to Tracking and Navigation, 2001; Blackman
// and Popoli, Design and Analysis of Modern Tracking Systems, 1999; the
// component names of Stone Soup):
//
//   - motion models (CV, Hover) give the predictor its transition F and
//     process noise Q;
//   - the filter is an extended Kalman filter: each measurement (radar
//     range, azimuth, elevation, radial velocity; RF azimuth, elevation) is
//     linearised about the predicted state; an IMM of a constant-velocity
//     and a near-hover model runs one such filter per model and mixes them;
//   - the gate keeps measurement–track pairs whose Mahalanobis distance is
//     inside a chi-square gate, after a cheap sort-and-sweep coarse gate;
//   - the associator (GNN: global nearest neighbour by optimal assignment)
//     picks at most one measurement per track and track per measurement;
//   - the initiator starts tentative tracks from unused radar plots and from
//     RF bearings of one link heard by two or more sensors (triangulation);
//   - track management confirms a tentative track after M hits in its first
//     N looks, or when its existence probability (its track score) is high
//     enough, and deletes a track after K misses in a row, when its
//     existence falls too low or when its horizontal position uncertainty
//     grows too large; every track carries an existence probability in
//     [0, 1] (its quality) and drone/bird/clutter probabilities from
//     bounded evidence (micro-Doppler labels, RF emission, kinematics);
//   - where no sensor measures a track's altitude, a prior over the
//     targets' altitude band bounds it (VerticalPrior).
//
// The tracker never sees truth: it takes Measurement values, built from
// sensors.Detection by FromDetection, which drops the truth fields.
package track
