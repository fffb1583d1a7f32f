package scene

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
)

// TestLinkRoundTrip opens canonical links and takes the link of the view
// each opens: it is the same link, whatever the window's size. The links
// set every key a link has.
func TestLinkRoundTrip(t *testing.T) {
	for _, q := range []string{
		"scenario=base&seed=7&at=10m&layers=tracks,labels",
		"scenario=airport&seed=1&at=0s",
		"scenario=airport&seed=3&at=5m30s&layout=rf-ring&confirm=2of4",
		"scenario=base&seed=7&at=5m&layers=truth,tracks,labels,legend&zoom=4&center=150,-180&select=sensor:rf-ne&paused=1",
		"scenario=airport&seed=2&at=1m10.5s&layers=none&zoom=0.5&center=-1200.5,300",
		"scenario=base&seed=7&at=2m&move=rf-ne:150:-20.5",
		"scenario=airport&seed=3&at=1m&layout=rf-ring&move=radar-main:100:200,rf-north:-50.3:1800&select=sensor:rf-north",
		"scenario=base&seed=7&at=1m&layers=tracks,legend,pdmap&altitude=120",
	} {
		for _, size := range [][2]int{{1280, 800}, {960, 600}} {
			l, err := ParseLink("http://127.0.0.1:8080/?" + q)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			s, v, err := l.Open(scenarios.Open, size[0], size[1], 4)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if got := LinkOf(s, l.Scenario, &v).Query(); got != q {
				t.Errorf("opened %s at %dx%d, its view's link is\n%s", q, size[0], size[1], got)
			}
		}
	}
}

// TestLinkSelection: a selected track and bird in a link are the objects
// selected once it is open, and a view's selection of them is in its link.
func TestLinkSelection(t *testing.T) {
	l := Link{Scenario: "base", AtS: 300, Layers: AllLayers()}
	s, v, err := l.Open(scenarios.Open, 1280, 800, 4)
	if err != nil {
		t.Fatal(err)
	}
	f := s.Frame()
	var track, bird string
	for _, tv := range f.Tracks {
		if tv.Confirmed {
			v.Selected = Selection{SelTrack, tv.ID}
			track = LinkOf(s, "base", &v).Query()
			break
		}
	}
	for _, e := range f.Entities {
		if e.Bird {
			v.Selected = Selection{SelEntity, e.ID}
			bird = LinkOf(s, "base", &v).Query()
			break
		}
	}
	if !strings.Contains(track, "&select=track:") || !strings.Contains(bird, "&select=object:") {
		t.Fatalf("links of selections: %q and %q", track, bird)
	}
	for _, q := range []string{track, bird} {
		l, err := ParseLink(q)
		if err != nil {
			t.Fatal(err)
		}
		s2, v2, err := l.Open(scenarios.Open, 1280, 800, 4)
		if err != nil {
			t.Fatal(err)
		}
		if got := LinkOf(s2, "base", &v2).Query(); got != q {
			t.Errorf("opened %s, link %s", q, got)
		}
		if v2.Selected.Kind == SelNone {
			t.Errorf("%s: nothing selected", q)
		}
	}
}

// TestParseLinkErrors: every bad key is reported, in the keys' order.
func TestParseLinkErrors(t *testing.T) {
	_, err := ParseLink("?zoom=-1&seed=x&colour=red&at=soon&confirm=5of3&select=plane:1&layers=tracks,maps&center=1&move=rf-ne:1:x&altitude=-3")
	want := `link: seed: expected a whole number, found "x"
link: at: expected seconds or a duration such as 300s or 5m, found "soon"
link: layers: unknown layer "maps"; expected coverage, truth, detections, tracks, labels, legend, pdmap, all or none
link: confirm: expected M of N written as 3of5, with 1 <= M <= N <= 50, found "5of3"
link: move: expected sensor moves ID:EAST:NORTH in metres, comma-separated, such as rf-ne:1200:-340, found "rf-ne:1:x"
link: zoom: expected a factor > 0 (2 shows half the width), found "-1"
link: center: expected east,north in metres such as 120,-340, found "1"
link: select: expected track:N, sensor:ID or object:NAME, found "plane:1"
link: altitude: expected the pdmap layer's altitude, metres above ground, > 0 and at most 20000, found "-3"
link: colour: unknown; a link sets scenario, seed, at, layers, layout, confirm, move, zoom, center, select, paused, lesson, altitude`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	l, err := ParseLink("http://host:8080/")
	if err != nil || !reflect.DeepEqual(l, DefaultLink()) {
		t.Errorf("a link without a query: %+v, %v", l, err)
	}
}

