package compare

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
)

// smallComparison writes a complete comparison of the corridor site
// (2 layouts × 2 thresholds × 3 replications: 12 rows) into a new
// directory and returns it with its files by name.
func smallComparison(t testing.TB, shards ...int) (string, map[string][]byte) {
	t.Helper()
	sc, err := loadCorridor()
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDesign("testdata/corridor.yaml", sc, Options{Version: "test", Replications: 3, RequiredWarningS: 60, BudgetPerDay: 2,
		Confidence: 0.95, Sweeps: []Sweep{{Path: "alerting.p_drone", Values: []string{"0", "0.5"}}}})
	if err != nil {
		t.Fatal(err)
	}
	r := &Runner{Design: d, Scenario: sc, Workers: 1}
	if len(shards) == 2 {
		r.Shard, r.Shards = shards[0], shards[1]
	}
	res, err := r.Run(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := WriteFiles(dir, res, Summarise(res), nil); err != nil {
		t.Fatal(err)
	}
	return dir, readDirFiles(t, dir)
}

func readDirFiles(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

// manifestOf returns the manifest that vouches for the data files given,
// as a forger who knows the format would write it.
func manifestOf(signature string, files map[string][]byte) []byte {
	m := manifest{Signature: signature}
	for _, name := range dataFiles {
		sum := sha256.Sum256(files[name])
		m.Files = append(m.Files, manifestEntry{Name: name, Bytes: int64(len(files[name])), SHA256: hex.EncodeToString(sum[:])})
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	return append(b, '\n')
}

// lines edits a file line by line (1-based lines, the header is line 1).
func lines(b []byte, edit func(ls []string) []string) []byte {
	ls := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	return []byte(strings.Join(edit(ls), "\n") + "\n")
}

// field sets field i (0-based) of line n.
func field(n, i int, v string) func([]string) []string {
	return func(ls []string) []string {
		f := strings.Split(ls[n-1], ",")
		f[i] = v
		ls[n-1] = strings.Join(f, ",")
		return ls
	}
}

// TestLoadRefusesEdits: every edit of a comparison's files that the issue
// found used without notice, or crashing compare, merge and report, is
// refused by Load with the file, the line and what is wrong: with the
// manifest left as it was (an edit, a damaged disk) and with a manifest
// rewritten to match (someone who knows the format), where the checks of
// the rows and the recomputed summary still find it. Today's main loads
// all of these without an error (or panics in Summarise).
func TestLoadRefusesEdits(t *testing.T) {
	dir, orig := smallComparison(t)
	if _, _, err := Load(dir); err != nil {
		t.Fatalf("the comparison as written: %v", err)
	}
	var sum Summary
	if err := json.Unmarshal(orig[SummaryFile], &sum); err != nil {
		t.Fatal(err)
	}
	sig := sum.Signature
	row := func(n int) string { return strings.Split(string(orig[ResultsFile]), "\n")[n-1] }
	summaryLine := func(pattern string) int {
		for i, l := range strings.Split(string(orig[SummaryFile]), "\n") {
			if regexp.MustCompile(pattern).MatchString(l) {
				return i + 1
			}
		}
		t.Fatalf("no line of summary.json matches %s", pattern)
		return 0
	}
	res := "results.csv:"
	for _, tc := range []struct {
		name string
		file string
		edit func([]byte) []byte
		want string // with the manifest rewritten to match
	}{
		{"a duplicated row", ResultsFile, func(b []byte) []byte {
			return lines(b, func(ls []string) []string { return append(ls[:3], append([]string{ls[2]}, ls[3:]...)...) })
		}, res + "4: a second row for replication 0, layout base"},
		{"an extra replication", ResultsFile, func(b []byte) []byte {
			return lines(b, func(ls []string) []string {
				for _, l := range ls[len(ls)-4:] {
					f := strings.Split(l, ",")
					f[0], f[1] = "3", fmt.Sprint(sum.Design.Seed(3))
					ls = append(ls, strings.Join(f, ","))
				}
				return ls
			})
		}, res + "14: replication 3: the design has replications 0 to 2"},
		{"a replication with a row missing", ResultsFile, func(b []byte) []byte {
			return lines(b, func(ls []string) []string { return append(ls[:6], ls[7:]...) })
		}, res + "6: replication 1 has 3 rows; a complete replication has one per layout × variant × threshold, 4"},
		{"a negative count", ResultsFile, func(b []byte) []byte { return lines(b, field(2, 17, "-1")) },
			res + "2: false_clutter: expected a count from 0 to 1000000000, found -1"},
		{"a count changed, its sum with it", ResultsFile, func(b []byte) []byte {
			f := strings.Split(row(2), ",")
			var entered, timely int
			fmt.Sscan(f[6], &entered)
			fmt.Sscan(f[7], &timely)
			return lines(lines(b, field(2, 6, fmt.Sprint(entered+1))), field(2, 7, fmt.Sprint(timely+1)))
		}, res + "2: timely, short, late, missed and outside_alerted are"},
		{"a count changed alone", ResultsFile, func(b []byte) []byte { return lines(b, field(2, 7, "99")) },
			res + "2: drones_entered"},
		{"a seed changed", ResultsFile, func(b []byte) []byte { return lines(b, field(3, 1, "999")) },
			res + "3: seed 999: replication 0 runs seed"},
		{"an unknown layout", ResultsFile, func(b []byte) []byte { return lines(b, field(2, 2, "ghost")) },
			res + `2: layout "ghost" is not one of the design's (base, north-only)`},
		{"hours 1e9", ResultsFile, func(b []byte) []byte { return lines(b, field(5, 5, "1e9")) },
			res + "5: hours 1e+09: the design runs"},
		{"rows out of order", ResultsFile, func(b []byte) []byte {
			return lines(b, func(ls []string) []string { ls[1], ls[5] = ls[5], ls[1]; return ls })
		}, res + "3: out of order"},
		{"a drone's outcome changed", DronesFile, func(b []byte) []byte {
			return bytes.Replace(b, []byte(",timely,"), []byte(",late,"), 1)
		}, "timely, short, late, missed and outside_alerted are"},
		{"an unknown outcome", DronesFile, func(b []byte) []byte {
			return bytes.Replace(b, []byte(",timely,"), []byte(",splendid,"), 1)
		}, `drones.csv:2: outcome "splendid"`},
		{"a drone of no row", DronesFile, func(b []byte) []byte { return lines(b, field(2, 0, "7")) },
			"drones.csv:2: replication 7, layout"},
		{"a fake signature", SummaryFile, func(b []byte) []byte {
			return bytes.Replace(b, []byte(`"signature": "`+sig), []byte(`"signature": "0123456789abcdef`), 1)
		}, `summary.json: signature "0123456789abcdef" is not the design's, ` + sig},
		{"an edited p_timely", SummaryFile, func(b []byte) []byte {
			return regexp.MustCompile(`("p_timely": \{\n\s*"estimate": )[0-9.]+`).ReplaceAll(b, []byte("${1}0.123"))
		}, fmt.Sprintf("summary.json:%d: found `\"estimate\": 0.123,` where its results give `\"estimate\": ", summaryLine(`"p_timely"`)+1)},
		{"replications: 800", SummaryFile, func(b []byte) []byte {
			return bytes.Replace(b, []byte(`"replications_completed": 3`), []byte(`"replications_completed": 800`), 1)
		}, fmt.Sprintf("summary.json:%d: found `\"replications_completed\": 800,` where its results give `\"replications_completed\": 3,`", summaryLine(`replications_completed`))},
		{"an empty design", SummaryFile, func([]byte) []byte { return []byte(`{"design":{}}`) },
			"summary.json: design: not one cuasim compare makes: --replications: expected a whole number >= 1, found 0"},
		{"no design", SummaryFile, func([]byte) []byte { return []byte(`{}`) }, "summary.json: not a comparison summary: no design"},
		{"not JSON", SummaryFile, func(b []byte) []byte { return append([]byte("{\n\"design\": ,\n"), b...) },
			"summary.json:2: not a comparison summary: invalid character ','"},
		{"a drone's time changed", DronesFile, func(b []byte) []byte {
			return regexp.MustCompile(`(?m)^(0,base,,p_drone=0,(?:[^,]*,){7})([0-9.]+)`).ReplaceAllFunc(b, func(m []byte) []byte {
				return append(bytes.Clone(m), '1')
			})
		}, ""}, // consistent: only the manifest finds it
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string][]byte{}
			for k, v := range orig {
				files[k] = v
			}
			files[tc.file] = tc.edit(bytes.Clone(orig[tc.file]))
			if bytes.Equal(files[tc.file], orig[tc.file]) {
				t.Fatal("the edit changed nothing")
			}
			// The manifest as cuasim wrote it.
			d := writeDir(t, files)
			_, _, err := Load(d)
			if err == nil {
				t.Fatalf("loaded without an error")
			}
			if !strings.Contains(err.Error(), filepath.Join(d, tc.file)) {
				t.Errorf("error %q does not name %s", err, tc.file)
			}
			// A manifest rewritten to match.
			files[ManifestFile] = manifestOf(sig, files)
			d = writeDir(t, files)
			_, _, err = Load(d)
			t.Log(err)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("with the manifest rewritten: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("with the manifest rewritten: %v\nwant %q", err, tc.want)
			}
		})
	}
}

