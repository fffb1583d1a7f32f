package compare

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
)

// corridor loads the test site whose answer is known: drones from the
// north and the south, the base layout sees all round, north-only half.
func corridor(t *testing.T) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Load("testdata/corridor.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func design(t *testing.T, sc *scenarios.Scenario, reps int, sweeps ...string) *Design {
	t.Helper()
	o := Options{Version: "test", Replications: reps, RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95}
	for _, s := range sweeps {
		sw, err := ParseSweep(s)
		if err != nil {
			t.Fatal(err)
		}
		o.Sweeps = append(o.Sweeps, sw)
	}
	d, err := NewDesign("testdata/corridor.yaml", sc, o)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// files writes a comparison's files and returns their contents by name.
func files(t *testing.T, res *Results) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	if err := WriteFiles(dir, res, Summarise(res), nil); err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func sameFiles(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: files %v, want %v", what, keys(got), keys(want))
	}
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			t.Errorf("%s: %s differs (%d bytes against %d)", what, name, len(got[name]), len(w))
		}
	}
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func run(t *testing.T, r *Runner, prior *Results) *Results {
	t.Helper()
	res, err := r.Run(context.Background(), prior)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestKnownAnswer: the layout blind to the southern corridor misses the
// southern drones, ranks second, and the paired difference says so with
// significance; the false alerts (none here) do not differ.
func TestKnownAnswer(t *testing.T) {
	sc := corridor(t)
	d := design(t, sc, 8, "alerting.p_drone=0")
	res := run(t, &Runner{Design: d, Scenario: sc}, nil)
	s := Summarise(res)
	// Common random numbers: in each replication both layouts see the
	// same drones enter at the same times (truth).
	entries := map[string]map[int][]float64{}
	for _, dr := range res.Drones {
		if entries[dr.Layout] == nil {
			entries[dr.Layout] = map[int][]float64{}
		}
		entries[dr.Layout][dr.Replication] = append(entries[dr.Layout][dr.Replication], dr.EntryS)
	}
	for r := range 8 {
		if a, b := entries["base"][r], entries["north-only"][r]; !slices.Equal(a, b) || len(a) != 2 {
			t.Errorf("replication %d: entry times %v and %v, want the same two", r, a, b)
		}
	}
	if len(s.Operating) != 2 || s.Operating[0].Layout != "base" || s.Operating[1].Layout != "north-only" {
		t.Fatalf("ranking %+v, want base first", s.Operating)
	}
	base, blind := s.Cell("base", "", "p_drone=0"), s.Cell("north-only", "", "p_drone=0")
	if base.DronesEntered != 16 || blind.DronesEntered != 16 {
		t.Errorf("drones entered %d and %d, want 16 each (2 per replication)", base.DronesEntered, blind.DronesEntered)
	}
	if p := float64(base.PTimely.Estimate); p < 0.9 {
		t.Errorf("base P(timely) %g, want ≥ 0.9", p)
	}
	if p := float64(blind.PTimely.Estimate); p > 0.6 {
		t.Errorf("north-only P(timely) %g, want ≤ 0.6: the southern half are missed", p)
	}
	df := s.AtOperating[0]
	if df.A != "base" || df.B != "north-only" || !df.PTimely.Significant() || df.PTimely.Lo <= 0 {
		t.Errorf("difference %+v: want base − north-only significantly > 0", df)
	}
	if df.FalsePerDay.Significant() {
		t.Errorf("false alerts differ significantly: %+v", df.FalsePerDay)
	}
}

// TestWorkersIdentical: one worker and three give the same files.
func TestWorkersIdentical(t *testing.T) {
	sc := corridor(t)
	d := design(t, sc, 3, "alerting.p_drone=0,0.5", "tracker.confirm_m=2,3")
	one := files(t, run(t, &Runner{Design: d, Scenario: sc, Workers: 1}, nil))
	three := files(t, run(t, &Runner{Design: d, Scenario: sc, Workers: 3}, nil))
	sameFiles(t, "3 workers against 1", three, one)
	if len(one) != 5 {
		t.Errorf("files %v", keys(one))
	}
}

// TestResume interrupts a run after a few units, writes what is complete,
// reads it back and resumes: the files equal an uninterrupted run's.
func TestResume(t *testing.T) {
	sc := corridor(t)
	d := design(t, sc, 4, "alerting.p_drone=0,0.5")
	want := files(t, run(t, &Runner{Design: d, Scenario: sc, Workers: 2}, nil))

	ctx, cancel := context.WithCancel(context.Background())
	r := &Runner{Design: d, Scenario: sc, Workers: 2, Progress: func(done, total int) {
		if done == 1 {
			cancel()
		}
	}}
	part, err := r.Run(ctx, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: err %v", err)
	}
	if !part.Partial || len(part.Replications) == 0 || len(part.Replications) >= 4 {
		t.Fatalf("interrupted run: partial %v, replications %v", part.Partial, part.Replications)
	}
	dir := t.TempDir()
	if err := WriteFiles(dir, part, Summarise(part), nil); err != nil {
		t.Fatal(err)
	}
	prior, sum, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Partial || sum.Signature != d.Signature() {
		t.Errorf("loaded summary: partial %v, signature %s want %s", sum.Partial, sum.Signature, d.Signature())
	}
	resumed := run(t, &Runner{Design: prior.Design, Scenario: sc, Workers: 1}, prior)
	sameFiles(t, "resumed against uninterrupted", files(t, resumed), want)
}

// TestShardsMerge: three shards, merged, equal one run.
func TestShardsMerge(t *testing.T) {
	sc := corridor(t)
	d := design(t, sc, 5, "alerting.p_drone=0,0.5")
	want := files(t, run(t, &Runner{Design: d, Scenario: sc}, nil))
	var shards []*Results
	for i := range 3 {
		res := run(t, &Runner{Design: d, Scenario: sc, Shard: i, Shards: 3}, nil)
		dir := t.TempDir()
		if err := WriteFiles(dir, res, Summarise(res), nil); err != nil {
			t.Fatal(err)
		}
		loaded, _, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if loaded.Shard != res.Shard || res.Shard == "" {
			t.Errorf("shard %q loaded as %q", res.Shard, loaded.Shard)
		}
		shards = append(shards, loaded)
	}
	// In any order.
	shards[0], shards[2] = shards[2], shards[0]
	merged, err := Merge(shards)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "merged shards against one run", files(t, merged), want)
	if _, err := Merge(shards[:2]); err == nil || !strings.Contains(err.Error(), "in no shard") {
		t.Errorf("merging two of three shards: %v", err)
	}
	if _, err := Merge(append(shards, shards[0])); err == nil || !strings.Contains(err.Error(), "in two shards") {
		t.Errorf("merging a shard twice: %v", err)
	}
	other := design(t, sc, 5, "alerting.p_drone=0,0.6")
	shards[1].Design = other
	if _, err := Merge(shards); err == nil || !strings.Contains(err.Error(), "another design") {
		t.Errorf("merging shards of two designs: %v", err)
	}
}

