package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/cuasim/cuasim/scenarios"
)

const scenariosHelp = `Lists the scenarios built into cuasim, which cuasim run accepts by name.
The files themselves are in scenarios/library/ of the source tree, a good
starting point for a scenario of your own; the format is documented in
docs/scenario-reference.md.

Example:
  cuasim scenarios
`

func cmdScenarios(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("scenarios", stderr)
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "cuasim scenarios: expected no arguments, found %q\n", fs.Args())
		return exitUsage
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, name := range scenarios.Names() {
		sc, err := scenarios.Embedded(name)
		if err != nil {
			fmt.Fprintln(stderr, "cuasim scenarios:", err)
			return exitFailure
		}
		fmt.Fprintf(tw, "%s\t%s\n", name, sc.Summary())
	}
	tw.Flush()
	return exitOK
}
