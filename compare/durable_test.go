package compare

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/cuasim/cuasim/record"
)

// partialAndWhole returns a design's results interrupted after two
// replications, and the same run resumed to completion.
func partialAndWhole(t *testing.T) (part, whole *Results) {
	t.Helper()
	sc := corridor(t)
	d := design(t, sc, 5, "alerting.p_drone=0,0.5")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := &Runner{Design: d, Scenario: sc, Workers: 1, Progress: func(done, total int) {
		if done == 2 {
			cancel()
		}
	}}
	part, err := r.Run(ctx, nil)
	if !errors.Is(err, context.Canceled) || !slices.Equal(part.Replications, []int{0, 1}) {
		t.Fatalf("interrupted run: replications %v, %v", part.Replications, err)
	}
	// Run copies what it resumes from, but keep part's slices apart.
	prior := &Results{Design: d, Rows: slices.Clone(part.Rows), Drones: slices.Clone(part.Drones),
		Replications: slices.Clone(part.Replications), Partial: true}
	whole = run(t, &Runner{Design: d, Scenario: sc, Workers: 1}, prior)
	return part, whole
}

// TestFailedWriteKeepsCompletedWork: a resumed comparison whose write
// fails (the disk fills while the plots are written, after results.csv
// and drones.csv) leaves the directory as it was: every replication
// completed before is still there, byte for byte, nothing half-written is
// left, and the next write resumes from it. On today's main the write
// removes summary.json first, and Load then finds no comparison at all.
func TestFailedWriteKeepsCompletedWork(t *testing.T) {
	part, whole := partialAndWhole(t)
	dir := t.TempDir()
	if err := WriteFiles(dir, part, Summarise(part), nil); err != nil {
		t.Fatal(err)
	}
	before := readDirFiles(t, dir)
	full := &os.PathError{Op: "write", Path: "tradeoff.png", Err: syscall.ENOSPC}
	err := WriteFiles(dir, whole, Summarise(whole), func(d *record.Dir) error {
		f, err := d.Create("tradeoff.png")
		if err != nil {
			return err
		}
		f.WriteString("half a picture")
		return full
	})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("the failing write returned %v", err)
	}
	if after := readDirFiles(t, dir); !maps.EqualFunc(after, before, bytes.Equal) {
		t.Errorf("a failed write changed the directory: %v, before %v", slices.Sorted(maps.Keys(after)), slices.Sorted(maps.Keys(before)))
	}
	prior, sum, err := Load(dir)
	if err != nil || !sum.Partial || !slices.Equal(prior.Replications, []int{0, 1}) {
		t.Fatalf("after the failed write Load gives %v, %v", prior, err)
	}
	if err := WriteFiles(dir, whole, Summarise(whole), nil); err != nil {
		t.Fatal(err)
	}
	if got, _, err := Load(dir); err != nil || len(got.Replications) != 5 {
		t.Errorf("the next write: %v, %v", got, err)
	}
}

// TestCrashDuringCommit: a process that dies at any point of a write
// leaves a directory that Load reads as the comparison before the write or
// the one after, never a mix and never nothing; and the next WriteFiles
// puts in place what the dead one committed. Each state is what the
// sequence of WriteFiles leaves on disk when it stops after that step:
// partial files written, the manifest renamed (the commit), then each
// data file renamed.
func TestCrashDuringCommit(t *testing.T) {
	part, whole := partialAndWhole(t)
	oldDir, newDir := t.TempDir(), t.TempDir()
	for dir, res := range map[string]*Results{oldDir: part, newDir: whole} {
		if err := WriteFiles(dir, res, Summarise(res), nil); err != nil {
			t.Fatal(err)
		}
	}
	oldFiles, newFiles := readDirFiles(t, oldDir), readDirFiles(t, newDir)
	steps := []string{"partial files written", "manifest.json.partial written", "manifest.json renamed",
		"results.csv renamed", "drones.csv renamed", "summary.json renamed"}
	for n, step := range steps {
		t.Run(step, func(t *testing.T) {
			files := maps.Clone(oldFiles)
			for _, name := range dataFiles {
				files[name+partialSuffix] = newFiles[name]
			}
			if n >= 1 {
				files[ManifestFile+partialSuffix] = newFiles[ManifestFile]
			}
			if n >= 2 {
				delete(files, ManifestFile+partialSuffix)
				files[ManifestFile] = newFiles[ManifestFile]
			}
			for _, name := range dataFiles[:max(0, n-2)] {
				delete(files, name+partialSuffix)
				files[name] = newFiles[name]
			}
			dir := writeDir(t, files)
			want, wantReps, which := oldFiles, 2, "before"
			if n >= 2 {
				want, wantReps, which = newFiles, 5, "after"
			}
			res, _, err := Load(dir)
			if err != nil || len(res.Replications) != wantReps {
				t.Fatalf("Load: %v, want the %d replications of the comparison %s the write", err, wantReps, which)
			}
			if err := completeCommit(dir); err != nil {
				t.Fatal(err)
			}
			got := readDirFiles(t, dir)
			for name, b := range want {
				if !bytes.Equal(got[name], b) {
					t.Errorf("after completeCommit, %s is not the committed one", name)
				}
			}
			if n >= 2 {
				for name := range got {
					if strings.HasSuffix(name, partialSuffix) {
						t.Errorf("after completeCommit, %s is left", name)
					}
				}
			}
		})
	}
}

// TestWriteFilesLeavesNoPartial: WriteFiles leaves no partial file and no
// lock, and writes the manifest.
func TestWriteFilesLeavesNoPartial(t *testing.T) {
	dir, files := smallComparison(t)
	for name := range files {
		if strings.HasSuffix(name, partialSuffix) || name == LockFile {
			t.Errorf("WriteFiles left %s", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ManifestFile)); err != nil {
		t.Error(err)
	}
}
