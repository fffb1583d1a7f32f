package metrics_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/track"
)

// TestPositionNEES checks PositionNEES (its Cholesky solve written out for
// 3×3) against gonum's
// Cholesky solve on random positive definite covariances.
func TestPositionNEES(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for range 100 {
		var a mat.Dense
		a.Apply(func(_, _ int, _ float64) float64 { return rng.NormFloat64() }, mat.NewDense(3, 3, nil))
		var p mat.SymDense
		p.SymOuterK(1, &a)
		var g track.Gaussian
		for i := range 3 {
			p.SetSym(i, i, p.At(i, i)+0.1)
			for j := range 3 {
				g.P[i][j] = p.At(i, j)
			}
		}
		e := []float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		var ch mat.Cholesky
		if !ch.Factorize(&p) {
			t.Fatal("not positive definite")
		}
		x := mat.NewVecDense(3, nil)
		if err := ch.SolveVecTo(x, mat.NewVecDense(3, e)); err != nil {
			t.Fatal(err)
		}
		want := mat.Dot(x, mat.NewVecDense(3, e))
		got, err := metrics.PositionNEES(&g, r3.Vec{X: e[0], Y: e[1], Z: e[2]}), error(nil)
		if err != nil || math.Abs(got-want) > 1e-9*math.Max(1, want) {
			t.Errorf("NEES %g (%v), want %g", got, err, want)
		}
	}
}
