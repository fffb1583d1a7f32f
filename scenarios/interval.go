package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// interval is the set of values a number field accepts, written in a check
// tag in the usual notation: "(0,1)", "[0,inf)", "[-90,90]".
type interval struct {
	lo, hi         float64
	loOpen, hiOpen bool
}

func parseInterval(s string) (interval, error) {
	var iv interval
	if len(s) < 5 {
		return iv, fmt.Errorf("interval %q too short", s)
	}
	switch s[0] {
	case '(':
		iv.loOpen = true
	case '[':
	default:
		return iv, fmt.Errorf("interval %q must start with ( or [", s)
	}
	switch s[len(s)-1] {
	case ')':
		iv.hiOpen = true
	case ']':
	default:
		return iv, fmt.Errorf("interval %q must end with ) or ]", s)
	}
	lo, hi, ok := strings.Cut(s[1:len(s)-1], ",")
	if !ok {
		return iv, fmt.Errorf("interval %q needs a comma", s)
	}
	var err error
	if iv.lo, err = parseBound(lo); err != nil {
		return iv, err
	}
	if iv.hi, err = parseBound(hi); err != nil {
		return iv, err
	}
	return iv, nil
}

func parseBound(s string) (float64, error) {
	switch s = strings.TrimSpace(s); s {
	case "inf":
		return math.Inf(1), nil
	case "-inf":
		return math.Inf(-1), nil
	}
	return strconv.ParseFloat(s, 64)
}

// violated returns the bound that x lies beyond (x must not be contained).
func (iv interval) violated(x float64) float64 {
	if x < iv.lo || (iv.loOpen && x == iv.lo) {
		return iv.lo
	}
	return iv.hi
}

func (iv interval) contains(x float64) bool {
	if x < iv.lo || (iv.loOpen && x == iv.lo) {
		return false
	}
	if x > iv.hi || (iv.hiOpen && x == iv.hi) {
		return false
	}
	return true
}

// describe renders the interval for messages and the reference, after a
// noun ("a number", "a whole number") and with a unit: "a number > 0 (Hz)",
// "a whole number in [0, 4]".
func (iv interval) describe(noun, unit string) string {
	var s string
	switch {
	case math.IsInf(iv.hi, 1) && iv.loOpen:
		s = noun + " > " + fmtBound(iv.lo)
	case math.IsInf(iv.hi, 1):
		s = noun + " >= " + fmtBound(iv.lo)
	case math.IsInf(iv.lo, -1) && iv.hiOpen:
		s = noun + " < " + fmtBound(iv.hi)
	case math.IsInf(iv.lo, -1):
		s = noun + " <= " + fmtBound(iv.hi)
	default:
		l, r := "[", "]"
		if iv.loOpen {
			l = "("
		}
		if iv.hiOpen {
			r = ")"
		}
		s = fmt.Sprintf("%s in %s%s, %s%s", noun, l, fmtBound(iv.lo), fmtBound(iv.hi), r)
	}
	if unit != "" {
		s += " (" + unit + ")"
	}
	return s
}

// fmtBound formats a bound as written in a tag: 0.001, 1e6, 3e11.
func fmtBound(x float64) string {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	s = strings.Replace(s, "e+0", "e", 1)
	s = strings.Replace(s, "e+", "e", 1)
	return strings.Replace(s, "e-0", "e-", 1)
}

// describeCheck renders a field's interval with the noun its Go type calls
// for (whole numbers for int fields, which the decoder requires) and the
// unit its name gives.
func describeCheck(iv interval, t reflect.Type, path string) string {
	noun := "a number"
	if t.Kind() == reflect.Int {
		noun = "a whole number"
	}
	return iv.describe(noun, numberUnit(t, path))
}

// span renders the interval alone, with a unit: "[0.0001, 1] m²",
// "above 0 and at most 50 m/s".
func (iv interval) span(unit string) string {
	if unit != "" {
		unit = " " + unit
	}
	switch {
	case math.IsInf(iv.hi, 1) && iv.loOpen:
		return "range, above " + fmtBound(iv.lo) + unit
	case math.IsInf(iv.hi, 1):
		return "range, from " + fmtBound(iv.lo) + unit
	}
	l, r := "[", "]"
	if iv.loOpen {
		l = "("
	}
	if iv.hiOpen {
		r = ")"
	}
	return fmt.Sprintf("range %s%s, %s%s%s", l, fmtBound(iv.lo), fmtBound(iv.hi), r, unit)
}
