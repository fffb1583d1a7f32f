package track

import (
	"math"
	"reflect"
	"strconv"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
)

// TestKinematicsAloneCannotAlert: a track with no micro-Doppler label and
// no RF bearing — where coverage's label_pd is 0 (docs/coverage.md) —
// has the prior and its kinematics alone, and with the shipped defaults
// (tracker.drone_prior, alerting.p_drone) the kinematic bound keeps its
// P(drone), at most the logistic of their sum (quality ≤ 1 multiplies it,
// a flock's prior only lowers it), under the alert threshold.
func TestKinematicsAloneCannotAlert(t *testing.T) {
	def := func(typ reflect.Type, field string) float64 {
		f, ok := typ.FieldByName(field)
		if !ok {
			t.Fatalf("no field %s in %s", field, typ)
		}
		x, err := strconv.ParseFloat(f.Tag.Get("default"), 64)
		if err != nil {
			t.Fatalf("%s.%s default: %v", typ, field, err)
		}
		return x
	}
	prior := def(reflect.TypeFor[scenarios.Tracker](), "DronePrior")
	threshold := def(reflect.TypeFor[scenarios.Alerting](), "PDrone")
	best := 1 / (1 + math.Exp(-(math.Log(prior/(1-prior)) + maxKinematicLogOdds)))
	if best >= threshold {
		t.Errorf("P(drone) from the prior %g and kinematics alone reaches %.3f, at or above the default p_drone %g", prior, best, threshold)
	}
	c := classEvidence{prior: math.Log(prior / (1 - prior))}
	for range 1000 {
		c.addKinematic(hoverEvidence)
	}
	if got := 1 / (1 + math.Exp(-c.logOdds())); math.Abs(got-best) > 1e-12 {
		t.Errorf("a track hovering for 1000 s has P(drone) %.6f of its evidence, expected the bound's %.6f", got, best)
	}
}
