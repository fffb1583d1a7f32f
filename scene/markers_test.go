package scene

import (
	"image"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
)

// swarm1000 is the embedded swarm scenario with its group set to 1000
// drones (the most a group holds), at 12:00, when the group circles the
// ammunition dump.
func swarm1000(b *testing.B) *Session {
	b.Helper()
	sc, err := scenarios.Embedded("swarm")
	if err != nil {
		b.Fatal(err)
	}
	ov, err := scenarios.ParseOverride("traffic[swarm].group.size=1000")
	if err != nil {
		b.Fatal(err)
	}
	if sc, err = sc.With(ov); err != nil {
		b.Fatal(err)
	}
	s, err := NewSessionFromScenario(sc)
	if err != nil {
		b.Fatal(err)
	}
	s.AdvanceTo(720)
	return s
}

// benchmarkMarkers measures the scene's part of drawing one frame of the
// 1000-drone swarm at 1280 × 800 — the frame taken from the session,
// the groups summarised, the markers of plots, bearings, drones and
// tracks built into a mesh, their labels measured (7 pixels a
// character) and placed — with the view framed on the site and zoomed
// in zoom times on the group. It reports the mesh's vertices and the
// labels placed.
func benchmarkMarkers(b *testing.B, zoom float64) {
	s := swarm1000(b)
	f := s.Frame()
	v := NewView(f, 1280, 800, 4)
	var m MapMarkers
	m.Groups.Update(f)
	if zoom > 1 {
		g := m.Groups.List[0]
		v.Cam.CenterE, v.Cam.CenterN = g.CenterE, g.CenterN
		v.Cam.MPerPx /= zoom
	}
	lq := &LabelQueue{Measure: func(s string, size float64) float32 { return 7 * float32(len(s)) }}
	var placed []PlacedLabel
	b.ReportAllocs()
	for b.Loop() {
		lq.Reset(image.Rect(0, 0, 1280, 800))
		m.Build(s.Frame(), &v, &testPalette, lq)
		placed, _ = lq.Place(lq.Reqs)
	}
	b.ReportMetric(float64(len(f.Entities)), "entities")
	b.ReportMetric(float64(len(f.Tracks)), "tracks")
	b.ReportMetric(float64(len(f.Detections)), "detections")
	b.ReportMetric(float64(m.Mesh.Vertices()), "vertices")
	b.ReportMetric(float64(len(placed)), "labels")
}

// BenchmarkMarkersSwarm1000 is the swarm framed with the site, as the
// viewer opens: one label for the group.
//
//	go test ./scene -run '^$' -bench MarkersSwarm1000
func BenchmarkMarkersSwarm1000(b *testing.B) { benchmarkMarkers(b, 1) }

// BenchmarkMarkersSwarm1000ZoomedIn is zoomed in 24 times on the group
// (0.4 m a pixel, its members 40 m apart 100 pixels apart): its members'
// labels.
func BenchmarkMarkersSwarm1000ZoomedIn(b *testing.B) { benchmarkMarkers(b, 24) }

// BenchmarkSessionStepSwarm1000 is one simulation step of the 1000-drone
// swarm at 12:00 (0.1 s: at the viewer's ×4, two steps every three frames
// of 60 per second).
func BenchmarkSessionStepSwarm1000(b *testing.B) {
	s := swarm1000(b)
	b.ReportAllocs()
	for b.Loop() {
		s.Step()
	}
}
