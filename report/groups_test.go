package report

import (
	"slices"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/compare"
)

// TestGroupColumns: the operating points' and the differences' tables
// give the groups' columns when a drone flew in a group, and only then.
func TestGroupColumns(t *testing.T) {
	layouts := []string{"base", "rf-ring"}
	res := fixture(layouts, 1, 4)
	without := compare.Summarise(res)
	for i := range res.Drones {
		if strings.HasPrefix(res.Drones[i].Drone, "inbound-") {
			res.Drones[i].Group = "swarm-1"
		}
	}
	with := compare.Summarise(res)
	for _, c := range []struct {
		name   string
		s      *compare.Summary
		header []string
	}{
		{"without groups", without, nil},
		{"with groups", with, []string{"GROUPS ALERTED IN TIME", "GROUP MEDIAN WARNING"}},
	} {
		op, df := OperatingTable(c.s, ""), DifferencesTable(c.s, "")
		for _, h := range []string{"GROUPS ALERTED IN TIME", "GROUP MEDIAN WARNING"} {
			if got, want := slices.Contains(op.Header, h), slices.Contains(c.header, h); got != want {
				t.Errorf("%s: operating points' header %v: %q there %v, want %v", c.name, op.Header, h, got, want)
			}
		}
		if got, want := slices.Contains(df.Header, "GROUPS ALERTED IN TIME"), c.header != nil; got != want {
			t.Errorf("%s: differences' header %v: groups' column there %v, want %v", c.name, df.Header, got, want)
		}
		for _, tb := range []Table{op, df} {
			for _, r := range tb.Rows {
				if len(r) != len(tb.Header) || len(tb.Numeric) != len(tb.Header) {
					t.Errorf("%s: row %v against header %v (%d numeric flags)", c.name, r, tb.Header, len(tb.Numeric))
				}
			}
		}
	}
	// Every layout's operating point: 4 arrivals, each entering.
	op := OperatingTable(with, "")
	k := slices.Index(op.Header, "GROUPS ALERTED IN TIME")
	for _, r := range op.Rows {
		if !strings.HasSuffix(r[k], " of 4") {
			t.Errorf("%s: groups alerted in time %q, want … of 4", r[1], r[k])
		}
	}
}
