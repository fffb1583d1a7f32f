package report

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/compare"
)

// parseInterval reads "EST[unit] [LO, HI][ *]" as the tables print it.
var intervalRE = regexp.MustCompile(`^([+\-−]?[0-9.∞]+)(?: pp| s)? \[([+\-−]?[0-9.∞]+), ([+\-−]?[0-9.∞]+)\]( \*)?$`)

func parseEnd(t *testing.T, s string) float64 {
	t.Helper()
	s = strings.ReplaceAll(s, "−", "-")
	switch s {
	case "-∞":
		return math.Inf(-1)
	case "∞", "+∞":
		return math.Inf(1)
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return x
}

// TestPrintedIntervalsHoldTheComputed formats 20 000 random intervals as
// the tables do and reads them back: the printed interval always contains
// the computed one, by no more than one unit of its last decimal; the
// estimate is within half a unit; a starred difference never prints an end
// at zero or on the wrong side of it, and an unstarred one always spans
// zero. Issue 16 found "+1.1 pp [0.0, +2.1] *" and "0 s [0, +1] *".
func TestPrintedIntervalsHoldTheComputed(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 20000 {
		a, b := rng.NormFloat64()*math.Pow(10, float64(rng.IntN(4)-3)), rng.NormFloat64()*math.Pow(10, float64(rng.IntN(4)-3))
		lo, hi := min(a, b), max(a, b)
		est := lo + rng.Float64()*(hi-lo)
		iv := compare.Interval{Estimate: compare.Num(est), Lo: compare.Num(lo), Hi: compare.Num(hi)}
		var s string
		var scale, unit float64
		switch i % 3 {
		case 0:
			s, scale, unit = FormatPoints(iv), 100, 0.1
		case 1:
			s, scale, unit = FormatDifference(iv, 0, " s"), 1, 1
		default:
			s, scale, unit = FormatDifference(iv, 1, ""), 1, 0.1
		}
		m := intervalRE.FindStringSubmatch(s)
		if m == nil {
			t.Fatalf("%+v printed %q: not an interval", iv, s)
		}
		pe, pl, ph := parseEnd(t, m[1]), parseEnd(t, m[2]), parseEnd(t, m[3])
		lo, hi, est = lo*scale, hi*scale, est*scale
		if pl > lo+1e-9 || ph < hi-1e-9 || lo-pl > unit+1e-9 || ph-hi > unit+1e-9 {
			t.Errorf("%+v printed %q: [%g, %g] does not hold [%g, %g] within one unit", iv, s, pl, ph, lo, hi)
		}
		if math.Abs(pe-est) > unit/2+1e-9 && !(m[4] != "" && math.Abs(pe-est) <= unit) {
			t.Errorf("%+v printed %q: estimate %g for %g", iv, s, pe, est)
		}
		starred := m[4] != ""
		if starred != iv.Significant() {
			t.Errorf("%+v printed %q: star %v, significant %v", iv, s, starred, iv.Significant())
		}
		if starred && (pl <= 0 && ph >= 0) {
			t.Errorf("%+v printed %q: starred, yet the printed interval reaches zero", iv, s)
		}
		if !starred && (pl > 0 || ph < 0) {
			t.Errorf("%+v printed %q: not starred, yet the printed interval excludes zero", iv, s)
		}
	}
}

// TestPrintedRatesAndVerdicts checks that a rate's printed interval holds
// the computed one and that the budget verdict never contradicts it: a
// cell within a budget of one decimal prints an upper end at or under it,
// one over prints a lower end above it.
func TestPrintedRatesAndVerdicts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	rateRE := regexp.MustCompile(`^([0-9.]+) \[([0-9.]+), ([0-9.]+)\]$`)
	for range 20000 {
		lo := rng.ExpFloat64() * 3
		hi := lo + rng.ExpFloat64()*3
		iv := compare.Interval{Estimate: compare.Num((lo + hi) / 2), Lo: compare.Num(lo), Hi: compare.Num(hi)}
		budget := math.Round(rng.Float64()*80) / 10
		s := FormatRate(iv)
		m := rateRE.FindStringSubmatch(s)
		if m == nil {
			t.Fatalf("%q", s)
		}
		pl, ph := parseEnd(t, m[2]), parseEnd(t, m[3])
		if pl > lo+1e-9 || ph < hi-1e-9 {
			t.Errorf("%+v printed %q: does not hold it", iv, s)
		}
		switch v := compare.Verdict(iv, budget); v {
		case compare.BudgetWithin:
			if ph > budget+1e-9 {
				t.Errorf("%q within a budget of %g", s, budget)
			}
		case compare.BudgetOver:
			if pl <= budget {
				t.Errorf("%q over a budget of %g", s, budget)
			}
		}
	}
}
