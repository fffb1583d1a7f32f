//go:build unix

package compare

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLockHelperProcess is the other process of TestLockAcrossProcesses:
// it locks the directory CUASIM_TEST_LOCK_DIR, says so on stdout and holds
// the lock until its stdin closes (or it is killed).
func TestLockHelperProcess(t *testing.T) {
	dir := os.Getenv("CUASIM_TEST_LOCK_DIR")
	if dir == "" {
		t.Skip("run by TestLockAcrossProcesses")
	}
	l, err := LockDir(dir)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("locked")
	io.Copy(io.Discard, os.Stdin)
	l.Unlock()
	os.Exit(0)
}

// TestLockAcrossProcesses: while another process holds a directory's
// lock, LockDir refuses it with a message naming that process (its pid
// and command); once that process is killed (SIGKILL: no chance to clean
// up) the lock is free, and the lock file it left is taken over.
func TestLockAcrossProcesses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHelperProcess$")
	cmd.Env = append(os.Environ(), "CUASIM_TEST_LOCK_DIR="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if line != "locked\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the other process said %q", line)
	}
	_, err = LockDir(dir)
	t.Log(err)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", cmd.Process.Pid)) ||
		!strings.Contains(err.Error(), "TestLockHelperProcess") {
		t.Errorf("LockDir while another process holds it: %v", err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if _, err := os.Stat(filepath.Join(dir, LockFile)); err != nil {
		t.Errorf("the killed process left no lock file to take over: %v", err)
	}
	l, err := LockDir(dir)
	if err != nil {
		t.Fatalf("LockDir after the holder was killed: %v", err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, LockFile))
	if !strings.HasPrefix(string(b), fmt.Sprintf("pid %d\n", os.Getpid())) {
		t.Errorf("the lock file says %q, not this process", b)
	}
	if err := l.Unlock(); err != nil {
		t.Error(err)
	}
}

// TestLockInProcess: a second lock of one directory is refused in one
// process too (each LockDir opens the file anew); Unlock frees it and
// removes the lock file, and the directory when LockDir made it and
// nothing else was written there.
func TestLockInProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	l, err := LockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LockDir(dir); !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getpid())) {
		t.Errorf("a second LockDir: %v", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the empty directory LockDir made is still there: %v", err)
	}
	l, err = LockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "results.csv"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	l.Unlock()
	l.Unlock() // twice is harmless
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "results.csv" {
		t.Errorf("after Unlock the directory holds %v, want results.csv alone", entries)
	}
}

// TestLockUnwritable: a directory that cannot be created is an error from
// LockDir, before any work.
func TestLockUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LockDir(file); err == nil || !strings.Contains(err.Error(), "exists and is not a directory") {
		t.Errorf("LockDir(a file): %v", err)
	}
	if _, err := LockDir(filepath.Join(file, "out")); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("LockDir(under a file): %v", err)
	}
}
