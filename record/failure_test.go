package record

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/cuasim/cuasim/sim"
)

// fullDisk passes the first n bytes on and then fails every write with
// ENOSPC, as a file system that fills up does.
type fullDisk struct {
	w io.Writer
	n int
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if len(p) <= f.n {
		f.n -= len(p)
		return f.w.Write(p)
	}
	n, _ := f.w.Write(p[:f.n])
	f.n = 0
	return n, &os.PathError{Op: "write", Path: "disk", Err: syscall.ENOSPC}
}

// onFullDisk makes the file's writes fail after n bytes reach the disk.
func onFullDisk(f *File, n int) {
	f.Writer = bufio.NewWriterSize(&fullDisk{w: f.f, n: n}, 1<<16)
}

// TestDiskFillsDuringRun: the disk fills while truth.csv is being
// written. The writer reports it, Commit refuses to put anything in place,
// and the directory holds nothing that looks like a result, not even the
// summary.json of an earlier run.
func TestDiskFillsDuringRun(t *testing.T) {
	for _, n := range []int{0, 100, 1 << 16, 200_000} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "summary.json"), []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := NewDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		f, err := d.Create("truth.csv")
		if err != nil {
			t.Fatal(err)
		}
		onFullDisk(f, n)
		tw, err := NewTruthWriter(f)
		e := &sim.Entity{Name: "inbound-1", Kind: sim.Drone, Type: "quad", Source: "inbound"}
		for i := 0; err == nil && i < 10_000; i++ { // 10 000 rows: about 700 kB
			err = tw.Write(float64(i), e)
		}
		if n < 600_000 && !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("after %d bytes: writing rows gave %v, want ENOSPC", n, err)
		}
		s, _ := d.Create("summary.json")
		s.WriteString("{}\n")
		err = d.Commit()
		if err == nil || !strings.Contains(err.Error(), "writing truth.csv") || !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("after %d bytes: Commit = %v, want the error writing truth.csv", n, err)
		}
		if names := lsDir(t, dir); len(names) != 0 {
			t.Errorf("after %d bytes: a run that failed left %q", n, names)
		}
	}
}

// TestDiskFullAtCommit: everything fitted in the buffers, and the disk is
// full when Commit flushes them: nothing is put in place.
func TestDiskFullAtCommit(t *testing.T) {
	dir := t.TempDir()
	d, err := NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"truth.csv", "detections.csv", "summary.json"} {
		f, err := d.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("a,b\n1,2\n"); err != nil {
			t.Fatal(err)
		}
		if name == "detections.csv" {
			onFullDisk(f, 3)
			f.WriteString("a,b\n1,2\n")
		}
	}
	if err := d.Commit(); err == nil || !strings.Contains(err.Error(), "detections.csv") {
		t.Errorf("Commit = %v, want the error writing detections.csv", err)
	}
	if names := lsDir(t, dir); len(names) != 0 {
		t.Errorf("a failed Commit left %q", names)
	}
}

// TestOutputNotADirectory: an output path that is a file is refused with a
// message that says so, and the file is left alone.
func TestOutputNotADirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "results")
	if err := os.WriteFile(file, []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := NewDir(file)
	if err == nil || err.Error() != "output directory "+file+": exists and is not a directory" {
		t.Errorf("NewDir(a file) = %v", err)
	}
	if b, _ := os.ReadFile(file); string(b) != "mine\n" {
		t.Errorf("the file was changed: %q", b)
	}
}

// TestReadOnlyDirectory: a directory that cannot be written is an error at
// the first file, and an earlier run's results are left as they were.
func TestReadOnlyDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes to read-only directories; run as another user to test")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "truth.csv"), []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	d, err := NewDir(dir)
	if err == nil {
		_, err = d.Create("truth.csv")
	}
	if err == nil || !errors.Is(err, os.ErrPermission) || !strings.Contains(err.Error(), "truth.csv") {
		t.Errorf("writing into a read-only directory: %v", err)
	}
	if names := lsDir(t, dir); len(names) != 1 || names[0] != "truth.csv" {
		t.Errorf("the directory holds %q", names)
	}
}

func lsDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}
