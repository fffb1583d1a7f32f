package sensors

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/cuasim/cuasim/geo"
)

// rfSensor is a passive RF detector at the origin on a 10 m mast listening
// to the 2.4 GHz band; the format verbs are the propagation block and any
// extra fields.
const rfSensor = `sensors:
  - id: rf
    type: rf
    position: [0, 0]
    mast_height_m: 10
    bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}]
    noise_figure_db: 6
    threshold_snr_db: 10
    update_period_s: 1
    bearing_std_deg: {floor: 1, at_threshold: 6}
    propagation: %s
%s`

// rangeForSNR is the range at which a 20 dBm 2.44 GHz link in 1 MHz reaches
// the given SNR at the free-space rfSensor.
func rangeForSNR(snrDB float64) float64 {
	fspl := 20 - ThermalNoiseDBm(1e6, 6) - snrDB
	return SpeedOfLight / (4 * math.Pi * 2.44e9) * math.Pow(10, fspl/20)
}

// TestRFLinkBudget checks the deterministic link budget: a link 1 dB above
// the threshold is heard at every update with the received power of the
// Friis equation, and one 1 dB below it never is, whether it is far out at
// mast height or high above the ground range of the first.
func TestRFLinkBudget(t *testing.T) {
	in, out := rangeForSNR(11), rangeForSNR(9)
	if in < 3000 || out > 15000 {
		t.Fatalf("test geometry: %.0f m and %.0f m are not plausible ranges for a 20 dBm link", in, out)
	}
	// "high" is at the ground range of "near" but so far up that its
	// slant range is that of "far": the link budget must use the slant range.
	up := math.Sqrt(out*out - in*in)
	w, n, _ := testWorld(t, "traffic:\n"+hover("near", "quad", 0, in, 10)+hover("far", "quad", 0, -out, 10)+hover("high", "quad", in, 0, 10+up)+
		fmt.Sprintf(rfSensor, "{model: free_space}", ""), 100)
	dets := runAll(w, n)
	if got := count(dets, func(d *Detection) bool { return d.TruthID == 2 }); got != 0 {
		t.Errorf("a link at threshold − 1 dB by slant range (%.0f m up) heard %d times", up, got)
	}
	if got := count(dets, func(d *Detection) bool { return d.TruthID == 0 }); got != 100 {
		t.Errorf("link at threshold + 1 dB heard %d times in 100 updates", got)
	}
	if got := count(dets, func(d *Detection) bool { return d.TruthID == 1 }); got != 0 {
		t.Errorf("link at threshold − 1 dB heard %d times", got)
	}
	want := 20 - FreeSpacePathLossDB(2.44e9, in)
	for _, d := range dets {
		if math.Abs(d.PowerDBm-want) > 1e-9 || math.Abs(d.SNRdB-11) > 1e-9 || d.FrequencyHz != 2.44e9 || d.BandwidthHz != 1e6 {
			t.Fatalf("detection %+v: want power %.4f dBm, SNR 11 dB, 2.44 GHz, 1 MHz", d, want)
		}
	}
}

// TestRFWhoIsHeard checks that RF-silent drones are never heard, nor links
// outside the sensor's bands, and that a link with duty cycle 0.3 is heard
// at that fraction of updates (99.9 % binomial bound).
func TestRFWhoIsHeard(t *testing.T) {
	forSeeds(t, func(t *testing.T, testWorld worldAt) {
		const updates = 3000
		w, n, _ := testWorld(t, "traffic:\n"+hover("silent", "steady", 0, 300, 30)+hover("bursty", "bursty", 300, 0, 30)+
			fmt.Sprintf(rfSensor, "{model: free_space}", ""), updates)
		dets := runAll(w, n)
		if got := count(dets, func(d *Detection) bool { return d.TruthID == 0 }); got != 0 {
			t.Errorf("RF-silent drone heard %d times", got)
		}
		if got := count(dets, func(d *Detection) bool { return d.TruthID == 1 && d.Link != 0 }); got != 0 {
			t.Errorf("433 MHz link heard %d times by a 2.4 GHz receiver", got)
		}
		heard := count(dets, func(d *Detection) bool { return d.TruthID == 1 && d.Link == 0 })
		if got := float64(heard) / updates; math.Abs(got-0.3) > binomialBound(0.3, updates) {
			t.Errorf("duty cycle 0.3 link heard at %.4f of updates, want 0.3 ± %.4f", got, binomialBound(0.3, updates))
		}
	})
}