// TestLinkMoves: a sensor dragged in the view is in its link, and the
// link opens the run with the sensor there; a move of a sensor the
// layout lacks, or of one sensor twice, is an error naming it.
func TestLinkMoves(t *testing.T) {
	l := Link{Scenario: "base", AtS: 60, Layers: AllLayers()}
	s, v, err := l.Open(scenarios.Open, 1280, 800, 4)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(s.Frame().Sensors, func(sv SensorView) bool { return sv.ID == "rf-sw" })
	if err := s.MoveSensor(i, -412.34, 87.66); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(60)
	q := LinkOf(s, "base", &v).Query()
	if !strings.Contains(q, "&move=rf-sw:-412.3:87.7&") {
		t.Fatalf("link of a view with rf-sw dragged: %s", q)
	}
	l2, err := ParseLink(q)
	if err != nil {
		t.Fatal(err)
	}
	s2, _, err := l2.Open(scenarios.Open, 1280, 800, 4)
	if err != nil {
		t.Fatal(err)
	}
	if o := s2.Frame().Sensors[i].Coverage.Origin; o.X != -412.3 || o.Y != 87.7 {
		t.Errorf("opened %s: rf-sw at %v", q, o)
	}
	if _, _, err := (Link{Scenario: "base", Moves: []SensorMove{{ID: "radar-east", EastM: 1}}}).Open(scenarios.Open, 1280, 800, 4); err == nil ||
		err.Error() != `move: no sensor "radar-east" in layout base` {
		t.Errorf("moving a sensor base lacks: %v", err)
	}
	if _, err := ParseLink("move=rf-ne:1:2,rf-ne:3:4"); err == nil || !strings.Contains(err.Error(), `sensor "rf-ne" moved twice`) {
		t.Errorf("one sensor moved twice: %v", err)
	}
}

func TestFormatTime(t *testing.T) {
	for _, c := range []struct {
		s    float64
		want string
	}{{0, "0s"}, {600, "10m"}, {330, "5m30s"}, {3602.5, "1h0m2.5s"}, {7200, "2h"}, {0.1, "0.1s"}, {599.9999999, "10m"}} {
		got := FormatTime(c.s)
		if got != c.want {
			t.Errorf("FormatTime(%g) = %q, want %q", c.s, got, c.want)
		}
		if back, err := ParseTime(got); err != nil || FormatTime(back) != got {
			t.Errorf("ParseTime(%q) = %g, %v", got, back, err)
		}
	}
}

// TestResizeKeepsLink: resizing a view keeps its link (zoom relative to
// the framed site, centre).
func TestResizeKeepsLink(t *testing.T) {
	l, err := ParseLink("scenario=airport&seed=1&at=10s&zoom=2.5&center=-300,150")
	if err != nil {
		t.Fatal(err)
	}
	s, v, err := l.Open(scenarios.Open, 1280, 800, 4)
	if err != nil {
		t.Fatal(err)
	}
	want := LinkOf(s, "airport", &v).Query()
	for _, size := range [][2]int{{960, 600}, {600, 900}, {1280, 800}} {
		v.Resize(s.Frame(), size[0], size[1])
		if got := LinkOf(s, "airport", &v).Query(); got != want {
			t.Errorf("resized to %v: %s, want %s", size, got, want)
		}
	}
}
