package scene

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/alert"
)

// testPalette is a palette for the tests: the colours do not matter.
var testPalette = Palette{Groups: []color.RGBA{{1, 2, 3, 255}, {4, 5, 6, 255}}}

// swarmFrame is a frame with a group "swarm-1" of n drones about
// spacingM apart around (1000, −500) m, in random formation (a jittered
// grid), two lone drones, and a confirmed track on every third member,
// every fifth of them with a critical alert.
func swarmFrame(n int, spacingM float64) *Frame {
	r := rand.New(rand.NewPCG(1, 2))
	f := &Frame{TimeS: 720, HasTruth: true, HasTracks: true}
	side := int(math.Ceil(math.Sqrt(float64(n))))
	for i := 0; i < n; i++ {
		e := 1000 + (float64(i%side)-float64(side)/2+0.3*(r.Float64()-0.5))*spacingM
		nn := -500 + (float64(i/side)-float64(side)/2+0.3*(r.Float64()-0.5))*spacingM
		f.Entities = append(f.Entities, EntityView{ID: i, Name: "swarm-1." + itoa(i+1), Group: "swarm-1", Pos: r3.Vec{X: e, Y: nn, Z: 100}})
		if i%3 == 0 {
			id := 1000 + i
			f.Tracks = append(f.Tracks, TrackView{ID: id, Confirmed: true, Pos: r3.Vec{X: e + 3, Y: nn - 2, Z: 100},
				PEE: 25, PNN: 25, PDrone: 0.9, PBird: 0.05, PClutter: 0.05})
			if i%15 == 0 {
				f.Alerts = append(f.Alerts, AlertView{Track: id, Level: alert.Critical, ZoneName: "dump"})
			}
		}
	}
	f.Entities = append(f.Entities,
		EntityView{ID: n, Name: "hobby-1", Pos: r3.Vec{X: -1500, Y: 900}},
		EntityView{ID: n + 1, Name: "hobby-2", Pos: r3.Vec{X: 1500, Y: 1200}})
	return f
}

