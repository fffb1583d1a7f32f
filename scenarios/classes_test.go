package scenarios

import (
	"fmt"
	"strings"
	"testing"
)

// TestClassLibrary: the class library loads; every class has a
// description, a size and an endurance (the figures the issue asks for),
// and a scenario using every class as it is has no warning, so every
// figure is within the usual range of public figures.
func TestClassLibrary(t *testing.T) {
	classes, err := UAVClasses()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"mavic-class", "m30t-class", "fpv-racer", "fixed-wing-small", "autonomous-quad"}
	if got := classNames(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("classes %v, want %v", got, want)
	}
	var uses strings.Builder
	uses.WriteString("uav_types:\n")
	for _, c := range classes {
		if c.Description == "" || c.SizeM == 0 || c.EnduranceS == 0 {
			t.Errorf("%s: description %q, size %g m, endurance %g s: want all three", c.Name, c.Description, c.SizeM, c.EnduranceS)
		}
		fmt.Fprintf(&uses, "  - use: %s\n", c.Name)
	}
	s, err := Parse("uses.yaml", minimalWith(t, "uav_types:\n", uses.String()))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range s.Warnings() {
		t.Errorf("a class as it is: %s", w)
	}
	if len(s.UAVTypes) != len(classes)+1 {
		t.Fatalf("%d types, want %d", len(s.UAVTypes), len(classes)+1)
	}
	for i, c := range classes {
		got := s.UAVTypes[i]
		got.Use = ""
		if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", c) {
			t.Errorf("use: %s gave\n%+v\nwant the class\n%+v", c.Name, got, c)
		}
	}
}

// TestUseClass: fields given beside use replace the class's; the class's
// name is the type's unless another is given; traffic refers to the type
// by that name; an override can select the entry by its class.
func TestUseClass(t *testing.T) {
	src := minimalWith(t, "uav_types:\n", `uav_types:
  - use: m30t-class
    name: watcher
    cruise_speed_mps: 8
    rf_links:
      - {name: video, frequency_hz: 5.8e9, eirp_dbm: 23, bandwidth_hz: 20.0e6}
  - use: fpv-racer
`)
	src = []byte(strings.Replace(string(src), "type: quad\n", "type: fpv-racer\n", 1))
	s, err := Parse("use.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	w := s.UAVType("watcher")
	if w == nil || w.Use != "m30t-class" || w.CruiseMPS != 8 || w.MaxMPS != 23 || w.RCS.MeanM2 != 0.05 || len(w.RFLinks) != 1 || w.RFLinks[0].Name != "video" {
		t.Errorf("watcher = %+v; want the m30t-class with cruise 8 m/s and one video link", w)
	}
	if f := s.UAVType("fpv-racer"); f == nil || f.MaxMPS != 35 {
		t.Errorf("fpv-racer = %+v; want the class under its own name", f)
	}
	if s.Traffic[0].Type != "fpv-racer" {
		t.Errorf("traffic type %q", s.Traffic[0].Type)
	}
	o, err := s.With(Override{Path: "uav_types[fpv-racer].max_speed_mps", Value: "30"})
	if err != nil {
		t.Fatal(err)
	}
	if got := o.UAVType("fpv-racer").MaxMPS; got != 30 {
		t.Errorf("after the override, max speed %g, want 30", got)
	}
}

// TestUseClassErrors: a misspelt class is named with a suggestion; a
// problem with a value the class gave points at the use line; a class
// cannot be used without its rules.
func TestUseClassErrors(t *testing.T) {
	for _, c := range []struct{ types, want string }{
		{"  - use: mavic-clas\n", `use.yaml:9:10: uav_types[0].use: expected the name of a UAV class (mavic-class, m30t-class, fpv-racer, fixed-wing-small, autonomous-quad), found "mavic-clas"; did you mean mavic-class?`},
		{"  - use: [mavic-class]\n", "use.yaml:9:10: uav_types[0].use: expected the name of a UAV class, found a list"},
		// The class's max_speed_mps (21) is below the cruise speed given.
		{"  - use: mavic-class\n    name: quad\n    cruise_speed_mps: 30\n", "use.yaml:9:10: uav_types[0].max_speed_mps: expected a number >= cruise_speed_mps (30), found 21 (the value of class mavic-class)"},
		{"  - use: mavic-class\n    name: quad\n    rf_silent: true\n", "use.yaml:9:10: uav_types[0].rf_links: expected no rf_links on an rf_silent type, found 2 (the value of class mavic-class)"},
		{"  - use: mavic-class\n    name: quad\n    size_m: 0\n", "use.yaml:11:13: uav_types[0].size_m: expected a number in (0, 100] (metres), found 0"},
	} {
		_, err := Parse("use.yaml", minimalWith(t, "uav_types:\n", "uav_types:\n"+c.types))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v\nwant %s", c.types, err, c.want)
		}
	}
}

// TestEnduranceWarning: traffic that keeps a drone up longer than its
// type's endurance is warned of, at the traffic entry.
func TestEnduranceWarning(t *testing.T) {
	src := minimalWith(t, "uav_types:\n", "uav_types:\n  - {use: fpv-racer, name: racer}\n")
	src = []byte(strings.Replace(string(src), "type: quad\n", "type: racer\n", 1))
	src = []byte(strings.Replace(string(src), "      - goto: {to: [0, 0], alt_m: 50}\n",
		"      - goto: {to: [0, 0], alt_m: 50}\n      - hover: {duration_s: 900}\n", 1))
	s, err := Parse("e.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	ws := s.Warnings()
	want := "e.yaml:17:5: warning: traffic[0]: a drone of this entry may fly for 16 min (its whole path at its slowest speed), longer than the racer's endurance_s of 10 min"
	if len(ws) != 1 || ws[0].String() != want {
		t.Errorf("warnings %v\nwant %s", ws, want)
	}
}
