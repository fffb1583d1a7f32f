// Command cuasim is the headless counter-drone detection simulator: it runs
// scenarios, validates scenario files and lists the built-in library.
//
//	cuasim run [SCENARIO] [--seed N] [--duration D] [--out DIR]
//	cuasim compare [SCENARIO] [--layouts A,B] [--replications N] [--out DIR]
//	cuasim coverage [SCENARIO] [--layout NAME] [--class UAV] [--altitude M,...] [--out DIR]
//	cuasim radials [SCENARIO] [--zone NAME] [--class UAV] [--step-deg D] [--reps N] [--out DIR]
//	cuasim report DIR
//	cuasim validate FILE...
//	cuasim scenarios
//	cuasim serve [--addr HOST:PORT] [--dir DIR]
//	cuasim version (or cuasim --version)
//
// Run "cuasim help COMMAND" (or "cuasim COMMAND --help") for a command's
// options and examples, on standard output. A bad option prints the error
// and one line pointing there. cuasim never imports the viewer, so it
// builds with CGO_ENABLED=0 anywhere.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/cuasim/cuasim/scenarios"
)

// version is cuasim's release; a build from a module proxy reports the
// module version instead.
const version = "0.1.0-dev"

// exitUsage and friends are the process exit codes.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// command is one subcommand.
type command struct {
	name, args, short, long string
	run                     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"run", "[SCENARIO] [--seed N] [--duration D] [--layout NAME] [--set PATH=VALUE] [--out DIR] [--quiet]",
			"simulate a scenario: what the sensors detected, the tracks, the alerts", runHelp, cmdRun},
		{"compare", "[SCENARIO] [--layouts A,B] [--replications N] [--thresholds LIST] [--sweep PATH=...] [--out DIR] ...",
			"compare sensor layouts and alert thresholds by Monte Carlo", compareHelp, cmdCompare},
		{"merge", "OUT SHARD_DIR...", "join the shards of a cuasim compare run", mergeHelp, cmdMerge},
		{"coverage", "[SCENARIO] [--layout NAME] [--class UAV] [--altitude M,...] [--dwell D] [--cell M] [--out DIR] ...",
			"map where a sensor layout detects a drone class, and its dead zones", coverageHelp, cmdCoverage},
		{"radials", "[SCENARIO] [--zone NAME] [--class UAV] [--speed-mps V] [--altitude-m H] [--step-deg D] [--reps N] [--layout A,B|all] [--out DIR] ...",
			"warning by approach bearing: a drone flown straight in from every few degrees", radialsHelp, cmdRadials},
		{"search", "[SCENARIO] [--samples N] [--keep K] [--replications N] [--out DIR] ...",
			"propose where to put sensors, and confirm it by Monte Carlo", searchHelp, cmdSearch},
		{"export", "[SCENARIO] --geojson FILE --kml FILE",
			"write the site, zones, buildings, roads and layouts as GeoJSON and KML", exportHelp, cmdExport},
		{"import", "GEOJSON --scenario SCENARIO [--out FILE]",
			"turn zones, buildings and roads drawn in GeoJSON into scenario YAML", importHelp, cmdImport},
		{"report", "DIR [--scenario FILE | --no-scenario]",
			"draw the plots and the page of a comparison again from its files", reportHelp, cmdReport},
		{"validate", "FILE...", "check scenario files and report every problem with its position", validateHelp, cmdValidate},
		{"scenarios", "", "list the built-in scenarios", scenariosHelp, cmdScenarios},
		{"serve", "[--addr HOST:PORT] [--dir DIR]", "serve the browser viewer on this machine", serveHelp, cmdServe},
		{"version", "", "print the version", "Prints cuasim's version and the Go toolchain it was built with.\n", cmdVersion},
	}
}

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

// dispatch runs the command named by args and returns the exit code. A
// command that could not write its output to stdout (a full disk behind a
// redirection) fails, whatever it returned.
func dispatch(args []string, stdout, stderr io.Writer) int {
	out := &errWriter{w: stdout}
	code := dispatchTo(args, out, stderr)
	if out.err != nil {
		fmt.Fprintf(stderr, "cuasim: writing to standard output: %v\n", out.err)
		if code == exitOK {
			code = exitFailure
		}
	}
	return code
}

func dispatchTo(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c, ok := lookup(args[1]); ok {
				return help(c, stdout)
			}
			fmt.Fprintf(stderr, "cuasim: no command %q\n\n", args[1])
			usage(stderr)
			return exitUsage
		}
		usage(stdout)
		return exitOK
	case "-version", "--version":
		name = "version"
	}
	c, ok := lookup(name)
	if !ok {
		fmt.Fprintf(stderr, "cuasim: unknown command %q\n\n", name)
		usage(stderr)
		return exitUsage
	}
	if asksForHelp(args[1:]) {
		return help(c, stdout)
	}
	if err := checkArgs(args[1:]); err != nil {
		fmt.Fprintf(stderr, "cuasim %s: %v\n", c.name, err)
		return exitUsage
	}
	return c.run(args[1:], stdout, stderr)
}

