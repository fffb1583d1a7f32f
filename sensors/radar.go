package sensors

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/terrain"
)

// falseAlarmMaxRadialMPS bounds the radial velocity reported with a radar
// false alarm, drawn uniformly in ±this (noise falls in any Doppler bin).
const falseAlarmMaxRadialMPS = 50

// scanMode is how a radar's beam revisits targets.
type scanMode uint8

const (
	scanRotating scanMode = iota
	scanSector
	scanStaring
)

// Radar is a surveillance radar. Each time its beam dwells on a target it
// computes the single-pulse SNR (from the radar equation, or scaled from a
// reference detection), the probability of detection for the target's
// Swerling model with the radar's pulses integrated noncoherently at its Pfa,
// and draws the detection. A reference detection fixes the SNR at the
// reference's own pfa, so a radar run at another Pfa detects along the
// same hardware's detection curve: less at a lower Pfa, more at a higher. A detection's range, angles and radial velocity
// carry Gaussian noise with standard deviation
//
//	σ = √( (Δ/√(2·SNR))² + (b·Δ)² )
//
// where Δ is the resolution (range resolution, beamwidth, velocity
// resolution), SNR the mean integrated SNR, and b the bias fraction that
// sets the floor at high SNR (the statistical model of MATLAB's
// radarDataGenerator). False alarms are a Poisson number per scan with mean
// Pfa × resolution cells, spread uniformly over the cells the beam covered.
//
// The beam sees a target only when it is pointed at it: a rotating radar
// once per revolution, a sector radar once per sweep, a staring radar at
// every update. Targets outside the range and elevation limits, the azimuth
// field of view, the 4/3-earth radio horizon or behind an obstacle or the
// terrain are not seen.
type Radar struct {
	id    string
	index int
	pos   r3.Vec // antenna

	mode     scanMode
	periodS  float64 // rotating: revolution; sector: one sweep
	updateHz float64 // staring
	bore     float64 // boresight azimuth, rad
	halfW    float64 // half the azimuth field of view, rad (π for rotating)
	fov      fieldOfView

	rangeMin, rangeMax float64
	elMin, elMax       float64
	azBW, elBW         float64 // rad
	rangeRes, velRes   float64
	measuresEl         bool
	bias               scenarios.BiasFraction
	// mergeUnresolved merges the plots of targets sharing a resolution
	// cell in one look (mergeUnresolved); lookS is how far apart in time
	// two dwells can be and still be one look of the beam.
	mergeUnresolved bool
	lookS           float64
	cells           []cellPlot // merge's scratch
	cellRoot        []int
	cellBest        []int
	cellCount       []int

	pfa    float64
	pulses int
	eq     *RadarEquation
	refSNR float64 // reference form: single-pulse SNR at the reference point, dB
	refRCS float64
	refR   float64
	curves [5]*PdCurve // by Swerling model, built on first use

	faPerScan float64 // expected false alarms per scan of the field of view
	threshold float64 // detection threshold T on the integrated statistic
	pulsesDB  float64 // db(pulses): the gain of integrating the pulses
	classify  *Confusion

	site    *sim.Site
	horizon *terrain.Horizon // the terrain's, nil on flat ground
	targets []*rand.Rand     // one stream per entity
	clutter *rand.Rand
}

