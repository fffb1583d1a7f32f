package scenarios

import (
	"fmt"
	"strings"
	"testing"
)

const searchObstacle = `obstacles:
  - name: shed
    footprint: [[400, -50], [500, -50], [500, 50], [400, 50]]
    height_m: 8
`

// TestSearchSection reads a good search section: points and a sampled
// area (points inside the building left out), the placed sensors' listed
// positions last.
func TestSearchSection(t *testing.T) {
	s, err := Parse("search.yaml", withSection(t, searchObstacle+`search:
  candidates:
    - {name: hill, position: [1000, 50]}
    - {position: [1500, -50]}
    - {name: strip, area: [[300, -90], [700, -90], [700, 90], [300, 90]], spacing_m: 100}
  place:
    - {sensor: radar, count: 2}
`))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range s.Search.Sites() {
		names = append(names, fmt.Sprintf("%s@%g,%g", c.Name, c.Position.EastM, c.Position.NorthM))
	}
	// The strip's grid: east 350..650 by 100, north -40, 60 (from -90 +
	// 50), less (450, -40), inside the shed (north -50 to 50).
	want := "hill@1000,50 c2@1500,-50 strip-1@350,-40 strip-2@550,-40 strip-3@650,-40 strip-4@350,60 strip-5@450,60 strip-6@550,60 strip-7@650,60 listed:radar@0,0"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("sites\n got %s\nwant %s", got, want)
	}
}

// TestSearchErrors checks that each mistake in a search section is an error
// with the file, line and column of the value at fault, before any
// simulation.
func TestSearchErrors(t *testing.T) {
	cases := []struct{ name, section, want, at string }{
		{"unknown sensor", "  candidates: [{position: [1000, 0]}]\n  place: [{sensor: lidar}]\n", "search.place[0].sensor: expected the id of a listed sensor (radar, rf), found \"lidar\"", "lidar"},
		{"in a building", "  candidates: [{position: [450, 0]}]\n  place: [{sensor: radar}]\n", "inside obstacle \"shed\"", "[450, 0]"},
		{"off the site", "  candidates: [{position: [9000, 0]}]\n  place: [{sensor: radar}]\n", "expected a position on the site", "[9000, 0]"},
		{"empty area", "  candidates: [{area: [[420, -40], [480, -40], [480, 40]], spacing_m: 10}]\n  place: [{sensor: radar}]\n", "expected an area holding at least one candidate point", "[[420"},
		{"no candidates", "  candidates: []\n  place: [{sensor: radar}]\n", "search.candidates: expected at least one candidate position, found none", "[]"},
		{"both", "  candidates: [{position: [1000, 0], area: [[0, 0], [1, 0], [1, 1]], spacing_m: 10}]\n  place: [{sensor: radar}]\n", "expected position or area, found both", "[[0, 0]"},
		{"no spacing", "  candidates: [{area: [[300, -90], [700, -90], [700, 90]]}]\n  place: [{sensor: radar}]\n", "spacing_m: missing", "{area"},
		{"budget buys nothing", "  candidates: [{position: [1000, 0]}]\n  place: [{sensor: radar, cost: 5}]\n  budget: 2\n", "a budget of 2 buys no sensor: the cheapest to place costs 5", "2\n"},
		{"more sensors than places", "  candidates: [{position: [1000, 0]}]\n  place: [{sensor: radar, count: 3}]\n", "expected at most as many sensors to place as candidate positions (2", "[{sensor"},
		{"unknown field", "  candidates: [{position: [1000, 0], height_m: 3}]\n  place: [{sensor: radar}]\n", "unknown field", "height_m"},
		{"bad boresight", "  candidates: [{position: [1000, 0]}]\n  place: [{sensor: radar, boresights_deg: [0, 360]}]\n", "boresights_deg[1]: expected an azimuth in [0, 360) degrees, found 360", "360]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := withSection(t, searchObstacle+"search:\n"+c.section)
			_, err := Parse("search.yaml", src)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %q, want it to say %q", err, c.want)
			}
			// The error points at the line (and column) of the value at fault.
			text := string(src)
			i := strings.Index(text[strings.Index(text, "search:"):], c.at) + strings.Index(text, "search:")
			line := strings.Count(text[:i], "\n") + 1
			col := i - strings.LastIndex(text[:i], "\n")
			if !strings.Contains(err.Error(), fmt.Sprintf("search.yaml:%d:", line)) {
				t.Errorf("error %q, want it at line %d (column %d)", err, line, col)
			}
		})
	}
}

// TestSearchPlacesEveryListedSensorByDefault: without a place list, every
// listed sensor is placed, one of each, at cost 1.
func TestSearchPlacesEveryListedSensorByDefault(t *testing.T) {
	s, err := Parse("search.yaml", withSection(t, "search:\n  candidates: [{position: [1000, 50]}, {position: [1500, -50]}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range s.Search.Place {
		got = append(got, fmt.Sprintf("%s×%d@%g", p.Sensor, p.Count, p.Cost))
	}
	if want := "radar×1@1 rf×1@1"; strings.Join(got, " ") != want {
		t.Errorf("place %s, want %s", strings.Join(got, " "), want)
	}
}
