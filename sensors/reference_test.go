package sensors

import (
	"fmt"
	"math"
	"testing"
)

// referenceRadar is a staring radar at the origin, 10 m mast, looking north,
// calibrated by a reference detection stated at the pfa written beside it.
// Its instrumented range is short so that the false alarms of a high pfa
// stay few.
const referenceRadar = `sensors:
  - id: radar
    type: radar
    position: [0, 0]
    mast_height_m: 10
    frequency_hz: 9.4e9
    reference: {range_m: 2000, rcs_m2: 0.01, pd: %g, swerling: %d}
    pfa: 1.0e-6
    pulses: %d
    scan: {mode: staring, update_rate_hz: 10, width_deg: 90}
    range_m: {min: 1000, max: 4000}
    elevation_deg: {min: -2, max: 18}
    beamwidth_deg: {azimuth: 2, elevation: 10}
    range_resolution_m: 10
`

// TestReferenceFixesReceiver checks that a radar calibrated by a reference
// detection keeps its hardware when only its pfa changes (cuasim run --set,
// compare --sweep): the reference point fixes the SNR at the pfa it is
// stated at, and the radar's pfa sets the threshold on that SNR, trading
// detection against false alarms.
//
// Closed form: for a Swerling 1 target and one pulse, Pd = Pfa^(1/(1+SNR))
// (Richards, Fundamentals of Radar Signal Processing, §6.3). The reference
// (pd₀ at pfa₀, range R₀) gives 1 + SNR₀ = ln pfa₀ / ln pd₀, so at pfa and
// range R
//
//	Pd = pfa^(1 / (1 + SNR₀·(R₀/R)⁴)),
//
// which at R₀ is pd₀^(ln pfa / ln pfa₀): 0.9 at 1e-6 becomes 0.88 at 1e-7,
// 0.92 at 1e-5 and 0.93 at 1e-4. Pd must follow it, the detections realised on a hovering
// drone must match it within a 99.9 % binomial bound, and the false alarms
// the Poisson mean pfa × cells per update.
func TestReferenceFixesReceiver(t *testing.T) {
	const pd0, pfa0, r0 = 0.9, 1e-6, 2000.0
	snr0 := math.Log(pfa0)/math.Log(pd0) - 1
	closed := func(pfa, rangeM float64) float64 {
		return math.Pow(pfa, 1/(1+snr0*math.Pow(r0/rangeM, 4)))
	}
	body := "traffic:\n" + hover("d", "quad", 0, 2500, 10) + fmt.Sprintf(referenceRadar, pd0, 1, 1)
	for _, seed := range testSeeds {
		for _, pfa := range []float64{1e-8, 1e-6, 1e-4} {
			t.Run(fmt.Sprintf("seed%d/pfa%g", seed, pfa), func(t *testing.T) {
				const duration = 300
				var sets []string
				if pfa != pfa0 {
					sets = append(sets, fmt.Sprintf("sensors[radar].pfa=%g", pfa))
				}
				w, n, sc := testWorldSet(t, body, duration, seed, sets...)
				if got := sc.Sensors[0].Radar.Reference.Pfa; got != pfa0 {
					t.Fatalf("reference stated at pfa %g, want %g as written in the file", got, pfa0)
				}
				radar := n.Sensors[0].(*Radar)
				for _, rangeM := range []float64{1500, 2000, 2500, 3000} {
					if got, want := radar.Pd(Swerling1, 0.01, rangeM), closed(pfa, rangeM); math.Abs(got-want) > 2e-4 {
						t.Errorf("Pd at %g m = %.5f, want %.5f", rangeM, got, want)
					}
				}
				dets := runAll(w, n)
				looks := int(math.Round(duration * 10))
				hits := count(dets, func(d *Detection) bool { return !d.FalseAlarm() })
				pd := closed(pfa, 2500) // the drone hovers at the antenna's height
				if got := float64(hits) / float64(looks); math.Abs(got-pd) > binomialBound(pd, looks) {
					t.Errorf("detected %d of %d looks (%.4f), want Pd %.4f ± %.4f", hits, looks, got, pd, binomialBound(pd, looks))
				}
				// 300 range cells × 45 azimuth beams × 2 elevation beams per update.
				mean := pfa * 300 * 45 * 2 * float64(looks)
				lo, hi := poissonBounds(mean)
				if fa := float64(len(dets) - hits); fa < lo || fa > hi {
					t.Errorf("%v false alarms, want %v in [%v, %v]", fa, mean, lo, hi)
				}
			})
		}
	}
}

