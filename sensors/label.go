package sensors

import (
	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/sim"
)

// LookLabelPdOn returns, for one look of the radar at a drone of mean RCS
// rcsM2 at p, the look's Pd (as LookPdOn gives it) and the probability
// that the look gives a plot its micro-Doppler classifier labels drone:
// the Pd times the classifier's drone_as_drone where the plot's
// integrated SNR — the radar equation's mean SNR at the slant range, the
// pulses integrated, as dwell and label compute it — reaches min_snr_db,
// and 0 elsewhere or for a radar without a classifier. Both come from one
// check of the line of sight.
//
// As LookPdOn, it is safe for concurrent use only after one call of Pd
// for the model.
func (r *Radar) LookLabelPdOn(site *sim.Site, p r3.Vec, rcsM2 float64, model Swerling) (pd, labelPd float64) {
	g, ok := r.sees(site, p)
	if !ok {
		return 0, 0
	}
	snr1 := r.SNRDB(rcsM2, g.rangeM)
	pd = r.curve(model).At(snr1)
	if r.classify == nil || snr1+r.pulsesDB < r.classify.MinSNRdB {
		return pd, 0
	}
	return pd, pd * r.classify.PLabel(ClassDrone, 0)
}

// Labels reports whether the radar has a micro-Doppler classifier.
func (r *Radar) Labels() bool { return r.classify != nil }
