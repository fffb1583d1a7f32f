package scene

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/cuasim/cuasim/alert"
)

// panelLines returns every line the viewer's panels would draw for
// frame f: the top bar (playing and still), the list of alerts, each
// sensor, drone, bird and track selected in turn, the tracks' and zones'
// labels on the map, the scale bar at a few zooms and the knots of hidden
// labels. These are the functions package viewer draws them with.
func panelLines(f *Frame) []Line {
	var out []Line
	v := NewView(f, 1280, 800, 4)
	for _, still := range []bool{false, true} {
		v.Still = still
		out = append(out, HUDLines(f, &v)...)
	}
	out = append(out, GroupLabel(&GroupView{Name: "swarm-1", Members: 200, Tracks: 180, Alerting: 40}),
		GroupLabel(&GroupView{Name: "pair-1", Members: 2}))
	title, forHeading := AlertListTitle(len(f.Alerts))
	out = append(out, Line{title}, Line{forHeading}, Line{AlertsMore(3)})
	for i := range f.Alerts {
		row := AlertRow(&f.Alerts[i], f.TimeS)
		out = append(out, Line(row[:]))
	}
	sel := func(k SelKind, i int) {
		v.Selected = Selection{k, i}
		lines, _, _, ok := SelectionLines(f, &v)
		if !ok {
			panic("selected " + strconv.Itoa(i) + " not in the frame")
		}
		out = append(out, lines...)
	}
	for i := range f.Sensors {
		sel(SelSensor, i)
	}
	for _, e := range f.Entities {
		sel(SelEntity, e.ID)
	}
	for i := range f.Tracks {
		t := &f.Tracks[i]
		sel(SelTrack, t.ID)
		out = append(out, TrackLabel(t, f.TrackAlertLevel(t.ID)))
	}
	for i, z := range f.Zones {
		lvl := alert.None
		if i < len(f.ZoneLevels) {
			lvl = f.ZoneLevels[i]
		}
		out = append(out, ZoneLabel(z.Name, lvl))
	}
	for _, mPerPx := range []float64{0.5, 5, 50} {
		c := v.Cam
		c.MPerPx = mPerPx
		m, _ := c.ScaleBar(160)
		out = append(out, ScaleLabel(m))
	}
	out = append(out, HiddenLabels(7))
	// The pdmap layer's caption: computing the first map, and a map shown
	// while the next is computed.
	g, err := v.PdMap.Wait(f, v.PdMapAltitudeM())
	if err != nil {
		panic(err)
	}
	out = append(out, PdMapLine(nil, v.PdMapAltitudeM(), false), PdMapLine(g, v.PdMapAltitudeM(), true), PdMapLine(g, v.PdMapAltitudeM(), false))
	out = append(out, LabelMapLine(nil, v.PdMapAltitudeM(), false), LabelMapLine(g, v.PdMapAltitudeM(), true), LabelMapLine(g, v.PdMapAltitudeM(), false))
	return out
}

// framesToExplain are frames that between them make the panels draw
// every kind of line: the airport live in each of its layouts at a few
// moments, and copies of them as a replay shows them, with alerts in
// every state (inside, entry predicted, at the edge, clearing) and every
// level on the first track and zone.
func framesToExplain(t *testing.T) []*Frame {
	s := airport(t)
	var frames []*Frame
	for _, layout := range s.Frame().Layouts {
		if err := s.SetLayout(layout); err != nil {
			t.Fatal(err)
		}
		for _, at := range []float64{0, 120, 400} {
			s.AdvanceTo(at)
			f := *s.Frame() // a copy: the session reuses its frame
			f.Tracks = append([]TrackView(nil), f.Tracks...)
			f.Entities = append([]EntityView(nil), f.Entities...)
			f.Alerts = append([]AlertView(nil), f.Alerts...)
			frames = append(frames, &f)
		}
	}
	last := *frames[len(frames)-1]
	if len(last.Tracks) == 0 || len(last.Zones) == 0 {
		t.Fatal("the airport at 400 s has no track or no zone")
	}
	id, now := last.Tracks[0].ID, last.TimeS
	last.Alerts = []AlertView{
		{Track: id, Zone: 0, ZoneName: last.Zones[0].Name, Level: alert.Critical, StartS: now - 75, Inside: true, AssessedS: now},
		{Track: id, Zone: 0, ZoneName: last.Zones[0].Name, Level: alert.Warning, StartS: now - 5, TimeToEntryS: 42, AssessedS: now},
		{Track: id, Zone: 0, ZoneName: last.Zones[0].Name, Level: alert.Advisory, StartS: now - 5, TimeToEntryS: 42, AssessedS: now - 3},
		{Track: id, Zone: 0, ZoneName: last.Zones[0].Name, Level: alert.Advisory, StartS: now - 5, TimeToEntryS: 0.5, AssessedS: now},
		{Track: id, Zone: 0, ZoneName: last.Zones[0].Name, Level: alert.Advisory, StartS: now - 5, TimeToEntryS: math.Inf(1), AssessedS: now},
	}
	last.ZoneLevels = []alert.Level{alert.Critical}
	replay := last
	replay.Replay = true
	return append(frames, &last, &replay)
}