// TestRFBearingNoise checks the bearing errors' spread against
// σ² = σ_floor² + (σ_thr² − σ_floor²)·SNR_thr/SNR at two SNRs, and that the
// detections report that σ.
func TestRFBearingNoise(t *testing.T) {
	forSeeds(t, func(t *testing.T, testWorld worldAt) {
		for _, snr := range []float64{11, 25} {
			t.Run(fmt.Sprintf("%gdB", snr), func(t *testing.T) {
				r := rangeForSNR(snr)
				w, n, _ := testWorld(t, "traffic:\n"+hover("d", "quad", r*math.Sin(1), r*math.Cos(1), 10)+
					fmt.Sprintf(rfSensor, "{model: free_space}", "    measures_elevation: true\n"), 4000)
				dets := runAll(w, n)
				floor, thr := geo.Rad(1), geo.Rad(6)
				want := math.Sqrt(floor*floor + (thr*thr-floor*floor)*math.Pow(10, (10-snr)/10))
				var daz, del []float64
				for _, d := range dets {
					if math.Abs(d.AzimuthStdRad-want) > 1e-9*want || !d.HasElevation || d.ElevationStdRad != d.AzimuthStdRad {
						t.Fatalf("detection reports σ %g (elevation %v, %g), want %g", d.AzimuthStdRad, d.HasElevation, d.ElevationStdRad, want)
					}
					daz = append(daz, geo.WrapPi(d.AzimuthRad-1))
					del = append(del, d.ElevationRad)
				}
				nn := float64(len(daz))
				if nn != 4000 {
					t.Fatalf("%v detections, want 4000", nn)
				}
				for name, e := range map[string][]float64{"bearing": daz, "elevation": del} {
					m, s := stat.MeanStdDev(e, nil)
					if math.Abs(s-want) > 4*want/math.Sqrt(2*nn) || math.Abs(m) > 4*want/math.Sqrt(nn) {
						t.Errorf("%s errors: mean %.5f sd %.5f rad, want 0 and %.5f", name, m, s, want)
					}
				}
			})
		}
	})
}

// TestRFShadowing checks log-normal shadowing on a drone circling the sensor
// at constant range: the excess of received over median power has the
// configured standard deviation, and successive updates are correlated by
// ρ = exp(−Δd/d_c) (Gudmundson), Δd the chord flown between updates.
func TestRFShadowing(t *testing.T) {
	forSeeds(t, func(t *testing.T, testWorld worldAt) {
		const (
			radius, speed, decorr, sigma = 1000.0, 10.0, 50.0, 6.0
			duration                     = 7200.0
		)
		traffic := fmt.Sprintf(`traffic:
  - {name: circler, kind: flight, type: quad, from: [0, %g], from_alt_m: 10,
     legs: [{orbit: {center: [0, 0], radius_m: %g, alt_m: 10, speed_mps: %g, duration_s: 1e6}}]}
`, radius, radius, speed)
		prop := fmt.Sprintf("{model: log_distance, exponent: 2, shadowing_std_db: %g, decorrelation_m: %g}", sigma, decorr)
		w, n, _ := testWorld(t, traffic+fmt.Sprintf(rfSensorLowThreshold, prop), duration)
		dets := runAll(w, n)
		rf := n.Sensors[0].(*RF)
		var x []float64
		for _, d := range dets {
			if d.TruthID == 0 {
				x = append(x, d.PowerDBm-(20-rf.PathLossDB(2.44e9, radius, 10)))
			}
		}
		if len(x) < int(duration)-10 {
			t.Fatalf("heard %d of %g updates; the threshold should let every one through", len(x), duration)
		}
		m, s := stat.MeanStdDev(x, nil)
		rho := math.Exp(-2 * radius * math.Sin(speed/(2*radius)) / decorr)
		// An AR(1) series of N samples: the sample variance's variance is
		// 2σ⁴/N·(1+ρ²)/(1−ρ²), the mean's is σ²/N·(1+ρ)/(1−ρ), and the lag-one
		// autocorrelation's is about (1−ρ²)/N (Bartlett). Bounds are 4 sd.
		nn := float64(len(x))
		if sdBound := 4 * sigma * math.Sqrt((1+rho*rho)/(1-rho*rho)/(2*nn)); math.Abs(s-sigma) > sdBound {
			t.Errorf("shadowing sd %.3f dB, want %g ± %.3f", s, sigma, sdBound)
		}
		if meanBound := 4 * sigma * math.Sqrt((1+rho)/(1-rho)/nn); math.Abs(m) > meanBound {
			t.Errorf("shadowing mean %.3f dB, want 0 ± %.3f", m, meanBound)
		}
		r1 := stat.Correlation(x[:len(x)-1], x[1:], nil)
		if bound := 4 * math.Sqrt((1-rho*rho)/nn); math.Abs(r1-rho) > bound {
			t.Errorf("lag-1 correlation %.4f, want exp(−Δd/d_c) = %.4f ± %.4f", r1, rho, bound)
		}
	})
}

