package record_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
)

// names returns the names in dir, sorted.
func names(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	var ns []string
	for _, e := range entries {
		ns = append(ns, e.Name())
	}
	return ns, err
}

func ls(t *testing.T, dir string) []string {
	t.Helper()
	ns, err := names(dir)
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

func exists(t *testing.T, path string) bool {
	t.Helper()
	_, err := os.Stat(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return err == nil
}

// TestDirUncommittedIsInvisible writes more than the buffer holds, so that
// bytes reach the disk, and checks that nothing appears under the final name
// until Commit; Abort then removes the partial file.
func TestDirUncommittedIsInvisible(t *testing.T) {
	dir := t.TempDir()
	d, err := record.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if d.Path() != dir {
		t.Errorf("Path() = %q, want %q", d.Path(), dir)
	}
	f, err := d.Create("truth.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(bytes.Repeat([]byte("0123456789abcdef\n"), 10_000)); err != nil { // 170 kB > 64 KiB buffer
		t.Fatal(err)
	}
	if exists(t, filepath.Join(dir, "truth.csv")) {
		t.Error("truth.csv is visible before Commit")
	}
	if got := ls(t, dir); !slices.Equal(got, []string{"truth.csv.partial"}) {
		t.Errorf("while writing, the directory holds %q, want [truth.csv.partial]", got)
	}
	d.Abort()
	if got := ls(t, dir); len(got) != 0 {
		t.Errorf("after Abort, the directory holds %q, want nothing", got)
	}
	d.Abort() // a second Abort is harmless
}

func TestDirCommit(t *testing.T) {
	dir := t.TempDir()
	d, err := record.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"truth.csv": "a,b\n1,2\n", "detections.csv": "c\n3\n", "summary.json": "{}\n"}
	for _, name := range []string{"truth.csv", "detections.csv", "summary.json"} {
		f, err := d.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString(want[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := ls(t, dir); !slices.Equal(got, []string{"detections.csv", "summary.json", "truth.csv"}) {
		t.Errorf("after Commit, the directory holds %q", got)
	}
	for name, content := range want {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != content {
			t.Errorf("%s = %q, want %q (buffered bytes must be flushed)", name, b, content)
		}
	}
	d.Abort() // a no-op after Commit: committed files stay
	if got := ls(t, dir); len(got) != 3 {
		t.Errorf("Abort after Commit removed files: %q remain", got)
	}
}

// TestDirCommitFailure makes a rename fail: Commit reports it and no partial
// file is left behind.
func TestDirCommitFailure(t *testing.T) {
	dir := t.TempDir()
	d, err := record.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	// A non-empty directory where summary.json should go.
	if err := os.MkdirAll(filepath.Join(dir, "summary.json", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"truth.csv", "summary.json"} {
		f, err := d.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("x\n")
	}
	err = d.Commit()
	if err == nil || !strings.Contains(err.Error(), "summary.json") {
		t.Fatalf("Commit = %v, want an error naming summary.json", err)
	}
	for _, name := range ls(t, dir) {
		if strings.HasSuffix(name, ".partial") {
			t.Errorf("a failed Commit left %s", name)
		}
	}
}

func TestNewDir(t *testing.T) {
	// It creates missing parents.
	dir := filepath.Join(t.TempDir(), "a", "b")
	if _, err := record.NewDir(dir); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("NewDir did not create %s: %v", dir, err)
	}

	// It removes an earlier run's summary.json, the file that says a run is
	// complete, and leaves the rest for the new run to replace.
	for _, name := range []string{"summary.json", "truth.csv"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := record.NewDir(dir); err != nil {
		t.Fatal(err)
	}
	if exists(t, filepath.Join(dir, "summary.json")) {
		t.Error("NewDir left a stale summary.json")
	}
	if !exists(t, filepath.Join(dir, "truth.csv")) {
		t.Error("NewDir removed truth.csv")
	}

	// A path that is a file is an error.
	file := filepath.Join(dir, "truth.csv")
	if _, err := record.NewDir(file); err == nil {
		t.Errorf("NewDir(%s), a regular file, succeeded", file)
	}
}

// TestUpdateDir replaces some files of a complete directory and leaves the
// others, summary.json included, as they were.
func TestUpdateDir(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"summary.json": "{}\n", "report.html": "old\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := record.UpdateDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	f, err := d.Create("report.html")
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("new\n")
	if b, _ := os.ReadFile(filepath.Join(dir, "report.html")); string(b) != "old\n" {
		t.Errorf("before Commit report.html = %q, want the old one", b)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := ls(t, dir); !slices.Equal(got, []string{"report.html", "summary.json"}) {
		t.Errorf("after Commit, the directory holds %q", got)
	}
	for name, want := range map[string]string{"summary.json": "{}\n", "report.html": "new\n"} {
		if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != want {
			t.Errorf("%s = %q, want %q", name, b, want)
		}
	}
	if _, err := record.UpdateDir(filepath.Join(dir, "missing")); err == nil {
		t.Error("UpdateDir of a missing directory succeeded")
	}
	if _, err := record.UpdateDir(filepath.Join(dir, "summary.json")); err == nil {
		t.Error("UpdateDir of a regular file succeeded")
	}
}

// testEntities covers names that need CSV quoting.
func testEntities() []sim.Entity {
	return []sim.Entity{
		{ID: 0, Name: "inbound-1", Kind: sim.Drone, Type: "quad-small", Source: "inbound",
			Pos: r3.Vec{X: 1234.5678, Y: -98.765, Z: 80}, Vel: r3.Vec{X: -10.25, Y: 3, Z: 0}},
		{ID: 7, Name: `gulls, "big" 2.4`, Kind: sim.Bird, Type: "gulls", Source: "gulls\nnorth",
			Pos: r3.Vec{X: -1, Y: 2, Z: 3}, Vel: r3.Vec{X: 0.004, Y: -0.005, Z: 0}},
	}
}

func testDetections() []sensors.Detection {
	return []sensors.Detection{
		{TimeS: 12.3456, Sensor: 0, Kind: sensors.RadarPlot, Origin: r3.Vec{X: 300, Y: 520, Z: 15},
			RangeM: 2500.123, AzimuthRad: math.Pi / 2, ElevationRad: 0.01, RadialMPS: -7.5,
			RangeStdM: 5, AzimuthStdRad: 0.01, ElevationStdRad: 0.05, RadialStdMPS: 0.5,
			HasElevation: true, HasVelocity: true, SNRdB: 17.25, TruthID: 3, Link: -1, Class: sensors.ClassDrone},
		{TimeS: 13, Sensor: 1, Kind: sensors.RFBearing, Origin: r3.Vec{X: -1300, Y: 420, Z: 8},
			AzimuthRad: -math.Pi / 4, AzimuthStdRad: 0.05, SNRdB: 12, PowerDBm: -85.5,
			FrequencyHz: 2.44e9, BandwidthHz: 1e6, TruthID: 4, Link: 1},
		{TimeS: 14, Sensor: 1, Kind: sensors.RFBearing, AzimuthRad: 1, SNRdB: 10.5,
			PowerDBm: -90, FrequencyHz: 868e6, BandwidthHz: 5e5, TruthID: -1, Link: -1}, // false alarm
	}
}

// readCSV parses a whole file, requiring every row to have the header's width.
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	rows, err := r.ReadAll() // FieldsPerRecord 0: every row as wide as the first
	if err != nil {
		t.Fatalf("not valid CSV: %v\n%s", err, b)
	}
	return rows
}

func TestTruthWriterRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w, err := record.NewTruthWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	ents := testEntities()
	for i := range ents {
		if err := w.Write(float64(i)+0.5, &ents[i]); err != nil {
			t.Fatal(err)
		}
	}
	rows := readCSV(t, buf.Bytes())
	header := strings.Split(record.TruthHeader, ",")
	if len(header) != 12 || !slices.Equal(rows[0], header) {
		t.Fatalf("header = %q, want the 12 columns of TruthHeader", rows[0])
	}
	if len(rows) != 1+len(ents) {
		t.Fatalf("%d rows, want header + %d", len(rows), len(ents))
	}
	want := [][]string{
		{"0.500", "0", "inbound-1", "drone", "quad-small", "inbound", "1234.57", "-98.77", "80.00", "-10.25", "3.00", "0.00"},
		{"1.500", "7", `gulls, "big" 2.4`, "bird", "gulls", "gulls\nnorth", "-1.00", "2.00", "3.00", "0.00", "-0.01", "0.00"},
	}
	for i, w := range want {
		if !slices.Equal(rows[i+1], w) {
			t.Errorf("row %d = %q, want %q", i+1, rows[i+1], w)
		}
	}
}

func TestDetectionWriterRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w, err := record.NewDetectionWriter(&buf, []string{"radar-main", "rf-west"})
	if err != nil {
		t.Fatal(err)
	}
	dets := testDetections()
	for i := range dets {
		if err := w.Write(&dets[i]); err != nil {
			t.Fatal(err)
		}
	}
	rows := readCSV(t, buf.Bytes())
	header := strings.Split(record.DetectionsHeader, ",")
	if len(header) != 21 || !slices.Equal(rows[0], header) {
		t.Fatalf("header = %q, want the 21 columns of DetectionsHeader", rows[0])
	}
	if len(rows) != 1+len(dets) {
		t.Fatalf("%d rows, want header + %d", len(rows), len(dets))
	}
	col := func(row []string, name string) string {
		return row[slices.Index(header, name)]
	}
	radar, rf, fa := rows[1], rows[2], rows[3]
	for _, c := range []struct {
		row        []string
		name, want string
	}{
		{radar, "time_s", "12.346"},
		{radar, "sensor", "radar-main"},
		{radar, "kind", "radar"},
		{radar, "truth_id", "3"},
		{radar, "link", ""},
		{radar, "range_m", "2500.12"},
		{radar, "azimuth_deg", "90.0000"},
		{radar, "radial_velocity_mps", "-7.500"},
		{radar, "power_dbm", ""},
		{radar, "frequency_hz", ""},
		{radar, "origin_u_m", "15.00"},
		{radar, "class", "drone"},
		{rf, "class", ""},
		{rf, "sensor", "rf-west"},
		{rf, "kind", "rf"},
		{rf, "link", "1"},
		{rf, "range_m", ""},
		{rf, "range_std_m", ""},
		{rf, "azimuth_deg", "-45.0000"},
		{rf, "elevation_deg", ""},
		{rf, "radial_velocity_mps", ""},
		{rf, "power_dbm", "-85.50"},
		{rf, "frequency_hz", "2440000000"},
		{rf, "bandwidth_hz", "1000000"},
		{fa, "truth_id", "-1"},
		{fa, "link", ""},
		{fa, "frequency_hz", "868000000"},
	} {
		if got := col(c.row, c.name); got != c.want {
			t.Errorf("%s of %s row = %q, want %q", c.name, c.row[2], got, c.want)
		}
	}
	// Every non-empty numeric field parses.
	for _, row := range rows[1:] {
		for i, v := range row {
			if v == "" || header[i] == "sensor" || header[i] == "kind" || header[i] == "class" {
				continue
			}
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				t.Errorf("%s = %q is not a number", header[i], v)
			}
		}
	}
}

// TestWritersDoNotAllocate checks the writers' claim that a row allocates
// nothing once their buffer has grown.
func TestWritersDoNotAllocate(t *testing.T) {
	tw, err := record.NewTruthWriter(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	ents := testEntities()
	if n := testing.AllocsPerRun(100, func() {
		for i := range ents {
			tw.Write(3600, &ents[i])
		}
	}); n != 0 {
		t.Errorf("TruthWriter.Write: %v allocations per run, want 0", n)
	}

	dw, err := record.NewDetectionWriter(io.Discard, []string{"radar-main", "rf-west"})
	if err != nil {
		t.Fatal(err)
	}
	dets := testDetections()
	if n := testing.AllocsPerRun(100, func() {
		for i := range dets {
			dw.Write(&dets[i])
		}
	}); n != 0 {
		t.Errorf("DetectionWriter.Write: %v allocations per run, want 0", n)
	}
}

func TestSummaryJSON(t *testing.T) {
	end := 1800.5
	s := &record.Summary{Scenario: "airport", Seed: 7, DurationS: 3600, Entities: []record.EntitySummary{
		{ID: 0, Name: "a", EndS: &end, FirstDetections: []record.FirstDetection{}},
		{ID: 1, Name: "b", RFSilent: true, FirstDetections: []record.FirstDetection{{Sensor: "radar-main", TimeS: 305.2, RangeM: 3518}}},
	}}
	var buf bytes.Buffer
	if err := s.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`"end_s": 1800.5`, `"end_s": null`, `"first_detections": []`, `"rf_silent": true`, `"seed": 7`} {
		if !strings.Contains(out, want) {
			t.Errorf("summary JSON lacks %s:\n%s", want, out)
		}
	}
	if strings.Count(out, `"rf_silent"`) != 1 {
		t.Errorf("rf_silent is written for a drone that is not RF-silent:\n%s", out)
	}
}

// A Dir writes a run's files under temporary names and puts them all in
// place at once: a reader never finds a half-written truth.csv, and a
// summary.json (created last) vouches for the files beside it.
func ExampleDir() {
	base, err := os.MkdirTemp("", "cuasim-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(base)
	out := filepath.Join(base, "results")

	d, err := record.NewDir(out)
	if err != nil {
		panic(err)
	}
	defer d.Abort() // removes the partial files if anything below fails

	f, err := d.Create("truth.csv")
	if err != nil {
		panic(err)
	}
	tw, err := record.NewTruthWriter(f)
	if err != nil {
		panic(err)
	}
	e := sim.Entity{ID: 0, Name: "inbound-1", Kind: sim.Drone, Type: "quad-small", Source: "inbound",
		Pos: r3.Vec{X: 100, Y: 200, Z: 50}, Vel: r3.Vec{X: -5}}
	if err := tw.Write(0, &e); err != nil {
		panic(err)
	}
	s, err := d.Create("summary.json") // last, so that it is renamed last
	if err != nil {
		panic(err)
	}
	if err := (&record.Summary{Scenario: "example", Seed: 1}).WriteJSON(s); err != nil {
		panic(err)
	}

	before, _ := names(out)
	fmt.Println("before Commit:", before)
	if err := d.Commit(); err != nil {
		panic(err)
	}
	after, _ := names(out)
	fmt.Println("after Commit: ", after)
	b, _ := os.ReadFile(filepath.Join(out, "truth.csv"))
	fmt.Print(string(b))
	// Output:
	// before Commit: [summary.json.partial truth.csv.partial]
	// after Commit:  [summary.json truth.csv]
	// time_s,id,name,kind,type,source,e_m,n_m,u_m,ve_mps,vn_mps,vu_mps
	// 0.000,0,inbound-1,drone,quad-small,inbound,100.00,200.00,50.00,-5.00,0.00,0.00
}
