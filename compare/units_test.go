package compare

import (
	"context"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// TestUnitsCollect: the units of a design run one by one with RunUnit,
// concurrently and in a shuffled order (as a cluster runner's workers
// return them), and joined with Collect, give the files of Run; with
// a prior partial result, Units leaves out its replications and Collect
// still gives Run's files. Collect refuses a unit missing, given twice or
// not of the run.
func TestUnitsCollect(t *testing.T) {
	sc := corridor(t)
	d := design(t, sc, 4, "alerting.p_drone=0,0.5", "tracker.confirm_m=2,3")
	rn := &Runner{Design: d, Scenario: sc}
	want := files(t, run(t, rn, nil))

	collect := func(prior *Results, seed uint64) (*Results, []*UnitRows) {
		t.Helper()
		units, err := rn.Units(prior)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(seed, 1))
		rng.Shuffle(len(units), func(i, j int) { units[i], units[j] = units[j], units[i] })
		out := make([]*UnitRows, len(units))
		var wg sync.WaitGroup
		errs := make([]error, len(units))
		for i, u := range units {
			wg.Go(func() { out[i], errs[i] = rn.RunUnit(context.Background(), u) })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		res, err := rn.Collect(prior, out)
		if err != nil {
			t.Fatal(err)
		}
		return res, out
	}
	all, out := collect(nil, 1)
	if len(out) != 4*2 {
		t.Fatalf("%d units, want 4 replications × 2 variants", len(out))
	}
	sameFiles(t, "units collected against Run", files(t, all), want)

	// Resuming: a prior run of the first shard of two.
	prior := run(t, &Runner{Design: d, Scenario: sc, Shard: 0, Shards: 2}, nil)
	prior.Shard = ""
	rest, restOut := collect(prior, 2)
	if len(restOut) != 2*2 {
		t.Errorf("%d units after a prior run of half the replications, want 4", len(restOut))
	}
	sameFiles(t, "units collected after a prior run against Run", files(t, rest), want)

	for _, c := range []struct {
		name  string
		units []*UnitRows
		want  string
	}{
		{"one missing", out[1:], "missing"},
		{"one twice", append(out[:len(out):len(out)], out[0]), "given twice"},
		{"not of the run", append(out[:len(out):len(out)], &UnitRows{Unit: Unit{Replication: 9}}), "replication 9 (seed"},
	} {
		if _, err := rn.Collect(nil, c.units); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := rn.RunUnit(context.Background(), Unit{Replication: 0, Variant: 2}); err == nil {
		t.Error("RunUnit of variant 2 of 2: no error")
	}
	pd := *d
	pd.Precision = 0.05
	if _, err := (&Runner{Design: &pd, Scenario: sc}).Units(nil); err == nil {
		t.Error("Units of a precision run: no error")
	}
}
