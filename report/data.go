package report

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"github.com/cuasim/cuasim/compare"
)

// operating returns the threshold of a layout's operating point in a
// variant, "" when the summary has none.
func operating(s *compare.Summary, variant, layout string) string {
	for _, ch := range s.Operating {
		if ch.Variant == variant && ch.Layout == layout {
			return ch.Threshold
		}
	}
	return ""
}

// thresholdNames returns short names of the design's thresholds for labels
// on a figure, and what they are values of: with one swept field
// (alerting.p_drone=0.5, ...) the values alone ("0.5") and the field
// ("alerting.p_drone"); otherwise the labels as they are and "".
func thresholdNames(d *compare.Design) ([]string, string) {
	names := make([]string, len(d.Thresholds))
	path := ""
	for i, th := range d.Thresholds {
		names[i] = th.Label
		if len(th.Overrides) != 1 || (path != "" && th.Overrides[0].Path != path) {
			path = "-"
		} else if path == "" {
			path = th.Overrides[0].Path
		}
	}
	if path == "-" || path == "" {
		return names, ""
	}
	for i, th := range d.Thresholds {
		names[i] = th.Overrides[0].Value
	}
	return names, path
}

// variantTitle is a variant's panel title: its label, or nothing for the
// one empty variant of a design without simulation sweeps.
func variantTitle(v compare.Variant) string { return v.Label }

// finite reports whether x is a number other than ±Inf and NaN.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// fmtNumber formats a number with at most 3 significant digits and no
// trailing zeros: 0.1, 2, 150, 1200.
func fmtNumber(x float64) string {
	if x >= 1000 {
		return strconv.FormatFloat(math.Round(x), 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', 3, 64)
}

// darken returns c with its brightness scaled by f (< 1), for text in a
// layout's colour that stays legible on white.
func darken(c color.RGBA, f float64) color.RGBA {
	return color.RGBA{uint8(float64(c.R) * f), uint8(float64(c.G) * f), uint8(float64(c.B) * f), c.A}
}

// plural returns "1 drone" or "n drones".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// oneLine joins a text's lines and runs of spaces into one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
