package scenarios

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestAppendLayouts adds a placed layout to every library scenario with a
// layouts section, and to one without: the result parses, the new layout
// has the placed sensors where they were put (a listed one moved and
// re-aimed, a copy added with the listed one's hardware), every other
// layout is as before, and the file is the old one with lines inserted
// (comments and all kept).
func TestAppendLayouts(t *testing.T) {
	for _, name := range append(Names(), "minimal", "folded") {
		t.Run(name, func(t *testing.T) {
			var s *Scenario
			var err error
			switch name {
			case "minimal":
				s, err = Load("testdata/minimal.yaml")
			case "folded":
				// The last layout ends in a folded description, and a
				// comment heads the next section.
				data, _ := os.ReadFile("testdata/minimal.yaml")
				src := strings.Replace(string(data), "run:\n", "layouts:\n  - name: no-rf\n    remove: [rf]\n    description: >\n      Two lines\n\n      and a paragraph.\n# the run\nrun:\n", 1)
				s, err = Parse("folded.yaml", []byte(src))
			default:
				s, err = Embedded(name)
			}
			if err != nil {
				t.Fatal(err)
			}
			first := s.Sensors[0]
			pl := PlacedLayout{Name: "found-1", Description: "placed by a test",
				Placements: []Placement{
					{Sensor: first.ID, ID: first.ID, Position: Point{EastM: first.Position.EastM + 123.5, NorthM: first.Position.NorthM - 77}, BoresightDeg: 135},
					{Sensor: first.ID, ID: first.ID + "-2", Position: Point{EastM: -321, NorthM: 456.25}, BoresightDeg: 270},
				}}
			out, err := s.AppendLayouts([]PlacedLayout{pl})
			if err != nil {
				t.Fatal(err)
			}
			c, err := Parse(s.File(), out)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			l, err := c.WithLayout("found-1")
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Sensors) != len(s.Sensors)+1 {
				t.Fatalf("layout has %d sensors, want %d", len(l.Sensors), len(s.Sensors)+1)
			}
			moved, copied := l.Sensors[0], l.Sensors[len(l.Sensors)-1]
			if moved.ID != first.ID || moved.Position.EastM != pl.Placements[0].Position.EastM || moved.Position.NorthM != pl.Placements[0].Position.NorthM || moved.BoresightDeg != 135 {
				t.Errorf("moved sensor is %s at %v boresight %g", moved.ID, moved.Position, moved.BoresightDeg)
			}
			if copied.ID != first.ID+"-2" || copied.Position.EastM != -321 || copied.Position.NorthM != 456.25 || copied.BoresightDeg != 270 {
				t.Errorf("copy is %s at %v boresight %g", copied.ID, copied.Position, copied.BoresightDeg)
			}
			if copied.MastHeightM != first.MastHeightM || (copied.Radar == nil) != (first.Radar == nil) || copied.Type != first.Type {
				t.Errorf("copy's hardware differs from %s's", first.ID)
			}
			if !slices.Equal(c.LayoutNames(), append(s.LayoutNames(), "found-1")) {
				t.Errorf("layouts %v, want %v and found-1", c.LayoutNames(), s.LayoutNames())
			}
			for _, ln := range s.LayoutNames() {
				a, _ := s.WithLayout(ln)
				b, _ := c.WithLayout(ln)
				if len(a.Sensors) != len(b.Sensors) {
					t.Fatalf("layout %s changed", ln)
				}
				for i := range a.Sensors {
					if a.Sensors[i].ID != b.Sensors[i].ID || a.Sensors[i].Position.EastM != b.Sensors[i].Position.EastM || a.Sensors[i].Position.NorthM != b.Sensors[i].Position.NorthM {
						t.Errorf("layout %s sensor %d changed", ln, i)
					}
				}
			}
			// Only lines were inserted, all in one place.
			old, now := strings.Split(string(s.Source()), "\n"), strings.Split(string(out), "\n")
			i := 0
			for i < len(old) && old[i] == now[i] {
				i++
			}
			j := 0
			for j < len(old)-i && old[len(old)-1-j] == now[len(now)-1-j] {
				j++
			}
			if i+j < len(old)-1 {
				t.Errorf("the file changed beyond an insertion: %d lines kept before it and %d after, of %d", i, j, len(old))
			}
			if _, err := c.AppendLayouts([]PlacedLayout{{Name: "found-1"}}); err == nil {
				t.Error("a second layout found-1 was accepted")
			}
		})
	}
}
