package sensors

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat"

	"github.com/cuasim/cuasim/geo"
)

// staring is a staring radar at the origin, 10 m mast, looking north.
const staring = `sensors:
  - id: radar
    type: radar
    position: [0, 0]
    mast_height_m: 10
    frequency_hz: 9.4e9
    reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9, swerling: 1}
    pulses: %d
    scan: {mode: staring, update_rate_hz: 10, width_deg: 90}
    range_m: {min: 50, max: 8000}
    range_resolution_m: 10
    velocity_resolution_mps: 0.5
`

// TestRadarDetectionFraction checks that the realised detection fraction of
// a hovering target matches DetectionProbability at its SNR, inside a 99.9 %
// binomial bound, for several Swerling models, pulse counts and ranges.
func TestRadarDetectionFraction(t *testing.T) {
	for _, c := range []struct {
		typ    string
		model  Swerling
		pulses int
		rangeM float64
	}{
		{"quad", Swerling1, 1, 2000},
		{"quad", Swerling1, 1, 3000},
		{"steady", Swerling0, 1, 3500},
		{"steady", Swerling0, 10, 3500},
		{"bursty", Swerling2, 10, 3250},
	} {
		t.Run(fmt.Sprintf("%s/n%d/%gm", c.model, c.pulses, c.rangeM), func(t *testing.T) {
			w, n, _ := testWorld(t, "traffic:\n"+hover("d", c.typ, 0, c.rangeM, 10)+fmt.Sprintf(staring, c.pulses), 500)
			dets := runAll(w, n)
			radar := n.Sensors[0].(*Radar)
			looks := int(math.Round(w.DurationS * 10))
			hits := count(dets, func(d *Detection) bool { return !d.FalseAlarm() })
			pd := DetectionProbability(c.model, radar.SNRDB(0.01, math.Hypot(c.rangeM, 0)), 1e-6, c.pulses)
			got := float64(hits) / float64(looks)
			if pd < 0.1 || pd > 0.95 {
				t.Fatalf("test point has Pd %.3f; choose one between 0.1 and 0.95", pd)
			}
			if math.Abs(got-pd) > binomialBound(pd, looks) {
				t.Errorf("detected %d of %d looks (%.4f), want Pd %.4f ± %.4f", hits, looks, got, pd, binomialBound(pd, looks))
			}
		})
	}
	// The reference point itself: Pd 0.9 at 2 km for 0.01 m² Swerling 1,
	// and RangeForPd inverts it.
	_, n, _ := testWorld(t, "traffic:\n"+hover("d", "quad", 0, 2000, 10)+fmt.Sprintf(staring, 1), 10)
	radar := n.Sensors[0].(*Radar)
	if pd := radar.Pd(Swerling1, 0.01, 2000); math.Abs(pd-0.9) > 1e-4 {
		t.Errorf("reference Pd %.5f at the reference point, want 0.9", pd)
	}
	if r := radar.RangeForPd(Swerling1, 0.01, 0.9); math.Abs(r-2000) > 1e-6 {
		t.Errorf("RangeForPd(Pd 0.9) = %.6f m, want the reference 2000 m", r)
	}
	// A 16 times larger RCS is seen at twice the range (σ/R⁴).
	if r := radar.RangeForPd(Swerling1, 0.16, 0.9); math.Abs(r-4000) > 1e-6 {
		t.Errorf("RangeForPd(0.16 m²) = %.6f m, want 4000 m", r)
	}
}

