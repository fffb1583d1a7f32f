package coverage

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/sensors"
)

// TestMicroDopplerLabelRange: one micro-Doppler radar in open terrain
// labels a drone's plot drone, per look, with the probability
// drone_as_drone × Pd where the radar equation's integrated SNR
// (computed here from the radar's parameters, not through the radar)
// reaches min_snr_db, and never beyond; within the dwell, at least one of
// its 8 looks. Without a classifier, nothing is labelled.
func TestMicroDopplerLabelRange(t *testing.T) {
	md := strings.Replace(equationRadar, "    beamwidth_deg:", "    micro_doppler: {min_snr_db: 25, drone_as_drone: 0.85}\n    beamwidth_deg:", 1)
	opts := Options{AltitudesM: []float64{50}, DwellS: 2, CellM: 20, Box: &Box{-2000, -2000, 2000, 2000}}
	g, err := New(scenario(t, md, ""), opts)
	if err != nil {
		t.Fatal(err)
	}
	eq := sensors.RadarEquation{PeakPowerW: 10, GainDB: 35, FrequencyHz: 24e9, BandwidthHz: 1e6, NoiseFigureDB: 5, LossesDB: 4, Pulses: 64}
	l := g.Layers[0]
	rnd := rand.New(rand.NewPCG(5, 6))
	var labelled, beyond int
	for range 4000 {
		i := rnd.IntN(len(l.Pd))
		e, n := g.Center(i)
		slant := math.Hypot(math.Hypot(e, n), 50-10)
		az := math.Atan2(e, n) * 180 / math.Pi
		el := math.Atan2(50-10, math.Hypot(e, n)) * 180 / math.Pi
		want := 0.0
		if snr1 := eq.SNRDB(0.01, slant); math.Abs(az-90) <= 60 && el <= 60 && slant >= 20 && slant <= 2500 {
			if snr1+10*math.Log10(64) >= 25 {
				want = 0.85 * sensors.DetectionProbability(sensors.Swerling1, snr1, 1e-6, 64)
				labelled++
			} else if l.LookPd[0][i] > 0.1 {
				beyond++ // detected often, never labelled
			}
		}
		wantDwell := 1 - math.Pow(1-want, 8) // 4 Hz over 2 s
		if got := l.MicroDopplerPd[i]; math.Abs(got-wantDwell) > 2e-4 {
			t.Fatalf("cell (%.0f, %.0f) at %.0f m: label Pd within the dwell %.6f, expected %.6f", e, n, slant, got, wantDwell)
		}
		if l.RFPd[i] != 0 || l.RFPairPd[i] != 0 || l.LabelPd[i] != l.MicroDopplerPd[i] {
			t.Fatalf("cell (%.0f, %.0f): RF pair %g and label Pd %g with no RF detector", e, n, l.RFPairPd[i], l.LabelPd[i])
		}
	}
	if labelled < 100 || beyond < 100 {
		t.Fatalf("sampled %d cells inside the label range and %d detected beyond it; expected both", labelled, beyond)
	}
	plain, err := New(scenario(t, equationRadar, ""), opts)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range plain.Layers[0].LabelPd {
		if p != 0 {
			t.Fatalf("cell %d: label Pd %g from a radar without a classifier", i, p)
		}
	}
}

// rfDetector is an RF detector at (e, n) for the test class's 2.44 GHz
// link, with a threshold that makes its range a few kilometres.
func rfDetector(id, e, n string) string {
	return `
  - id: ` + id + `
    type: rf
    position: [` + e + `, ` + n + `]
    mast_height_m: 10
    bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}]
    noise_figure_db: 6
    threshold_snr_db: 20
    propagation: {model: free_space}
    update_period_s: 1
`
}

// TestRFPair: with three RF detectors, the probability that at least two
// hear the link within the dwell (bearings that cross: full emission
// evidence) is q₁q₂ + q₁q₃ + q₂q₃ − 2q₁q₂q₃ of their dwell Pds
// (inclusion–exclusion, against the grid's recursion over the detectors),
// and that at least one does 1 − (1 − q₁)(1 − q₂)(1 − q₃); with a
// micro-Doppler radar too, LabelPd is a label, a pair, or one detector
// while the radar detects the drone. With one detector alone, no pair and
// no evidence: its bearings start no track.
func TestRFPair(t *testing.T) {
	md := strings.Replace(equationRadar, "    beamwidth_deg:", "    micro_doppler: {min_snr_db: 25}\n    beamwidth_deg:", 1)
	three := rfDetector("rf-a", "-1500", "0") + rfDetector("rf-b", "1500", "0") + rfDetector("rf-c", "0", "2000") + md
	g, err := New(scenario(t, three, ""), Options{AltitudesM: []float64{80}, DwellS: 1.5, CellM: 100, Box: &Box{-6000, -6000, 6000, 6000}})
	if err != nil {
		t.Fatal(err)
	}
	l := g.Layers[0]
	var some, none int
	for i := range l.Pd {
		q1, q2, q3 := l.DwellPd[0][i], l.DwellPd[1][i], l.DwellPd[2][i]
		want := q1*q2 + q1*q3 + q2*q3 - 2*q1*q2*q3
		if math.Abs(l.RFPairPd[i]-want) > 1e-12 {
			e, n := g.Center(i)
			t.Fatalf("cell (%.0f, %.0f): dwell Pds %g, %g, %g; RF pair %.12f, expected %.12f", e, n, q1, q2, q3, l.RFPairPd[i], want)
		}
		heard := 1 - (1-q1)*(1-q2)*(1-q3)
		if math.Abs(l.RFPd[i]-heard) > 1e-12 {
			t.Fatalf("cell %d: RF Pd %g, expected %g", i, l.RFPd[i], heard)
		}
		// No evidence: no detector hears it and no label, or exactly one
		// hears it and the radar does not detect it.
		exactlyOne := q1*(1-q2)*(1-q3) + (1-q1)*q2*(1-q3) + (1-q1)*(1-q2)*q3
		missing := (1-heard)*(1-l.MicroDopplerPd[i]) + exactlyOne*(1-l.DwellPd[3][i])
		if wantLabel := 1 - missing; math.Abs(l.LabelPd[i]-wantLabel) > 1e-12 {
			t.Fatalf("cell %d: label Pd %g, expected %g", i, l.LabelPd[i], wantLabel)
		}
		switch {
		case want > 0.5 && l.MicroDopplerPd[i] == 0:
			some++
		case want == 0 && (q1 > 0 || q2 > 0 || q3 > 0):
			none++ // heard by one detector only: no emission evidence
		}
	}
	if some < 50 || none < 50 {
		t.Fatalf("%d cells with emission evidence alone, %d heard by one detector only; expected both", some, none)
	}
	g, err = New(scenario(t, rfDetector("rf-a", "0", "0"), ""), Options{AltitudesM: []float64{80}, CellM: 200, Box: &Box{-3000, -3000, 3000, 3000}})
	if err != nil {
		t.Fatal(err)
	}
	heard := 0
	for i, p := range g.Layers[0].RFPairPd {
		l := &g.Layers[0]
		if p != 0 || l.LabelPd[i] != 0 || l.RFPd[i] != l.DwellPd[0][i] {
			t.Fatalf("cell %d: RF pair %g, label Pd %g, RF Pd %g with one detector of dwell Pd %g", i, p, l.LabelPd[i], l.RFPd[i], l.DwellPd[0][i])
		}
		if l.RFPd[i] > 0 {
			heard++
		}
	}
	if heard == 0 {
		t.Fatal("the one detector hears nothing")
	}
}