// writeDir writes files into a new directory.
func writeDir(t testing.TB, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLoadManifest: a directory without a manifest, with one that lists
// other files, with a missing data file, or with a manifest of another
// design, is refused; a directory with none of a comparison's files is
// ErrNoResults.
func TestLoadManifest(t *testing.T) {
	_, orig := smallComparison(t)
	for _, tc := range []struct {
		name string
		edit func(files map[string][]byte)
		want string
	}{
		{"no manifest", func(f map[string][]byte) { delete(f, ManifestFile) }, "summary.json without manifest.json"},
		{"only results.csv", func(f map[string][]byte) {
			delete(f, ManifestFile)
			delete(f, SummaryFile)
			delete(f, DronesFile)
		}, "results.csv without manifest.json"},
		{"no drones.csv", func(f map[string][]byte) { delete(f, DronesFile) }, "drones.csv: missing; manifest.json lists it"},
		{"a manifest of another design", func(f map[string][]byte) { f[ManifestFile] = manifestOf("0123456789abcdef", f) },
			"manifest.json: signature 0123456789abcdef is not the design's in summary.json"},
		{"a manifest of other files", func(f map[string][]byte) {
			f[ManifestFile] = bytes.Replace(f[ManifestFile], []byte(`"drones.csv"`), []byte(`"tracks.csv"`), 1)
		}, "manifest.json: files[1].name: expected drones.csv, found \"tracks.csv\""},
		{"a manifest that is not JSON", func(f map[string][]byte) { f[ManifestFile] = []byte("{\n\"signature\": 12}\n") },
			"manifest.json:2: json: cannot unmarshal number"},
		{"nothing but a lock and stray partial files", func(f map[string][]byte) {
			for k := range f {
				delete(f, k)
			}
			f[LockFile] = []byte("pid 1\n")
			f[ResultsFile+partialSuffix] = orig[ResultsFile]
		}, "no comparison results"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string][]byte{}
			for k, v := range orig {
				files[k] = v
			}
			tc.edit(files)
			_, _, err := Load(writeDir(t, files))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load: %v\nwant %q", err, tc.want)
			}
			if tc.want == "no comparison results" && !errors.Is(err, ErrNoResults) {
				t.Errorf("Load: %v, want ErrNoResults", err)
			}
		})
	}
}

