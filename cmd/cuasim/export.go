package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/cuasim/cuasim/gis"
	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/scenarios"
)

const exportHelp = `Writes a scenario's geography for a map: the site, the zones, the
buildings, the roads and the sensors of every layout, in WGS84 longitude and
latitude placed by the scenario's site.origin (which it needs).

  --geojson FILE   RFC 7946 GeoJSON, for QGIS or geojson.io; each feature's
                   cuasim property says what it is (site, zone, obstacle,
                   road, sensor), and the file reads back into the same
                   values within a centimetre
  --kml FILE       KML 2.2, for Google Earth: a folder per kind and per
                   layout, buildings extruded to their height

Each file is written atomically (FILE.partial, then renamed). The feature
properties are listed in docs/gis.md. Zones that follow a convoy move with
it and are left out.

Examples:
  cuasim export airport --geojson airport.geojson --kml airport.kml
`

func cmdExport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export", stderr)
	geojsonFile := fs.String("geojson", "", "write the GeoJSON to `FILE`")
	kmlFile := fs.String("kml", "", "write the KML to `FILE`")
	pos, err := cmdopts.Parse(fs, args)
	if err != nil {
		return flagError(err)
	}
	name, err := cmdopts.ScenarioArg(pos)
	if err != nil {
		fmt.Fprintln(stderr, "cuasim export:", err)
		return exitUsage
	}
	if *geojsonFile == "" && *kmlFile == "" {
		fmt.Fprintln(stderr, "cuasim export: expected --geojson FILE, --kml FILE or both")
		return exitUsage
	}
	sc, err := scenarios.Open(name)
	if err != nil {
		fmt.Fprintln(stderr, "cuasim export:", err)
		return exitFailure
	}
	printWarnings(stderr, sc.Warnings())
	for _, out := range []struct {
		file  string
		write func(io.Writer, *scenarios.Scenario) error
	}{{*geojsonFile, gis.WriteGeoJSON}, {*kmlFile, gis.WriteKML}} {
		if out.file == "" {
			continue
		}
		if err := writeAtomic(out.file, func(w io.Writer) error { return out.write(w, sc) }); err != nil {
			fmt.Fprintln(stderr, "cuasim export:", err)
			return exitFailure
		}
		fmt.Fprintf(stdout, "Wrote %s\n", out.file)
	}
	return exitOK
}

// writeAtomic writes one file as FILE.partial in its directory and renames
// it into place once complete.
func writeAtomic(file string, write func(io.Writer) error) error {
	d, err := record.UpdateDir(filepath.Dir(file))
	if err != nil {
		return err
	}
	defer d.Abort() // a no-op after Commit
	f, err := d.Create(filepath.Base(file))
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return d.Commit()
}