// NewRadar builds a radar from its scenario entry. index is its place in the
// network; it is recorded in each detection.
func NewRadar(spec scenarios.Sensor, index int, w *sim.World) (*Radar, error) {
	p := spec.Radar
	r := &Radar{
		id: spec.ID, index: index,
		pos:      r3.Vec{X: spec.Position.EastM, Y: spec.Position.NorthM, Z: spec.MastHeightM},
		bore:     geo.Rad(spec.BoresightDeg),
		rangeMin: p.RangeM.Min, rangeMax: p.RangeM.Max,
		elMin: geo.Rad(-2), elMax: geo.Rad(60),
		azBW: geo.Rad(p.BeamwidthDeg.Azimuth), elBW: geo.Rad(p.BeamwidthDeg.Elevation),
		rangeRes: p.RangeResM, velRes: p.VelocityResMPS,
		measuresEl:      p.MeasuresElevation,
		mergeUnresolved: p.MergeUnresolved,
		bias:            p.Bias,
		pfa:             p.Pfa, pulses: p.Pulses,
		site: &w.Site,
	}
	if p.ElevationDeg != nil {
		r.elMin, r.elMax = geo.Rad(p.ElevationDeg.Min), geo.Rad(p.ElevationDeg.Max)
	}
	switch s := p.Scan; {
	case s.Rotating != nil:
		r.mode, r.periodS, r.halfW = scanRotating, s.Rotating.PeriodS, math.Pi
	case s.Sector != nil:
		r.mode, r.periodS, r.halfW = scanSector, s.Sector.PeriodS, geo.Rad(s.Sector.WidthDeg)/2
	default:
		r.mode, r.updateHz, r.halfW = scanStaring, s.Staring.UpdateHz, geo.Rad(s.Staring.WidthDeg)/2
	}
	r.fov = newFieldOfView(r.bore, r.halfW)
	r.pos, r.horizon = antenna(&w.Site, r.pos.X, r.pos.Y, spec.MastHeightM, r.rangeMax)
	switch r.mode {
	case scanRotating:
		r.lookS = r.azBW / (2 * math.Pi / r.periodS) // the beam's time on a direction
	case scanSector:
		r.lookS = r.azBW / (2 * r.halfW / r.periodS)
	default:
		r.lookS = 0 // every dwell of one update is at its time
	}
	if e := p.Equation; e != nil {
		r.eq = &RadarEquation{PeakPowerW: e.PeakPowerW, GainDB: e.GainDB, FrequencyHz: p.FrequencyHz,
			BandwidthHz: e.BandwidthHz, NoiseFigureDB: e.NoiseFigureDB, LossesDB: e.LossesDB, Pulses: p.Pulses}
		if r.rangeRes == 0 {
			r.rangeRes = SpeedOfLight / (2 * e.BandwidthHz)
		}
	} else {
		ref := p.Reference
		// The reference point fixes the receiver: the single-pulse SNR
		// that gives pd at the reference's pfa. The radar's own pfa, which
		// may differ, sets the threshold on that SNR (see curve).
		refPfa := ref.Pfa
		if refPfa == 0 { // a Sensor built by hand, not loaded
			refPfa = p.Pfa
		}
		r.refSNR = RequiredSNR(Swerling(ref.Swerling), ref.Pd, refPfa, p.Pulses)
		r.refRCS, r.refR = ref.RCSM2, ref.RangeM
		if math.IsNaN(r.refSNR) {
			return nil, fmt.Errorf("sensor %s: no SNR gives pd %g at pfa %g with %d pulses", spec.ID, ref.Pd, refPfa, p.Pulses)
		}
	}
	// Resolution cells per scan: range cells × azimuth beam positions, and
	// elevation beam positions for a 3-D radar (a 2-D radar's fan beam
	// covers the elevation span at once). Doppler is not a cell dimension:
	// Pfa is taken per range-angle cell after Doppler processing.
	r.threshold = DetectionThreshold(r.pfa, r.pulses)
	r.pulsesDB = db(float64(r.pulses))
	if md := p.MicroDoppler; md != nil {
		r.classify = &Confusion{MinSNRdB: md.MinSNRdB, DroneAsDrone: md.DroneAsDrone, BirdAsBird: md.BirdAsBird, FalseAsDrone: md.FalseAlarmAsDrone}
	}
	cells := (r.rangeMax - r.rangeMin) / r.rangeRes * (2 * r.halfW / r.azBW)
	if r.measuresEl {
		cells *= max(1, (r.elMax-r.elMin)/r.elBW)
	}
	r.faPerScan = r.pfa * cells
	r.targets = make([]*rand.Rand, len(w.Entities))
	for i := range w.Entities {
		r.targets[i] = sim.Stream(w.Seed, fmt.Sprintf("sensor/%s/target/%d", spec.ID, i))
	}
	r.clutter = sim.Stream(w.Seed, "sensor/"+spec.ID+"/false-alarms")
	return r, nil
}

// ID returns the sensor's id.
func (r *Radar) ID() string { return r.id }

// Kind returns RadarPlot.
func (r *Radar) Kind() DetectionKind { return RadarPlot }

