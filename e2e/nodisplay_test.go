package e2e

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildViewer builds cmd/cuasim-view into a temporary directory.
func buildViewer(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "cuasim-view")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/cuasim-view").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runWithEnv runs bin with args in the environment less DISPLAY and
// WAYLAND_DISPLAY, plus extra; it returns stdout, stderr and the exit
// code.
func runWithEnv(t *testing.T, extra []string, bin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, extra...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

// TestNoDisplay runs the viewer without a display, as on a server or in a
// container: --help prints the help and succeeds; anything else says in
// one line that a display is needed and how to get one (Xvfb, or the
// browser build) and exits with 1, without the panic and stack trace
// that ebiten's initialisation gives; a display that names no X server
// is reported the same way; a flag error is reported with status 2.
func TestNoDisplay(t *testing.T) {
	bin := buildViewer(t)

	for _, help := range []string{"--help", "-h"} {
		stdout, stderr, code := runWithEnv(t, nil, bin, "base", help)
		if code != 0 || !strings.HasPrefix(stdout, "Usage: cuasim-view") || !strings.Contains(stdout, "-link URL") || stderr != "" {
			t.Errorf("%s without a display: exit %d\nstdout:\n%s\nstderr:\n%s", help, code, stdout, stderr)
		}
	}

	for _, c := range []struct {
		env  []string
		args []string
		want string
	}{
		{nil, nil, "cuasim-view: no display (DISPLAY is not set): "},
		{nil, []string{"--screenshot", "x.png", "--at", "5m", "base"}, "cuasim-view: no display (DISPLAY is not set): "},
		{[]string{"DISPLAY=:4097"}, []string{"base"}, "cuasim-view: cannot open the display :4097 (no X server listens on /tmp/.X11-unix/X4097): "},
	} {
		stdout, stderr, code := runWithEnv(t, c.env, bin, c.args...)
		lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		if code != 1 || stdout != "" || len(lines) != 1 || !strings.HasPrefix(stderr, c.want) ||
			!strings.Contains(stderr, "xvfb-run") || !strings.Contains(stderr, "browser build") {
			t.Errorf("%v %v: exit %d, want 1 and one line starting %q\nstdout:\n%s\nstderr:\n%s", c.env, c.args, code, c.want, stdout, stderr)
		}
	}

	_, stderr, code := runWithEnv(t, nil, bin, "--zoom-in")
	if code != 2 || !strings.HasPrefix(stderr, "flag provided but not defined: -zoom-in") || strings.Contains(stderr, "goroutine") {
		t.Errorf("an unknown flag without a display: exit %d\n%s", code, stderr)
	}
}

// TestPrintLink: on the desktop, the flags and --link give the same
// state; the link of a view opened from a canonical link is that link
// (--print-link prints it), and flags over a link change what they set.
func TestPrintLink(t *testing.T) {
	prefix := display(t)
	bin := buildViewer(t)
	printLink := func(args ...string) string {
		t.Helper()
		cmd := append(append(prefix, bin, "--print-link"), args...)
		out, err := exec.Command(cmd[0], cmd[1:]...).Output()
		if err != nil {
			t.Fatalf("%v: %v", cmd, err)
		}
		return strings.TrimSpace(string(out))
	}
	const link = "http://classroom.example:8080/?scenario=airport&seed=7&at=10m&layers=tracks,labels&layout=rf-ring&confirm=2of4&move=rf-north:-50:1800&zoom=3&center=100,-50&select=sensor:rf-north&paused=1"
	if got := printLink("--link", link); got != link {
		t.Errorf("--link %s\nprints %s", link, got)
	}
	if got := printLink("airport", "--seed", "7", "--at", "10m", "--layers", "tracks,labels", "--layout", "rf-ring", "--confirm", "2of4",
		"--move", "rf-north:-50:1800", "--zoom", "3", "--center", "100,-50", "--select", "sensor:rf-north", "--paused"); got != "http://127.0.0.1:8080/"+link[strings.Index(link, "?"):] {
		t.Errorf("the same state from flags prints %s", got)
	}
	if got, want := printLink("--link", link, "--at", "12m", "--layers", "all"), strings.Replace(strings.Replace(link, "10m", "12m", 1), "&layers=tracks,labels", "", 1); got != want {
		t.Errorf("flags over a link: %s, want %s", got, want)
	}
}