// TestRadarFalseAlarms checks false-alarm counts against their Poisson mean
// Pfa × cells per scan for each scan mode.
func TestRadarFalseAlarms(t *testing.T) {
	const duration = 600
	for _, c := range []struct {
		name, scan string
		scans      float64 // scans of the field of view in the run
		azCells    float64
		threeD     bool // measures elevation: elevation beam positions are cells too
	}{
		{"rotating", "{mode: rotating, period_s: 2}", duration / 2, 360 / 2.0, true},
		{"sector", "{mode: sector, period_s: 1.5, width_deg: 120}", duration / 1.5, 120 / 2.0, true},
		{"staring", "{mode: staring, update_rate_hz: 4, width_deg: 60}", duration * 4, 60 / 2.0, true},
		{"rotating-2d", "{mode: rotating, period_s: 2}", duration / 2, 360 / 2.0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			w, n, _ := testWorld(t, `sensors:
  - id: radar
    type: radar
    position: [0, 0]
    mast_height_m: 10
    frequency_hz: 9.4e9
    reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9}
    pfa: 1.0e-5
    scan: `+c.scan+`
    range_m: {min: 100, max: 4100}
    elevation_deg: {min: 0, max: 30}
    beamwidth_deg: {azimuth: 2, elevation: 10}
    range_resolution_m: 20
    measures_elevation: `+fmt.Sprint(c.threeD)+`
`, duration)
			dets := runAll(w, n)
			cells := (4000 / 20.0) * c.azCells
			if c.threeD {
				cells *= 3 // 30° of elevation in 10° beams
			}
			mean := 1e-5 * cells * c.scans
			lo, hi := poissonBounds(mean)
			got := float64(len(dets))
			if got < lo || got > hi {
				t.Errorf("%v false alarms, want %v in [%v, %v]", got, mean, lo, hi)
			}
			for _, d := range dets {
				if !d.FalseAlarm() || d.RangeM < 0 || d.RangeM > 4200 {
					t.Fatalf("bad false alarm %+v", d)
				}
			}
		})
	}
}

// TestRadarNoise checks that measurement errors have the standard deviations
// the detections report, and that those follow σ = √((Δ/√(2·SNR))² + (bΔ)²).
func TestRadarNoise(t *testing.T) {
	w, n, _ := testWorld(t, "traffic:\n"+hover("d", "steady", 0, 1500, 10)+fmt.Sprintf(staring, 4), 400)
	dets := runAll(w, n)
	truth := w.Entities[0].Pos
	origin := n.Sensors[0].(*Radar).Position()
	g, _ := look(origin, truth)
	var dr, daz, del, dv []float64
	for _, d := range dets {
		if d.FalseAlarm() {
			continue
		}
		dr = append(dr, d.RangeM-g.rangeM)
		daz = append(daz, geo.WrapPi(d.AzimuthRad-g.az))
		del = append(del, d.ElevationRad-g.el)
		dv = append(dv, d.RadialMPS)
	}
	if len(dr) < 3000 {
		t.Fatalf("only %d detections", len(dr))
	}
	d0 := dets[0]
	for d0.FalseAlarm() {
		dets = dets[1:]
		d0 = dets[0]
	}
	snr := math.Pow(10, d0.SNRdB/10)
	for _, c := range []struct {
		name     string
		errs     []float64
		reported float64
		want     float64
	}{
		{"range", dr, d0.RangeStdM, measurementStd(10, snr, 0.05)},
		{"azimuth", daz, d0.AzimuthStdRad, measurementStd(geo.Rad(2), snr, 0.1)},
		{"elevation", del, d0.ElevationStdRad, measurementStd(geo.Rad(10), snr, 0.1)},
		{"radial velocity", dv, d0.RadialStdMPS, measurementStd(0.5, snr, 0.05)},
	} {
		if math.Abs(c.reported-c.want) > 1e-12*c.want {
			t.Errorf("%s: reported σ %g, want %g", c.name, c.reported, c.want)
		}
		m, s := stat.MeanStdDev(c.errs, nil)
		// Sample sd of N normals is within ±4·σ/√(2N) of σ; the mean within ±4σ/√N.
		nn := float64(len(c.errs))
		if math.Abs(s-c.want) > 4*c.want/math.Sqrt(2*nn) || math.Abs(m) > 4*c.want/math.Sqrt(nn) {
			t.Errorf("%s: errors have mean %.4g sd %.4g, want 0 and %.4g", c.name, m, s, c.want)
		}
	}
}

