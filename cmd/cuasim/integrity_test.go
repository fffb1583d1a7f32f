package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/compare"
)

// TestTamperedDirectoriesRefused: the edits the issue made to a
// comparison's files, which crashed cuasim compare, merge and report or
// were used without notice, are refused by each with the file, the line
// and what is wrong, exit 1, and nothing written. On today's main report
// draws every one of them, and compare and merge panic on the rows.
func TestTamperedDirectoriesRefused(t *testing.T) {
	tmp := t.TempDir()
	whole, shard, shard1 := filepath.Join(tmp, "whole"), filepath.Join(tmp, "shard0"), filepath.Join(tmp, "shard1")
	dataOnly(t, func() string {
		for _, args := range [][]string{corridorCompare(whole), corridorCompare(shard, "--shard", "0/2"), corridorCompare(shard1, "--shard", "1/2")} {
			if code, _, stderr := cli(t, args...); code != exitOK {
				t.Fatalf("cuasim %s: exit %d: %s", strings.Join(args, " "), code, stderr)
			}
		}
		return ""
	})
	copyDir := func(src string, edit func(name string, b []byte) []byte) string {
		dst := filepath.Join(t.TempDir(), "copy")
		if err := os.Mkdir(dst, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, b := range dirFiles(t, src) {
			if err := os.WriteFile(filepath.Join(dst, name), edit(name, bytes.Clone(b)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dst
	}
	in := func(file string, re, repl string) func(string, []byte) []byte {
		return func(name string, b []byte) []byte {
			if name == file {
				return regexp.MustCompile(re).ReplaceAll(b, []byte(repl))
			}
			return b
		}
	}
	sig := regexp.MustCompile(`"signature": "([0-9a-f]+)"`).FindSubmatch(readFile(t, whole, compare.SummaryFile))[1]
	for _, tc := range []struct {
		name string
		dir  string
		edit func(string, []byte) []byte
		args func(dir string) []string
		want string
	}{
		{"report: a fake signature", whole, in(compare.SummaryFile, `"signature": "[0-9a-f]+"`, `"signature": "0123456789abcdef"`),
			func(d string) []string { return []string{"report", d, "--no-scenario"} }, `signature "0123456789abcdef" is not the design's, ` + string(sig)},
		{"report: an edited p_timely", whole, in(compare.SummaryFile, `("p_timely": \{\n\s*"estimate": )[0-9.]+`, "${1}0.123"),
			func(d string) []string { return []string{"report", d, "--no-scenario"} }, "found `\"estimate\": 0.123,` where its results give"},
		{"report: replications 800", whole, in(compare.SummaryFile, `"replications_completed": 2`, `"replications_completed": 800`),
			func(d string) []string { return []string{"report", d, "--no-scenario"} }, "found `\"replications_completed\": 800,`"},
		{`report: {"design":{}}`, whole, in(compare.SummaryFile, `(?s).*`, `{"design":{}}`),
			func(d string) []string { return []string{"report", d, "--no-scenario"} }, "summary.json: design: not one cuasim compare makes"},
		{"compare: a duplicated row", whole, in(compare.ResultsFile, `(?m)^(0,1,base,,p_drone=0,[^\n]*\n)`, "$1$1"),
			func(d string) []string { return corridorCompare(d) }, "results.csv:3: a second row for replication 0"},
		{"compare: a negative count", whole, in(compare.ResultsFile, `(?m)^(0,1,base,,p_drone=0,[0-9.]+),[0-9]+`, "$1,-2"),
			func(d string) []string { return corridorCompare(d) }, "results.csv:2: drones_entered: expected a count from 0"},
		{"merge: a shard missing a row", shard, in(compare.ResultsFile, `(?m)^0,1,base,,p_drone=0,[^\n]*\n`, ""),
			func(d string) []string { return []string{"merge", filepath.Join(t.TempDir(), "merged"), d, shard1} }, "replication 0 has 3 rows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(tc.dir, tc.edit)
			if bytes.Equal(readFile(t, dir, compare.SummaryFile), readFile(t, tc.dir, compare.SummaryFile)) &&
				bytes.Equal(readFile(t, dir, compare.ResultsFile), readFile(t, tc.dir, compare.ResultsFile)) {
				t.Fatal("the edit changed nothing")
			}
			before := dirFiles(t, dir)
			args := tc.args(dir)
			code, _, stderr := cli(t, args...)
			if code != exitFailure || !strings.Contains(stderr, tc.want) {
				t.Errorf("cuasim %s: exit %d, stderr %q; want exit 1 and %q", args[0], code, stderr, tc.want)
			}
			if after := dirFiles(t, dir); len(after) != len(before) {
				t.Errorf("the refused command left %d files where there were %d", len(after), len(before))
			}
		})
	}
}
