package viewer

import (
	"fmt"
	"math"
	"os"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"github.com/cuasim/cuasim/scene"
)

// speeds are the playback speeds, simulated seconds per real second.
var speeds = []float64{0.25, 0.5, 1, 2, 4, 8, 16, 32, 64}

// Game is the ebiten game: it plays a scene.Session at the chosen speed and
// turns keys and the mouse into changes of the view or the session.
type Game struct {
	S    scene.Source
	V    scene.View
	tick float64 // simulated seconds owed to the source

	// Scenario is how the live run's scenario was opened — a built-in
	// name or a file — for the link of the view (c).
	Scenario string
	// LinkBase is the address the links are made on (DefaultLinkBase
	// if empty).
	LinkBase string
	// Host shows the links and what checking a dropped scenario found.
	Host Host
	// Start, if set, is applied to the view at the first update, when
	// the window's size is known: zoom and centre are relative to the
	// site framed in the window the user has.
	Start *scene.Link

	drops      chan droppedScenario
	dropped    string // the file last dropped and run
	downloaded []byte // the scenario file last downloaded with a layout saved

	speedIdx int
	dragging int // sensor being dragged, −1 if none
	panX     int // right-button drag origin
	panY     int
	panning  bool
}

// NewGame returns a game playing s (a live session or a replay) in a
// w × h window, framed on the site, at 4× real time.
func NewGame(s scene.Source, w, h int) *Game {
	return &Game{S: s, V: scene.NewView(s.Frame(), w, h, speeds[4]), speedIdx: 4, dragging: -1,
		Host: TerminalHost{os.Stdout, os.Stderr}, drops: make(chan droppedScenario, 1)}
}

// Update advances the simulation by the real time of one tick at the
// playback speed and handles input.
func (g *Game) Update() error {
	if g.Start != nil {
		if err := g.Start.Apply(g.S.Frame(), &g.V); err != nil {
			g.V.Message = err.Error()
		}
		g.Start = nil
	}
	g.pollDrops()
	g.input()
	if !g.V.Paused && !g.S.Done() {
		g.tick += g.V.SpeedX / float64(ebiten.TPS())
		step := g.S.StepS()
		for g.tick >= step && !g.S.Done() {
			g.S.Step()
			g.tick -= step
		}
	}
	return nil
}

// Draw renders the session.
func (g *Game) Draw(screen *ebiten.Image) { Draw(screen, g.S.Frame(), &g.V) }

// Layout uses the window's size as the screen's; a new size keeps the
// view's centre and its zoom relative to the site (scene.View.Resize).
func (g *Game) Layout(w, h int) (int, int) {
	if w != g.V.Cam.W || h != g.V.Cam.H {
		g.V.Resize(g.S.Frame(), w, h)
	}
	return w, h
}

func (g *Game) input() {
	v := &g.V
	if v.Save != nil { // the save prompt takes the keyboard
		g.saveKeys()
		return
	}
	g.helpKeys()
	switch {
	case inpututil.IsKeyJustPressed(ebiten.KeySpace):
		v.Paused = !v.Paused
	case inpututil.IsKeyJustPressed(ebiten.KeyPeriod):
		v.Paused = true
		g.S.Step()
	case inpututil.IsKeyJustPressed(ebiten.KeyEqual), inpututil.IsKeyJustPressed(ebiten.KeyKPAdd):
		g.speedIdx = min(g.speedIdx+1, len(speeds)-1)
		v.SpeedX = speeds[g.speedIdx]
	case inpututil.IsKeyJustPressed(ebiten.KeyMinus), inpututil.IsKeyJustPressed(ebiten.KeyKPSubtract):
		g.speedIdx = max(g.speedIdx-1, 0)
		v.SpeedX = speeds[g.speedIdx]
	case inpututil.IsKeyJustPressed(ebiten.KeyR):
		seed := g.S.Frame().Seed + 1
		g.report(g.S.Restart(seed), fmt.Sprintf("restarted with seed %d", seed))
	case inpututil.IsKeyJustPressed(ebiten.KeyJ):
		g.S.AdvanceTo(g.S.Frame().TimeS + 60)
		v.Message = "jumped 60 s ahead"
	case inpututil.IsKeyJustPressed(ebiten.Key1):
		v.Layers.Coverage = !v.Layers.Coverage
	case inpututil.IsKeyJustPressed(ebiten.Key2):
		v.Layers.Truth = !v.Layers.Truth
	case inpututil.IsKeyJustPressed(ebiten.Key3):
		v.Layers.Detections = !v.Layers.Detections
	case inpututil.IsKeyJustPressed(ebiten.Key4):
		v.Layers.Tracks = !v.Layers.Tracks
	case inpututil.IsKeyJustPressed(ebiten.Key5):
		v.Layers.Labels = !v.Layers.Labels
	case inpututil.IsKeyJustPressed(ebiten.Key6):
		v.Layers.PdMap = !v.Layers.PdMap
	case inpututil.IsKeyJustPressed(ebiten.KeyA):
		d := 1
		if ebiten.IsKeyPressed(ebiten.KeyShift) {
			d = -1
		}
		v.StepPdMapAltitude(d)
		v.Layers.PdMap = true
		v.Message = fmt.Sprintf("Pd map at %g m", v.PdMapAltitudeM())
	case inpututil.IsKeyJustPressed(ebiten.KeyU) && v.PdMap != nil:
		if name := v.PdMap.StepClass(g.S.Frame()); name != "" {
			v.Layers.PdMap = true
			v.Message = "Pd map of a " + name
		}
	case inpututil.IsKeyJustPressed(ebiten.KeyD):
		v.LabelMap, v.Layers.PdMap = !v.LabelMap, true
		v.Message = "Pd map: where a drone is detected"
		if v.LabelMap {
			v.Message = "label map: where a drone is labelled (micro-Doppler, or an RF detector hears it); d again for the Pd map"
		}
	case inpututil.IsKeyJustPressed(ebiten.KeyH):
		v.Layers.Legend = !v.Layers.Legend
	case inpututil.IsKeyJustPressed(ebiten.KeyK):
		v.Keys = !v.Keys
	case inpututil.IsKeyJustPressed(ebiten.KeyM), inpututil.IsKeyJustPressed(ebiten.KeyN):
		g.changeConfirmation()
	case inpututil.IsKeyJustPressed(ebiten.KeyC):
		g.shareLink()
	case inpututil.IsKeyJustPressed(ebiten.KeyS):
		g.openSave()
	case inpututil.IsKeyJustPressed(ebiten.KeyL):
		d := 1
		if ebiten.IsKeyPressed(ebiten.KeyShift) {
			d = -1
		}
		g.cycleLayout(d)
	}
	if v.Help { // the overlay covers the map: a click closes it
		if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
			v.Help = false
		}
		return
	}
	g.mouse()
}

