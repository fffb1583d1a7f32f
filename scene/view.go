package scene

import (
	"math"

	"github.com/cuasim/cuasim/track"
)

// Layers says what a view shows; each can be toggled from the keyboard.
type Layers struct {
	Coverage   bool // sensor fields of view, ranges and beams
	Truth      bool // drones and birds where they really are
	Detections bool // radar plots and RF bearings, fading with age
	Tracks     bool // tracks with 2σ ellipses, ids and classes
	Labels     bool // names and track labels
	Legend     bool // the key and layer list
}

// AllLayers shows everything.
func AllLayers() Layers { return Layers{true, true, true, true, true, true} }

// SelKind is what kind of object is selected.
type SelKind uint8

// Selectable kinds.
const (
	SelNone   SelKind = iota
	SelSensor         // Index is the sensor's index
	SelEntity         // Index is the entity's ID
	SelTrack          // Index is the track's ID
)

// Selection is the object whose details the panel shows.
type Selection struct {
	Kind  SelKind
	Index int
}

// View is what the viewer shows besides the session itself.
type View struct {
	Cam      Camera
	Layers   Layers
	Selected Selection
	SpeedX   float64 // simulated seconds per real second
	Paused   bool
	Message  string // a line of feedback at the bottom, if any
}

// pickRadiusPx is how near a click must be to an object to select it.
const pickRadiusPx = 12

// Pick returns the object under the pixel (x, y): a sensor first, then a
// track, then a drone or bird.
func Pick(s *Session, c Camera, x, y float64) Selection {
	near := func(e, n float64) (float64, bool) {
		sx, sy := c.ToScreen(e, n)
		d := math.Hypot(float64(sx)-x, float64(sy)-y)
		return d, d <= pickRadiusPx
	}
	best, bestD := Selection{}, math.Inf(1)
	consider := func(sel Selection, e, n float64) {
		if d, ok := near(e, n); ok && d < bestD {
			best, bestD = sel, d
		}
	}
	for i, cov := range s.Coverage {
		consider(Selection{SelSensor, i}, cov.Origin.X, cov.Origin.Y)
	}
	if best.Kind != SelNone {
		return best
	}
	for _, t := range s.Tracker.Tracks() {
		if t.Status == track.Confirmed {
			p := t.Position()
			consider(Selection{SelTrack, t.ID}, p.X, p.Y)
		}
	}
	if best.Kind != SelNone {
		return best
	}
	for _, id := range s.World.Active() {
		p := s.World.Entities[id].Pos
		consider(Selection{SelEntity, id}, p.X, p.Y)
	}
	return best
}

// NewView returns a w × h view framed on the session's site (its zones,
// obstacles and sensor coverage out to 3 km) with every layer shown,
// playing at speedX.
func NewView(s *Session, w, h int, speedX float64) View {
	v := View{Cam: Camera{W: w, H: h}, Layers: AllLayers(), SpeedX: speedX}
	v.Cam.Fit(s.Extent())
	return v
}
