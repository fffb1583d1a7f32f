package metrics

import "math"

// LeadScorer records, for each entity, when a confirmed track holding it
// first reached each P(drone): the warning the sensors and the tracker
// make possible before a drone enters a zone, whatever the alert rules'
// horizon. Feed it the observed tracks of each evaluation, as an
// AlertScorer; FirstHeldS then gives, for any threshold, when the entity
// was first held by a confirmed track with P(drone) at or above it.
type LeadScorer struct {
	steps [][]AlertStep // by entity: the running maximum of P(drone), when it rose
}

// NewLeadScorer returns a scorer for a run with nEntities entities.
func NewLeadScorer(nEntities int) *LeadScorer {
	return &LeadScorer{steps: make([][]AlertStep, nEntities)}
}

// Evaluate records the observed tracks of an evaluation at time nowS.
func (s *LeadScorer) Evaluate(nowS float64, obs []Observed) {
	for i := range obs {
		o := &obs[i]
		if o.Truth < 0 {
			continue
		}
		s.steps[o.Truth] = raiseStep(s.steps[o.Truth], nowS, o.PDrone)
	}
}

// FirstHeldS returns when the entity was first held by a confirmed track
// whose P(drone) was at least t, NaN if never.
func (s *LeadScorer) FirstHeldS(entity int, t float64) float64 {
	for _, st := range s.steps[entity] {
		if st.UpToP >= t {
			return st.TimeS
		}
	}
	return math.NaN()
}