// TestThresholdsNeedNoSimulation: thresholds are evaluated on the tracks
// of one simulation (of every layout, in lockstep); a sweep of a
// simulation field is not.
func TestThresholdsNeedNoSimulation(t *testing.T) {
	sc := corridor(t)
	d := design(t, sc, 1, "alerting.p_drone=0,0.5,0.9", "alerting.horizon_s=30,60")
	if len(d.Thresholds) != 6 || len(d.Variants) != 1 {
		t.Errorf("%d thresholds, %d variants; want 6 and 1", len(d.Thresholds), len(d.Variants))
	}
	units := 0
	r := &Runner{Design: d, Scenario: sc, Progress: func(done, total int) { units = total }}
	res := run(t, r, nil)
	if units != 1 || len(res.Rows) != 12 {
		t.Errorf("%d simulations and %d rows, want 1 (both layouts in lockstep) and 12", units, len(res.Rows))
	}
	d = design(t, sc, 1, "alerting.update_period_s=1,2", "sensors[radar].pfa=1e-6,1e-5")
	if len(d.Thresholds) != len(DefaultThresholds.Values) || len(d.Variants) != 4 {
		t.Errorf("%d thresholds, %d variants; want the default thresholds and 4 variants", len(d.Thresholds), len(d.Variants))
	}
}

