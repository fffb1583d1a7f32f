package metrics

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/assign"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/track"
)

// TrackStats scores confirmed tracks against truth, one evaluation per
// call to Add. At each evaluation the confirmed tracks are assigned to the
// present drones and birds by an optimal assignment on distance (Stone
// Soup's track-to-truth association), a pair allowed when the distance is
// within GateM or within the track's own 99 % error ellipsoid (position
// NEES ≤ 11.34): an RF-only track 400 m off with a 500 m uncertainty
// follows its drone imprecisely, it is not a false track. From the sequence
// of assignments it counts, per truth, the tracks that held it, its breaks
// (the truth passes from one track to another, with or without a gap) and
// swaps (a break where the old track moved to another truth); per track,
// what it followed; per evaluation, OSPA and GOSPA (cut-off GateM, p = 2),
// the position error of assigned pairs and their NEES.
type TrackStats struct {
	GateM  float64
	Truth  []TruthTracking         // by entity ID
	Tracks map[int]*TrackFollowing // confirmed tracks by track ID

	Evaluations       int
	OSPASum, GOSPASum float64
	SquaredErrorSum   float64 // over assigned pairs, m²
	NEESSum           float64 // position NEES over assigned pairs
	Assigned          int
	// The same over pairs whose truth is a drone.
	DroneSquaredErrorSum, DroneNEESSum float64
	DroneAssigned                      int
	solver                             assign.Solver
	truthIDs, trackIdx, row            []int
	cost                               []float64
	truthPos, trackPos                 []r3.Vec
}

// TruthTracking is how one truth object was tracked.
type TruthTracking struct {
	Present              int     // evaluations while it was present
	Held                 int     // evaluations it was held by a confirmed track
	FirstConfirmedS      float64 // NaN if never held
	FirstConfirmedRangeM float64 // its distance from the site origin then
	TrackIDs             []int   // distinct tracks that held it, in order
	Breaks, Swaps        int
	current              int // track holding it at the last evaluation, −1 if none
	last                 int // last track that held it, −1 if none
}

// TrackFollowing is what one confirmed track followed.
type TrackFollowing struct {
	ID                         int
	Evaluations                int
	OnDrone, OnBird, OnNothing int
	PDrone, PBird, PClutter    float64 // class probabilities at its last evaluation
	Evidence                   track.Evidence
	RadarUpdates, RFUpdates    int
	current                    int // truth it was on at the last evaluation, −1 if none
}

// Cause says what a confirmed track mostly followed: "drone", "bird" or
// "clutter" (nothing).
func (f *TrackFollowing) Cause() string {
	switch {
	case f.OnDrone >= f.OnBird && f.OnDrone >= f.OnNothing:
		return "drone"
	case f.OnBird >= f.OnNothing:
		return "bird"
	}
	return "clutter"
}

// ClassifiedDrone reports whether drone was the most probable of the
// track's last class probabilities.
func (f *TrackFollowing) ClassifiedDrone() bool { return f.PDrone > f.PBird && f.PDrone > f.PClutter }

// NewTrackStats prepares scoring for a world's entities with the given
// gate (metres).
func NewTrackStats(w *sim.World, gateM float64) *TrackStats {
	s := &TrackStats{GateM: gateM, Truth: make([]TruthTracking, len(w.Entities)), Tracks: map[int]*TrackFollowing{}}
	for i := range s.Truth {
		s.Truth[i] = TruthTracking{FirstConfirmedS: math.NaN(), FirstConfirmedRangeM: math.NaN(), current: -1, last: -1}
	}
	return s
}

