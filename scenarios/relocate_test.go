package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/internal/terraintest"
)

// TestRelocated writes the terrain example elsewhere, as cuasim search
// writes its scenario into its output directory: written as Relocated
// says, it loads from there with the same ground (the tile's path now
// relative to the new place), and nothing else in the file changed.
func TestRelocated(t *testing.T) {
	file := terraintest.RidgeScenario(t, nil)
	s, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, dst := range []string{filepath.Join(t.TempDir(), "out", "search.yaml"), filepath.Join(filepath.Dir(file), "sub", "deeper", "search.yaml")} {
		out, err := s.Relocated(dst)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, out, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := Load(dst)
		if err != nil {
			t.Fatalf("the relocated scenario does not load: %v\n%s", err, out)
		}
		for _, p := range [][2]float64{{2000, 0}, {1000, 500}, {-3000, 2500}} {
			if a, b := s.Site.Terrain.grid.HeightM(p[0], p[1]), r.Site.Terrain.grid.HeightM(p[0], p[1]); a != b {
				t.Errorf("ground at %v: %g m, relocated %g m", p, a, b)
			}
		}
		// Only the tile's path changed.
		a, b := strings.Split(string(s.Source()), "\n"), strings.Split(string(out), "\n")
		diff := 0
		for i := range a {
			if a[i] != b[i] {
				diff++
				if !strings.Contains(b[i], "hgt: [\"") {
					t.Errorf("line %d changed: %q to %q", i+1, a[i], b[i])
				}
			}
		}
		if diff != 1 {
			t.Errorf("%d lines changed, want the tile's", diff)
		}
	}
	// A scenario without terrain is written as it is.
	b, _ := Embedded("airport")
	if out, _ := b.Relocated("/elsewhere/x.yaml"); string(out) != string(b.Source()) {
		t.Error("a scenario without terrain changed")
	}
}