// Position returns the antenna position, ENU metres.
func (r *Radar) Position() r3.Vec { return r.pos }

// SNRDB returns the mean single-pulse SNR in dB for a target of the given
// RCS at the given range.
func (r *Radar) SNRDB(rcsM2, rangeM float64) float64 {
	if r.eq != nil {
		return r.eq.SNRDB(rcsM2, rangeM)
	}
	return ReferenceSNRDB(r.refSNR, r.refRCS, r.refR, rcsM2, rangeM)
}

// Pd returns the probability of detection per dwell of a target of the given
// RCS and Swerling model at the given range (ignoring coverage and masking).
func (r *Radar) Pd(model Swerling, rcsM2, rangeM float64) float64 {
	return r.curve(model).At(r.SNRDB(rcsM2, rangeM))
}

// RangeForPd returns the range in metres at which a target of the given
// RCS and Swerling model is detected with probability pd per dwell: where
// the SNR, falling as R⁻⁴, meets RequiredSNR. It ignores coverage, the
// horizon and masking, and is NaN for pd outside (Pfa, 1).
func (r *Radar) RangeForPd(model Swerling, rcsM2, pd float64) float64 {
	const r0 = 1000.0
	return r0 * math.Pow(10, (r.SNRDB(rcsM2, r0)-RequiredSNR(model, pd, r.pfa, r.pulses))/40)
}

// MaxRangeM returns the radar's instrumented range, metres.
func (r *Radar) MaxRangeM() float64 { return r.rangeMax }

func (r *Radar) curve(m Swerling) *PdCurve {
	if r.curves[m] == nil {
		r.curves[m] = NewPdCurve(m, r.pfa, r.pulses)
	}
	return r.curves[m]
}

// Observe appends the detections of the last step.
func (r *Radar) Observe(w *sim.World, dst []Detection) []Detection {
	if r.mergeUnresolved {
		start := len(dst)
		dst = r.observe(w, dst)
		return r.merge(w, dst, start)
	}
	return r.observe(w, dst)
}

// observe appends the detections of the last step, each target's own.
func (r *Radar) observe(w *sim.World, dst []Detection) []Detection {
	t1 := w.TimeS()
	t0 := t1 - w.StepS
	ents := w.Entities
	switch r.mode {
	case scanRotating:
		omega := 2 * math.Pi / r.periodS
		beam0 := r.bore + omega*t0
		skip := newBeamSweep(beam0, omega*w.StepS)
		for _, id := range w.Active() {
			e := &ents[id]
			d := r3.Sub(e.Pos, r.pos)
			if skip.clearlyMisses(d) {
				continue
			}
			az := geo.Azimuth(d)
			for tc := t0 + geo.WrapTwoPi(az-beam0)/omega; tc <= t1; tc += r.periodS {
				if tc > t0 {
					dst = r.dwell(dst, e, tc, t1)
				}
			}
		}
		dst = r.falseAlarms(dst, t0, t1, r.faPerScan*w.StepS/r.periodS)
	case scanSector:
		for _, id := range w.Active() {
			e := &ents[id]
			off := geo.WrapPi(geo.Azimuth(r3.Sub(e.Pos, r.pos)) - r.bore)
			if math.Abs(off) > r.halfW {
				continue
			}
			u := (off + r.halfW) / (2 * r.halfW) // where in the sweep the target lies
			for m := math.Floor(t0/(2*r.periodS)) - 1; 2*m*r.periodS <= t1; m++ {
				for _, tc := range [2]float64{r.periodS * (2*m + u), r.periodS * (2*m + 2 - u)} {
					if tc > t0 && tc <= t1 {
						dst = r.dwell(dst, e, tc, t1)
					}
				}
			}
		}
		dst = r.falseAlarms(dst, t0, t1, r.faPerScan*w.StepS/r.periodS)
	case scanStaring:
		for k := math.Floor(t0*r.updateHz+1e-9) + 1; k <= math.Floor(t1*r.updateHz+1e-9); k++ {
			tc := k / r.updateHz
			for _, id := range w.Active() {
				dst = r.dwell(dst, &ents[id], tc, t1)
			}
			dst = r.falseAlarms(dst, tc, tc, r.faPerScan)
		}
	}
	return dst
}