// Add evaluates the confirmed tracks against the world's present entities.
func (s *TrackStats) Add(w *sim.World, tracks []*track.Track) {
	now := w.TimeS()
	s.truthIDs = append(s.truthIDs[:0], w.Active()...)
	s.truthPos = s.truthPos[:0]
	for _, id := range s.truthIDs {
		s.truthPos = append(s.truthPos, w.Entities[id].Pos)
		s.Truth[id].Present++
	}
	s.trackIdx = s.trackIdx[:0]
	s.trackPos = s.trackPos[:0]
	for i, t := range tracks {
		if t.Status == track.Confirmed {
			s.trackIdx = append(s.trackIdx, i)
			s.trackPos = append(s.trackPos, t.Position())
		}
	}
	s.Evaluations++
	s.OSPASum += OSPA(s.truthPos, s.trackPos, s.GateM, 2)
	s.GOSPASum += GOSPA(s.truthPos, s.trackPos, s.GateM, 2)

	// Assign tracks (rows) to truths (columns) on distance within the gate.
	nr, nc := len(s.trackIdx), len(s.truthIDs)
	s.cost = slices.Grow(s.cost[:0], nr*nc)[:nr*nc]
	for r := 0; r < nr; r++ {
		for c := 0; c < nc; c++ {
			e := r3.Sub(s.trackPos[r], s.truthPos[c])
			d := r3.Norm(e)
			if d > s.GateM && !withinEllipsoid(tracks[s.trackIdx[r]], e) {
				d = math.Inf(1)
			}
			s.cost[r*nc+c] = d
		}
	}
	s.row = slices.Grow(s.row[:0], nr)[:nr]
	if _, err := s.solver.Solve(s.cost, nr, nc, s.row); err != nil {
		panic("metrics: track assignment: " + err.Error()) // distances are finite or +Inf
	}

	held := map[int]int{} // truth ID → track ID at this evaluation
	for r, c := range s.row {
		t := tracks[s.trackIdx[r]]
		f := s.Tracks[t.ID]
		if f == nil {
			f = &TrackFollowing{ID: t.ID, current: -1}
			s.Tracks[t.ID] = f
		}
		f.Evaluations++
		f.PDrone, f.PBird, f.PClutter = t.PDrone, t.PBird, t.PClutter
		f.Evidence, f.RadarUpdates, f.RFUpdates = t.Evidence, t.RadarUpdates, t.RFUpdates
		if c < 0 {
			f.OnNothing++
			f.current = -1
			continue
		}
		id := s.truthIDs[c]
		if w.Entities[id].Kind == sim.Bird {
			f.OnBird++
		} else {
			f.OnDrone++
		}
		f.current = id
		held[id] = t.ID
		e := r3.Sub(s.trackPos[r], s.truthPos[c])
		nees := positionNEES(t, e)
		if math.IsNaN(nees) {
			continue // a covariance that does not factorise: no score
		}
		s.SquaredErrorSum += r3.Dot(e, e)
		s.NEESSum += nees
		s.Assigned++
		if w.Entities[id].Kind == sim.Drone {
			s.DroneSquaredErrorSum += r3.Dot(e, e)
			s.DroneNEESSum += nees
			s.DroneAssigned++
		}
	}
	for _, id := range s.truthIDs {
		tt := &s.Truth[id]
		tid, ok := held[id]
		if !ok {
			tt.current = -1
			continue
		}
		tt.Held++
		if math.IsNaN(tt.FirstConfirmedS) {
			tt.FirstConfirmedS = now
			p := w.Entities[id].Pos
			tt.FirstConfirmedRangeM = math.Hypot(p.X, p.Y)
		}
		if !slices.Contains(tt.TrackIDs, tid) {
			tt.TrackIDs = append(tt.TrackIDs, tid)
		}
		if tt.last >= 0 && tt.last != tid {
			tt.Breaks++
			if f := s.Tracks[tt.last]; f != nil && f.current >= 0 && f.current != id {
				tt.Swaps++
			}
		}
		tt.current, tt.last = tid, tid
	}
}

// nees99 is the 99 % point of the chi-square law with 3 dof.
const nees99 = 11.34

// withinEllipsoid reports whether e lies inside the track's 99 % position
// error ellipsoid. Since eᵀP⁻¹e ≥ |e|²/λmax ≥ |e|²/trace P, most pairs
// are refused without factorising P.
func withinEllipsoid(t *track.Track, e r3.Vec) bool {
	P := t.Covariance()
	if r3.Dot(e, e) > nees99*(P[0][0]+P[1][1]+P[2][2]) {
		return false
	}
	return positionNEES(t, e) <= nees99
}

// positionNEES is eᵀ·P⁻¹·e for the track's position covariance P.
func positionNEES(t *track.Track, e r3.Vec) float64 {
	P := t.Covariance()
	sub := mat.NewSymDense(3, []float64{
		P[0][0], P[0][1], P[0][2],
		P[1][0], P[1][1], P[1][2],
		P[2][0], P[2][1], P[2][2],
	})
	var ch mat.Cholesky
	if !ch.Factorize(sub) {
		return math.NaN()
	}
	var x mat.VecDense
	v := mat.NewVecDense(3, []float64{e.X, e.Y, e.Z})
	if err := ch.SolveVecTo(&x, v); err != nil {
		return math.NaN()
	}
	return mat.Dot(v, &x)
}

// MeanOSPA returns the average OSPA over the evaluations.
func (s *TrackStats) MeanOSPA() float64 { return s.OSPASum / float64(s.Evaluations) }

// MeanGOSPA returns the average GOSPA over the evaluations.
func (s *TrackStats) MeanGOSPA() float64 { return s.GOSPASum / float64(s.Evaluations) }

// RMSE returns the root-mean-square position error of assigned track–truth
// pairs, metres.
func (s *TrackStats) RMSE() float64 { return math.Sqrt(s.SquaredErrorSum / float64(s.Assigned)) }

// MeanNEES returns the average position NEES of assigned pairs (3 for a
// consistent filter).
func (s *TrackStats) MeanNEES() float64 { return s.NEESSum / float64(s.Assigned) }

// DroneRMSE and DroneMeanNEES are RMSE and MeanNEES over drones only.
func (s *TrackStats) DroneRMSE() float64 {
	return math.Sqrt(s.DroneSquaredErrorSum / float64(s.DroneAssigned))
}

// DroneMeanNEES is MeanNEES over drones only.
func (s *TrackStats) DroneMeanNEES() float64 { return s.DroneNEESSum / float64(s.DroneAssigned) }
