package main

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"text/tabwriter"

	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
)

const validateHelp = `Checks scenario files without running them. Every problem is reported as
  file:line:col: path.to.field: what was expected, what was found
and the command exits with status 1 if any file has a problem. Values that
are valid but probably not meant (a physical parameter outside the range of
public figures for it, traffic that starts after the run ends) are reported
on stderr as
  file:line:col: warning: path.to.field: message
and do not change the exit status: among them lengths implausible in metres
(a radar's instrumented range of 5 m, a zone 0.25 m across, a sensor a metre
from the origin when the others are kilometres away), most often kilometres
written for metres. The limits and usual ranges are listed in
docs/scenario-reference.md.

Under each file that is ok, a table gives each sensor's nominal range, as
cuasim run's summary does, and the sensors each layout changes, adds or
removes, with theirs.

Examples:
  cuasim validate my-site.yaml
  cuasim validate scenarios/library/*.yaml
`

func cmdValidate(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("validate", stderr)
	files, err := cmdopts.Parse(fs, args)
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
			// A file's problems are listed as file:line:col lines, as a
			// compiler lists them; any other error (a file that cannot be
			// read) is the command's, and says so.
			var problems scenarios.ErrorList
			if !errors.As(err, &problems) {
				fmt.Fprint(stderr, "cuasim validate: ")
			}
			fmt.Fprintln(stderr, err)
			code = exitFailure
			continue
		}
		warnings := sc.Warnings()
		fmt.Fprintf(stdout, "%s: ok (%s: %s, %s, %s%s)\n",
			f, sc.Name, count(len(sc.Sensors), "sensor"), entries(len(sc.Traffic), "traffic"), entries(len(sc.Birds), "bird"),
			plural(len(warnings), "; %d warning"))
		printWarnings(stderr, warnings)
		if err := printSensorRanges(stdout, sc); err != nil {
			fmt.Fprintf(stderr, "cuasim validate: %s: %v\n", f, err)
			code = exitFailure
		}
	}
	return code
}

// printSensorRanges writes, indented under a file's ok line, each sensor's
// nominal range, as cuasim run's summary shows it: the listed sensors,
// then those each layout changes, adds or removes.
func printSensorRanges(out io.Writer, sc *scenarios.Scenario) error {
	type row struct{ layout, id, typ, rng, note string }
	var rows []row
	var base map[string]scenarios.Sensor
	for _, l := range sc.LayoutNames() {
		lsc, err := sc.WithLayout(l)
		if err != nil {
			return err
		}
		w, err := sim.New(lsc)
		if err != nil {
			return fmt.Errorf("layout %s: %w", l, err)
		}
		net, err := sensors.NewNetwork(lsc, w)
		if err != nil {
			return fmt.Errorf("layout %s: %w", l, err)
		}
		if base == nil {
			base = map[string]scenarios.Sensor{}
			for i, spec := range lsc.Sensors {
				base[spec.ID] = spec
				rows = append(rows, row{l, spec.ID, spec.Type, nominalRange(net.Sensors[i]), ""})
			}
			continue
		}
		kept := map[string]bool{}
		for i, spec := range lsc.Sensors {
			kept[spec.ID] = true
			note := "added"
			if b, ok := base[spec.ID]; ok {
				if reflect.DeepEqual(b, spec) {
					continue
				}
				note = "changed"
			}
			rows = append(rows, row{l, spec.ID, spec.Type, nominalRange(net.Sensors[i]), note})
		}
		for _, spec := range sc.Sensors {
			if !kept[spec.ID] {
				rows = append(rows, row{l, spec.ID, spec.Type, "-", "removed"})
			}
		}
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	layouts := len(sc.Layouts) > 0
	if layouts {
		fmt.Fprintln(tw, "  LAYOUT\tSENSOR\tTYPE\tCHANGE\tNOMINAL RANGE*")
	} else {
		fmt.Fprintln(tw, "  SENSOR\tTYPE\tNOMINAL RANGE*")
	}
	for _, r := range rows {
		if layouts {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", r.layout, r.id, r.typ, r.note, r.rng)
		} else {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", r.id, r.typ, r.rng)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	printNominalRangeNote(out, "  ")
	return nil
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