// TestReferenceTradesAsPublished checks the trade of a reference-calibrated
// radar run at another pfa against the published approximations of the
// required SNR, which are independent of the exact detection theory of
// detection_theory.go: Albersheim's for a steady target (Swerling 0) and
// Shnidman's for Swerling 1 to 4 (Richards, Fundamentals of Radar Signal
// Processing, §6.3.2-6.3.3). The hardware is fixed, so the single-pulse
// SNR that gives the reference pd₀ at pfa₀ must be the one that gives, at
// the reference point, the radar's Pd at its own pfa: approx(Pd, pfa, n) =
// approx(pd₀, pfa₀, n), to within the approximations' accuracy on each side
// (Albersheim quotes 0.2 dB, Shnidman 0.5 dB; an approximation's error
// changes slowly along one curve, so the difference is held to 0.4 and
// 0.6 dB, which the radar meets with 0.32 dB at most). Recalibrating at
// each pfa, which keeps Pd = pd₀ there, is 1 to 1.8 dB off.
func TestReferenceTradesAsPublished(t *testing.T) {
	const pd0, pfa0 = 0.5, 1e-6
	// The Shnidman helper against the exact values of
	// testdata/reference-values.txt, within its quoted 0.5 dB.
	for _, c := range []struct {
		model Swerling
		want  float64
	}{{Swerling0, 13.1835}, {Swerling1, 21.1436}} {
		if got := shnidmanSNR(c.model, 0.9, 1e-6, 1); math.Abs(got-c.want) > 0.5 {
			t.Fatalf("shnidmanSNR(%v, 0.9, 1e-6, 1) = %.3f dB, want %.4f ± 0.5", c.model, got, c.want)
		}
	}
	for _, c := range []struct {
		model  Swerling
		pulses int
		pfa    float64
		tolDB  float64
	}{
		{Swerling0, 1, 1e-4, 0.4},
		{Swerling0, 10, 1e-4, 0.4},
		{Swerling0, 10, 1e-7, 0.4},
		{Swerling1, 1, 1e-4, 0.6},
		{Swerling1, 10, 1e-4, 0.6},
		{Swerling1, 10, 1e-8, 0.6},
		{Swerling2, 10, 1e-4, 0.6},
		{Swerling3, 10, 1e-4, 0.6},
		{Swerling4, 10, 1e-4, 0.6},
	} {
		t.Run(fmt.Sprintf("%v/n%d/pfa%g", c.model, c.pulses, c.pfa), func(t *testing.T) {
			body := fmt.Sprintf(referenceRadar, pd0, int(c.model), c.pulses)
			_, n, _ := testWorldSet(t, body, 1, 11, fmt.Sprintf("sensors[radar].pfa=%g", c.pfa))
			pd := n.Sensors[0].(*Radar).Pd(c.model, 0.01, 2000)
			approx := func(pd, pfa float64) float64 { return shnidmanSNR(c.model, pd, pfa, c.pulses) }
			if c.model == Swerling0 {
				approx = func(pd, pfa float64) float64 { return AlbersheimSNR(pd, pfa, c.pulses) }
			}
			want := approx(pd0, pfa0)
			if got := approx(pd, c.pfa); math.IsNaN(got) || math.Abs(got-want) > c.tolDB {
				t.Errorf("Pd %.4f at pfa %g needs %.2f dB, want the %.2f dB that gives pd %g at pfa %g (± %g dB)",
					pd, c.pfa, got, want, pd0, pfa0, c.tolDB)
			}
		})
	}
}

// shnidmanSNR is Shnidman's approximation of the single-pulse SNR in dB that
// gives detection probability pd at false-alarm probability pfa with n
// pulses integrated noncoherently, for any Swerling model (D. A. Shnidman,
// "Determination of required SNR values", IEEE Trans. AES 38(3), 2002;
// Richards, Fundamentals of Radar Signal Processing, §6.3.3). Shnidman
// quotes 0.5 dB for 0.1 ≤ pd ≤ 0.99, 1e-9 ≤ pfa ≤ 1e-3 and 1 ≤ n ≤ 100.
func shnidmanSNR(model Swerling, pd, pfa float64, n int) float64 {
	nf := float64(n)
	k := math.Inf(1)
	switch model {
	case Swerling1:
		k = 1
	case Swerling2:
		k = nf
	case Swerling3:
		k = 2
	case Swerling4:
		k = 2 * nf
	}
	alpha := 0.0
	if n >= 40 {
		alpha = 0.25
	}
	eta := math.Sqrt(-0.8*math.Log(4*pfa*(1-pfa))) + math.Copysign(math.Sqrt(-0.8*math.Log(4*pd*(1-pd))), pd-0.5)
	xInf := eta * (eta + 2*math.Sqrt(nf/2+alpha-0.25))
	var cDB float64
	if !math.IsInf(k, 1) {
		c1 := (((17.7006*pd-18.4496)*pd+14.5339)*pd - 3.525) / k
		c2 := (math.Exp(27.31*pd-25.14) + (pd-0.8)*(0.7*math.Log(1e-5/pfa)+(2*nf-20)/80)) / k
		cDB = c1
		if pd > 0.872 {
			cDB += c2
		}
	}
	return 10 * math.Log10(math.Pow(10, cDB/10)*xInf/nf)
}
