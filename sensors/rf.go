package sensors

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/terrain"
)

// falseAlarmBandwidthHz is the bandwidth reported with an RF false alarm
// (a Wi-Fi-like burst), or the band's width when narrower.
const falseAlarmBandwidthHz = 20e6

// falseAlarmExcessDB is the mean excess of a false alarm's SNR over the
// threshold (exponentially distributed).
const falseAlarmExcessDB = 3

// pathLossModel is how an RF sensor computes path loss.
type pathLossModel uint8

const (
	freeSpace pathLossModel = iota
	twoRay
	logDistance
)

// RF is a passive RF detector: a direction-finding receiver that listens on
// a set of bands and reports the bearing of every drone link it hears.
//
// At each update it computes, for every link in its bands, the received
// power P = EIRP − L + G_rx + X, with L the path loss of its model (free
// space, two-ray ground reflection, or log-distance) and X log-normal
// shadowing correlated in time (Gudmundson's model: the correlation between
// two updates is exp(−Δd/d_c) for a drone that moved Δd); the noise power kTB
// + NF in the link's bandwidth; and the SNR. The link is heard when it is
// transmitting (probability duty cycle at each update) and its SNR reaches
// the threshold. The bearing's noise falls with SNR from its value at the
// threshold to a floor: σ² = σ_floor² + (σ_thr² − σ_floor²)·SNR_thr/SNR.
// Background false alarms arrive as a Poisson process at random bearings.
// RF-silent drones and birds emit nothing and are never heard.
type RF struct {
	id    string
	index int
	pos   r3.Vec

	bands        []scenarios.FreqBand
	gainDB       float64
	noiseFigDB   float64
	thresholdDB  float64
	updateS      float64
	bore, halfW  float64
	elMin, elMax float64
	floor, atThr float64 // bearing noise, rad
	measuresEl   bool

	loss        PathLoss
	shadowStdDB float64
	decorrM     float64

	faPerUpdate float64

	site     *sim.Site
	horizon  *terrain.Horizon // the terrain's, nil on flat ground
	targets  []*rand.Rand
	clutter  *rand.Rand
	linkBase []int    // index of an entity's first link in shadow
	shadow   []shadow // per (entity, link)
}

// shadow is the shadowing state of one link as this sensor hears it.
type shadow struct {
	db   float64
	last r3.Vec // where the drone was at the last draw
	set  bool
}

// NewRF builds a passive RF detector from its scenario entry. index is its
// place in the network.
func NewRF(spec scenarios.Sensor, index int, w *sim.World) (*RF, error) {
	p := spec.RF
	s := &RF{
		id: spec.ID, index: index,
		pos:   r3.Vec{X: spec.Position.EastM, Y: spec.Position.NorthM, Z: spec.MastHeightM},
		bands: p.Bands, gainDB: p.AntennaGainDB, noiseFigDB: p.NoiseFigureDB, thresholdDB: p.ThresholdSNRdB,
		updateS: p.UpdateS, bore: geo.Rad(spec.BoresightDeg), halfW: geo.Rad(p.WidthDeg) / 2,
		elMin: geo.Rad(-10), elMax: geo.Rad(90),
		floor: geo.Rad(p.Bearing.Floor), atThr: geo.Rad(p.Bearing.AtThreshold), measuresEl: p.MeasuresElevation,
		shadowStdDB: p.Propagation.ShadowingDB, decorrM: p.Propagation.DecorrM,
		faPerUpdate: p.FalseAlarmsPerH * p.UpdateS / 3600,
		site:        &w.Site,
	}
	if p.ElevationDeg != nil {
		s.elMin, s.elMax = geo.Rad(p.ElevationDeg.Min), geo.Rad(p.ElevationDeg.Max)
	}
	// On terrain the mast stands on the ground under it; the two-ray model
	// below reflects off the datum, the plane the heights are given over.
	s.pos, s.horizon = antenna(&w.Site, s.pos.X, s.pos.Y, spec.MastHeightM, math.Inf(1))
	s.loss.rxHeightM = s.pos.Z
	switch p.Propagation.Model {
	case "two_ray":
		s.loss.model = twoRay
	case "log_distance":
		s.loss.model = logDistance
		s.loss.exponent, s.loss.refM = p.Propagation.LogDistance.Exponent, p.Propagation.LogDistance.RefM
	case "free_space":
		s.loss.model = freeSpace
	default:
		return nil, fmt.Errorf("sensor %s: unknown propagation model %q", spec.ID, p.Propagation.Model)
	}
	s.targets = make([]*rand.Rand, len(w.Entities))
	s.linkBase = make([]int, len(w.Entities))
	links := 0
	for i := range w.Entities {
		s.targets[i] = sim.Stream(w.Seed, fmt.Sprintf("sensor/%s/target/%d", spec.ID, i))
		s.linkBase[i] = links
		links += len(w.Entities[i].Links)
	}
	s.shadow = make([]shadow, links)
	s.clutter = sim.Stream(w.Seed, "sensor/"+spec.ID+"/false-alarms")
	return s, nil
}

