package sensors

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"
)

// TestLookLabelPd: the per-look probability of a plot labelled drone that
// coverage maps (LookLabelPdOn) is the fraction of looks at a hovering
// drone whose plot the simulated radar labels drone, inside the 99.9 %
// binomial bound: within the label range (integrated SNR at or above
// min_snr_db) Pd × drone_as_drone, beyond it 0 although the radar still
// detects the drone; and its Pd is LookPdOn's.
func TestLookLabelPd(t *testing.T) {
	forSeeds(t, func(t *testing.T, testWorld worldAt) {
		_, n, _ := testWorld(t, "traffic:\n"+hover("d", "quad", 0, 1000, 10)+fmt.Sprintf(staring, 4), 1)
		// The label threshold: the integrated SNR at 2 km ground range.
		minSNR := n.Sensors[0].(*Radar).SNRDB(0.01, 2000) + 10*math.Log10(4)
		md := fmt.Sprintf("    micro_doppler: {min_snr_db: %.6f, drone_as_drone: 0.8}\n", minSNR)
		for _, c := range []struct {
			rangeM   float64
			labelled bool
		}{{1800, true}, {2400, false}} {
			w, n, _ := testWorld(t, "traffic:\n"+hover("d", "quad", 0, c.rangeM, 10)+fmt.Sprintf(staring, 4)+md, 300)
			radar := n.Sensors[0].(*Radar)
			p := r3.Vec{X: 0, Y: c.rangeM, Z: 10}
			pd, label := radar.LookLabelPdOn(radar.site, p, 0.01, Swerling1)
			if want := radar.LookPdOn(radar.site, p, 0.01, Swerling1); pd != want || pd < 0.3 {
				t.Fatalf("at %g m: Pd %g, LookPdOn gives %g (want it above 0.3 to test labels)", c.rangeM, pd, want)
			}
			if want := 0.8 * pd; c.labelled && math.Abs(label-want) > 1e-15 || !c.labelled && label != 0 {
				t.Fatalf("at %g m: label Pd %g (labelled: %v, Pd %g)", c.rangeM, label, c.labelled, pd)
			}
			looks := int(math.Round(w.DurationS * 10))
			drone := count(runAll(w, n), func(d *Detection) bool { return !d.FalseAlarm() && d.Class == ClassDrone })
			if got := float64(drone) / float64(looks); math.Abs(got-label) > binomialBound(label, looks) {
				t.Errorf("at %g m: %d of %d looks labelled drone (%.4f), LookLabelPdOn %.4f ± %.4f", c.rangeM, drone, looks, got, label, binomialBound(label, looks))
			}
		}
	})
}
