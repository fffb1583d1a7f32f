package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/compare"
)

// TestMergeRefusesAnotherComparison: cuasim merge into a directory that
// holds another comparison is refused, as cuasim compare refuses it,
// unless --force; merging again into the merged directory is not. On
// today's main merge replaces the other comparison with exit 0.
func TestMergeRefusesAnotherComparison(t *testing.T) {
	tmp := t.TempDir()
	part := func(i string) string { return filepath.Join(tmp, "part"+i) }
	other, merged := filepath.Join(tmp, "other"), filepath.Join(tmp, "merged")
	dataOnly(t, func() string {
		for _, args := range [][]string{
			corridorCompare(part("0"), "--shard", "0/2"), corridorCompare(part("1"), "--shard", "1/2"), corridorCompare(other, "--seed", "500"),
		} {
			if code, _, stderr := cli(t, args...); code != exitOK {
				t.Fatalf("cuasim %s: exit %d: %s", strings.Join(args, " "), code, stderr)
			}
		}
		otherFiles := dirFiles(t, other)
		code, _, stderr := cli(t, "merge", other, part("0"), part("1"))
		if code != exitFailure || !strings.Contains(stderr, other+" holds the results of another comparison") || !strings.Contains(stderr, "--force") {
			t.Errorf("merge into another comparison: exit %d, %s", code, stderr)
		}
		for name, b := range otherFiles {
			if !bytes.Equal(readFile(t, other, name), b) {
				t.Errorf("a refused merge changed %s", name)
			}
		}
		code, _, stderr = cli(t, "merge", part("0"), part("0"), part("1"))
		if code != exitFailure || !strings.Contains(stderr, "holds the results of shard 0/2 of this comparison") {
			t.Errorf("merge into a shard: exit %d, %s", code, stderr)
		}
		if code, _, stderr := cli(t, "merge", "--force", other, part("0"), part("1")); code != exitOK {
			t.Errorf("merge --force: exit %d, %s", code, stderr)
		}
		for range 2 { // into a new directory, then again into it
			if code, _, stderr := cli(t, "merge", merged, part("1"), part("0")); code != exitOK {
				t.Errorf("merge: exit %d, %s", code, stderr)
			}
		}
		return ""
	})
	checkSameData(t, merged, other)
}

// checkSameData fails unless two comparison directories hold the same
// data files.
func checkSameData(t *testing.T, a, b string) {
	t.Helper()
	for _, name := range []string{compare.ResultsFile, compare.DronesFile, compare.SummaryFile} {
		if !bytes.Equal(readFile(t, a, name), readFile(t, b, name)) {
			t.Errorf("%s differs between %s and %s", name, a, b)
		}
	}
}
