package scenarios

import (
	"strings"
	"testing"
)

// TestGroupCounted: a group's members count in the run's budget as
// drones of their own, and members closer than twice the type's size are
// warned of.
func TestGroupCounted(t *testing.T) {
	single := minimalWith(t, "uav_types:\n", "uav_types:\n  - {use: fixed-wing-small, name: wing}\n")
	single = []byte(strings.Replace(string(single), "    type: quad\n", "    type: wing\n", 1))
	one, err := Parse("one.yaml", single)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse("g.yaml", []byte(strings.Replace(string(single), "    type: wing\n", "    type: wing\n    group: {size: 6, formation: line, spacing_m: 3}\n", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if b, b1 := s.Budget(), one.Budget(); b.Entities != 6*b1.Entities || b.EntitySeconds != 6*b1.EntitySeconds || b1.Entities != 1 {
		t.Errorf("a group of 6: %g drones, %g entity-seconds; want 6 × %g and 6 × %g", b.Entities, b.EntitySeconds, b1.Entities, b1.EntitySeconds)
	}
	ws := s.Warnings()
	want := "g.yaml:20:50: warning: traffic[0].group.spacing_m: 3 m is less than twice the wing's size_m (2 m): members this close would touch"
	if len(ws) != 1 || ws[0].String() != want {
		t.Errorf("warnings %v\nwant %s", ws, want)
	}
}