// beamSweep is the azimuths a rotating beam sweeps in a step, from beam0
// to beam0 + sweep, for telling cheaply the targets it clearly misses,
// whose azimuth Observe then need not compute.
type beamSweep struct {
	on             bool // the sweep is under a right angle
	m              float64
	s0, c0, s1, c1 float64 // sine and cosine of either end
}

func newBeamSweep(beam0, sweep float64) beamSweep {
	b := beamSweep{m: 1e-6 + 1e-12*math.Abs(beam0)}
	if b.on = sweep+2*b.m < math.Pi/2; b.on {
		b.s0, b.c0 = math.Sincos(beam0)
		b.s1, b.c1 = math.Sincos(beam0 + sweep)
	}
	return b
}

// clearlyMisses reports whether the direction d (from the antenna) lies
// clearly outside the sweep: with n·sin(az − θ) = dₑ·cos θ − dₙ·sin θ (n
// the ground range), sin(az − beam0) < 0 or sin(az − beam0 − sweep) > 0,
// by m radians — far above the rounding of these products and of the
// azimuths and times Observe's dwell test computes (a few units of 1e-16
// of the angles, and of ω·t). TestRotatingSkipIsSafe checks it.
func (b *beamSweep) clearlyMisses(d r3.Vec) bool {
	n := b.m * (math.Abs(d.X) + math.Abs(d.Y))
	return b.on && (d.X*b.c0-d.Y*b.s0 < -n || d.X*b.c1-d.Y*b.s1 > n)
}

// fieldOfView is an azimuth field of view under a half turn, [bore −
// halfW, bore + halfW], for telling cheaply the directions clearly outside
// it, whose range, elevation and azimuth dwell then need not compute. With
// n·sin(az − θ) = dₑ·cos θ − dₙ·sin θ (n the ground range), a direction is
// outside when sin(az − θ₀) < 0 or sin(az − θ₁) > 0 for the edges
// θ₀ = bore − halfW and θ₁ = bore + halfW; clearly so by m radians, far above
// the rounding of these products and of the azimuth and offset from the
// boresight that dwell's test computes (a few units of 1e-16 of the
// angles). TestFieldOfViewSkipIsSafe checks it.
type fieldOfView struct {
	on             bool // the field of view is under a half turn, margins included
	m              float64
	s0, c0, s1, c1 float64 // sine and cosine of either edge
}

func newFieldOfView(bore, halfW float64) fieldOfView {
	f := fieldOfView{m: 1e-6 + 1e-12*math.Abs(bore)}
	if f.on = halfW >= 0 && 2*halfW+4*f.m < math.Pi; f.on {
		f.s0, f.c0 = math.Sincos(bore - halfW)
		f.s1, f.c1 = math.Sincos(bore + halfW)
	}
	return f
}

// clearlyOutside reports whether the direction d (from the antenna) lies
// clearly outside the field of view: dwell's test |az − bore| > halfW
// (wrapped) holds for it.
func (f *fieldOfView) clearlyOutside(d r3.Vec) bool {
	n := f.m * (math.Abs(d.X) + math.Abs(d.Y))
	return f.on && (d.X*f.c0-d.Y*f.s0 < -n || d.X*f.c1-d.Y*f.s1 > n)
}

// BeamAzimuthRad returns where the beam of a rotating or sector-scanning
// radar points at time t (compass azimuth, radians); ok is false for a
// staring radar, which sees its whole field of view at once.
func (r *Radar) BeamAzimuthRad(t float64) (az float64, ok bool) {
	if r.mode == scanStaring {
		return 0, false
	}
	return r.beamAzimuth(t), true
}

// beamAzimuth returns where a scanning beam points at time t.
func (r *Radar) beamAzimuth(t float64) float64 {
	switch r.mode {
	case scanRotating:
		return geo.WrapTwoPi(r.bore + 2*math.Pi*t/r.periodS)
	case scanSector:
		x := math.Mod(t/r.periodS, 2)
		if x > 1 {
			x = 2 - x
		}
		return geo.WrapTwoPi(r.bore - r.halfW + 2*r.halfW*x)
	}
	return r.bore
}

