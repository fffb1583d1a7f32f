package cli

import (
	"bytes"
	"errors"
	"flag"
	"os/exec"
	"strings"
	"testing"
)

// TestPreflightRunsFirst guards what package preflight relies on: every
// package it depends on, but itself and this one, is a dependency of
// ebiten's window system (internal/ui), so it is initialised before
// that package's init, which panics without a display.
func TestPreflightRunsFirst(t *testing.T) {
	deps := func(pkg string) map[string]bool {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		m := map[string]bool{}
		for _, p := range strings.Fields(string(out)) {
			m[p] = true
		}
		return m
	}
	ui := deps("github.com/hajimehoshi/ebiten/v2/internal/ui")
	const pre = "github.com/cuasim/cuasim/cmd/cuasim-view/internal/preflight"
	for p := range deps(pre) {
		if !ui[p] && p != pre && p != "github.com/cuasim/cuasim/cmd/cuasim-view/internal/cli" {
			t.Errorf("preflight depends on %s, which ebiten's internal/ui does not: it may be initialised after ebiten", p)
		}
	}
	if !(pre < "github.com/hajimehoshi/ebiten/v2/internal/ui") {
		t.Error("preflight's import path sorts after ebiten's")
	}
}

// TestParse reads the positional scenario among flags, records which
// flags were given, and reports --help and errors.
func TestParse(t *testing.T) {
	var out bytes.Buffer
	o, err := Parse([]string{"--at", "5m", "base", "--paused", "--layers", "tracks"}, &out)
	if err != nil || o.Scenario != "base" || o.At != "5m" || !o.Paused || o.Layers != "tracks" ||
		!o.Set["at"] || !o.Set["paused"] || o.Set["seed"] || out.Len() != 0 {
		t.Errorf("%+v, %v, %q", o, err, out.String())
	}
	out.Reset()
	if _, err := Parse([]string{"--help"}, &out); !errors.Is(err, flag.ErrHelp) || !strings.HasPrefix(out.String(), Usage) {
		t.Errorf("--help: %v\n%s", err, out.String())
	}
	out.Reset()
	if _, err := Parse([]string{"a", "b"}, &out); err == nil || out.String() != "cuasim-view: expected one scenario, found 2: a b\n" {
		t.Errorf("two scenarios: %v, %q", err, out.String())
	}
}
