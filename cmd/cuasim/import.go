package main

import (
	"fmt"
	"io"
	"os"

	"github.com/cuasim/cuasim/gis"
	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/scenarios"
)

const importHelp = `Reads the zones, buildings, roads, sensor positions and candidate positions
drawn in a GeoJSON file (QGIS, geojson.io) and writes them as the zones:,
obstacles:, roads: and search: sections of a scenario file, positions in metres east
and north of the scenario's site.origin (which it needs), to paste into the
scenario: the decoder then checks them like any other field, and the
scenario stays one file that records and replays on its own. The sensor
positions follow as comments; the candidate positions are cuasim search's.

Each feature needs a property cuasim saying what it is (zone, obstacle,
road, sensor, candidate, site) and the properties of its kind, listed in
docs/gis.md; an unknown property or a wrong geometry is an error naming the
file, the feature's index and the property.

Examples:
  cuasim import site.geojson --scenario my-site.yaml
  cuasim import site.geojson --scenario airport --out geography.yaml
`

func cmdImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", stderr)
	scenario := fs.String("scenario", "", "the scenario `SCENARIO` whose site.origin places the features (required)")
	out := fs.String("out", "", "write the sections to `FILE` instead of standard output")
	pos, err := cmdopts.Parse(fs, args)
	if err != nil {
		return flagError(err)
	}
	if len(pos) != 1 || *scenario == "" {
		fmt.Fprintln(stderr, "cuasim import: expected one GeoJSON file and --scenario SCENARIO")
		return exitUsage
	}
	if err := importGeoJSON(pos[0], *scenario, *out, stdout); err != nil {
		fmt.Fprintln(stderr, "cuasim import:", err)
		return exitFailure
	}
	return exitOK
}

func importGeoJSON(file, scenario, out string, stdout io.Writer) error {
	sc, err := scenarios.Open(scenario)
	if err != nil {
		return err
	}
	f, err := gis.Frame(sc)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	g, err := gis.Read(file, data, f)
	if err != nil {
		return err
	}
	if out == "" {
		return gis.WriteYAML(stdout, g, file)
	}
	if err := writeAtomic(out, func(w io.Writer) error { return gis.WriteYAML(w, g, file) }); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s\n", out)
	return nil
}
