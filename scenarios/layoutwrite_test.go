package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// librarySource returns a built-in scenario's file as shipped.
func librarySource(t *testing.T, name string) []byte {
	t.Helper()
	src, err := library.ReadFile("library/" + name + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// moved returns s's listed sensors with sensor id moved to (e, n) and, if
// boresight >= 0, re-aimed to it.
func moved(t *testing.T, s *Scenario, id string, e, n, boresight float64) []Sensor {
	t.Helper()
	ss := slices.Clone(s.Sensors)
	i := slices.IndexFunc(ss, func(x Sensor) bool { return x.ID == id })
	if i < 0 {
		t.Fatalf("no sensor %s", id)
	}
	ss[i].Position = Point{EastM: e, NorthM: n}
	if boresight >= 0 {
		ss[i].BoresightDeg = boresight
	}
	return ss
}

// insertedOnly fails unless out is src with one run of lines inserted,
// and returns that run: every byte of src, comments and blank lines
// included, is kept in order.
func insertedOnly(t *testing.T, src, out []byte) string {
	t.Helper()
	p := 0
	for p < len(src) && p < len(out) && src[p] == out[p] {
		p++
	}
	for p > 0 && src[p-1] != '\n' { // whole lines
		p--
	}
	q := 0
	for q < len(src)-p && q < len(out)-p && src[len(src)-1-q] == out[len(out)-1-q] {
		q++
	}
	if p+q != len(src) {
		t.Fatalf("the file was changed, not only added to: %d bytes kept in front and %d behind of %d", p, q, len(src))
	}
	return string(out[p : len(out)-q])
}

// TestAddLayoutsRoundTrip: sensors dragged and re-aimed on the airport
// become a layout whose sensors, loaded back, are where they were put;
// the rest of the file is untouched.
func TestAddLayoutsRoundTrip(t *testing.T) {
	src := librarySource(t, "airport")
	s, err := Parse("airport.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	ss := moved(t, s, "radar-east", 1234.5, -678.25, 45)
	ss = moved(t, &Scenario{Sensors: ss}, "rf-west", -0.1, 2e-3, -1)
	l := LayoutOf("dragged-1", s.Sensors, ss)
	l.Description = "moved in cuasim-view"
	if len(l.Change) != 2 || len(l.Remove) != 0 || len(l.Add) != 0 {
		t.Fatalf("layout of two moved sensors: %+v", l)
	}
	out, err := AddLayouts("airport.yaml", src, []Layout{l}, false)
	if err != nil {
		t.Fatal(err)
	}
	ins := insertedOnly(t, src, out)
	want := `  - name: dragged-1
    description: moved in cuasim-view
    change:
      - sensor: radar-east
        position: [1234.5, -678.25]
        boresight_deg: 45
      - sensor: rf-west
        position: [-0.1, 0.002]
`
	if ins != want {
		t.Errorf("inserted\n%s\nwant\n%s", ins, want)
	}
	// At the end of the layouts section, before the tracker's comment.
	if !strings.Contains(string(out), "false_alarm_rate_per_h: 6\n  - name: dragged-1\n") {
		t.Errorf("the layout is not inserted after the last one:\n%s", out)
	}
	s2, err := Parse("airport.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	d, err := s2.WithLayout("dragged-1")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		id         string
		e, n, bore float64
	}{{"radar-east", 1234.5, -678.25, 45}, {"rf-west", -0.1, 0.002, -1}} {
		i := slices.IndexFunc(d.Sensors, func(x Sensor) bool { return x.ID == c.id })
		if i < 0 {
			t.Fatalf("layout has no %s", c.id)
		}
		p := d.Sensors[i].Position
		if p.EastM != c.e || p.NorthM != c.n || c.bore >= 0 && d.Sensors[i].BoresightDeg != c.bore {
			t.Errorf("%s at %v, %v boresight %v; want %v, %v, %v", c.id, p.EastM, p.NorthM, d.Sensors[i].BoresightDeg, c.e, c.n, c.bore)
		}
	}
	if got := strings.Join(s2.LayoutNames(), ","); got != "base,no-k-band,rf-ring,dragged-1" {
		t.Errorf("layouts %s", got)
	}
}

// TestAddLayoutsExisting: a name the file has is refused unless replace
// is given; replacing rewrites that layout's lines alone.
func TestAddLayoutsExisting(t *testing.T) {
	src := librarySource(t, "airport")
	s, err := Parse("airport.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	l := LayoutOf("no-k-band", s.Sensors, moved(t, s, "radar-main", 10, 20, -1))
	_, err = AddLayouts("airport.yaml", src, []Layout{l}, false)
	if !errors.Is(err, ErrLayoutExists) {
		t.Fatalf("writing an existing name: %v; want ErrLayoutExists", err)
	}
	if !strings.HasPrefix(err.Error(), "airport.yaml:224:11: layouts[0].name: \"no-k-band\" is already a layout") {
		t.Errorf("error %q does not say where the layout is", err)
	}
	out, err := AddLayouts("airport.yaml", src, []Layout{l}, true)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := Parse("airport.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s2.LayoutNames(), ","); got != "base,no-k-band,rf-ring" {
		t.Errorf("layouts after replacing %s", got)
	}
	d, _ := s2.WithLayout("no-k-band")
	if len(d.Sensors) != len(s.Sensors) || d.Sensors[0].ID != "radar-main" || d.Sensors[0].Position.EastM != 10 || d.Sensors[0].Position.NorthM != 20 {
		t.Errorf("replaced layout's sensors %+v", d.Sensors)
	}
	// Only the old layout's lines changed: the text before and after it is kept.
	old := "  - name: no-k-band\n    description: >\n      Without the K-band staring radar: is the second radar worth it?\n    remove: [radar-east]\n"
	if !strings.Contains(string(src), old) {
		t.Fatal("the airport's no-k-band layout is not written as the test expects")
	}
	if got := strings.Replace(string(src), old, "  - name: no-k-band\n    change:\n      - sensor: radar-main\n        position: [10, 20]\n", 1); got != string(out) {
		t.Errorf("replaced file:\n%s", out)
	}
}

// TestAddLayoutsNewSection: a file without layouts gets a section at its
// end; an empty list on the key's line becomes the section; CRLF stays.
func TestAddLayoutsNewSection(t *testing.T) {
	src := librarySource(t, "base")
	s, err := Parse("base.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	l := LayoutOf("north", s.Sensors, moved(t, s, "radar", 0, 300, -1))
	for _, c := range []struct {
		name string
		src  string
	}{
		{"no section", string(src)},
		{"no final line break", strings.TrimRight(string(src), "\n")},
		{"empty list", strings.Replace(string(src), "\nrun:", "\nlayouts: []\nrun:", 1)},
		{"CRLF", strings.ReplaceAll(string(src), "\n", "\r\n")},
	} {
		out, err := AddLayouts("base.yaml", []byte(c.src), []Layout{l}, false)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		s2, err := Parse("base.yaml", out)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		d, err := s2.WithLayout("north")
		if err != nil || d.Sensors[0].Position.NorthM != 300 {
			t.Errorf("%s: layout north: %v", c.name, err)
		}
		if c.name == "CRLF" && strings.Count(string(out), "\n") != strings.Count(string(out), "\r\n") {
			t.Errorf("%s: a line break without CR in\n%q", c.name, out)
		}
		if c.name == "no section" {
			if ins := insertedOnly(t, src, out); !strings.HasPrefix(ins, "\nlayouts:\n  - name: north\n") {
				t.Errorf("%s: inserted %q", c.name, ins)
			}
		}
	}
}

// TestAddLayoutsRemoveAdd: a layout that removes a sensor and adds one
// of another kind is written so that it loads with the same sensors,
// the added one with its defaults left out.
func TestAddLayoutsRemoveAdd(t *testing.T) {
	src := librarySource(t, "base")
	s, err := Parse("base.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	extra := s.Sensors[1] // an RF detector
	extra.ID, extra.Position = "rf-extra", Point{EastM: 0, NorthM: 500}
	ss := append(slices.Clone(s.Sensors[1:]), extra)
	l := LayoutOf("rf-only", s.Sensors, ss)
	if !slices.Equal(l.Remove, []string{"radar"}) || len(l.Add) != 1 || len(l.Change) != 0 {
		t.Fatalf("layout %+v", l)
	}
	out, err := AddLayouts("base.yaml", src, []Layout{l}, false)
	if err != nil {
		t.Fatal(err)
	}
	ins := insertedOnly(t, src, out)
	if strings.Contains(ins, "boresight_deg") || strings.Contains(ins, "width_deg") || !strings.Contains(ins, "position: [0, 500]") {
		t.Errorf("the added sensor is written with its defaults, or without its position:\n%s", ins)
	}
	s2, err := Parse("base.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := s2.WithLayout("rf-only")
	if len(d.Sensors) != len(ss) || !sameSensor(d.Sensors[len(ss)-1], extra) {
		t.Errorf("rf-only loads with %d sensors, the last %+v", len(d.Sensors), d.Sensors[len(d.Sensors)-1])
	}
}

// TestAddLayoutsRefused: what cannot be written is an error, and the
// error says why.
func TestAddLayoutsRefused(t *testing.T) {
	src := librarySource(t, "base")
	s, err := Parse("base.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	unset := slices.Clone(s.Sensors)
	unset[0].Radar = new(*unset[0].Radar)
	unset[0].Radar.VelocityResMPS = 0
	for _, c := range []struct {
		l    Layout
		want string
	}{
		{Layout{Name: "base"}, "expected a name other than base"},
		{Layout{Name: "=x"}, "does not begin with"},
		{Layout{Name: "x", Change: []SensorChange{{ID: "nosuch"}}}, `change of "nosuch": expected the id of a listed sensor (radar, rf-ne, rf-sw)`},
		{LayoutOf("x", s.Sensors, unset), "velocity_resolution_mps is set on the listed sensor and a change cannot unset it"},
		{Layout{Name: "x", Remove: []string{"radar", "rf-ne", "rf-sw"}}, "does not load"},
	} {
		_, err := AddLayouts("base.yaml", src, []Layout{c.l}, false)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("layout %+v: error %v, want %q", c.l, err, c.want)
		}
	}
	if _, err := AddLayouts("base.yaml", []byte("name: x\n"), []Layout{{Name: "x"}}, false); err == nil || !strings.Contains(err.Error(), "does not load, so no layout is written") {
		t.Errorf("a file that does not load: %v", err)
	}
	flow := strings.Replace(string(src), "\nrun:", "\nlayouts: [{name: a, remove: [rf-ne]}]\nrun:", 1)
	if _, err := AddLayouts("base.yaml", []byte(flow), []Layout{LayoutOf("b", s.Sensors, s.Sensors[1:])}, false); err == nil || !strings.Contains(err.Error(), "expected a block list") {
		t.Errorf("a flow list of layouts: %v", err)
	}
}

// TestSaveLayouts: a built-in scenario is saved as a copy with the
// layout; saving again adds to the copy; no temporary file is left.
func TestSaveLayouts(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "airport.yaml")
	src := librarySource(t, "airport")
	s, _ := Parse("airport.yaml", src)
	for i, l := range []Layout{
		LayoutOf("dragged-1", s.Sensors, moved(t, s, "radar-east", 100, 200, -1)),
		LayoutOf("dragged-2", s.Sensors, moved(t, s, "radar-east", 300, 400, -1)),
	} {
		if err := SaveLayouts(path, src, []Layout{l}, false); err != nil {
			t.Fatal(err)
		}
		s2, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(s2.Layouts); n != 3+i {
			t.Errorf("after saving %s: %d layouts", l.Name, n)
		}
	}
	if err := SaveLayouts(path, src, []Layout{LayoutOf("dragged-1", s.Sensors, s.Sensors[1:])}, false); !errors.Is(err, ErrLayoutExists) {
		t.Errorf("saving dragged-1 again: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode of the copy: %v %v", fi.Mode(), err)
	}
	if err := SaveLayouts(filepath.Join(dir, "nosuch.yaml"), nil, nil, false); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("saving into a missing file without a source: %v", err)
	}
}

// TestAddLayoutsLibrary: every built-in scenario takes a layout of its
// first sensor moved, whether it has a layouts section or not, and loads
// with it, the rest of the file kept; a description with YAML's own
// characters in it comes back as written.
func TestAddLayoutsLibrary(t *testing.T) {
	for _, name := range Names() {
		src := librarySource(t, name)
		s, err := Parse(name+".yaml", src)
		if err != nil {
			t.Fatal(err)
		}
		ss := moved(t, s, s.Sensors[0].ID, 123.4, -56.7, -1)
		l := LayoutOf("dragged-1", s.Sensors, ss)
		l.Description = "moved: 'by hand' # not a comment\n\"second\" line: - [x]"
		out, err := AddLayouts(name+".yaml", src, []Layout{l}, false)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		insertedOnly(t, src, out)
		s2, err := Parse(name+".yaml", out)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		d, _ := s2.WithLayout("dragged-1")
		if !SameSensors(d.Sensors, ss) {
			t.Errorf("%s: dragged-1 has other sensors than those moved", name)
		}
		if got := s2.Layouts[len(s2.Layouts)-1].Description; got != l.Description {
			t.Errorf("%s: description %q written back as %q", name, l.Description, got)
		}
	}
}