// ID returns the sensor's id.
func (s *RF) ID() string { return s.id }

// Kind returns RFBearing.
func (s *RF) Kind() DetectionKind { return RFBearing }

// Position returns the antenna position, ENU metres.
func (s *RF) Position() r3.Vec { return s.pos }

// PathLossDB returns the median path loss (no shadowing) of the sensor's
// model for a link at the given frequency from a transmitter at the given
// slant range and height.
func (s *RF) PathLossDB(freqHz, rangeM, txHeightM float64) float64 {
	return s.loss.DB(freqHz, rangeM, txHeightM)
}

// PathLoss is an RF sensor's median path-loss model (no shadowing): free
// space (the zero value), two-ray ground reflection with the receiving
// antenna at its mast's height, or log-distance. A tracker reads it from
// the sensor's Coverage to predict the received powers of one emitter at
// two sensors.
type PathLoss struct {
	model          pathLossModel
	exponent, refM float64
	rxHeightM      float64
}

// LogDistanceLoss returns the log-distance model of the given exponent
// and reference distance.
func LogDistanceLoss(exponent, refM float64) PathLoss {
	return PathLoss{model: logDistance, exponent: exponent, refM: refM}
}

// TwoRayLoss returns the two-ray model for a receiving antenna at the
// given height above the ground.
func TwoRayLoss(rxHeightM float64) PathLoss {
	return PathLoss{model: twoRay, rxHeightM: rxHeightM}
}

// DB returns the median path loss in dB of a link at the given frequency
// from a transmitter at the given slant range and height.
func (p *PathLoss) DB(freqHz, rangeM, txHeightM float64) float64 {
	switch p.model {
	case twoRay:
		return TwoRayPathLossDB(freqHz, rangeM, math.Max(txHeightM, 1), math.Max(p.rxHeightM, 1))
	case logDistance:
		return LogDistancePathLossDB(freqHz, rangeM, p.refM, p.exponent)
	}
	return FreeSpacePathLossDB(freqHz, rangeM)
}

// Slope returns the partial derivatives of DB with respect to the range
// and to the transmitter's height, in dB per metre: 20/(d·ln 10) per
// metre of range in free space (and inside the log-distance model's
// reference distance), 10·γ/(d·ln 10) beyond it; for the two-ray model,
// free space's up to the crossover distance and wherever free space is
// the larger loss, and beyond, 40/(d·ln 10) per metre of range and
// −20/(hₜ·ln 10) per metre of height (above 1 m, where DB holds the
// height). Only the two-ray model depends on the height.
func (p *PathLoss) Slope(freqHz, rangeM, txHeightM float64) (perRangeM, perHeightM float64) {
	free := 20 / (rangeM * math.Ln10)
	switch p.model {
	case twoRay:
		ht, hr := math.Max(txHeightM, 1), math.Max(p.rxHeightM, 1)
		crossover := 4 * math.Pi * ht * hr * freqHz / SpeedOfLight
		if rangeM <= crossover || FreeSpacePathLossDB(freqHz, rangeM) >= 40*math.Log10(rangeM)-20*math.Log10(ht*hr) {
			return free, 0
		}
		if txHeightM > 1 {
			perHeightM = -20 / (ht * math.Ln10)
		}
		return 2 * free, perHeightM
	case logDistance:
		if rangeM > p.refM {
			return 10 * p.exponent / (rangeM * math.Ln10), 0
		}
	}
	return free, 0
}

