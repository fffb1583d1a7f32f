package coverage

import "math"

// Where a drone is labelled: the classification evidence its track can
// gather within the dwell, from the sensors' models alone. A track's
// P(drone) starts from the tracker's prior (few of the objects near a site
// are drones) and moves with three kinds of evidence (package track):
// micro-Doppler labels of its radar plots, seconds in which RF bearings
// on the drone's link update it (in full when bearings of two detectors
// cross on it, a third as much from one detector's alone), and its
// kinematics. The first two depend on where the sensors are, and on the
// sensors' models only:
//
//   - a plot is labelled when its integrated SNR (the radar equation's
//     mean SNR at the slant range, the pulses integrated) reaches the
//     classifier's min_snr_db, and labelled drone with probability
//     drone_as_drone: per look, Pd · drone_as_drone inside the label range
//     and 0 beyond it (sensors.Radar.LabelPdOn; the grid takes both from LookLabelPdOn); over the dwell,
//     DwellPd of that, and over the radars, at least one, independently;
//   - the emission evidence: the probability that at least one RF
//     detector hears the class's links within the dwell (RFPd), and that
//     at least two do (RFPairPd), each with its dwell Pd, independently,
//     as each detector draws its own reception in the simulation.
//
// LabelPd is the probability that some evidence reaches the drone's
// track: a drone label, or bearings of two RF detectors (which start a
// track of their own), or one detector's bearings while a radar detects
// the drone (one detector's bearings count only on a track a radar
// holds). With a, b and c the probabilities that two or more, exactly
// one and no RF detector hear it, the evidence is missing with
// probability c·P(no label) + b·P(no radar detection), a label implying a
// detection. How far the evidence then moves P(drone), and whether it
// reaches an alert's threshold, is the tracker's business (the prior, how
// much evidence, its bounds, association with birds near by): the map
// says where a drone can be told from a bird at all. Where LabelPd is 0,
// a track's P(drone) rests on its kinematics alone, which the tracker
// bounds.

// labels sets cell i's classification probabilities in layer l from the
// per-look label Pds of the cell's chunk, label[s·stride].
func (g *Grid) labels(l *Layer, i int, label []float64, stride int) {
	mdMiss, radarMiss := 1.0, 1.0
	none, one := 1.0, 0.0 // RF detectors hearing the link: none, exactly one
	for s := range g.Sensors {
		sn := &g.Sensors[s]
		switch {
		case sn.Radar:
			radarMiss *= 1 - l.DwellPd[s][i]
			if sn.Labels {
				mdMiss *= 1 - DwellPd(label[s*stride], g.DwellS, sn.RevisitS)
			}
		default:
			q := l.DwellPd[s][i]
			none, one = none*(1-q), one*(1-q)+none*q
		}
	}
	l.MicroDopplerPd[i], l.RFPd[i] = 1-mdMiss, 1-none
	l.RFPairPd[i] = math.Max(0, 1-none-one)
	l.LabelPd[i] = math.Max(0, 1-none*mdMiss-one*radarMiss)
}
