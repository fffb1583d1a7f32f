package scene

import "math"

// Layers says what a view shows; each can be toggled from the keyboard.
type Layers struct {
	Coverage   bool // sensor fields of view, ranges and beams
	Truth      bool // drones and birds where they really are
	Detections bool // radar plots and RF bearings, fading with age
	Tracks     bool // tracks with 2σ ellipses, ids and classes
	Labels     bool // names and track labels
	Legend     bool // the key and layer list
	PdMap      bool // the coverage map: Pd within the dwell at an altitude
}

// AllLayers shows everything.
func AllLayers() Layers { return Layers{true, true, true, true, true, true, true} }

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
	// Keys shows the panel of keys.
	Keys bool
	// Still is set for a picture (a screenshot): nothing of playing it
	// (speed, playing or paused, key hints) is drawn.
	Still bool
	// Help shows the help overlay (the ? key): what every number the
	// panels show means, with its unit; HelpPage is the page shown when
	// the overlay needs more than one.
	Help     bool
	HelpPage int
	// Lesson shows lesson Lesson's question and keys to try (LessonMode);
	// 0 for none.
	Lesson int
	// Pointer is where the mouse is, in pixels, if Hovering: a number
	// of a panel under it shows its explanation.
	PointerX, PointerY float64
	Hovering           bool
	// PdMapAltM is the altitude the pdmap layer maps, metres; 0 is
	// coverage.PlanAltitudeM (see PdMapAltitudeM).
	PdMapAltM float64
	// PdMap computes the pdmap layer's map; nil draws none. Copies of a
	// view share it.
	PdMap *PdMap
	// LabelMap makes the pdmap layer show where a drone is labelled
	// within the dwell (coverage's LabelPd: a micro-Doppler label, or an
	// RF detector hearing it) instead of where it is detected (the d key).
	LabelMap bool
	// Save is the prompt for saving the sensors as a layout (the s key),
	// nil when it is closed.
	Save *SaveLayout
}

// pickRadiusPx is how near a click must be to an object to select it.
const pickRadiusPx = 12

// Pick returns the object under the pixel (x, y) in frame f: a sensor
// first, then a confirmed track, then a drone or bird.
func Pick(f *Frame, c Camera, x, y float64) Selection {
	best, bestD := Selection{}, math.Inf(1)
	consider := func(sel Selection, e, n float64) {
		sx, sy := c.ToScreen(e, n)
		if d := math.Hypot(float64(sx)-x, float64(sy)-y); d <= pickRadiusPx && d < bestD {
			best, bestD = sel, d
		}
	}
	for i, s := range f.Sensors {
		consider(Selection{SelSensor, i}, s.Coverage.Origin.X, s.Coverage.Origin.Y)
	}
	if best.Kind != SelNone {
		return best
	}
	for _, t := range f.Tracks {
		if t.Confirmed {
			consider(Selection{SelTrack, t.ID}, t.Pos.X, t.Pos.Y)
		}
	}
	if best.Kind != SelNone {
		return best
	}
	for _, e := range f.Entities {
		consider(Selection{SelEntity, e.ID}, e.Pos.X, e.Pos.Y)
	}
	return best
}

// NewView returns a w × h view framed on the frame's site (its zones,
// obstacles, roads and sensor coverage out to 3 km) with every layer shown,
// playing at speedX.
func NewView(f *Frame, w, h int, speedX float64) View {
	v := View{Cam: Camera{W: w, H: h}, Layers: AllLayers(), SpeedX: speedX, PdMap: NewPdMap()}
	v.Cam.Fit(f.Extent())
	return v
}

// Resize changes the view's size to w × h pixels, keeping its centre and
// its zoom relative to the view framed on frame f's site: what fills the
// window stays the same part of the site when the window changes, as a
// link's zoom means.
func (v *View) Resize(f *Frame, w, h int) {
	if w == v.Cam.W && h == v.Cam.H {
		return
	}
	if w <= 0 || h <= 0 || v.Cam.W <= 0 || v.Cam.H <= 0 || v.Cam.MPerPx <= 0 {
		v.Cam.W, v.Cam.H = w, h
		return
	}
	zoom := NewView(f, v.Cam.W, v.Cam.H, 0).Cam.MPerPx / v.Cam.MPerPx
	v.Cam.W, v.Cam.H = w, h
	v.Cam.MPerPx = NewView(f, w, h, 0).Cam.MPerPx / zoom
}