// TestLoadRefusesIncompleteAsComplete: results written consistently
// (WriteFiles' own manifest and summary) but missing a replication while
// not marked partial are refused: a complete comparison has every
// replication of its design.
func TestLoadRefusesIncompleteAsComplete(t *testing.T) {
	dir, _ := smallComparison(t)
	res, _, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	cut := &Results{Design: res.Design}
	for _, r := range res.Rows {
		if r.Replication != 1 {
			cut.Rows = append(cut.Rows, r)
		}
	}
	for _, d := range res.Drones {
		if d.Replication != 1 {
			cut.Drones = append(cut.Drones, d)
		}
	}
	cut.finish(map[int]bool{0: true, 2: true})
	out := t.TempDir()
	if err := WriteFiles(out, cut, Summarise(cut), nil); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Load(out); err == nil || !strings.Contains(err.Error(), "results.csv: 2 replications where a complete run has 3") {
		t.Errorf("Load: %v", err)
	}
	cut.Partial = true
	if err := WriteFiles(out, cut, Summarise(cut), nil); err != nil {
		t.Fatal(err)
	}
	if got, _, err := Load(out); err != nil || len(got.Replications) != 2 {
		t.Errorf("marked partial: %v", err)
	}
}

func loadCorridor() (*scenarios.Scenario, error) { return scenarios.Load("testdata/corridor.yaml") }
