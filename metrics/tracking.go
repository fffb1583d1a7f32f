package metrics

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/internal/keysort"
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
	// NoOSPA skips the OSPA and GOSPA distances (their sums stay 0) for a
	// caller that needs the track-to-truth assignment only.
	NoOSPA bool
	// NoErrors skips the position errors and NEES of the assigned pairs
	// (SquaredErrorSum, NEESSum, Assigned and their drone parts stay 0),
	// likewise.
	NoErrors        bool
	SquaredErrorSum float64 // over assigned pairs, m²
	NEESSum         float64 // position NEES over assigned pairs
	Assigned        int
	// The same over pairs whose truth is a drone.
	DroneSquaredErrorSum, DroneNEESSum float64
	DroneAssigned                      int
	// Class, if not nil, is told at each evaluation every confirmed track
	// and whether it was on a drone (a Reliability diagram of P(drone)).
	Class ClassObserver
	// Deleted counts the tracks that ended, by track.Track.Ended;
	// ConfirmedDeleted those of them that had been confirmed (see End).
	Deleted, ConfirmedDeleted map[string]int
	// Groups is how each group of drones (sim.Entity.Group) was tracked
	// together, in the order of their first members.
	Groups  []GroupTracking
	groupOf []int // by entity: its index in Groups, −1 alone

	// Each group's present members and the confirmed tracks on them at an
	// evaluation, and their GOSPA's workspace.
	groupTruth, groupTrack [][]r3.Vec
	groupHeld              []int
	groupDist              setDistance

	// Workspace, reused at every evaluation.
	dist                    setDistance
	follow                  sparseAssignment
	edges                   []edge
	truthIDs, trackIdx, row []int
	byX                     []keysort.Item[float64] // present truths by east coordinate
	bands                   northBands              // byX by north
	heldBy                  []int
	near                    []int // by row: the nearest truth within GateM, −1 if none
	truthPos, trackPos      []r3.Vec
	trackCov                [][3][3]float64
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

// GroupTracking is how the drones of one group were tracked together.
// A track is on the group when the scoring assigned it a member, or
// assigned it nothing but a member is the nearest truth within the gate
// (a duplicate of a member's track).
type GroupTracking struct {
	Name    string
	Members []int // entity IDs
	// Evaluations counts the evaluations with a member present; Present
	// and Held the members present and held by a confirmed track, summed
	// over them.
	Evaluations, Present, Held int
	// HalfHeldS is the first evaluation at which at least half the members
	// present were held by confirmed tracks (the group is tracked), NaN if
	// none.
	HalfHeldS float64
	// GOSPASum sums over the evaluations the GOSPA (cut-off the gate, p =
	// 2) between the members present and the confirmed tracks on the
	// group.
	GOSPASum float64
}

// MeanGOSPA returns the group's mean GOSPA over its evaluations, metres.
func (g *GroupTracking) MeanGOSPA() float64 { return g.GOSPASum / float64(g.Evaluations) }

// TrackFollowing is what one confirmed track followed.
type TrackFollowing struct {
	ID          int
	Evaluations int
	// Evaluations by what the track followed: the drone or the bird the
	// assignment gave it; or, given nothing, a drone within the gate that
	// another track held (a duplicate of that track), a bird within the
	// gate (counted on the bird), or nothing.
	OnDrone, OnBird, OnDuplicate, OnNothing int
	PDrone, PBird, PClutter                 float64 // class probabilities at its last evaluation
	Evidence                                track.Evidence
	RadarUpdates, RFUpdates                 int
	current                                 int // truth it was on at the last evaluation, −1 if none
	near                                    int // if on none, the nearest entity within the gate then, −1 if none
}

