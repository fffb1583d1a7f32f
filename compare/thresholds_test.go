package compare

import (
	"math"
	"strconv"
	"testing"

	"github.com/cuasim/cuasim/track"
)

// TestDefaultThresholdsStraddleRFOnly holds what DefaultThresholds' comment
// and docs/tracking.md say of the calibrated P(drone): a confirmed RF-only
// track (emission at its bound, no labels, existence 1, the shipped prior
// 0.1) sits between 0.92 and 0.93, so the default sweep has a threshold on
// either side of it.
func TestDefaultThresholdsStraddleRFOnly(t *testing.T) {
	lo := math.Log(0.1/0.9) + 4.6
	e := track.Evidence{RFLogOdds: 4.6, LogOdds: lo, NaivePDrone: 1 / (1 + math.Exp(-lo))}
	rf := track.CalibratedPDrone(&e)
	if !(rf > 0.92 && rf < 0.93) {
		t.Errorf("an RF-only track's calibrated P(drone) %.4f, want in (0.92, 0.93)", rf)
	}
	below, above := false, false
	for _, v := range DefaultThresholds.Values {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatal(err)
		}
		below = below || x < rf
		above = above || x > rf
	}
	if !below || !above {
		t.Errorf("default thresholds %v do not straddle the RF-only track's %.4f", DefaultThresholds.Values, rf)
	}
}