// TestRotatingRevisit checks that a rotating radar sees a close target once
// per revolution, when its beam points at it.
func TestRotatingRevisit(t *testing.T) {
	w, n, _ := testWorld(t, "traffic:\n"+hover("d", "steady", 300, 300, 50)+`sensors:
  - id: radar
    type: radar
    position: [0, 0]
    mast_height_m: 10
    frequency_hz: 9.4e9
    reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9, swerling: 0}
    pfa: 1.0e-9
    boresight_deg: 30
    scan: {mode: rotating, period_s: 1.3}
    range_m: {min: 50, max: 5000}
    range_resolution_m: 10
`, 60)
	dets := runAll(w, n)
	r := n.Sensors[0].(*Radar)
	var times []float64
	for _, d := range dets {
		if d.FalseAlarm() {
			continue
		}
		times = append(times, d.TimeS)
		if diff := math.Abs(geo.WrapPi(r.beamAzimuth(d.TimeS) - geo.Rad(45))); diff > 1e-6 {
			t.Errorf("detection at %.3f s while the beam pointed %.3f° away", d.TimeS, geo.Deg(diff))
		}
	}
	if want := 46; len(times) < want-1 || len(times) > want+1 {
		t.Fatalf("%d detections in 60 s at a 1.3 s period, want %d", len(times), want)
	}
	for i := 1; i < len(times); i++ {
		if math.Abs(times[i]-times[i-1]-1.3) > 1e-6 {
			t.Fatalf("revisit %.4f s, want 1.3", times[i]-times[i-1])
		}
	}
}

// TestSectorSweep checks that a sector radar sees a target inside its sector
// twice per back-and-forth cycle, and one outside never.
func TestSectorSweep(t *testing.T) {
	w, n, _ := testWorld(t, "traffic:\n"+hover("in", "steady", 200, 300, 50)+hover("out", "steady", -300, 0, 50)+`sensors:
  - id: radar
    type: radar
    position: [0, 0]
    mast_height_m: 10
    frequency_hz: 9.4e9
    reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9, swerling: 0}
    pfa: 1.0e-9
    scan: {mode: sector, period_s: 2, width_deg: 120}
    range_m: {min: 50, max: 5000}
    range_resolution_m: 10
`, 40)
	dets := runAll(w, n)
	in := count(dets, func(d *Detection) bool { return d.TruthID == 0 })
	out := count(dets, func(d *Detection) bool { return d.TruthID == 1 })
	if out != 0 {
		t.Errorf("target outside the sector detected %d times", out)
	}
	if in < 19 || in > 21 { // 40 s, one sweep every 2 s
		t.Errorf("target inside the sector detected %d times in 40 s, want 20", in)
	}
}

// TestRadarMasking checks line-of-sight masking by a building and by the
// earth's curvature, and the coverage limits.
func TestRadarMasking(t *testing.T) {
	w, n, _ := testWorld(t, "traffic:\n"+
		hover("behind", "steady", 0, 800, 15)+ // behind the building
		hover("above", "steady", 300, 800, 80)+ // clear over the roof
		hover("low-far", "steady", 0, -30000, 5)+ // beyond the 4/3-earth horizon (~22 km)
		hover("high-far", "steady", 400, -30000, 60)+ // above it
		hover("too-high", "steady", 400, 400, 1000)+ // above the 60° elevation limit
		hover("too-close", "steady", 20, 20, 12)+ // inside min range
		`obstacles:
  - {name: block, footprint: [[-50, 400], [350, 400], [350, 430], [-50, 430]], height_m: 40}
sensors:
  - id: radar
    type: radar
    position: [0, 0]
    mast_height_m: 10
    frequency_hz: 9.4e9
    reference: {range_m: 60000, rcs_m2: 0.01, pd: 0.9, swerling: 0}
    pfa: 1.0e-9
    scan: {mode: rotating, period_s: 1}
    range_m: {min: 50, max: 50000}
    range_resolution_m: 10
`, 20)
	dets := runAll(w, n)
	seen := map[string]bool{}
	for _, d := range dets {
		if !d.FalseAlarm() {
			seen[w.Entities[d.TruthID].Name] = true
		}
	}
	for name, want := range map[string]bool{"behind": false, "above": true, "low-far": false, "high-far": true, "too-high": false, "too-close": false} {
		if seen[name] != want {
			t.Errorf("%s: seen %v, want %v", name, seen[name], want)
		}
	}
}