// Cause says what a confirmed track mostly followed: "drone", "bird",
// "duplicate" (a drone that another track held) or "clutter" (nothing);
// ties go to the first.
func (f *TrackFollowing) Cause() string {
	switch {
	case f.OnDrone >= f.OnBird && f.OnDrone >= f.OnDuplicate && f.OnDrone >= f.OnNothing:
		return "drone"
	case f.OnBird >= f.OnDuplicate && f.OnBird >= f.OnNothing:
		return "bird"
	case f.OnDuplicate >= f.OnNothing:
		return "duplicate"
	}
	return "clutter"
}

// ClassifiedDrone reports whether drone was the most probable of the
// track's last class probabilities.
func (f *TrackFollowing) ClassifiedDrone() bool { return f.PDrone > f.PBird && f.PDrone > f.PClutter }

// FalseDrone reports whether the track is a false drone track: classified
// drone, having mostly followed a bird or nothing (a duplicate of a
// drone's track is a drone where a drone is).
func (f *TrackFollowing) FalseDrone() bool {
	c := f.Cause()
	return f.ClassifiedDrone() && (c == "bird" || c == "clutter")
}

// NewTrackStats prepares scoring for a world's entities with the given
// gate (metres).
func NewTrackStats(w *sim.World, gateM float64) *TrackStats {
	s := &TrackStats{GateM: gateM, Truth: make([]TruthTracking, len(w.Entities)), Tracks: map[int]*TrackFollowing{},
		Deleted: map[string]int{}, ConfirmedDeleted: map[string]int{}}
	for _, r := range []string{track.EndNotConfirmed, track.EndMissed, track.EndUnlikely, track.EndUncertain, track.EndMerged} {
		s.Deleted[r], s.ConfirmedDeleted[r] = 0, 0
	}
	for i := range s.Truth {
		s.Truth[i] = TruthTracking{FirstConfirmedS: math.NaN(), FirstConfirmedRangeM: math.NaN(), current: -1, last: -1}
	}
	s.groupOf = make([]int, len(w.Entities))
	byName := map[string]int{}
	for i := range w.Entities {
		e := &w.Entities[i]
		s.groupOf[i] = -1
		if e.Group == "" || e.Kind != sim.Drone {
			continue
		}
		g, ok := byName[e.Group]
		if !ok {
			g = len(s.Groups)
			byName[e.Group] = g
			s.Groups = append(s.Groups, GroupTracking{Name: e.Group, HalfHeldS: math.NaN()})
		}
		s.groupOf[i] = g
		s.Groups[g].Members = append(s.Groups[g].Members, i)
	}
	s.groupTruth = make([][]r3.Vec, len(s.Groups))
	s.groupTrack = make([][]r3.Vec, len(s.Groups))
	s.groupHeld = make([]int, len(s.Groups))
	return s
}

