package main

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/cuasim/cuasim/record"
)

// TestSoak24h runs the airport for a simulated day, writing every output
// file, and checks that memory stays flat (the live heap, sampled every
// 100 ms of wall time, grows by less than 2 MiB between the medians of the
// second and the last quarter of the run) and that the files have the
// sizes docs/output.md gives. It takes about ten seconds on one core, so it
// is skipped with -short and under the race detector (where it would take
// minutes); scripts/test.sh runs it on its own.
func TestSoak24h(t *testing.T) {
	if testing.Short() {
		t.Skip("a simulated day")
	}
	if raceEnabled {
		t.Skip("too slow under the race detector; scripts/test.sh runs it without")
	}
	dir := t.TempDir()
	// Sample the live heap, as a forced collection marks it, every 100 ms
	// of wall time while the run goes on: about a hundred samples however
	// fast the machine.
	var samples []uint64
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}} // marked live by the last collection
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				runtime.GC()
				metrics.Read(live)
				samples = append(samples, live[0].Value.Uint64())
			}
		}
	}()
	start := time.Now()
	err := run(context.Background(), runOptions{scenario: "airport", duration: 24 * 3600, out: dir, quiet: true}, io.Discard, io.Discard)
	close(done)
	<-sampled
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("a simulated day in %v; %d heap samples", time.Since(start).Round(time.Second), len(samples))
	if len(samples) < 20 {
		t.Fatalf("only %d heap samples", len(samples))
	}
	q := len(samples) / 4
	early, late := median(samples[q:2*q]), median(samples[3*q:])
	const mib = 1 << 20
	t.Logf("live heap: median %.2f MiB in the second quarter of the run, %.2f MiB in the last; %.2f to %.2f MiB in all",
		float64(early)/mib, float64(late)/mib, float64(slices.Min(samples))/mib, float64(slices.Max(samples))/mib)
	// Flat: what the run keeps per track it scores is small; keeping each
	// detection or each ended track would grow by tens or hundreds of MiB.
	if late > early+2*mib {
		t.Errorf("the live heap grew from %.2f MiB to %.2f MiB (medians) between the second and the last quarter of the day", float64(early)/mib, float64(late)/mib)
	}
	if m := slices.Max(samples); m > 16*mib {
		t.Errorf("the live heap reached %.1f MiB", float64(m)/mib)
	}

	want := documentedDaySizes(t)
	for _, name := range outputFiles {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		w, ok := want[name]
		if !ok {
			t.Errorf("docs/output.md gives no size for %s", name)
			continue
		}
		t.Logf("%s: %.1f MB, documented %.1f MB", name, float64(fi.Size())/1e6, w/1e6)
		if got := float64(fi.Size()); math.Abs(got-w) > 0.1*w {
			t.Errorf("%s: %.1f MB after a simulated day, docs/output.md says %.1f MB (±10 %%)", name, got/1e6, w/1e6)
		}
	}
	var sum record.Summary
	b, _ := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err := json.Unmarshal(b, &sum); err != nil || sum.DurationS != 24*3600 {
		t.Errorf("summary.json: duration %g, %v", sum.DurationS, err)
	}
}

func median(xs []uint64) uint64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// documentedDaySizes reads the 24 h column of the Sizes table of
// docs/output.md, in bytes by file name.
func documentedDaySizes(t *testing.T) map[string]float64 {
	t.Helper()
	src, err := os.ReadFile("../../docs/output.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([a-z]+\\.[a-z]+)` \\| [0-9.]+ MB \\| ([0-9.]+) MB \\|$")
	sizes := map[string]float64{}
	for _, m := range row.FindAllStringSubmatch(string(src), -1) {
		x, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			t.Fatal(err)
		}
		sizes[m[1]] = x * 1e6
	}
	return sizes
}
