package trackbench

import (
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cuasim/cuasim/internal/docblock"
	"github.com/cuasim/cuasim/track"
)

var update = flag.Bool("update", false, "rewrite the benchmark table in docs/tracking.md")

// seeds are the scenes every figure is averaged over.
var seeds = []uint64{1, 2, 3, 4, 5}

// issueFigures are the reference tracker's figures measured in issue 9 on
// its own draw of the benchmark (mean OSPA, targets missed per scan): the
// bar cuasim's tracker must meet.
var issueFigures = map[int][2]float64{10: {15.5, 0.03}, 50: {11.3, 0.08}}

// contender is a tracker the benchmark runs, by name.
type contender struct {
	name string
	make func() Tracker
}

func existence(imm bool) track.Config {
	c := Config(imm)
	c.ExistenceConfirm = true
	return c
}

var contenders = []contender{
	{"reference: EKF, GNN, two-point initiation, 3 misses", func() Tracker { return &Reference{} }},
	{"cuasim CV, 2 of 3, 3 misses", func() Tracker { return NewCuasim(Config(false)) }},
	{"cuasim IMM, 2 of 3, 3 misses", func() Tracker { return NewCuasim(Config(true)) }},
	{"cuasim CV, existence 0.99, 3 misses", func() Tracker { return NewCuasim(existence(false)) }},
	{"cuasim IMM, existence 0.99, 3 misses", func() Tracker { return NewCuasim(existence(true)) }},
}

// TestBenchmarkFigures runs every contender on the benchmark at K = 10 and
// 50 targets over five seeds and checks the figures issue 9 asks for:
// cuasim's tracker, CV and IMM, at or below the reference figures measured
// in the issue for mean OSPA, and with the issue's settings (2 of 3, 3
// misses) at most 0.1 targets missed per scan; with confirmation by
// existence, under half the false tracks of the reference implemented
// here, and with CV a mean OSPA at or below it. It writes the table of docs/tracking.md (go test
// ./trackbench -run TestBenchmarkFigures -update) and logs scans/s.
func TestBenchmarkFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("ten scenes of 300 scans, five trackers")
	}
	var table strings.Builder
	table.WriteString("| K | tracker | mean OSPA (m) | localisation per scan (m) | missed per scan | false per scan |\n|---|---|---|---|---|---|\n")
	for _, k := range []int{10, 50} {
		scenes := make([]*Scene, len(seeds))
		for i, s := range seeds {
			scenes[i] = NewScene(k, s)
		}
		means := make([]Result, len(contenders))
		for c, ct := range contenders {
			var elapsed time.Duration
			for _, sc := range scenes {
				r := Run(sc, ct.make())
				n := float64(len(scenes))
				means[c].OSPA += r.OSPA / n
				means[c].Localisation += r.Localisation / n
				means[c].Missed += r.Missed / n
				means[c].False += r.False / n
				elapsed += r.Elapsed
			}
			t.Logf("K = %d, %s: OSPA %.2f m, localisation %.1f m, missed %.3f, false %.3f per scan; %.0f scans/s",
				k, ct.name, means[c].OSPA, means[c].Localisation, means[c].Missed, means[c].False,
				float64(len(scenes)*Scans)/elapsed.Seconds())
			fmt.Fprintf(&table, "| %d | %s | %.2f | %.1f | %.3f | %.3f |\n", k, ct.name, means[c].OSPA, means[c].Localisation, means[c].Missed, means[c].False)
		}
		fig := issueFigures[k]
		fmt.Fprintf(&table, "| %d | reference as measured in issue 9 (its own draw) | %.1f | | %.2f | |\n", k, fig[0], fig[1])
		ref := means[0]
		for c := 1; c < len(contenders); c++ {
			if m := means[c]; m.OSPA > fig[0] {
				t.Errorf("K = %d, %s: mean OSPA %.2f m, above the bar of %.1f m", k, contenders[c].name, m.OSPA, fig[0])
			}
		}
		for c := 1; c <= 2; c++ {
			if m := means[c]; m.Missed > 0.1 {
				t.Errorf("K = %d, %s: %.3f targets missed per scan, above the bar of 0.1", k, contenders[c].name, m.Missed)
			}
		}
		for c := 3; c <= 4; c++ {
			if m := means[c]; m.False > ref.False/2 {
				t.Errorf("K = %d, %s: %.3f false tracks per scan, the reference %.3f", k, contenders[c].name, m.False, ref.False)
			}
		}
		if m := means[3]; m.OSPA > ref.OSPA {
			t.Errorf("K = %d, %s: mean OSPA %.2f m, the reference %.2f m", k, contenders[3].name, m.OSPA, ref.OSPA)
		}
	}
	if err := docblock.Sync("../docs/tracking.md", "trackbench", table.String(), *update,
		"go test ./trackbench -run TestBenchmarkFigures -update"); err != nil {
		t.Error(err)
	}
}

// benchmarkScans times a contender over the 300 scans of the benchmark's
// scene of k targets (seed 1), a fresh tracker each time; the scene is
// drawn and the tracks scored outside the timing.
func benchmarkScans(b *testing.B, k int, make func() Tracker) {
	sc := NewScene(k, 1)
	b.ReportAllocs()
	for b.Loop() {
		tr := make()
		for _, s := range sc.Scans {
			tr.Step(s.TimeS, s.Plots)
		}
	}
	b.ReportMetric(float64(b.N*Scans)/b.Elapsed().Seconds(), "scans/s")
}

func BenchmarkReferenceK50(b *testing.B) { benchmarkScans(b, 50, contenders[0].make) }
func BenchmarkCVK50(b *testing.B)        { benchmarkScans(b, 50, contenders[1].make) }
func BenchmarkIMMK50(b *testing.B)       { benchmarkScans(b, 50, contenders[2].make) }
func BenchmarkCVK10(b *testing.B)        { benchmarkScans(b, 10, contenders[1].make) }
func BenchmarkIMMK10(b *testing.B)       { benchmarkScans(b, 10, contenders[2].make) }
