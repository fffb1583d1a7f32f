//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/scenarios"
)

// TestHelperCuasim is cuasim run as another process by the tests below:
// the test binary runs itself with -test.run=^TestHelperCuasim$ and the
// command's arguments in CUASIM_TEST_ARGS, one per line. It writes a
// comparison's data files only (no plots, which are slow under the race
// detector). With CUASIM_TEST_PAUSE=DIR it stops while writing them, after
// creating DIR/writing, until DIR/continue appears; with
// CUASIM_TEST_FSIZE=N no file it writes may grow beyond N bytes
// (RLIMIT_FSIZE: a write past it fails with EFBIG, as on a full disk).
func TestHelperCuasim(t *testing.T) {
	args := os.Getenv("CUASIM_TEST_ARGS")
	if args == "" {
		t.Skip("run as another process by the tests that need one")
	}
	pause := os.Getenv("CUASIM_TEST_PAUSE")
	writeCompareExtras = func(*record.Dir, *scenarios.Scenario, *compare.Results, *compare.Summary) error {
		if pause == "" {
			return nil
		}
		if err := os.WriteFile(filepath.Join(pause, "writing"), nil, 0o644); err != nil {
			return err
		}
		for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if _, err := os.Stat(filepath.Join(pause, "continue")); err == nil {
				return nil
			}
		}
		return errors.New("never told to continue")
	}
	if s := os.Getenv("CUASIM_TEST_FSIZE"); s != "" {
		n, _ := strconv.ParseUint(s, 10, 64)
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
			fmt.Fprintln(os.Stderr, "setrlimit:", err)
			os.Exit(3)
		}
	}
	os.Exit(dispatch(strings.Split(args, "\n"), os.Stdout, os.Stderr))
}

// process is cuasim running as another process.
type process struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
}

// startCuasim starts cuasim with args as another process, with the
// environment variables env (NAME=VALUE) for TestHelperCuasim.
func startCuasim(t *testing.T, env []string, args ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(os.Args[0], "-test.run=^TestHelperCuasim$")}
	p.cmd.Env = append(append(os.Environ(), "CUASIM_TEST_ARGS="+strings.Join(args, "\n")), env...)
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			p.cmd.Wait()
		}
	})
	return p
}

// wait waits for the process to end and returns its exit code.
func (p *process) wait() int {
	p.cmd.Wait()
	return p.cmd.ProcessState.ExitCode()
}

// corridorCompare is a comparison of the corridor site small enough to
// run a few times in a test under the race detector.
func corridorCompare(out string, extra ...string) []string {
	return append([]string{"compare", corridorScenario, "--replications", "2", "--thresholds", "0,0.5", "--quiet", "--out", out}, extra...)
}

