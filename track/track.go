package track

import (
	"math"

	"gonum.org/v1/gonum/spatial/r3"
)

// Status is where a track is in its life.
type Status uint8

// Track statuses.
const (
	Tentative Status = iota // started, not yet confirmed
	Confirmed               // passed the M-of-N rule
	Deleted                 // ended; see Track.Ended
)

// String returns "tentative", "confirmed" or "deleted".
func (s Status) String() string {
	return [...]string{"tentative", "confirmed", "deleted"}[s]
}

// Why a track ended (Track.Ended).
const (
	EndNotConfirmed = "not confirmed" // a tentative track that could no longer pass M of N
	EndMissed       = "missed"        // a confirmed track missed delete_misses cycles in a row
	EndUncertain    = "uncertain"     // its horizontal position error passed delete_position_std_m
	EndUnlikely     = "unlikely"      // a confirmed track whose existence probability fell under delete_existence
	EndMerged       = "merged"        // a duplicate of another track, which took over its evidence
)

// Track is the tracker's belief about one object.
type Track struct {
	ID     int
	Status Status
	Est    IMM     // the state estimate, at TimeS
	TimeS  float64 // time of Est

	BornS      float64
	ConfirmedS float64 // NaN until confirmed
	UpdatedS   float64 // time of the last measurement update
	EndS       float64 // NaN until deleted
	Ended      string  // why it was deleted: EndNotConfirmed, EndMissed, EndUnlikely, EndUncertain or EndMerged

	// Existence is the probability that the track follows a real object
	// (Musicki's integrated PDA existence, updated at every look): the
	// track's quality in [0, 1].
	Existence float64
	// PDrone, PBird and PClutter are the class probabilities; they sum to
	// one. A confirmed track's PDrone is calibrated (calibrate.go): of
	// the confirmed tracks given a P(drone) q on the library sites, a
	// fraction q followed a drone. PBird and PClutter share the rest in
	// the proportions naive Bayes gives them: Existence·(1 − p) to
	// 1 − Existence, with p the logistic of Evidence.LogOdds. A tentative
	// track's are naive Bayes's: PDrone = Existence·p, PClutter =
	// 1 − Existence.
	PDrone, PBird, PClutter float64

	// Looks counts the tracker's one-second cycles in which a sensor that
	// has detected the object looked at it or some sensor updated it; Hits
	// those with an update; Misses the current run of cycles without one.
	Looks, Hits  int
	Misses       int
	RadarUpdates int
	RFUpdates    int
	// Emitter is set once an RF bearing has updated the track.
	Emitter bool
	// Evidence is what the classification rests on.
	Evidence Evidence

	window     uint64 // M-of-N history of the first looks, newest in bit 0
	windowLen  int
	hitBy      sensorSet // sensors that updated it since their last scan end
	seenBy     sensorSet // sensors that have ever updated it
	updated    bool      // in the current cycle
	confirming bool      // updated in the current cycle in a way that counts towards confirmation
	rfBorn     bool      // started by RF triangulation
	looked     bool      // by a sensor that has seen it, in the current cycle
	pdaLooked  bool      // its existence took a PDA update that was no hit, in the current cycle
	class      classEvidence
	pdLo, pd   float64 // setClass's logistic pd of the log-odds pdLo
	pdOK       bool
	emX, emLog float64 // logEmitterProbability's log of the logistic of emX
	emOK       bool
	nextClass  float64
	lastRF     float64
	lastRadar  float64 // time of the last radar update (or of the plot that started it)
	rfSensor   int     // sensor of the last RF bearing that updated the track, −1 if none
	rfSensorS  float64 // and its time
	// The received-power test (power.go): the latest bearings by sensor
	// and link, the running log-likelihood ratio of one emitter against
	// several, the time and position of the last test, the number of
	// tests, and whether the sum says ghost.
	rfMemo     [rfMemoLen]rfMemo
	powerLLR   float64
	powerS     float64
	powerAt    r3.Vec
	powerTests int
	ghost      bool
}

