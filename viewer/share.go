package viewer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/scene"
)

// Host is what the viewer runs in — a desktop window or a web page — as
// far as the viewer has to tell the user something outside its picture.
type Host interface {
	// ShareLink gives the user the link of the current view (printed on
	// the terminal, or shown in the page and put on the clipboard) and
	// returns the line the viewer shows about it.
	ShareLink(url string) string
	// ScenarioReport shows what checking a scenario file found: the
	// errors (ok false) or the warnings, one a line, as cuasim validate
	// prints them; report is empty for a file without any.
	ScenarioReport(file, report string, ok bool)
}

// TerminalHost is the desktop's Host: it prints links on Out and the
// reports on scenario files on Err.
type TerminalHost struct{ Out, Err io.Writer }

// ShareLink prints the link.
func (h TerminalHost) ShareLink(url string) string {
	fmt.Fprintln(h.Out, url)
	return "link of this view (printed on the terminal): " + url
}

// ScenarioReport prints the errors or warnings.
func (h TerminalHost) ScenarioReport(file, report string, ok bool) {
	if report != "" {
		fmt.Fprintln(h.Err, report)
	}
}

// DefaultLinkBase is the address links are made on when the viewer was
// not opened from one: cuasim serve's default.
const DefaultLinkBase = "http://127.0.0.1:8080/"

// shareLink hands the link of the current view to the host.
func (g *Game) shareLink() {
	s, ok := g.S.(*scene.Session)
	if !ok {
		g.V.Message = "a replay has no link: it plays a recording on this computer"
		return
	}
	base := g.LinkBase
	if base == "" {
		base = DefaultLinkBase
	}
	l := scene.LinkOf(s, g.Scenario, &g.V)
	msg := g.Host.ShareLink(l.URL(base))
	if g.dropped != "" && g.dropped == g.Scenario {
		msg += fmt.Sprintf(" (%s is a file on this computer: whoever opens the link drops it too)", g.Scenario)
	}
	g.V.Message = msg
}

// droppedScenario is a scenario file dropped on the viewer, read and
// checked off the game loop.
type droppedScenario struct {
	file string
	sc   *scenarios.Scenario
	err  error
}

// readDropped reads and checks the first scenario file among those
// dropped, and sends the result to the game loop. In the browser,
// reading waits for the page, so it runs in its own goroutine.
func (g *Game) readDropped(files fs.FS) {
	entries, err := fs.ReadDir(files, ".")
	if err == nil && len(entries) == 0 {
		err = errors.New("nothing could be read")
	}
	if err != nil {
		g.drops <- droppedScenario{file: "the dropped file", err: fmt.Errorf("the dropped file: %v", err)}
		return
	}
	name := entries[0].Name()
	for _, e := range entries {
		if ext := path.Ext(e.Name()); !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
			name = e.Name()
			break
		}
	}
	d := droppedScenario{file: name}
	f, err := files.Open(name)
	if err == nil {
		var data []byte
		data, err = io.ReadAll(io.LimitReader(f, scenarios.MaxFileBytes+1))
		f.Close()
		if err == nil {
			d.sc, d.err = scenarios.Parse(name, data)
		}
	}
	if err != nil {
		d.err = fmt.Errorf("%s: %v", name, err)
	}
	g.drops <- d
}

// openDropped runs a checked scenario, or reports its errors.
func (g *Game) openDropped(d droppedScenario) {
	if d.err != nil {
		g.Host.ScenarioReport(d.file, d.err.Error(), false)
		n := strings.Count(d.err.Error(), "\n") + 1
		g.V.Message = fmt.Sprintf("%s has %s, listed as cuasim validate lists them; still showing %s", d.file, plural(n, "problem"), g.S.Frame().Name)
		return
	}
	var report []string
	for _, w := range d.sc.Warnings() {
		report = append(report, w.String())
	}
	s, err := scene.NewSessionFromScenario(d.sc)
	if err != nil {
		g.Host.ScenarioReport(d.file, err.Error(), false)
		g.V.Message = fmt.Sprintf("%s cannot run: %v", d.file, err)
		return
	}
	g.Host.ScenarioReport(d.file, strings.Join(report, "\n"), true)
	layers, alt := g.V.Layers, g.V.PdMapAltM
	g.S, g.Scenario, g.dropped = s, d.file, d.file
	g.V = scene.NewView(s.Frame(), g.V.Cam.W, g.V.Cam.H, g.V.SpeedX)
	g.V.Layers, g.V.PdMapAltM = layers, alt
	g.V.Message = fmt.Sprintf("running %s from %s", s.Frame().Name, d.file)
	if len(report) > 0 {
		g.V.Message += fmt.Sprintf(", with %s (listed as cuasim validate lists them)", plural(len(report), "warning"))
	}
}

// pollDrops starts reading files dropped since the last update and opens
// a scenario once read.
func (g *Game) pollDrops() {
	if files := ebiten.DroppedFiles(); files != nil {
		go g.readDropped(files)
	}
	select {
	case d := <-g.drops:
		g.openDropped(d)
	default:
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