// TestRadialVelocity checks the sign and size of the measured radial velocity
// of a drone flying straight away from the radar.
func TestRadialVelocity(t *testing.T) {
	w, n, _ := testWorld(t, `traffic:
  - {name: d, kind: flight, type: steady, from: [0, 500], from_alt_m: 10, legs: [{goto: {to: [0, 3000], alt_m: 10, speed_mps: 12}}]}
`+fmt.Sprintf(staring, 1), 100)
	var v []float64
	for _, d := range runAll(w, n) {
		if !d.FalseAlarm() && d.TimeS > 20 {
			v = append(v, d.RadialMPS)
		}
	}
	if m := stat.Mean(v, nil); math.Abs(m-12) > 0.1 {
		t.Errorf("mean radial velocity %.3f m/s, want +12 (receding)", m)
	}
}

func TestNetworkIsolatesSensors(t *testing.T) {
	// Adding a sensor changes nothing another sensor detects (per-sensor streams).
	body := "traffic:\n" + hover("d", "quad", 0, 2500, 30) + hover("e", "bursty", 1000, 2500, 30) + fmt.Sprintf(staring, 1)
	w1, n1, _ := testWorld(t, body, 120)
	w2, n2, _ := testWorld(t, body+`  - {id: rf, type: rf, position: [500, 0], mast_height_m: 5, bands: [{min_hz: 2.4e9, max_hz: 2.5e9}], noise_figure_db: 6, threshold_snr_db: 10, false_alarm_rate_per_h: 100}
`, 120)
	a := runAll(w1, n1)
	var b []Detection
	for _, d := range runAll(w2, n2) {
		if d.Sensor == 0 {
			b = append(b, d)
		}
	}
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("radar made %d detections alone, %d beside an RF sensor", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("detection %d differs:\n%+v\n%+v", i, a[i], b[i])
		}
	}
	// Nor does it change any trajectory.
	if r3.Norm(r3.Sub(w1.Entities[1].Pos, w2.Entities[1].Pos)) != 0 {
		t.Error("a sensor changed a trajectory")
	}
}

// TestMicroDopplerLabels checks the classifier's label frequencies against
// its confusion matrix (99.9 % binomial bounds) for a drone, and that
// plots below min_snr_db carry no label.
func TestMicroDopplerLabels(t *testing.T) {
	md := "    micro_doppler: {min_snr_db: %g, drone_as_drone: 0.8, bird_as_bird: 0.9, false_alarm_as_drone: 0.3}\n"
	w, n, _ := testWorld(t, "traffic:\n"+hover("d", "quad", 0, 1500, 10)+fmt.Sprintf(staring, 4)+fmt.Sprintf(md, -20.0), 300)
	var drone, labelled int
	for _, d := range runAll(w, n) {
		if d.FalseAlarm() {
			continue
		}
		if d.Class != ClassNone {
			labelled++
		}
		if d.Class == ClassDrone {
			drone++
		}
	}
	if labelled < 2000 {
		t.Fatalf("only %d labelled plots", labelled)
	}
	if p := float64(drone) / float64(labelled); math.Abs(p-0.8) > binomialBound(0.8, labelled) {
		t.Errorf("drone labelled drone in %.4f of %d plots, want 0.8 ± %.4f", p, labelled, binomialBound(0.8, labelled))
	}
	// A threshold above every plot's SNR labels nothing.
	w, n, _ = testWorld(t, "traffic:\n"+hover("d", "quad", 0, 1500, 10)+fmt.Sprintf(staring, 4)+fmt.Sprintf(md, 99.0), 30)
	for _, d := range runAll(w, n) {
		if d.Class != ClassNone {
			t.Fatalf("plot at %.1f dB labelled %v under a 99 dB threshold", d.SNRdB, d.Class)
		}
	}
	c := Confusion{DroneAsDrone: 0.8, BirdAsBird: 0.9, FalseAsDrone: 0.3}
	for kind, want := range []float64{0.8, 0.1, 0.3} {
		if got := c.PLabel(ClassDrone, kind); math.Abs(got-want) > 1e-15 || math.Abs(c.PLabel(ClassBird, kind)-(1-want)) > 1e-15 {
			t.Errorf("PLabel(drone, %d) = %g, want %g", kind, got, want)
		}
	}
}
