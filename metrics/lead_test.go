package metrics_test

import (
	"math"
	"testing"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/metrics"
)

// TestLeadScorer feeds two tracks on one drone by hand and checks when it
// was first held at each threshold: the first evaluation at which a track
// holding it had that P(drone) or more, whichever track, never for a
// threshold no track reached; and nothing for tracks on no entity.
func TestLeadScorer(t *testing.T) {
	s := metrics.NewLeadScorer(3)
	obs := func(truth int32, p float64) metrics.Observed {
		return metrics.Observed{TrackState: alert.TrackState{PDrone: p}, Truth: truth, Near: -1}
	}
	s.Evaluate(10, []metrics.Observed{obs(1, 0.3), obs(-1, 0.99)})
	s.Evaluate(11, []metrics.Observed{obs(1, 0.2), obs(1, 0.6)}) // a second track, surer
	s.Evaluate(12, []metrics.Observed{obs(1, 0.5)})              // falls back: nothing new
	s.Evaluate(20, []metrics.Observed{obs(1, 0.95)})
	for _, tc := range []struct{ t, want float64 }{{0.1, 10}, {0.3, 10}, {0.31, 11}, {0.6, 11}, {0.61, 20}, {0.95, 20}, {0.96, math.NaN()}} {
		if got := s.FirstHeldS(1, tc.t); got != tc.want && !(math.IsNaN(got) && math.IsNaN(tc.want)) {
			t.Errorf("threshold %g: first held at %g, want %g", tc.t, got, tc.want)
		}
	}
	if got := s.FirstHeldS(0, 0); !math.IsNaN(got) {
		t.Errorf("an entity no track held: %g, want NaN", got)
	}
}