// helpKeys opens and closes the help overlay (?, or esc to close) and
// turns its pages (← →), and follows the pointer for the tooltips.
func (g *Game) helpKeys() {
	v := &g.V
	for _, r := range ebiten.AppendInputChars(nil) {
		if r == '?' {
			v.Help, v.HelpPage = !v.Help, 0
		}
	}
	if !v.Help && v.Lesson > 0 && inpututil.IsKeyJustPressed(ebiten.KeyEscape) {
		v.Lesson = 0 // the lesson panel closes
	}
	if v.Help {
		switch {
		case inpututil.IsKeyJustPressed(ebiten.KeyEscape):
			v.Help = false
		case inpututil.IsKeyJustPressed(ebiten.KeyArrowRight), inpututil.IsKeyJustPressed(ebiten.KeyPageDown):
			v.HelpPage++
		case inpututil.IsKeyJustPressed(ebiten.KeyArrowLeft), inpututil.IsKeyJustPressed(ebiten.KeyPageUp):
			v.HelpPage--
		}
	}
	mx, my := ebiten.CursorPosition()
	v.PointerX, v.PointerY = float64(mx), float64(my)
	v.Hovering = mx >= 0 && my >= 0 && mx < v.Cam.W && my < v.Cam.H
}

// changeConfirmation handles m/M (M down/up) and n/N (N down/up).
func (g *Game) changeConfirmation() {
	up := ebiten.IsKeyPressed(ebiten.KeyShift)
	f := g.S.Frame()
	m, n := f.ConfirmM, f.ConfirmN
	d := -1
	if up {
		d = 1
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyM) {
		m += d
	} else {
		n += d
	}
	err := g.S.SetConfirmation(m, n)
	g.report(err, fmt.Sprintf("tracks now confirmed after %d of %d cycles; run restarted", m, n))
}

// cycleLayout switches to the next (d = 1) or previous (d = −1) of the
// scenario's layouts; the run restarts with the same seed.
func (g *Game) cycleLayout(d int) {
	f := g.S.Frame()
	next, ok := f.NextLayout(d)
	if !ok && !f.Replay {
		g.V.Message = f.Name + " has one layout; a scenario lists others under layouts:"
		return
	}
	g.report(g.S.SetLayout(next), fmt.Sprintf("layout %s: the run restarted on the same traffic (seed %d)", next, f.Seed))
}

func (g *Game) report(err error, ok string) {
	if err != nil {
		g.V.Message = err.Error()
		return
	}
	g.V.Message = ok
}

func (g *Game) mouse() {
	v := &g.V
	mx, my := ebiten.CursorPosition()
	if _, wy := ebiten.Wheel(); wy != 0 {
		v.Cam.Zoom(math.Pow(1.15, wy), float64(mx), float64(my))
	}
	// Pan with the right button.
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonRight) {
		g.panning, g.panX, g.panY = true, mx, my
	}
	if g.panning {
		if ebiten.IsMouseButtonPressed(ebiten.MouseButtonRight) {
			v.Cam.Pan(float64(mx-g.panX), float64(my-g.panY))
			g.panX, g.panY = mx, my
		} else {
			g.panning = false
		}
	}
	// Left button: select an alert's track in the list, or select on the
	// map and drag a sensor.
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		f := g.S.Frame()
		if i := alertListAt(f, v).row(float32(mx), float32(my)); i >= 0 {
			v.Selected = scene.Selection{Kind: scene.SelTrack, Index: f.Alerts[i].Track}
			return
		}
		v.Selected = scene.Pick(f, v.Cam, float64(mx), float64(my))
		if v.Selected.Kind == scene.SelSensor {
			g.dragging = v.Selected.Index
		}
	}
	if g.dragging >= 0 && inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft) {
		i := g.dragging
		g.dragging = -1
		e, n := v.Cam.ToWorld(float64(mx), float64(my))
		// To a tenth of a metre, as links and saved layouts write it.
		e, n = math.Round(e*10)/10, math.Round(n*10)/10
		sv := g.S.Frame().Sensors[i]
		o := sv.Coverage.Origin
		if math.Hypot(e-o.X, n-o.Y) > 3*v.Cam.MPerPx {
			g.report(g.S.MoveSensor(i, e, n), fmt.Sprintf("moved %s to %.0f, %.0f m; run restarted on the same traffic; s saves the layout", sv.ID, e, n))
		}
	}
}
