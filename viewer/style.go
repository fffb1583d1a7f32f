package viewer

import (
	"bytes"
	"image/color"
	"sync"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/scene"
)

// The palette: distinguishable on the dark background and for the common
// colour-vision deficiencies (blue/orange carry the sensor/drone contrast,
// shape and labels carry the rest).
var (
	colBackground = color.RGBA{0x12, 0x18, 0x22, 0xff}
	colGrid       = color.RGBA{0x1e, 0x27, 0x33, 0xff}
	colText       = color.RGBA{0xe8, 0xec, 0xf1, 0xff}
	colDim        = color.RGBA{0x8a, 0x96, 0xa6, 0xff}
	colZone       = color.RGBA{0xd6, 0x45, 0x45, 0xff}
	colObstacle   = color.RGBA{0x6b, 0x72, 0x80, 0xff}
	colRadar      = color.RGBA{0x3d, 0xa5, 0xf4, 0xff}
	colRF         = color.RGBA{0xc0, 0x7b, 0xf0, 0xff}
	colDrone      = color.RGBA{0xff, 0xb0, 0x20, 0xff}
	colSilent     = color.RGBA{0xff, 0x6a, 0x00, 0xff}
	colBird       = color.RGBA{0x9c, 0xd6, 0x7a, 0xff}
	colFalse      = color.RGBA{0x9a, 0x9a, 0x9a, 0xff}
	colTrack      = color.RGBA{0xf4, 0xf4, 0xf4, 0xff}
	colTentative  = color.RGBA{0x8a, 0x96, 0xa6, 0xff}
	colSelect     = color.RGBA{0x4d, 0xe8, 0xc2, 0xff}
	colRoad       = color.RGBA{0x3a, 0x42, 0x4e, 0xff}
	colVehicle    = color.RGBA{0xe6, 0xd3, 0xa3, 0xff}

	// Groups: each group's members share one of these, in turn by the
	// group's name, apart from the single drones' orange and from the
	// other markers' colours.
	colGroups = []color.RGBA{
		{0x3d, 0xd6, 0xf5, 0xff}, // cyan
		{0xff, 0x8f, 0xd0, 0xff}, // pink
		{0xb8, 0xa6, 0xff, 0xff}, // lavender
		{0x7c, 0xf0, 0xa8, 0xff}, // mint
		{0xf5, 0xf0, 0xb0, 0xff}, // pale yellow
	}

	// Alert levels: yellow, orange, magenta. Their lightness falls with
	// the level and the magenta stays apart from both for the red-green
	// deficiencies (a simulation of deuteranopia still separates all
	// three); the outline's width and the marker's fill repeat the level
	// for whoever cannot tell the colours, and the list spells it.
	colAdvisory = color.RGBA{0xf0, 0xe4, 0x42, 0xff}
	colWarning  = color.RGBA{0xff, 0x7a, 0x1a, 0xff}
	colCritical = color.RGBA{0xff, 0x3d, 0xb4, 0xff}
)

// levelColor is an alert level's colour.
func levelColor(l alert.Level) color.RGBA {
	switch l {
	case alert.Advisory:
		return colAdvisory
	case alert.Warning:
		return colWarning
	case alert.Critical:
		return colCritical
	}
	return colDim
}

// palette is the colours of the map's moving objects, for the markers
// package scene builds.
var palette = scene.Palette{
	Drone: colDrone, Silent: colSilent, Bird: colBird,
	Radar: colRadar, RF: colRF, False: colFalse,
	Track: colTrack, Tentative: colTentative,
	Advisory: colAdvisory, Warning: colWarning, Critical: colCritical, LevelNone: colDim,
	Groups: colGroups,
}

// withAlpha returns c with its alpha scaled by a in [0, 1] (premultiplied).
func withAlpha(c color.RGBA, a float64) color.RGBA {
	if a < 0 {
		a = 0
	}
	if a > 1 {
		a = 1
	}
	return color.RGBA{uint8(float64(c.R) * a), uint8(float64(c.G) * a), uint8(float64(c.B) * a), uint8(float64(c.A) * a)}
}

var (
	fontOnce   sync.Once
	fontSource *text.GoTextFaceSource
	faces      = map[float64]*text.GoTextFace{}
)

// face returns the Go Regular face at the given size in pixels, one per
// size (the drawing goroutine's: not safe for concurrent use).
func face(size float64) *text.GoTextFace {
	if f, ok := faces[size]; ok {
		return f
	}
	fontOnce.Do(func() {
		var err error
		fontSource, err = text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF))
		if err != nil {
			panic("viewer: embedded Go Regular font: " + err.Error())
		}
	})
	f := &text.GoTextFace{Source: fontSource, Size: size}
	faces[size] = f
	return f
}
