package main

import (
	"fmt"
	"io"

	"github.com/cuasim/cuasim/scenarios"
)

const validateHelp = `Checks scenario files without running them. Every problem is reported as
  file:line:col: path.to.field: what was expected, what was found
and the command exits with status 1 if any file has a problem.

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
		fmt.Fprintf(stdout, "%s: ok (%s: %d sensors, %d traffic entries, %d bird entries)\n",
			f, sc.Name, len(sc.Sensors), len(sc.Traffic), len(sc.Birds))
	}
	return code
}