func TestParseSweep(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"alerting.p_drone=0.5:0.9:0.1", "alerting.p_drone 0.5 0.6 0.7 0.8 0.9"},
		{"tracker.confirm_m=2,3,4", "tracker.confirm_m 2 3 4"},
		{"sensors[radar-main].pfa=1e-7, 1e-6", "sensors[radar-main].pfa 1e-7 1e-6"},
		{"alerting.horizon_s=30:100:30", "alerting.horizon_s 30 60 90"},
	} {
		sw, err := ParseSweep(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if got := sw.Path + " " + strings.Join(sw.Values, " "); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, bad := range []string{"p_drone", "a=1:0:1", "a=0:1:0", "a=0:1:x", "a=1,,2", "a=0:1e9:1"} {
		if _, err := ParseSweep(bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestDesignErrors(t *testing.T) {
	sc := corridor(t)
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{Replications: 0}, "--replications"},
		{Options{Replications: 1, Layouts: []string{"nope"}}, `no layout "nope"`},
		{Options{Replications: 1, Layouts: []string{"base", "base"}}, "given twice"},
		{Options{Replications: 1, Sweeps: []Sweep{{Path: "alerting.p_drone", Values: []string{"2"}}}}, "expected a number in [0, 1], found 2"},
		{Options{Replications: 1, Sweeps: []Sweep{{Path: "tracker.confirm_mm", Values: []string{"2"}}}}, "did you mean confirm_m"},
		{Options{Replications: 1, Precision: 0.01, MaxReplications: 0}, "--max-replications"},
	} {
		tc.o.Confidence, tc.o.RequiredWarningS = 0.95, 60
		if _, err := NewDesign("c", sc, tc.o); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.o, err, tc.want)
		}
	}
}

// TestPrecision adds replications in batches until every operating
// point's P(timely) is known to ± the precision asked, or the cap.
func TestPrecision(t *testing.T) {
	sc := corridor(t)
	o := Options{Version: "test", Replications: 2, RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95, Precision: 0.25, MaxReplications: 20,
		Sweeps: []Sweep{{Path: "alerting.p_drone", Values: []string{"0"}}}}
	d, err := NewDesign("c", sc, o)
	if err != nil {
		t.Fatal(err)
	}
	res := run(t, &Runner{Design: d, Scenario: sc}, nil)
	s := Summarise(res)
	if !s.Converged() {
		t.Fatalf("stopped at %d replications without converging", len(res.Replications))
	}
	n := len(res.Replications)
	if n <= 2 || n%2 != 0 || n > 20 {
		t.Errorf("%d replications: want more than the first batch of 2, in batches of 2, at most 20", n)
	}
	// One batch fewer would not have converged.
	fewer := &Results{Design: d}
	for _, r := range res.Rows {
		if r.Replication < n-2 {
			fewer.Rows = append(fewer.Rows, r)
		}
	}
	for _, dr := range res.Drones {
		if dr.Replication < n-2 {
			fewer.Drones = append(fewer.Drones, dr)
		}
	}
	done := map[int]bool{}
	for r := range n - 2 {
		done[r] = true
	}
	fewer.finish(done)
	if Summarise(fewer).Converged() {
		t.Errorf("%d replications already converged; the run went on to %d", n-2, n)
	}
}