// Evidence counts what moved a track's drone-against-bird log-odds, and
// the log-odds itself with its three bounded terms (see classify.go).
type Evidence struct {
	DroneLabels, BirdLabels int // micro-Doppler labels
	RFSeconds               int // seconds with RF updates of two sensors agreeing (+1.5 each, at most +4.6 in all)
	HoverSeconds            int // seconds hovering (+0.5 each)
	FastSeconds             int // seconds faster than birds fly (+0.3 each)
	BirdSpeedSeconds        int // seconds at a bird's cruising speed (−0.1 each; kinematics within ±2 in all)
	LogOdds                 float64
	// The terms of LogOdds: micro-Doppler labels (within ±10), RF
	// emission (0 to 4.6) and kinematics (within ±2).
	LabelLogOdds, RFLogOdds, KinematicLogOdds float64
	// FlockLogOdds is the bird evidence taken at birth from the tracks
	// of the birds around (0 to −4.6; see flockEvidence).
	FlockLogOdds float64
	// NaivePDrone is P(drone) as naive Bayes gives it, before the
	// calibration: Existence times the logistic of LogOdds.
	NaivePDrone float64
}

// Position returns the estimated position, ENU metres.
func (t *Track) Position() r3.Vec {
	x := &t.Est.Comb.X
	return r3.Vec{X: x[ix], Y: x[iy], Z: x[iz]}
}

// Velocity returns the estimated velocity, m/s.
func (t *Track) Velocity() r3.Vec {
	x := &t.Est.Comb.X
	return r3.Vec{X: x[ivx], Y: x[ivy], Z: x[ivz]}
}

// State returns the estimated state: position (ENU metres) then velocity
// (m/s), east, north, up.
func (t *Track) State() [6]float64 { return t.Est.Comb.X }

// Covariance returns the covariance of State, in the same order.
func (t *Track) Covariance() [6][6]float64 { return t.Est.Comb.P }

// PositionStdM returns the root of the trace of the position covariance:
// the RMS distance between the estimate and the object, metres.
func (t *Track) PositionStdM() float64 {
	P := &t.Est.Comb.P
	return math.Sqrt(P[ix][ix] + P[iy][iy] + P[iz][iz])
}

// HorizontalStdM returns the root of the east and north variances: the
// horizontal RMS distance between the estimate and the object, metres,
// which the sensors reduce whether or not one measures the altitude.
func (t *Track) HorizontalStdM() float64 {
	P := &t.Est.Comb.P
	return math.Sqrt(P[ix][ix] + P[iy][iy])
}

// extrapolate returns the position at time s by the current velocity,
// without a full prediction.
func (t *Track) extrapolate(s float64) r3.Vec {
	return r3.Add(t.Position(), r3.Scale(s-t.TimeS, t.Velocity()))
}

// Models returns the number of motion models of the track's filter: 1 for
// a plain Kalman filter, 2 for the IMM.
func (t *Track) Models() int { return len(t.Est.Models) }

// HoverProbability returns the IMM's probability of the near-hover model,
// or 0 for a single-model filter.
func (t *Track) HoverProbability() float64 {
	if len(t.Est.Models) < 2 {
		return 0
	}
	return t.Est.Mu[1]
}

// hitsInWindow counts the hits among the first looks.
func (t *Track) hitsInWindow() int {
	n := 0
	for w := t.window; w != 0; w &= w - 1 {
		n++
	}
	return n
}

// sensorSet is a set of sensor indices: a bit mask for the first 64, a
// slice beyond (allocated only in networks of more than 64 sensors).
type sensorSet struct {
	lo   uint64
	rest []uint64
}

func (s *sensorSet) has(i int) bool {
	if i < 64 {
		return s.lo&(1<<i) != 0
	}
	k := i/64 - 1
	return k < len(s.rest) && s.rest[k]&(1<<(i%64)) != 0
}

func (s *sensorSet) set(i int, on bool) {
	if i < 64 {
		if on {
			s.lo |= 1 << i
		} else {
			s.lo &^= 1 << i
		}
		return
	}
	k := i/64 - 1
	if k >= len(s.rest) {
		if !on {
			return
		}
		s.rest = append(s.rest, make([]uint64, k+1-len(s.rest))...)
	}
	if on {
		s.rest[k] |= 1 << (i % 64)
	} else {
		s.rest[k] &^= 1 << (i % 64)
	}
}

// union adds the members of o to s.
func (s *sensorSet) union(o *sensorSet) {
	s.lo |= o.lo
	for k, w := range o.rest {
		for b := 0; b < 64; b++ {
			if w&(1<<b) != 0 {
				s.set(64*(k+1)+b, true)
			}
		}
	}
}
