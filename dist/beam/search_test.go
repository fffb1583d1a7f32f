package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/search"
)

// TestSearchConfirmationOnBeam: the README's recipe for a layout search
// on a cluster. cuasim search writes DIR/search.yaml (the scenario with
// the layouts found; made here as cmd/cuasim/search.go makes it, with the
// search package) and confirms it by cuasim compare DIR/search.yaml
// --layouts base,search-1 (cmd/cuasim's TestSearchFindsAndConfirms checks
// that the confirmation is that comparison); cuasim-beam compare with the
// same arguments writes the same files, byte for byte.
func TestSearchConfirmationOnBeam(t *testing.T) {
	const scenario = "../../search/testdata/onesector.yaml"
	sc, err := scenarios.Open(scenario)
	if err != nil {
		t.Fatal(err)
	}
	res, err := search.Run(context.Background(), sc, search.Options{Seed: sc.Run.Seed, Samples: search.DefaultSamples,
		RequiredWarningS: 60, WindowS: search.DefaultWindowS, PDrone: search.DefaultPDrone, Keep: search.DefaultKeep, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "search.yaml")
	moved, err := sc.Relocated(file)
	if err != nil {
		t.Fatal(err)
	}
	there, err := scenarios.Parse(file, moved)
	if err != nil {
		t.Fatal(err)
	}
	src, names, err := res.Scenario(there)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names, []string{"search-1"}) {
		t.Fatalf("the search found %v, want search-1 (search/testdata/onesector.yaml's one best placement)", names)
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	want, got := filepath.Join(dir, "compare"), filepath.Join(dir, "compare-beam")
	coreCompareOn(t, want, file, compare.Options{Version: "test", Layouts: []string{"base", "search-1"}, Replications: 12,
		RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95, MaxReplications: 2000})
	code, stderr := beamCompare(t, file, "--layouts", "base,search-1", "--replications", "12", "--out", got, "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	w, g := readDir(t, want), readDir(t, got)
	if len(w["results.csv"]) == 0 || !slices.Equal(sortedKeys(g), sortedKeys(w)) {
		t.Errorf("files %v, want %v", sortedKeys(g), sortedKeys(w))
	}
	for name, b := range w {
		if !bytes.Equal(g[name], b) {
			t.Errorf("%s differs from cuasim compare's (%d bytes against %d)", name, len(g[name]), len(b))
		}
	}
	if !bytes.Contains(w["results.csv"], []byte(",search-1,")) {
		t.Error("results.csv has no row of search-1")
	}
}
