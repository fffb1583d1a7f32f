package coursefig

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// plotterGrid is a light grid behind the curves.
func plotterGrid() plot.Plotter {
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 220}
	g.Horizontal.Color = color.Gray{Y: 220}
	return g
}

// PowerTicks marks the powers of ten of a log axis, labelled 1e-6.
type PowerTicks struct{}

// Ticks returns a labelled tick at every power of ten in [min, max].
func (PowerTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for e := math.Floor(math.Log10(min)); e <= math.Ceil(math.Log10(max)); e++ {
		v := math.Pow(10, e)
		if v < min*0.999 || v > max*1.001 {
			continue
		}
		ts = append(ts, plot.Tick{Value: v, Label: fmt.Sprintf("1e%d", int(e))})
	}
	return ts
}

// UnitTicks marks 0, 0.2, … 1 on a probability axis that extends above 1
// to leave room for the legend.
type UnitTicks struct{}

// Ticks returns labelled ticks at 0, 0.2, … 1.
func (UnitTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for i := 0; i <= 5; i++ {
		ts = append(ts, plot.Tick{Value: float64(i) / 5, Label: fmt.Sprintf("%.1f", float64(i)/5)})
	}
	return ts
}

// RangeTicks marks a log axis of metres at 1, 2 and 5 times each power of
// ten, in m or km.
type RangeTicks struct{}

// Ticks returns the labelled ticks in [min, max].
func (RangeTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for e := math.Floor(math.Log10(min)); e <= math.Ceil(math.Log10(max)); e++ {
		for _, f := range []float64{1, 2, 5} {
			v := f * math.Pow(10, e)
			if v < min*0.999 || v > max*1.001 {
				continue
			}
			label := fmt.Sprintf("%g m", v)
			if v >= 1000 {
				label = fmt.Sprintf("%g km", v/1000)
			}
			ts = append(ts, plot.Tick{Value: v, Label: label})
		}
	}
	return ts
}

// Every marks an axis every Step units, labelled as integers.
type Every struct{ Step float64 }

// Ticks returns the labelled ticks in [min, max].
func (e Every) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for v := math.Ceil(min/e.Step) * e.Step; v <= max; v += e.Step {
		ts = append(ts, plot.Tick{Value: v, Label: fmt.Sprintf("%.0f", v)})
	}
	return ts
}