// RangeForLink returns the range in metres at which a link of the given
// EIRP (dBm), frequency and bandwidth (Hz), transmitted from the given
// height, reaches the sensor's threshold SNR with no shadowing: the median
// detection range of the link budget. It ignores the field of view, the
// horizon and masking; it is 0 when the link is not heard even at 1 m and
// +Inf beyond 10 000 km.
func (s *RF) RangeForLink(eirpDBm, freqHz, bandwidthHz, txHeightM float64) float64 {
	budget := eirpDBm + s.gainDB - ThermalNoiseDBm(bandwidthHz, s.noiseFigDB) - s.thresholdDB
	heard := func(r float64) bool { return s.PathLossDB(freqHz, r, txHeightM) <= budget }
	lo, hi := 1.0, 1e10
	if !heard(lo) {
		return 0
	}
	if heard(hi) {
		return math.Inf(1)
	}
	for hi/lo > 1+1e-9 { // path loss grows with range in every model
		if mid := math.Sqrt(lo * hi); heard(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// NominalRangeM is the sensor's headline range: RangeForLink of a typical
// small-drone control link (20 dBm EIRP, 1 MHz at 2.44 GHz) from 50 m up.
// The CLI's summary and the viewer's coverage rings show it.
func (s *RF) NominalRangeM() float64 { return s.RangeForLink(20, 2.44e9, 1e6, 50) }

// Observe appends the detections of the last step.
func (s *RF) Observe(w *sim.World, dst []Detection) []Detection {
	t1 := w.TimeS()
	t0 := t1 - w.StepS
	for k := math.Floor(t0/s.updateS+1e-9) + 1; k <= math.Floor(t1/s.updateS+1e-9); k++ {
		tc := k * s.updateS
		for _, id := range w.Active() {
			e := &w.Entities[id]
			if e.RFSilent || len(e.Links) == 0 {
				continue
			}
			dst = s.listen(dst, e, tc, t1)
		}
		dst = s.falseAlarms(dst, tc)
	}
	return dst
}

// hears returns the geometry of a look at a point p and whether an
// emitter there can be heard: within the elevation limits and the azimuth
// field of view, inside the 4/3-earth radio horizon, and with nothing on
// the site in between: no obstacle, and no terrain on a site that has it
// (inSight). It draws nothing.
func (s *RF) hears(site *sim.Site, p r3.Vec) (g geometry, ok bool) {
	// look's geometry, each part computed only when the tests before it
	// pass.
	dp := r3.Sub(p, s.pos)
	if g.rangeM = r3.Norm(dp); g.rangeM == 0 {
		return g, false
	}
	if g.el = math.Asin(dp.Z / g.rangeM); g.el < s.elMin || g.el > s.elMax {
		return g, false
	}
	if g.az = geo.Azimuth(dp); math.Abs(geo.WrapPi(g.az-s.bore)) > s.halfW {
		return g, false
	}
	g.groundM, g.unit = math.Hypot(dp.X, dp.Y), r3.Scale(1/g.rangeM, dp)
	if !inSight(s.horizon, site, s.pos, p, &g) {
		return g, false
	}
	return g, true
}

// medianPowerDBm is the power in dBm the sensor receives from link l at
// the given slant range and transmitter height, without shadowing: EIRP −
// path loss + the antenna's gain.
func (s *RF) medianPowerDBm(l sim.Link, rangeM, txHeightM float64) float64 {
	return l.EIRPdBm - s.PathLossDB(l.FrequencyHz, rangeM, txHeightM) + s.gainDB
}

// LookPd returns the probability that one update hears at least one of the
// given links of a drone at p (ENU metres), shadowing aside: 0 where the
// sensor cannot hear p (elevation limits, field of view, 4/3-earth
// horizon, an obstacle in between), else 1 − Π(1 − duty cycle) over the
// links in its bands whose median SNR (the link budget listen computes,
// without the shadowing draw) reaches the threshold. Each link transmits
// at an update with probability its duty cycle, independently, as listen
// draws. It is what a coverage map shows per look.
func (s *RF) LookPd(p r3.Vec, links []sim.Link) float64 {
	return s.LookPdOn(s.site, p, links)
}

// LookPdOn is LookPd with the line of sight checked against the obstacles
// of site rather than those of the sensor's world (see Radar.LookPdOn).
func (s *RF) LookPdOn(site *sim.Site, p r3.Vec, links []sim.Link) float64 {
	g, ok := s.hears(site, p)
	if !ok {
		return 0
	}
	miss := 1.0
	for _, l := range links {
		if !s.inBand(l.FrequencyHz) {
			continue
		}
		if s.medianPowerDBm(l, g.rangeM, p.Z)-ThermalNoiseDBm(l.BandwidthHz, s.noiseFigDB) >= s.thresholdDB {
			miss *= 1 - l.DutyCycle
		}
	}
	return 1 - miss
}

// listen is one update's look at entity e at time tc within the step ending at t1.
func (s *RF) listen(dst []Detection, e *sim.Entity, tc, t1 float64) []Detection {
	p := r3.Sub(e.Pos, r3.Scale(t1-tc, e.Vel))
	g, ok := s.hears(s.site, p)
	if !ok {
		return dst
	}
	rnd := s.targets[e.ID]
	for li, l := range e.Links {
		if !s.inBand(l.FrequencyHz) {
			continue
		}
		sh := &s.shadow[s.linkBase[e.ID]+li]
		if s.shadowStdDB > 0 {
			if !sh.set {
				sh.db, sh.set = s.shadowStdDB*rnd.NormFloat64(), true
			} else {
				rho := math.Exp(-r3.Norm(r3.Sub(p, sh.last)) / s.decorrM)
				sh.db = rho*sh.db + math.Sqrt(1-rho*rho)*s.shadowStdDB*rnd.NormFloat64()
			}
			sh.last = p
		}
		on := rnd.Float64() < l.DutyCycle
		power := s.medianPowerDBm(l, g.rangeM, p.Z) + sh.db
		snr := power - ThermalNoiseDBm(l.BandwidthHz, s.noiseFigDB)
		if !on || snr < s.thresholdDB {
			continue
		}
		d := s.report(rnd, tc, snr, g)
		d.PowerDBm, d.FrequencyHz, d.BandwidthHz = power, l.FrequencyHz, l.BandwidthHz
		d.TruthID, d.Link = e.ID, li
		dst = append(dst, d)
	}
	return dst
}

func (s *RF) inBand(f float64) bool {
	for _, b := range s.bands {
		if f >= b.MinHz && f <= b.MaxHz {
			return true
		}
	}
	return false
}

// angleStd is the bearing (and elevation) noise at an SNR in dB.
func (s *RF) angleStd(snrDB float64) float64 {
	return math.Sqrt(s.floor*s.floor + (s.atThr*s.atThr-s.floor*s.floor)*math.Pow(10, (s.thresholdDB-snrDB)/10))
}

func (s *RF) report(rnd *rand.Rand, t, snrDB float64, g geometry) Detection {
	std := s.angleStd(snrDB)
	d := Detection{
		TimeS: t, Sensor: s.index, Kind: RFBearing, Origin: s.pos, SNRdB: snrDB, TruthID: -1, Link: -1,
		AzimuthStdRad: std,
		AzimuthRad:    geo.WrapTwoPi(g.az + std*rnd.NormFloat64()),
		HasElevation:  s.measuresEl,
	}
	if d.HasElevation {
		d.ElevationStdRad = std
		d.ElevationRad = g.el + std*rnd.NormFloat64()
	}
	return d
}

// falseAlarms appends the background false reports of one update: a Poisson
// number at bearings uniform over the field of view, in a random band, with
// SNR above the threshold by an exponential excess.
func (s *RF) falseAlarms(dst []Detection, t float64) []Detection {
	rnd := s.clutter
	for n := poisson(rnd, s.faPerUpdate); n > 0; n-- {
		b := s.bands[rnd.IntN(len(s.bands))]
		snr := s.thresholdDB + falseAlarmExcessDB*rnd.ExpFloat64()
		g := geometry{
			az: geo.WrapTwoPi(s.bore + s.halfW*(2*rnd.Float64()-1)),
			el: s.elMin + (s.elMax-s.elMin)*rnd.Float64(),
		}
		d := s.report(rnd, t, snr, g)
		d.FrequencyHz = b.MinHz + (b.MaxHz-b.MinHz)*rnd.Float64()
		d.BandwidthHz = math.Min(falseAlarmBandwidthHz, b.MaxHz-b.MinHz)
		d.PowerDBm = ThermalNoiseDBm(d.BandwidthHz, s.noiseFigDB) + snr
		dst = append(dst, d)
	}
	return dst
}