// rfSensorLowThreshold is rfSensor with a threshold every link clears;
// its verb is the propagation block.
var rfSensorLowThreshold = strings.TrimSuffix(strings.Replace(rfSensor, "threshold_snr_db: 10", "threshold_snr_db: -20", 1), "%s")

// TestRFFalseAlarms checks the background false-alarm count against its
// Poisson mean and that false bearings stay inside the field of view.
func TestRFFalseAlarms(t *testing.T) {
	forSeeds(t, func(t *testing.T, testWorld worldAt) {
		const perHour, hours = 400.0, 2.0
		w, n, _ := testWorld(t, fmt.Sprintf(rfSensor, "{model: free_space}",
			fmt.Sprintf("    boresight_deg: 90\n    width_deg: 60\n    false_alarm_rate_per_h: %g\n", perHour)), hours*3600)
		dets := runAll(w, n)
		lo, hi := poissonBounds(perHour * hours)
		if got := float64(len(dets)); got < lo || got > hi {
			t.Errorf("%v false alarms in %g h, want %g in [%g, %g]", got, hours, perHour*hours, lo, hi)
		}
		for _, d := range dets {
			// Bearing noise may carry a report a few σ past the edge.
			if !d.FalseAlarm() || math.Abs(geo.WrapPi(d.AzimuthRad-geo.Rad(90))) > geo.Rad(30+6*4) ||
				d.SNRdB < 10 || d.FrequencyHz < 2.4e9 || d.FrequencyHz > 2.4835e9 {
				t.Fatalf("bad false alarm %+v", d)
			}
		}
	})
}

// TestRFRangeForLink checks the median detection range against the
// free-space closed form and against the log-distance law.
func TestRFRangeForLink(t *testing.T) {
	_, n, _ := testWorld(t, fmt.Sprintf(rfSensor, "{model: free_space}", ""), 1)
	got, want := n.Sensors[0].(*RF).RangeForLink(20, 2.44e9, 1e6, 50), rangeForSNR(10)
	if math.Abs(got-want) > 1e-6*want {
		t.Errorf("free space: %.3f m, want %.3f m", got, want)
	}
	_, n, _ = testWorld(t, fmt.Sprintf(rfSensor, "{model: log_distance, exponent: 3, reference_distance_m: 100}", ""), 1)
	// FSPL(100 m) + 30·log10(R/100) = FSPL at the free-space range.
	fs := FreeSpacePathLossDB(2.44e9, want)
	want = 100 * math.Pow(10, (fs-FreeSpacePathLossDB(2.44e9, 100))/30)
	if got := n.Sensors[0].(*RF).RangeForLink(20, 2.44e9, 1e6, 50); math.Abs(got-want) > 1e-6*want {
		t.Errorf("log-distance: %.3f m, want %.3f m", got, want)
	}
}
