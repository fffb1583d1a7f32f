package radials

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestUnitsCollect: running Units one by one with RunUnit, in a shuffled
// order, and joining them with Collect gives the rows Run gives, byte for
// byte in radials.csv; Collect refuses a unit given twice, or missing, or
// not of the design; RunUnit refuses a unit outside the design, naming it.
func TestUnitsCollect(t *testing.T) {
	sc := sectorScenario(t)
	d, err := NewDesign("sector", sc, Options{StepDeg: 120, Replications: 2, RequiredWarningS: float(30)})
	if err != nil {
		t.Fatal(err)
	}
	rn := &Runner{Design: d, Scenario: sc, Workers: 2}
	want, err := rn.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	units := rn.Units()
	if len(units) != len(d.BearingsDeg)*d.Replications {
		t.Fatalf("%d units, want %d bearings × %d replications", len(units), len(d.BearingsDeg), d.Replications)
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(units), func(i, j int) { units[i], units[j] = units[j], units[i] })
	var urs []*UnitRows
	for _, u := range units {
		ur, err := rn.RunUnit(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		urs = append(urs, ur)
	}
	got, err := rn.Collect(urs)
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := WriteRuns(&a, want); err != nil {
		t.Fatal(err)
	}
	if err := WriteRuns(&b, got); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("Collect of the units differs from Run:\n%s\n---\n%s", b.String(), a.String())
	}

	if _, err := rn.Collect(append(urs[1:], urs[1])); err == nil || !strings.Contains(err.Error(), "given twice") {
		t.Errorf("a unit twice: %v", err)
	}
	if _, err := rn.Collect(urs[1:]); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("a unit missing: %v", err)
	}
	if _, err := rn.Collect(append(urs[1:], &UnitRows{Unit: Unit{Bearing: 0, Replication: 9}})); err == nil || !strings.Contains(err.Error(), "replication 9") {
		t.Errorf("a unit not of the design: %v", err)
	}
	if _, err := rn.RunUnit(context.Background(), Unit{Bearing: 7, Replication: 0}); err == nil || !strings.Contains(err.Error(), "expected a bearing in [0, 3)") {
		t.Errorf("a bearing out of range: %v", err)
	}
	name := d.UnitName(Unit{Bearing: 1, Replication: 1})
	if want := fmt.Sprintf("bearing 120° ESE, replication 1 (seed %d), layouts %s", d.FirstSeed+1, strings.Join(d.Layouts, ",")); name != want {
		t.Errorf("unit name %q, want %q", name, want)
	}
}