// Add evaluates the confirmed tracks against the world's present entities.
//
// Candidate pairs come from a sweep over the truths sorted by east: a track
// is only compared with truths within the larger of the gate and its
// ellipsoid's reach, √(11.34·trace P) (eᵀP⁻¹e ≥ |e|²/trace P), and the
// assignment is solved component by component over the allowed pairs.
func (s *TrackStats) Add(w *sim.World, tracks []*track.Track) {
	now := w.TimeS()
	s.truthIDs = append(s.truthIDs[:0], w.Active()...)
	s.truthPos = s.truthPos[:0]
	for _, id := range s.truthIDs {
		s.truthPos = append(s.truthPos, w.Entities[id].Pos)
		s.Truth[id].Present++
	}
	s.trackIdx, s.trackPos, s.trackCov = s.trackIdx[:0], s.trackPos[:0], s.trackCov[:0]
	for i, t := range tracks {
		if t.Status == track.Confirmed {
			s.trackIdx = append(s.trackIdx, i)
			s.trackPos = append(s.trackPos, t.Position())
			P := &t.Est.Comb.P // t.Covariance(), not copied
			s.trackCov = append(s.trackCov, [3][3]float64{
				{P[0][0], P[0][1], P[0][2]}, {P[1][0], P[1][1], P[1][2]}, {P[2][0], P[2][1], P[2][2]}})
		}
	}
	s.Evaluations++
	if !s.NoOSPA {
		ospa, gospa := s.dist.both(s.truthPos, s.trackPos, s.GateM, 2)
		s.OSPASum += ospa
		s.GOSPASum += gospa
	}

	// Assign tracks (rows) to truths (columns) on distance, a pair allowed
	// within the gate or the track's 99 % ellipsoid.
	s.byX = slices.Grow(s.byX[:0], len(s.truthPos))[:len(s.truthPos)]
	for c := range s.byX {
		s.byX[c] = keysort.Item[float64]{Key: s.truthPos[c].X, Index: c}
	}
	// In the order slices.SortFunc with cmp.Compare of the east
	// coordinates gives.
	keysort.Sort(s.byX)
	s.edges = s.edges[:0]
	s.near = fill(s.near, len(s.trackPos), -1)
	s.bands.build(s.byX, s.truthPos, s.GateM)
	for r, p := range s.trackPos {
		nearD2 := s.GateM * s.GateM
		C := &s.trackCov[r]
		trace := C[0][0] + C[1][1] + C[2][2]
		reach := max(s.GateM, math.Sqrt(nees99*trace))
		// From the first truth not west of p.X − reach to the last not
		// east of p.X + reach, in the north bands within reach (a pair
		// allowed is within reach in north).
		s.bands.window(p.X-reach, p.X+reach, p, reach)
		for _, f := range s.bands.keepInOrder(func(k int) (rankedEdge, bool) {
			c := s.byX[k].Index
			e := r3.Sub(p, s.truthPos[c])
			d2 := r3.Dot(e, e)
			if d2 > s.GateM*s.GateM && (d2 > nees99*trace || !(mahalanobis3(C, e) <= nees99)) {
				return rankedEdge{}, false
			}
			return rankedEdge{k: k, d2: d2, e: edge{row: r, col: c, cost: math.Sqrt(d2)}}, true
		}) {
			s.edges = append(s.edges, f.e)
			if f.d2 <= nearD2 {
				s.near[r], nearD2 = f.e.col, f.d2
			}
		}
	}
	nr := len(s.trackIdx)
	s.row = slices.Grow(s.row[:0], nr)[:nr]
	s.follow.solve(s.edges, nr, len(s.truthIDs), s.row, false)

	s.heldBy = fill(s.heldBy, len(s.truthIDs), -1) // track ID holding each present truth
	for r, c := range s.row {
		t := tracks[s.trackIdx[r]]
		f := s.Tracks[t.ID]
		if f == nil {
			f = &TrackFollowing{ID: t.ID, current: -1, near: -1}
			s.Tracks[t.ID] = f
		}
		f.Evaluations++
		f.PDrone, f.PBird, f.PClutter = t.PDrone, t.PBird, t.PClutter
		f.Evidence, f.RadarUpdates, f.RFUpdates = t.Evidence, t.RadarUpdates, t.RFUpdates
		f.near = -1
		if c < 0 {
			switch n := s.near[r]; {
			case n < 0:
				f.OnNothing++
			case w.Entities[s.truthIDs[n]].Kind == sim.Bird:
				f.near = s.truthIDs[n]
				f.OnBird++
			default:
				f.near = s.truthIDs[n]
				f.OnDuplicate++
			}
			if s.Class != nil {
				s.Class.ObserveClass(t, f.near >= 0 && w.Entities[f.near].Kind == sim.Drone)
			}
			f.current = -1
			continue
		}
		id := s.truthIDs[c]
		if w.Entities[id].Kind == sim.Bird {
			f.OnBird++
		} else {
			f.OnDrone++
		}
		if s.Class != nil {
			s.Class.ObserveClass(t, w.Entities[id].Kind == sim.Drone)
		}
		f.current = id
		s.heldBy[c] = t.ID
		if s.NoErrors {
			continue
		}
		e := r3.Sub(s.trackPos[r], s.truthPos[c])
		nees := mahalanobis3(&s.trackCov[r], e)
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
	for c, id := range s.truthIDs {
		tt := &s.Truth[id]
		tid := s.heldBy[c]
		if tid < 0 {
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
	if len(s.Groups) > 0 {
		s.addGroups(now)
	}
}

// addGroups scores the groups at one evaluation, from Add's assignment.
func (s *TrackStats) addGroups(now float64) {
	for g := range s.Groups {
		s.groupTruth[g], s.groupTrack[g], s.groupHeld[g] = s.groupTruth[g][:0], s.groupTrack[g][:0], 0
	}
	for c, id := range s.truthIDs {
		if g := s.groupOf[id]; g >= 0 {
			s.groupTruth[g] = append(s.groupTruth[g], s.truthPos[c])
			if s.heldBy[c] >= 0 {
				s.groupHeld[g]++
			}
		}
	}
	for r, c := range s.row {
		if c < 0 {
			c = s.near[r]
		}
		if c < 0 {
			continue
		}
		if g := s.groupOf[s.truthIDs[c]]; g >= 0 {
			s.groupTrack[g] = append(s.groupTrack[g], s.trackPos[r])
		}
	}
	for g := range s.Groups {
		gr, present := &s.Groups[g], len(s.groupTruth[g])
		if present == 0 {
			continue
		}
		gr.Evaluations++
		gr.Present += present
		gr.Held += s.groupHeld[g]
		if math.IsNaN(gr.HalfHeldS) && 2*s.groupHeld[g] >= present {
			gr.HalfHeldS = now
		}
		if !s.NoOSPA {
			_, gospa := s.groupDist.both(s.groupTruth[g], s.groupTrack[g], s.GateM, 2)
			gr.GOSPASum += gospa
		}
	}
}

// End counts tracks that ended (as Tracker.Ended returns them) by why.
func (s *TrackStats) End(ended []*track.Track) {
	for _, t := range ended {
		s.Deleted[t.Ended]++
		if !math.IsNaN(t.ConfirmedS) {
			s.ConfirmedDeleted[t.Ended]++
		}
	}
}

// nees99 is the 99 % point of the chi-square law with 3 dof.
const nees99 = 11.34

// PositionNEES returns the normalised estimation error squared of an
// estimate's position against the true position: eᵀ·P⁻¹·e for the error e
// and the position block P of the estimate's covariance, solved by P's
// Cholesky factor; NaN when P is not positive definite. A consistent
// filter's NEES averages 3, the position's dimension (see docs/tracking.md).
func PositionNEES(g *track.Gaussian, truth r3.Vec) float64 {
	var P [3][3]float64
	for i := range 3 {
		for j := range 3 {
			P[i][j] = g.P[i][j]
		}
	}
	return mahalanobis3(&P, r3.Vec{X: g.X[0] - truth.X, Y: g.X[1] - truth.Y, Z: g.X[2] - truth.Z})
}

// mahalanobis3 returns eᵀ·P⁻¹·e for a 3×3 covariance P, by its Cholesky
// factor; NaN when P is not positive definite.
func mahalanobis3(P *[3][3]float64, e r3.Vec) float64 {
	var L [3][3]float64
	for i := 0; i < 3; i++ {
		for j := 0; j <= i; j++ {
			s := P[i][j]
			for k := 0; k < j; k++ {
				s -= L[i][k] * L[j][k]
			}
			if i == j {
				if !(s > 0) {
					return math.NaN()
				}
				L[i][i] = math.Sqrt(s)
			} else {
				L[i][j] = s / L[j][j]
			}
		}
	}
	v := [3]float64{e.X, e.Y, e.Z}
	var u [3]float64
	var sum float64
	for i := 0; i < 3; i++ {
		x := v[i]
		for k := 0; k < i; k++ {
			x -= L[i][k] * u[k]
		}
		u[i] = x / L[i][i]
		sum += u[i] * u[i]
	}
	return sum
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