// sees returns the geometry of a look at a point p and whether the beam
// sees it there: within the range and elevation limits and the azimuth
// field of view, inside the 4/3-earth radio horizon, and with nothing on
// the site in between: no obstacle, and no terrain on a site that has it
// (inSight). It draws nothing.
func (r *Radar) sees(site *sim.Site, p r3.Vec) (g geometry, ok bool) {
	// look's geometry, each part computed only when the tests before it
	// pass.
	dp := r3.Sub(p, r.pos)
	// Clearly out of range, by 1e-9 of the squared range (its rounding,
	// and r3.Norm's, are a few units of 1e-16).
	if d2 := dp.X*dp.X + dp.Y*dp.Y + dp.Z*dp.Z; d2 > r.rangeMax*r.rangeMax*(1+1e-9) {
		return g, false
	}
	// Clearly outside the field of view, which the azimuth test below
	// would find (the tests draw nothing, so their order does not
	// matter).
	if r.fov.clearlyOutside(dp) {
		return g, false
	}
	if g.rangeM = r3.Norm(dp); g.rangeM == 0 || g.rangeM < r.rangeMin || g.rangeM > r.rangeMax {
		return g, false
	}
	if g.el = math.Asin(dp.Z / g.rangeM); g.el < r.elMin || g.el > r.elMax {
		return g, false
	}
	if g.az = geo.Azimuth(dp); math.Abs(geo.WrapPi(g.az-r.bore)) > r.halfW {
		return g, false
	}
	g.groundM, g.unit = math.Hypot(dp.X, dp.Y), r3.Scale(1/g.rangeM, dp)
	if !inSight(r.horizon, site, r.pos, p, &g) {
		return g, false
	}
	return g, true
}

// LookPd returns the probability that one look of the beam detects a
// target of mean RCS rcsM2 and the given Swerling model at p (ENU metres):
// 0 where the radar does not see p (range and elevation limits, field of
// view, 4/3-earth horizon, an obstacle in between), else the detection
// probability its dwell draws against, from the same SNR and Pd curve. It
// is what a coverage map shows per look.
//
// The first call for a Swerling model builds the radar's Pd curve for it
// (as Pd does), so calls from several goroutines are safe only after one
// call of Pd for that model.
func (r *Radar) LookPd(p r3.Vec, rcsM2 float64, model Swerling) float64 {
	return r.LookPdOn(r.site, p, rcsM2, model)
}

// LookPdOn is LookPd with the line of sight checked against the obstacles
// of site rather than those of the radar's world: for a caller that has
// set aside the obstacles that cannot stand between the radar and p (a
// coverage grid prunes them by bounding box). With every obstacle that
// may block, it gives LookPd's value.
func (r *Radar) LookPdOn(site *sim.Site, p r3.Vec, rcsM2 float64, model Swerling) float64 {
	g, ok := r.sees(site, p)
	if !ok {
		return 0
	}
	return r.curve(model).At(r.SNRDB(rcsM2, g.rangeM))
}

// LabelPdOn returns the probability that one look of the beam at a drone
// of mean RCS rcsM2 at p both detects it and labels its plot drone by
// micro-Doppler, as dwell draws them: LookPdOn's Pd times the classifier's
// drone-as-drone probability where the plot's integrated SNR reaches the
// classifier's minimum, else 0 (and 0 for a radar without micro_doppler).
func (r *Radar) LabelPdOn(site *sim.Site, p r3.Vec, rcsM2 float64, model Swerling) float64 {
	if r.classify == nil {
		return 0
	}
	_, label := r.LookLabelPdOn(site, p, rcsM2, model)
	return label
}

