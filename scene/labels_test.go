package scene

import (
	"fmt"
	"image"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
)

// TestLabelsInACrowd places the labels of base at 5:00 — a knot of gulls
// by the radar, tracked — as the viewer asks for them at three zooms (7
// pixels a character, markers kept free as the viewer marks them): no
// label covers another, a marker or a panel; every sensor's name is
// placed; every track's label is placed or counted, and the knots count
// exactly those left out. Zoomed in, more fit.
func TestLabelsInACrowd(t *testing.T) {
	l := Link{Scenario: "base", AtS: 300, Layers: AllLayers()}
	placedAt := map[float64]int{}
	for _, zoom := range []float64{1, 3, 8} {
		l.Zoom = zoom
		s, v, err := l.Open(scenarios.Open, 1280, 800, 4)
		if err != nil {
			t.Fatal(err)
		}
		f := s.Frame()
		lb := Labels{Screen: image.Rect(0, 0, 1280, 800)}
		panel := image.Rect(8, 500, 300, 760) // where the legend is
		lb.Taken = append(lb.Taken, panel)
		var reqs []LabelRequest
		var markers []image.Rectangle
		mark := func(x, y, r float32) {
			lb.Occupy(x, y, r)
			markers = append(markers, lb.Taken[len(lb.Taken)-1])
		}
		label := func(text string, x, y, gap float32, prio int, counted bool) {
			reqs = append(reqs, LabelRequest{W: 7 * float32(len(text)), H: 14, X: x, Y: y, Gap: gap, Priority: prio, Counted: counted, ID: len(reqs)})
		}
		for _, sv := range f.Sensors {
			x, y := v.Cam.ToScreen(sv.Coverage.Origin.X, sv.Coverage.Origin.Y)
			mark(x, y, 11)
			label(sv.ID, x, y, 13, 0, false)
		}
		for _, e := range f.Entities {
			x, y := v.Cam.ToScreen(e.Pos.X, e.Pos.Y)
			mark(x, y, 4)
		}
		tracks := 0
		for _, tv := range f.Tracks {
			x, y := v.Cam.ToScreen(tv.Pos.X, tv.Pos.Y)
			mark(x, y, 7)
			if tv.Confirmed {
				label(fmt.Sprintf("T%d bird 1.00", tv.ID), x, y, 10, 4, true)
				tracks++
			}
		}
		if zoom == 1 && tracks < 6 {
			t.Fatalf("only %d confirmed tracks at base 5:00: not the crowd this test is about", tracks)
		}
		placed, hidden := lb.Place(reqs)
		for i, p := range placed {
			if !p.At.In(lb.Screen) {
				t.Errorf("zoom %g: label %d at %v off screen", zoom, p.ID, p.At)
			}
			if p.At.Overlaps(panel) {
				t.Errorf("zoom %g: label %d at %v under the legend", zoom, p.ID, p.At)
			}
			for _, m := range markers {
				if p.At.Overlaps(m) {
					t.Errorf("zoom %g: label %d at %v covers the marker at %v", zoom, p.ID, p.At, m)
				}
			}
			for _, q := range placed[:i] {
				if p.At.Overlaps(q.At) {
					t.Errorf("zoom %g: labels %d and %d overlap at %v and %v", zoom, p.ID, q.ID, p.At, q.At)
				}
			}
		}
		sensorsPlaced := 0
		for _, p := range placed {
			if !p.Counted {
				sensorsPlaced++
			}
		}
		if sensorsPlaced != len(f.Sensors) {
			t.Errorf("zoom %g: %d of %d sensor names placed", zoom, sensorsPlaced, len(f.Sensors))
		}
		if len(placed)-sensorsPlaced+len(hidden) != tracks {
			t.Errorf("zoom %g: %d track labels placed and %d counted, of %d", zoom, len(placed)-sensorsPlaced, len(hidden), tracks)
		}
		n := 0
		for _, k := range Knots(hidden, 60) {
			n += k.N
		}
		if n != len(hidden) {
			t.Errorf("zoom %g: knots count %d of %d left out", zoom, n, len(hidden))
		}
		if zoom == 1 && len(hidden) == 0 {
			t.Errorf("zoom 1: every label of the crowd placed; the test wants a crowd")
		}
		placedAt[zoom] = len(placed)
	}
	if placedAt[8] <= placedAt[1] {
		t.Errorf("labels placed by zoom: %v; zooming in shows no more", placedAt)
	}
}

// TestKnots groups anchors within the radius of a knot's first.
func TestKnots(t *testing.T) {
	qs := []LabelRequest{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 200, Y: 0}, {X: 0, Y: 50}, {X: 210, Y: 10}}
	ks := Knots(qs, 60)
	if len(ks) != 2 || ks[0].N != 3 || ks[1].N != 2 || ks[1].X != 205 || ks[1].Y != 5 {
		t.Errorf("knots %+v", ks)
	}
}
