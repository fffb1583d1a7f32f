package coverage

import (
	"image/color"

	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
)

// viridisControls are the anchors of the Pd scale.
var viridisControls = []color.Color{
	color.NRGBA{R: 0x44, G: 0x01, B: 0x54, A: 255},
	color.NRGBA{R: 0x3b, G: 0x52, B: 0x8b, A: 255},
	color.NRGBA{R: 0x21, G: 0x91, B: 0x8c, A: 255},
	color.NRGBA{R: 0x5e, G: 0xc9, B: 0x62, A: 255},
	color.NRGBA{R: 0xfd, G: 0xe7, B: 0x25, A: 255},
}

// colorMap is the Pd scale: dark purple through blue and green to yellow
// (the anchors of matplotlib's viridis), interpolated by Moreland's
// luminance method, so luminance rises evenly with Pd and the map reads
// in grey too: dark where drones go unseen. It stops short of white, so
// white marks (the floor's contour) show everywhere.
func colorMap() palette.ColorMap {
	m, err := moreland.NewLuminance(viridisControls)
	if err != nil { // the controls' luminance rises: TestColorMap
		m = moreland.Kindlmann()
	}
	m.SetMin(0)
	m.SetMax(1)
	return m
}

// ColorMap returns the maps' Pd scale, from 0 to 1 (see PdColor).
func ColorMap() palette.ColorMap { return colorMap() }