// TestSecondCompareRefused: while one cuasim compare writes its results
// (stopped, for the test, between results.csv and summary.json), a second
// one with another design into the same directory is refused at once,
// with a message naming the first (its pid and command); the first then
// completes, and the directory holds its comparison, whole. On today's
// main the second runs, exits 0 and splices its files with the first's.
func TestSecondCompareRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	pause := t.TempDir()
	first := startCuasim(t, []string{"CUASIM_TEST_PAUSE=" + pause}, corridorCompare(out)...)
	for {
		if _, err := os.Stat(filepath.Join(pause, "writing")); err == nil {
			break
		}
		if first.cmd.ProcessState != nil || first.cmd.Process.Signal(syscall.Signal(0)) != nil {
			t.Fatalf("the first compare ended before writing: %s", &first.stderr)
		}
		time.Sleep(10 * time.Millisecond)
	}
	code := exitOK
	var stderr string
	dataOnly(t, func() string { code, _, stderr = cli(t, corridorCompare(out, "--seed", "500")...); return "" })
	if code != exitFailure || !strings.Contains(stderr, "in use by another process") ||
		!strings.Contains(stderr, fmt.Sprintf("pid %d", first.cmd.Process.Pid)) || !strings.Contains(stderr, "compare") {
		t.Errorf("the second compare: exit %d, stderr %q; want it refused, naming pid %d", code, stderr, first.cmd.Process.Pid)
	}
	if err := os.WriteFile(filepath.Join(pause, "continue"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code := first.wait(); code != exitOK {
		t.Fatalf("the first compare: exit %d: %s", code, &first.stderr)
	}
	checkOneComparison(t, out, 1)
}

// checkOneComparison checks that dir holds one whole comparison, every
// row of it from one run: Load accepts it, and the seeds and the drones
// are the design's; it returns the first seed.
func checkOneComparison(t *testing.T, dir string, seeds ...uint64) uint64 {
	t.Helper()
	res, sum, err := compare.Load(dir)
	if err != nil {
		t.Fatalf("the directory: %v", err)
	}
	first := sum.Design.FirstSeed
	found := false
	for _, s := range seeds {
		found = found || s == first
	}
	if !found {
		t.Errorf("the directory holds the comparison of first seed %d, want one of %v", first, seeds)
	}
	for _, r := range res.Rows {
		if r.Seed != first+uint64(r.Replication) {
			t.Errorf("results.csv has replication %d of seed %d beside summary.json's first seed %d", r.Replication, r.Seed, first)
		}
	}
	for _, d := range res.Drones {
		if d.Replication < 0 || d.Replication >= sum.Design.Replications {
			t.Errorf("drones.csv has a drone of replication %d", d.Replication)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".partial") || strings.HasSuffix(e.Name(), ".lock") {
			t.Errorf("%s is left in the directory", e.Name())
		}
	}
	return first
}

// TestRacingComparesNeverMix starts two cuasim compare of different
// designs into one directory at the same moment, a few times: each time
// one of them is refused (the directory is in use, or holds the other's
// comparison once it is done), and the directory holds the whole
// comparison of the one that succeeded. On today's main the issue saw one
// design's summary.json beside the other's results.csv in 6 of 8 trials.
func TestRacingComparesNeverMix(t *testing.T) {
	for trial := range 3 {
		out := filepath.Join(t.TempDir(), "out")
		a := startCuasim(t, nil, corridorCompare(out)...)
		b := startCuasim(t, nil, corridorCompare(out, "--seed", "500")...)
		ca, cb := a.wait(), b.wait()
		var ok []uint64
		for _, p := range []struct {
			code int
			seed uint64
			proc *process
		}{{ca, 1, a}, {cb, 500, b}} {
			switch stderr := p.proc.stderr.String(); {
			case p.code == exitOK:
				ok = append(ok, p.seed)
			case p.code != exitFailure || !strings.Contains(stderr, "in use by another process") && !strings.Contains(stderr, "holds the results of another comparison"):
				t.Errorf("trial %d, seed %d: exit %d: %s", trial, p.seed, p.code, stderr)
			}
		}
		if len(ok) != 1 {
			t.Errorf("trial %d: %d of the two compares succeeded, want one", trial, len(ok))
		}
		if len(ok) > 0 {
			checkOneComparison(t, out, ok...)
		}
	}
}

// TestFullDiskOnResumeKeepsCompletedWork: a resumed cuasim compare
// (2 of 6 replications complete) runs as a process whose files may not
// grow beyond what is on disk (RLIMIT_FSIZE, so that its writes fail with
// "file too large" as on a full disk): it fails, the directory still holds
// the 2 replications, byte for byte, and the next run resumes from them to
// the files of an uninterrupted run. On today's main the failed run has
// removed summary.json, and the next starts from scratch.
func TestFullDiskOnResumeKeepsCompletedWork(t *testing.T) {
	tmp := t.TempDir()
	whole := filepath.Join(tmp, "whole")
	args := []string{"compare", corridorScenario, "--replications", "6", "--thresholds", "0,0.5", "--quiet"}
	dataOnly(t, func() string {
		if code, _, stderr := cli(t, append(args, "--out", whole)...); code != exitOK {
			t.Fatalf("uninterrupted: exit %d: %s", code, stderr)
		}
		return ""
	})
	want := dirFiles(t, whole)
	// What an interrupted run leaves: its first 2 replications.
	res, _, err := compare.Load(whole)
	if err != nil {
		t.Fatal(err)
	}
	cut := &compare.Results{Design: res.Design, Partial: true, Replications: []int{0, 1}}
	for _, r := range res.Rows {
		if r.Replication < 2 {
			cut.Rows = append(cut.Rows, r)
		}
	}
	for _, d := range res.Drones {
		if d.Replication < 2 {
			cut.Drones = append(cut.Drones, d)
		}
	}
	for _, c := range res.Curves {
		if c.Replication < 2 {
			cut.Curves = append(cut.Curves, c)
		}
	}
	out := filepath.Join(tmp, "out")
	if err := compare.WriteFiles(out, cut, compare.Summarise(cut), nil); err != nil {
		t.Fatal(err)
	}
	before := dirFiles(t, out)
	// drones.csv of 6 replications is three times that of 2.
	limit := len(before[compare.DronesFile]) + 10
	p := startCuasim(t, []string{"CUASIM_TEST_FSIZE=" + strconv.Itoa(limit)}, append(args, "--out", out)...)
	code := p.wait()
	t.Log(&p.stderr)
	if code != exitFailure || !strings.Contains(p.stderr.String(), "file too large") {
		t.Fatalf("resuming onto a full disk: exit %d, stderr %q; want a failure to write", code, &p.stderr)
	}
	after := dirFiles(t, out)
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("the failed run changed or removed %s", name)
		}
	}
	if len(after) != len(before) {
		t.Errorf("the failed run left %d files, there were %d", len(after), len(before))
	}
	dataOnly(t, func() string {
		code, _, stderr := cli(t, append(args, "--out", out)...)
		if code != exitOK || !strings.Contains(stderr, "resuming: 2 replications already complete") {
			t.Errorf("the next run: exit %d, stderr %q; want it to resume from 2 replications", code, stderr)
		}
		return ""
	})
	for _, name := range []string{compare.ResultsFile, compare.DronesFile, compare.CurveFile, compare.SummaryFile} {
		if !bytes.Equal(readFile(t, out, name), want[name]) {
			t.Errorf("resumed %s differs from the uninterrupted run's", name)
		}
	}
}
