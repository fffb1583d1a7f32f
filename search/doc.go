// Package search proposes where to put sensors: it places the listed
// sensors that a scenario's search section names on its candidate positions
// so as to give timely warning of the drones its traffic sends, and returns
// the best layouts it found for the Monte Carlo comparison (package compare)
// to confirm. It never runs the tracker: it scores layouts with a fast
// surrogate built on the sensors' own detection models (coverage.Probe),
// and leaves the verdict to compare's statistics.
//
// # The surrogate
//
// The traffic is sampled first: the scenario's world (drones and birds, no
// sensors) is run for a few seeds of the search's own (Options.Samples),
// and for every drone that enters a protected zone the positions it flew
// through, second by second, until the required warning before its entry:
// the last Options.WindowS seconds of them are the window in which the
// sensors must locate it for a track to be confirmed in time, and the last
// Options.HistoryS seconds the history over which its classification
// evidence counts.
//
// Each sensor that may be placed is put, in turn, on every candidate
// position (and, for a sensor with a limited azimuth field of view, at each
// boresight to try), and its probabilities at every sampled point are
// computed once from its own models (coverage.Probe): that it detects the
// drone within a second (coverage.DwellPd of the per-look Pd over its
// revisit), and, for a radar with micro-Doppler, the expected number of
// plots labelled drone in that second.
//
// A layout's score is the mean over the sampled drones of
//
//	P(located in confirm_m seconds of the window) · P(classified)
//
// The first factor is a Poisson tail: its mean is the sum over the window's
// seconds of the probability that the layout locates the drone that second
// (a radar detects it, or two passive RF detectors hear it: one bearing
// gives no position), and it must reach the tracker's confirm_m. The second
// follows the tracker's classifier (track.Classifier): the track's log-odds
// must reach logit(Options.PDrone) from the prior (tracker.drone_prior), on
// the evidence's own scale, before the tracker's calibration of P(drone);
// the drone's kinematics over its history count in full (birdlike speeds
// count against it), and so does the RF term (RFPerSecond a second in which
// two RF detectors hear it, bounded by MaxRF); the micro-Doppler labels
// needed for the rest come as a Poisson number, whose mean is the expected
// count of drone labels over the history, each adding on average the
// log-odds coverage.Probe.LabelLogOdds gives (net of the bird labels a
// drone draws), their sum bounded by MaxLabels.
//
// The score ranks layouts; it is not a probability of a timely alert. It
// knows nothing of false alarms, association, or the alert rules' timing,
// which is why the layouts it ranks best are confirmed by compare. On the
// airport, moving its main radar over the candidates, it orders six
// positions as the Monte Carlo does (docs/placement.md).
//
// # The search
//
// Greedy placement, then swap moves: the classical heuristic for maximal
// coverage. From nothing, the sensor and position that raise the score most
// are added one at a time (with a budget, the most per unit of cost, while
// some sensor is affordable and raises the score); then each placed sensor
// is moved to whichever other position (or boresight) raises the score most,
// the best move first, until no move raises it. The same swap moves also
// start from the listed layout, so the search never proposes less than
// where the sensors are listed, by the surrogate. Every layout scored is
// kept; the best Options.Keep distinct ones other than the listed layout are
// the result.
//
// The search is deterministic: the samples' seeds come from the search's
// seed, ties go to the earlier candidate, and workers only share out the
// precomputation.
package search