// TestEveryPanelNumberExplained: every number the viewer's panels draw is
// in a field that names an explanation of the table, and every
// explanation of the table is drawn somewhere: a number cannot be added
// to a panel without its explanation, nor an explanation outlive its
// number. The lines come from the functions package viewer draws the
// panels with (TestViewerFormatsNoNumbers holds it to them).
func TestEveryPanelNumberExplained(t *testing.T) {
	used := map[string]bool{}
	lines := 0
	for _, f := range framesToExplain(t) {
		for _, l := range panelLines(f) {
			lines++
			for _, fd := range l {
				switch {
				case fd.Term != "":
					if _, ok := Explain(fd.Term); !ok {
						t.Errorf("%q in the line %q names %q, which the explanations lack", fd.Text, l.String(), fd.Term)
					}
					used[fd.Term] = true
				case !fd.Verbatim && strings.IndexFunc(fd.Text, unicode.IsDigit) >= 0:
					t.Errorf("%q in the line %q shows a number with no explanation", fd.Text, l.String())
				}
			}
		}
	}
	if lines < 100 {
		t.Fatalf("only %d panel lines: the frames show too little", lines)
	}
	for _, e := range Explanations() {
		if !used[e.Term] {
			t.Errorf("explanation %q (%s) is drawn by no panel", e.Term, e.Name)
		}
	}
}

// TestExplanationsWellFormed: each explanation has its name, unit and
// text, one of the panels, a lesson of the course or none, and a term of
// its own.
func TestExplanationsWellFormed(t *testing.T) {
	lessons, err := filepath.Glob("../docs/course/0*.md")
	if err != nil || len(lessons) == 0 {
		t.Fatalf("no lessons in docs/course: %v", err)
	}
	seen := map[string]bool{}
	for _, e := range Explanations() {
		if e.Term == "" || e.Name == "" || e.Unit == "" || e.Text == "" {
			t.Errorf("explanation %+v lacks a term, name, unit or text", e)
		}
		if seen[e.Term] {
			t.Errorf("term %q explained twice", e.Term)
		}
		seen[e.Term] = true
		if !strings.Contains(strings.Join(Panels, "|"), e.Panel) || e.Panel == "" {
			t.Errorf("%s: panel %q is none of %q", e.Term, e.Panel, Panels)
		}
		if e.Lesson < 0 || e.Lesson > len(lessons) {
			t.Errorf("%s: lesson %d, but the course has lessons 1 to %d", e.Term, e.Lesson, len(lessons))
		}
		if tip := e.Tip(""); !strings.Contains(tip, e.Unit) || !strings.Contains(tip, e.Text) {
			t.Errorf("%s: tooltip %q lacks the unit or the text", e.Term, tip)
		}
	}
}

// numberVerb is a formatting verb that prints a number (or anything).
var numberVerb = regexp.MustCompile(`%[-+# 0-9.*]*[dfFgGeExXobvq]`)

// TestViewerFormatsNoNumbers: the viewer's drawing code formats no number
// itself — the panels' text comes from this package's lines, whose
// numbers TestEveryPanelNumberExplained holds to the explanations. (The
// game's one-line messages and the help overlay's page numbers are not
// panel numbers: game.go, share.go and help.go are not checked.)
func TestViewerFormatsNoNumbers(t *testing.T) {
	for _, name := range []string{"draw.go", "labels.go", "legend.go"} {
		path := filepath.Join("..", "viewer", name)
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "fmt" {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, _ := strconv.Unquote(lit.Value); numberVerb.MatchString(s) {
					t.Errorf("%s: fmt.%s(%s …) formats a number in the viewer: make it a field of a scene.Line with its explanation", fset.Position(call.Pos()), sel.Sel.Name, lit.Value)
				}
			} else {
				t.Errorf("%s: fmt.%s with a format not a literal", fset.Position(call.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
}
