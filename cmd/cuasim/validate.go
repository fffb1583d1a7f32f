package main

import (
	"fmt"
	"io"

	"github.com/cuasim/cuasim/scenarios"
)

const validateHelp = `Checks scenario files without running them. Every problem is reported as
  file:line:col: path.to.field: what was expected, what was found
and the command exits with status 1 if any file has a problem. Values that
are valid but probably not meant (a physical parameter outside the range of
public figures for it, traffic that starts after the run ends) are reported
on stderr as
  file:line:col: warning: path.to.field: message
and do not change the exit status. The limits and usual ranges are listed in
docs/scenario-reference.md.

Examples:
  cuasim validate my-site.yaml
  cuasim validate scenarios/library/*.yaml
`

func cmdValidate(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("validate", stderr)
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "cuasim validate: expected at least one scenario file")
		return exitUsage
	}
	code := exitOK
	for _, f := range files {
		sc, err := scenarios.Load(f)
		if err != nil {
			fmt.Fprintln(stderr, err)
			code = exitFailure
			continue
		}
		warnings := sc.Warnings()
		fmt.Fprintf(stdout, "%s: ok (%s: %s, %s, %s%s)\n",
			f, sc.Name, count(len(sc.Sensors), "sensor"), entries(len(sc.Traffic), "traffic"), entries(len(sc.Birds), "bird"),
			plural(len(warnings), "; %d warning"))
		printWarnings(stderr, warnings)
	}
	return code
}

// printWarnings writes a scenario's warnings, one a line.
func printWarnings(w io.Writer, warnings []scenarios.Warning) {
	for _, x := range warnings {
		fmt.Fprintln(w, x)
	}
}

// plural formats n with a format whose noun takes an s when n != 1, or
// returns "" for n = 0: plural(2, "; %d warning") is "; 2 warnings".
// entries formats n entries of a section: 1 bird entry, 2 bird entries.
func entries(n int, what string) string {
	if n == 1 {
		return "1 " + what + " entry"
	}
	return fmt.Sprintf("%d %s entries", n, what)
}

func plural(n int, format string) string {
	switch n {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf(format, n)
	}
	return fmt.Sprintf(format, n) + "s"
}
