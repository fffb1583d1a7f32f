package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// minimalWith returns testdata/minimal.yaml with old replaced by new.
func minimalWith(t *testing.T, old, new string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("minimal.yaml has no %q", old)
	}
	return []byte(strings.Replace(string(b), old, new, 1))
}

// TestFileSizeLimit: a file over MaxFileBytes is refused by Parse and by
// Load, with its size; one just under it loads. (The malformed corpus has
// no case for this limit: it would be a 4 MiB file in the repository.)
func TestFileSizeLimit(t *testing.T) {
	body := minimalWith(t, "name: minimal\n", "name: minimal\n")
	pad := func(total int) []byte {
		n := total - len(body)
		line := "# " + strings.Repeat("x", 77) + "\n"
		return append([]byte(strings.Repeat(line, n/len(line)) + strings.Repeat("#", n%len(line)) + "\n")[:n], body...)
	}
	if _, err := Parse("ok.yaml", pad(MaxFileBytes)); err != nil {
		t.Errorf("a %d-byte file: %v", MaxFileBytes, err)
	}
	big := pad(MaxFileBytes + 1)
	_, err := Parse("big.yaml", big)
	if err == nil || !strings.Contains(err.Error(), "big.yaml: expected a scenario file of at most 4 MiB, found 4.0 MiB") {
		t.Errorf("Parse of %d bytes: %v", len(big), err)
	}
	file := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(file, append(big, make([]byte, 3<<20)...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(file)
	if err == nil || !strings.Contains(err.Error(), "at most 4 MiB, found 7.0 MiB") {
		t.Errorf("Load of a 7 MiB file: %v", err)
	}
}

// TestCheckBudgetAfterRunChange: a run changed after loading (cuasim run
// --duration) is checked against the same limits, with errors placed where
// the file set the values.
func TestCheckBudgetAfterRunChange(t *testing.T) {
	s, err := Load("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CheckBudget(); err != nil {
		t.Fatalf("unchanged: %v", err)
	}
	for _, c := range []struct {
		duration, step float64
		want           string
	}{
		{1e9, 0.1, "testdata/minimal.yaml:41:15: run.duration_s: expected a number in (0, 604800] (seconds), found 1e+09"},
		{604800, 0.01, "run.step_s: expected at most 1e7 steps (duration_s / step_s), found 604800 s / 0.01 s = 6e7 steps"},
		{0.05, 0.1, "run.step_s: expected a number <= duration_s (0.05), found 0.1"},
	} {
		s.Run.DurationS, s.Run.StepS = c.duration, c.step
		if err := s.CheckBudget(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("duration %g s, step %g s: %v; want %q", c.duration, c.step, err, c.want)
		}
	}
}

// TestMaxDurationS: the constant that callers outside the loader use for
// the longest run (compare.Load checks a design's duration with it) is the
// bound the loader checks run.duration_s against, and WithRun holds a
// duration given on the command line to it.
func TestMaxDurationS(t *testing.T) {
	f, ok := reflect.TypeFor[Run]().FieldByName("DurationS")
	if want := fmt.Sprintf("(0,%d]", MaxDurationS); !ok || f.Tag.Get("check") != want {
		t.Errorf("Run.DurationS check tag %q, want %q", f.Tag.Get("check"), want)
	}
	s, err := Load("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	seed := uint64(7)
	w, err := s.WithRun(&seed, MaxDurationS)
	if err != nil || w.Run.DurationS != MaxDurationS || w.Run.Seed != 7 {
		t.Fatalf("WithRun(7, a week) = %+v, %v", w, err)
	}
	if s.Run.DurationS == MaxDurationS || s.Run.Seed == 7 {
		t.Errorf("WithRun changed the scenario it was called on")
	}
	if _, err := s.WithRun(nil, MaxDurationS+1); err == nil || !strings.Contains(err.Error(), "run.duration_s: expected a number in (0, 604800]") {
		t.Errorf("WithRun(a week and a second) = %v", err)
	}
}

// TestLibraryWithinLimitsForAWeek holds the claim of the reference: the
// limits are far above what the built-in scenarios need for a week.
func TestLibraryWithinLimitsForAWeek(t *testing.T) {
	for _, n := range Names() {
		s, err := Embedded(n)
		if err != nil {
			t.Fatal(err)
		}
		s.Run.DurationS = 604800
		if err := s.CheckBudget(); err != nil {
			t.Errorf("%s for a week: %v", n, err)
		}
		b := s.Budget()
		if b.Detections > MaxDetections/2 || b.EntitySteps > MaxEntitySteps/10 || b.Entities > MaxEntities/10 {
			t.Errorf("%s for a week comes near a limit: %+v", n, b)
		}
	}
}

// TestWarnings: each value outside its usual range is accepted with a
// warning at its position; the library and the corpus base have none.
func TestWarnings(t *testing.T) {
	for _, n := range Names() {
		s, err := Embedded(n)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range s.Warnings() {
			t.Errorf("library %s: %s", n, w)
		}
	}
	s, err := Load("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if w := s.Warnings(); len(w) != 0 {
		t.Errorf("minimal.yaml: %v", w)
	}
	for _, c := range []struct{ old, new, want string }{
		{"rcs: {mean_m2: 0.01, swerling: 1}", "rcs: {mean_m2: 5, swerling: 1}",
			"w.yaml:10:20: warning: uav_types[0].rcs.mean_m2: 5 is outside the usual range [0.0001, 1] m²: small quadcopters are about 0.01 m²"},
		{"eirp_dbm: 20", "eirp_dbm: 50", "uav_types[0].rf_links[0].eirp_dbm: 50 is outside the usual range [0, 36] dBm"},
		{"frequency_hz: 9.4e9", "frequency_hz: 400e9", ""}, // an error, not a warning: see below
		{"frequency_hz: 9.4e9", "frequency_hz: 150e9", "sensors[0].frequency_hz: 150e9 is outside the usual range [1e9, 1e11] Hz"},
		{"noise_figure_db: 6", "noise_figure_db: 25", "sensors[1].noise_figure_db: 25 is outside the usual range [0, 15] dB"},
		{"cruise_speed_mps: 10", "cruise_speed_mps: 0.5", "uav_types[0].cruise_speed_mps: 0.5 is outside the usual range [1, 50] m/s"},
		{"from_alt_m: 50", "from_alt_m: 5000", "traffic[0].from_alt_m: 5000 is outside the usual range [0, 1000] metres"},
		{"mast_height_m: 10", "mast_height_m: 500", "sensors[0].mast_height_m: 500 is outside the usual range [0, 300] metres"},
	} {
		s, err := Parse("w.yaml", minimalWith(t, c.old, c.new))
		if c.want == "" {
			if err == nil {
				t.Errorf("%s: loaded; want an error", c.new)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v; want a warning only", c.new, err)
			continue
		}
		ws := s.Warnings()
		if len(ws) != 1 || !strings.Contains(ws[0].String(), c.want) {
			t.Errorf("%s: warnings %v; want one containing %q", c.new, ws, c.want)
		}
	}
}

// TestRunWarnings: traffic that cannot appear in the run, and a record
// interval that is not a whole number of steps, are warnings that follow
// the run as changed after loading. A count window that ends after the run
// is not: its drones appear, spread over the part of the window in the run.
func TestRunWarnings(t *testing.T) {
	src := minimalWith(t, "traffic:\n", `traffic:
  - {name: late, kind: flight, type: quad, start_s: 400, from: [0, 0], from_alt_m: 50, legs: [{hover: {duration_s: 10}}]}
  - {name: squeezed, kind: transit, type: quad, count: 3, start_s: 100, end_s: 900, area: {center: [0, 0], radius_m: 1000}, alt_m: {min: 50, max: 60}}
  - {name: late-count, kind: transit, type: quad, count: 3, start_s: 300, area: {center: [0, 0], radius_m: 1000}, alt_m: {min: 50, max: 60}}
  - {name: after, kind: transit, type: quad, rate_per_h: 10, start_s: 500, area: {center: [0, 0], radius_m: 1000}, alt_m: {min: 50, max: 60}}
`)
	src = []byte(strings.Replace(string(src), "  duration_s: 300\n", "  duration_s: 300\n  record_interval_s: 0.25\n", 1))
	s, err := Parse("r.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range s.Warnings() {
		got = append(got, w.String())
	}
	want := []string{
		"r.yaml:16:53: warning: traffic[0].start_s: 400 s is at or after the end of the run (duration_s 300 s): this drone never appears",
		"r.yaml:18:70: warning: traffic[2].start_s: the window starts at 300 s, at or after the end of the run (duration_s 300 s): no drone of this entry appears",
		"r.yaml:19:71: warning: traffic[3].start_s: the window starts at 500 s, at or after the end of the run (duration_s 300 s): no drone of this entry appears",
		"r.yaml:46:22: warning: run.record_interval_s: 0.25 s is not a whole number of steps of 0.1 s: truth.csv is written every 0.3 s",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A longer run lets every drone appear.
	s.Run.DurationS, s.Run.RecordS = 1000, 1
	if w := s.Warnings(); len(w) != 0 {
		t.Errorf("after lengthening the run: %v", w)
	}
}