// checkArgs refuses an argument holding a character that is not graphic
// (a control or format character, as scenario names may not hold either):
// arguments become names in output (--layouts, --sweep labels, a
// scenario's path) and are echoed in messages, where such a character
// would write control sequences to a terminal.
func checkArgs(args []string) error {
	for i, a := range args {
		if r, _, bad := scenarios.NonGraphic(a, ""); bad {
			return fmt.Errorf("argument %d, %q, holds U+%04X; expected printing characters only", i+1, a, r)
		}
	}
	return nil
}

// help prints a command's help with its options on w: the command parses
// -h itself, so the options listed are the ones it defines.
func help(c command, w io.Writer) int {
	c.run([]string{"-h"}, w, w)
	return exitOK
}

// asksForHelp reports whether a command's arguments hold -h, -help or
// --help before any "--".
func asksForHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// errWriter passes writes on and keeps the first error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func usage(w io.Writer) {
	fmt.Fprint(w, `cuasim simulates small drones and birds around a protected site, the
detections that radars and passive RF sensors would make of them, the tracks
and the alerts on protected zones, and compares sensor layouts and alert
thresholds by Monte Carlo.

Usage:
  cuasim <command> [arguments]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.short)
	}
	fmt.Fprint(w, `
Examples:
  cuasim run                      the embedded airport scenario, one hour
  cuasim run base --seed 7        another embedded scenario and seed
  cuasim run my-site.yaml --out results/
  cuasim compare                  which airport layout and alert threshold, by Monte Carlo
  cuasim report compare-airport   its plots and page again, from its files
  cuasim validate my-site.yaml

Run "cuasim help <command>" for a command's options, "cuasim --version"
for the version.
`)
}

func printHelp(w io.Writer, c command) {
	fmt.Fprintf(w, "Usage: cuasim %s %s\n\n%s", c.name, c.args, c.long)
}

// newFlags returns a command's flag set. Asked for help (-h), it prints the
// command's help and options on stderr, which dispatch points at stdout;
// on a bad flag or value, the flag package prints the error, which newFlags
// prefixes with the command ("cuasim run: ") like every other error, and
// adds one line saying where the options are, so that the error stays on
// screen.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("cuasim "+name, flag.ContinueOnError)
	out := &errorWriter{w: stderr, prefix: "cuasim " + name + ": "}
	fs.SetOutput(out)
	fs.Usage = func() {
		if out.n > 0 { // the flag package has printed an error
			fmt.Fprintf(stderr, "Run 'cuasim help %s' for its options.\n", name)
			return
		}
		c, _ := lookup(name)
		printHelp(stderr, c)
		var any bool
		fs.VisitAll(func(*flag.Flag) { any = true })
		if any {
			fmt.Fprintln(stderr, "\nOptions:")
			fs.SetOutput(stderr) // the options, not an error
			fs.PrintDefaults()
			fs.SetOutput(out)
		}
	}
	return fs
}

// errorWriter is where the flag package writes its errors: it prefixes
// the first with the command and counts the bytes written.
type errorWriter struct {
	w      io.Writer
	prefix string
	n      int
}

func (c *errorWriter) Write(p []byte) (int, error) {
	if c.n == 0 {
		k, err := io.WriteString(c.w, c.prefix)
		c.n += k
		if err != nil {
			return 0, err
		}
	}
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// pseudoVersion matches a Go pseudo version's timestamp and commit, or a
// +dirty or +incompatible suffix.
var pseudoVersion = regexp.MustCompile(`\d{14}-[0-9a-f]{12}|\+`)

// cuasimVersion is the version reported by "cuasim version" and recorded in
// summary.json: the module version of a build from a module proxy, or the
// release constant for a build from source (whose VCS-derived pseudo
// version would change with every commit).
func cuasimVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && strings.HasPrefix(bi.Main.Version, "v") && !pseudoVersion.MatchString(bi.Main.Version) {
		return strings.TrimPrefix(bi.Main.Version, "v")
	}
	return version
}

// buildVersion is the version a comparison's design records, so that
// resuming never mixes results of two programs: a release's version, and
// for a build from source (whose code may have changed under the same
// version) the version and the first 12 hex digits of the SHA-256 of the
// running executable.
func buildVersion() string {
	v := cuasimVersion()
	if v != version {
		return v
	}
	exe, err := os.Executable()
	if err != nil {
		return v + "+unknown-build"
	}
	f, err := os.Open(exe)
	if err != nil {
		return v + "+unknown-build"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return v + "+unknown-build"
	}
	return v + "+" + hex.EncodeToString(h.Sum(nil))[:12]
}

// flagError reports a usage error and returns its exit code; -h is not an error.
func flagError(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

func cmdVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", stderr)
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "cuasim version: expected no arguments, found %q\n", fs.Args())
		return exitUsage
	}
	fmt.Fprintf(stdout, "cuasim %s (%s, %s/%s)\n", cuasimVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}
