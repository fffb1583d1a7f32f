package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunOutputFailures: when the output cannot be written (the path is a
// file, the directory is read-only, the disk fills up during the run), run
// says why, exits 1, prints no summary, and leaves nothing that looks like
// a complete result: no summary.json (not even an earlier run's) and no
// *.partial files.
func TestRunOutputFailures(t *testing.T) {
	t.Parallel()
	check := func(t *testing.T, dir string, want ...string) {
		t.Helper()
		code, stdout, stderr := cli(t, "run", "airport", "--duration", "600", "--out", dir, "--quiet")
		if code != exitFailure || stdout != "" {
			t.Errorf("exit %d, stdout %q; want 1 and nothing", code, stdout)
		}
		for _, w := range want {
			if !strings.Contains(stderr, w) {
				t.Errorf("stderr %q lacks %q", stderr, w)
			}
		}
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			for _, e := range lsNames(t, dir) {
				if e == "summary.json" || strings.HasSuffix(e, ".partial") {
					t.Errorf("the failed run left %s", e)
				}
			}
		}
	}
	t.Run("path is a file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "results")
		if err := os.WriteFile(file, []byte("mine\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		check(t, file, "output directory "+file+": exists and is not a directory")
		if b, _ := os.ReadFile(file); string(b) != "mine\n" {
			t.Errorf("the file was changed: %q", b)
		}
	})
	t.Run("disk full", func(t *testing.T) {
		// truth.csv is written through /dev/full, which fails every write
		// with ENOSPC: the first flush of its 64 KiB buffer, within the
		// first simulated minute, fails as on a full disk.
		if _, err := os.Stat("/dev/full"); err != nil {
			t.Skip("no /dev/full")
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "summary.json"), []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("/dev/full", filepath.Join(dir, "truth.csv.partial")); err != nil {
			t.Fatal(err)
		}
		check(t, dir, "writing truth.csv", "no space left on device")
	})
	t.Run("read-only directory", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root writes to read-only directories; run as another user to test")
		}
		dir := t.TempDir()
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o755)
		check(t, dir, "creating truth.csv", "permission denied")
	})
}

func lsNames(t *testing.T, dir string) []string {
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