// LookLabelPdOn returns LookPdOn's and LabelPdOn's probabilities from one
// check of the line of sight, which is most of their cost: for a caller
// that wants both at many points (a coverage grid's label map).
func (r *Radar) LookLabelPdOn(site *sim.Site, p r3.Vec, rcsM2 float64, model Swerling) (pd, label float64) {
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

// dwell is one look of the beam at entity e at time tc within the step that
// ends at t1; it appends a detection if the target is seen and detected.
func (r *Radar) dwell(dst []Detection, e *sim.Entity, tc, t1 float64) []Detection {
	p := r3.Sub(e.Pos, r3.Scale(t1-tc, e.Vel)) // position at tc: motion is linear within a step
	g, ok := r.sees(r.site, p)
	if !ok {
		return dst
	}
	snr1 := r.SNRDB(e.RCSM2, g.rangeM)
	rnd := r.targets[e.ID]
	if rnd.Float64() >= r.curve(Swerling(e.Swerling)).At(snr1) {
		return dst
	}
	d := r.plot(rnd, tc, snr1+r.pulsesDB, g)
	if d.HasVelocity {
		d.RadialMPS = r3.Dot(e.Vel, g.unit) + d.RadialStdMPS*rnd.NormFloat64()
	}
	kind := 0
	if e.Kind == sim.Bird {
		kind = 1
	}
	d.Class = r.label(rnd, d.SNRdB, kind)
	d.TruthID = e.ID
	return append(dst, d)
}

// plot makes a detection at the given geometry with measurement noise for
// the given integrated SNR (dB).
func (r *Radar) plot(rnd *rand.Rand, t, snrDB float64, g geometry) Detection {
	snr := math.Pow(10, snrDB/10)
	root2SNR := math.Sqrt(2 * snr) // for each measurementStd
	d := Detection{
		TimeS: t, Sensor: r.index, Kind: RadarPlot, Origin: r.pos, SNRdB: snrDB, TruthID: -1, Link: -1,
		RangeStdM:     measurementStd(r.rangeRes, root2SNR, r.bias.Range),
		AzimuthStdRad: measurementStd(r.azBW, root2SNR, r.bias.Angle),
		HasElevation:  r.measuresEl,
		HasVelocity:   r.velRes > 0,
	}
	d.RangeM = max(0, g.rangeM+d.RangeStdM*rnd.NormFloat64())
	d.AzimuthRad = geo.WrapTwoPi(g.az + d.AzimuthStdRad*rnd.NormFloat64())
	if d.HasElevation {
		d.ElevationStdRad = measurementStd(r.elBW, root2SNR, r.bias.Angle)
		d.ElevationRad = g.el + d.ElevationStdRad*rnd.NormFloat64()
	}
	if d.HasVelocity {
		d.RadialStdMPS = measurementStd(r.velRes, root2SNR, r.bias.Velocity)
	}
	return d
}

// label draws the micro-Doppler label of a plot of the given kind (0
// drone, 1 bird, 2 false alarm) at an integrated SNR, or ClassNone.
func (r *Radar) label(rnd *rand.Rand, snrDB float64, kind int) Class {
	if r.classify == nil || snrDB < r.classify.MinSNRdB {
		return ClassNone
	}
	if rnd.Float64() < r.classify.PLabel(ClassDrone, kind) {
		return ClassDrone
	}
	return ClassBird
}

// falseAlarms appends a Poisson number (mean lambda) of false alarms at
// times uniform in (t0, t1] (or at t1 when t0 == t1), each where the beam
// pointed then, at a range and elevation uniform over the covered cells.
func (r *Radar) falseAlarms(dst []Detection, t0, t1, lambda float64) []Detection {
	rnd := r.clutter
	for n := poisson(rnd, lambda); n > 0; n-- {
		t := t1 - (t1-t0)*rnd.Float64()
		var g geometry
		if r.mode == scanStaring {
			g.az = geo.WrapTwoPi(r.bore + r.halfW*(2*rnd.Float64()-1))
		} else {
			g.az = r.beamAzimuth(t)
		}
		g.rangeM = r.rangeMin + (r.rangeMax-r.rangeMin)*rnd.Float64()
		g.el = r.elMin + (r.elMax-r.elMin)*rnd.Float64()
		// A noise crossing is about one exponential unit above the threshold.
		apparent := (r.threshold + rnd.ExpFloat64()) / float64(r.pulses)
		d := r.plot(rnd, t, db(max(apparent-1, 1e-3)*float64(r.pulses)), g)
		if d.HasVelocity {
			d.RadialMPS = falseAlarmMaxRadialMPS * (2*rnd.Float64() - 1)
		}
		d.Class = r.label(rnd, d.SNRdB, 2)
		dst = append(dst, d)
	}
	return dst
}

// measurementStd is the noise model σ = √((Δ/√(2·SNR))² + (b·Δ)²), given
// root2SNR = √(2·SNR).
func measurementStd(res, root2SNR, bias float64) float64 {
	return math.Hypot(res/root2SNR, bias*res)
}

// cellPlot is a target's detection as merge sees it: where the target
// truly was at the dwell (range, azimuth, radial velocity) and the
// detection's place in the step's detections.
type cellPlot struct {
	rangeM, az, radialMPS, timeS float64
	k                            int
}

// merge replaces the target detections of dst[start:] that share a
// resolution cell in one look by one plot, the strongest's (highest SNR),
// with Unresolved the number of targets it stands for: two targets share a
// cell when their true ranges differ by less than the range resolution,
// their azimuths by less than the beamwidth, their radial velocities by
// less than the velocity resolution (for a radar that measures it) and
// their dwells by no more than the beam's time on a direction; cells
// sharing a target are one (the plot extractor clusters adjacent cells).
// A target the radar did not detect on its own adds nothing (its return
// would strengthen the plot: not modelled). False alarms are left alone.
func (r *Radar) merge(w *sim.World, dst []Detection, start int) []Detection {
	r.cells = r.cells[:0]
	t1 := w.TimeS()
	for k := start; k < len(dst); k++ {
		d := &dst[k]
		if d.TruthID < 0 {
			continue
		}
		e := &w.Entities[d.TruthID]
		p := r3.Sub(e.Pos, r3.Scale(t1-d.TimeS, e.Vel))
		rel := r3.Sub(p, r.pos)
		rng := r3.Norm(rel)
		radial := 0.0
		if rng > 0 {
			radial = r3.Dot(e.Vel, rel) / rng
		}
		r.cells = append(r.cells, cellPlot{rangeM: rng, az: geo.Azimuth(rel), radialMPS: radial, timeS: d.TimeS, k: k})
	}
	if len(r.cells) < 2 {
		return dst
	}
	slices.SortFunc(r.cells, func(a, b cellPlot) int { return cmp.Or(cmp.Compare(a.rangeM, b.rangeM), a.k-b.k) })
	n := len(r.cells)
	r.cellRoot = slices.Grow(r.cellRoot[:0], n)[:n]
	for i := range r.cellRoot {
		r.cellRoot[i] = i
	}
	find := func(i int) int {
		for r.cellRoot[i] != i {
			r.cellRoot[i] = r.cellRoot[r.cellRoot[i]]
			i = r.cellRoot[i]
		}
		return i
	}
	merged := false
	for i := range r.cells {
		a := &r.cells[i]
		for j := i + 1; j < n && r.cells[j].rangeM-a.rangeM < r.rangeRes; j++ {
			b := &r.cells[j]
			if math.Abs(geo.WrapPi(b.az-a.az)) >= r.azBW || math.Abs(b.timeS-a.timeS) > r.lookS+1e-9 ||
				(r.velRes > 0 && math.Abs(b.radialMPS-a.radialMPS) >= r.velRes) {
				continue
			}
			if ra, rb := find(i), find(j); ra != rb {
				r.cellRoot[max(ra, rb)] = min(ra, rb)
				merged = true
			}
		}
	}
	if !merged {
		return dst
	}
	// Each cell's strongest detection stands for it (by root: the
	// strongest's place in cells and the number of targets); the others go.
	r.cellBest = slices.Grow(r.cellBest[:0], n)[:n]
	r.cellCount = slices.Grow(r.cellCount[:0], n)[:n]
	clear(r.cellCount)
	for i := range r.cells {
		root := find(i)
		if r.cellCount[root]++; r.cellCount[root] == 1 || dst[r.cells[i].k].SNRdB > dst[r.cells[r.cellBest[root]].k].SNRdB {
			r.cellBest[root] = i
		}
	}
	for i := range r.cells {
		root := find(i)
		d := &dst[r.cells[i].k]
		if r.cellBest[root] != i {
			d.Unresolved = -1 // dropped below
		} else if r.cellCount[root] > 1 {
			d.Unresolved = r.cellCount[root]
		}
	}
	out := start
	for k := start; k < len(dst); k++ {
		if dst[k].Unresolved >= 0 {
			dst[out] = dst[k]
			out++
		}
	}
	return dst[:out]
}