func itoa(i int) string {
	var b []byte
	for ; i > 0 || len(b) == 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// mapLabels builds frame f's markers under camera c with the panels
// given, places the labels as the viewer does (7 pixels a character)
// and returns the requests and those placed.
func mapLabels(f *Frame, c Camera, panels []image.Rectangle) (*MapMarkers, *LabelQueue, []PlacedLabel) {
	v := View{Cam: c, Layers: AllLayers()}
	var m MapMarkers
	lq := &LabelQueue{Measure: func(s string, size float64) float32 { return float32(size) * 0.55 * float32(len([]rune(s))) }}
	lq.Reset(image.Rect(0, 0, c.W, c.H))
	m.Build(f, &v, &testPalette, lq)
	lq.Taken = append(lq.Taken, panels...)
	lq.Panels = append(lq.Panels, panels...)
	placed, _ := lq.Place(lq.Reqs)
	return &m, lq, placed
}

// testPanels are where the viewer's panels are in a 1280 × 800 window:
// the alert list, the legend, and one more right where the swarm's label
// would first go, below its box when zoomed out.
func testPanels(c Camera, g *GroupView) []image.Rectangle {
	b := g.ScreenBox(c)
	cx := (b.Min.X + b.Max.X) / 2
	return []image.Rectangle{image.Rect(8, 60, 370, 305), image.Rect(8, 455, 308, 755),
		image.Rect(cx-150, b.Max.Y, cx+150, b.Max.Y+40)}
}

// TestGroupLabels: zoomed out, the swarm shows one label (its name,
// members, tracks over it and those alerting), along its box and clear
// of every panel, and none of its members' or its tracks' labels; the
// lone drones keep theirs. Zoomed in until the members are further
// apart than their labels are wide, the members' labels are placed, as many as
// fit, none on another or on a panel, and the group's label stays.
// (Members' labels are about 70 pixels wide here, so they show from 86
// pixels apart, 0.35 m a pixel: MemberLabelGapPx.)
func TestGroupLabels(t *testing.T) {
	f := swarmFrame(300, 30)
	var gs Groups
	gs.Update(f)
	if len(gs.List) != 1 {
		t.Fatalf("%d groups, want 1", len(gs.List))
	}
	g := gs.List[0]
	if g.Name != "swarm-1" || g.Members != 300 || g.Tracks != 100 || g.Alerting != 20 {
		t.Fatalf("group %s: %d members, %d tracks, %d alerting; want swarm-1, 300, 100, 20", g.Name, g.Members, g.Tracks, g.Alerting)
	}
	if g.SpacingM < 20 || g.SpacingM > 35 {
		t.Errorf("spacing %.1f m, want about 30", g.SpacingM)
	}
	isMember := func(s string) bool { return strings.HasPrefix(s, "swarm-1.") }
	isTrack := func(s string) bool { return strings.HasPrefix(s, "T") }

	for _, tc := range []struct {
		name      string
		mPerPx    float64
		collapsed bool
	}{{"zoomed out", 5, true}, {"zoomed in, labels wider than the spacing", 0.5, true}, {"zoomed in", 0.25, false}} {
		c := Camera{CenterE: 1000, CenterN: -500, MPerPx: tc.mPerPx, W: 1280, H: 800}
		if tc.mPerPx > 1 {
			c.CenterE, c.CenterN = 0, 0
		}
		panels := testPanels(c, &g)
		_, lq, placed := mapLabels(f, c, panels)
		groupLabels, members, tracks, lone := 0, 0, 0, 0
		for _, q := range lq.Reqs {
			switch s := lq.Texts[q.ID].Text; {
			case strings.HasPrefix(s, "swarm-1 "):
				groupLabels++
			case isMember(s):
				members++
			case isTrack(s):
				tracks++
			case strings.HasPrefix(s, "hobby-"):
				lone++
			}
		}
		if groupLabels != 1 {
			t.Errorf("%s: %d labels of the group requested, want 1", tc.name, groupLabels)
		}
		var groupAt image.Rectangle
		placedMembers := 0
		for i, p := range placed {
			s := lq.Texts[p.ID].Text
			if strings.HasPrefix(s, "swarm-1 ") {
				groupAt = p.At
				if want := "swarm-1 · 300 drones · 100 tracks · 20 alerting"; s != want {
					t.Errorf("%s: group label %q, want %q", tc.name, s, want)
				}
			}
			if isMember(s) {
				placedMembers++
			}
			if !p.At.In(image.Rect(0, 0, c.W, c.H)) {
				t.Errorf("%s: label %q at %v off screen", tc.name, s, p.At)
			}
			for _, pr := range panels {
				if p.At.Overlaps(pr) {
					t.Errorf("%s: label %q at %v on the panel %v", tc.name, s, p.At, pr)
				}
			}
			for _, o := range placed[:i] {
				if p.At.Overlaps(o.At) {
					t.Errorf("%s: label %q at %v on %q at %v", tc.name, s, p.At, lq.Texts[o.ID].Text, o.At)
				}
			}
		}
		if groupAt.Empty() {
			t.Errorf("%s: the group's label is not placed", tc.name)
		}
		switch {
		case tc.collapsed:
			if members != 0 || tracks != 0 {
				t.Errorf("%s: %d member labels and %d track labels requested over the group, want none", tc.name, members, tracks)
			}
			if tc.mPerPx > 1 && lone != 2 {
				t.Errorf("%s: %d labels of lone drones, want 2", tc.name, lone)
			}
			if b := g.ScreenBox(c); tc.mPerPx > 1 && !groupAt.Intersect(b).Empty() {
				t.Errorf("%s: the group's label %v is on its box %v, not along it", tc.name, groupAt, b)
			}
		default:
			if members < 20 || tracks < 5 {
				t.Errorf("zoomed in: %d member labels and %d track labels requested, want the members' and tracks' on screen", members, tracks)
			}
			if placedMembers < 10 {
				t.Errorf("zoomed in: only %d members' labels placed", placedMembers)
			}
		}
	}
}

// TestGroupsNoAllocs: summarising a frame's groups again allocates
// nothing once its buffers have grown.
func TestGroupsNoAllocs(t *testing.T) {
	f := swarmFrame(1000, 30)
	c := Camera{MPerPx: 5, W: 1280, H: 800}
	v := View{Cam: c, Layers: AllLayers()}
	var m MapMarkers
	lq := &LabelQueue{Measure: func(s string, size float64) float32 { return 7 * float32(len(s)) }}
	build := func() {
		lq.Reset(image.Rect(0, 0, c.W, c.H))
		m.Build(f, &v, &testPalette, lq)
		lq.Place(lq.Reqs)
	}
	build()
	if a := testing.AllocsPerRun(10, build); a > 0 {
		t.Errorf("%.0f allocations per frame, want none", a)
	}
}
