package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cuasim/cuasim/coverage"
	"github.com/cuasim/cuasim/coverage/covmap"
	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/gis"
	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/scenarios"
)

const coverageHelp = `Maps where a sensor layout detects a drone of one class: over a grid of the
site at each altitude, each sensor's probability of detection per look (radar:
its radar equation or reference point with the class's RCS and Swerling model,
field of view, range and elevation limits, line of sight past the buildings
and the 4/3-earth horizon; RF: the median link budget of the class's links,
duty cycle), the probability that at least one sensor detects it within a
dwell (each sensor looking once per revisit), k-coverage (sensors with dwell
Pd >= 0.9) and dead zones (4-connected areas under the Pd floor). It runs no
simulation: the numbers are the sensors' models, not Monte Carlo. See
docs/coverage.md.

SCENARIO is a built-in scenario or a scenario file (default airport). The box
defaults to where the scenario's sensors, zones, buildings and traffic are;
the cell to 1/300 of its longer side, rounded up to 1, 2, 2.5 or 5 × 10^k m.

Output (DIR, default coverage-SCENARIO), written atomically:
  grid.csv                 every cell at every altitude (columns in docs/coverage.md)
  map-ALTm.png, .svg       the map at each altitude
  labels-ALTm.png, .svg    where a radar labels the drone's plots drone by
                           micro-Doppler (the evidence that lifts P(drone) to an
                           operating threshold), at each altitude
  dead-zones.geojson       the dead zones as polygons, their edges the floor's contour
  dead-zones.kml           the same for Google Earth (KML 2.2)
                           (WGS84; both written when the scenario has a site.origin)
and on standard output, per altitude, the share of the box at or above the
floor, the k-coverage shares and the largest dead zones.

Examples:
  cuasim coverage
  cuasim coverage base --altitude 10,30,60 --cell 5
  cuasim coverage airport --layout rf-ring --class fixed-wing-mini --dwell 5s
`

func cmdCoverage(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("coverage", stderr)
	var o coverage.Options
	var layout, out string
	var sets []scenarios.Override
	fs.StringVar(&layout, "layout", scenarios.BaseLayout, "map the scenario's sensor layout `NAME` (base: the listed sensors)")
	fs.StringVar(&o.Class, "class", "", "the uav_types entry `NAME` mapped (default: the scenario's first)")
	fs.Func("altitude", "altitudes above ground, `M,...` metres (default 30,120)", func(s string) error {
		for _, f := range strings.Split(s, ",") {
			a, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil || !(a >= 0 && a <= 20000) {
				return fmt.Errorf("expected altitudes in metres from 0 to 20000, separated by commas, found %q", f)
			}
			o.AltitudesM = append(o.AltitudesM, a)
		}
		return nil
	})
	fs.Func("dwell", "`D`well over which a sensor's looks add up: seconds or a Go duration such as 10s (default 10s)", func(s string) error {
		d, err := cmdopts.ParseDuration(s)
		o.DwellS = d
		return err
	})
	fs.Func("cell", "cell side, `M` metres (default: 1/300 of the box's longer side, rounded up)", func(s string) error {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || !(x > 0) {
			return fmt.Errorf("expected a size in metres > 0, found %q", s)
		}
		o.CellM = x
		return nil
	})
	fs.Func("box", "area mapped, `E0,N0,E1,N1` metres east and north (default: the scenario's extent)", func(s string) error {
		f := strings.Split(s, ",")
		var v [4]float64
		if len(f) != 4 {
			return fmt.Errorf("expected four numbers E0,N0,E1,N1, found %q", s)
		}
		for i := range f {
			x, err := strconv.ParseFloat(strings.TrimSpace(f[i]), 64)
			if err != nil {
				return fmt.Errorf("expected four numbers E0,N0,E1,N1, found %q", s)
			}
			v[i] = x
		}
		if !(v[2] > v[0] && v[3] > v[1]) {
			return fmt.Errorf("expected E0 < E1 and N0 < N1, found %q", s)
		}
		o.Box = &coverage.Box{MinEastM: v[0], MinNorthM: v[1], MaxEastM: v[2], MaxNorthM: v[3]}
		return nil
	})
	fs.Func("floor", "dead zones lie under this Pd within the dwell, `P` (default 0.5)", func(s string) error {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || !(x > 0 && x <= 1) {
			return fmt.Errorf("expected a probability in (0, 1], found %q", s)
		}
		o.FloorPd = x
		return nil
	})
	fs.Func("set", "set a scenario field, `PATH=VALUE` (repeatable), e.g. sensors[radar-main].mast_height_m=25", func(s string) error {
		ov, err := scenarios.ParseOverride(s)
		sets = append(sets, ov)
		return err
	})
	zones := fs.Int("zones", 10, "dead zones listed per altitude, the largest `N` (0: all)")
	fs.StringVar(&out, "out", "", "write grid.csv and the maps to `DIR` (default: coverage-SCENARIO)")
	pos, err := cmdopts.Parse(fs, args)
	if err != nil {
		return flagError(err)
	}
	name, err := cmdopts.ScenarioArg(pos)
	if err != nil {
		fmt.Fprintln(stderr, "cuasim coverage:", err)
		return exitUsage
	}
	if out == "" {
		out = "coverage-" + strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	files, err := runCoverage(name, layout, sets, o, out, *zones, stdout, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "cuasim coverage:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "\nWrote %s/: %s\n", out, strings.Join(files, ", "))
	return exitOK
}

// runCoverage computes the coverage grid, prints its summary and writes
// its files; it returns the files' names.
func runCoverage(name, layout string, sets []scenarios.Override, o coverage.Options, out string, zones int, stdout, stderr io.Writer) ([]string, error) {
	sc, err := openScenario(name, layout, sets, nil, 0)
	if err != nil {
		return nil, err
	}
	printWarnings(stderr, sc.Warnings())
	g, err := coverage.New(sc, o)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "cuasim coverage %s, layout %s\n", sc.Name, sc.Layout())
	if err := g.WriteSummary(stdout, zones); err != nil {
		return nil, err
	}
	d, err := record.NewDir(out)
	if err != nil {
		return nil, err
	}
	defer d.Abort() // a no-op after Commit
	var files []string
	create := func(fname string, write func(io.Writer) error) error {
		f, err := d.Create(fname)
		if err != nil {
			return err
		}
		files = append(files, fname)
		return write(f)
	}
	if err := create("grid.csv", g.WriteCSV); err != nil {
		return nil, err
	}
	for li, l := range g.Layers {
		m := covmap.New(g, sc, li)
		base := fmt.Sprintf("map-%gm", l.AltitudeM)
		if err := create(base+".png", m.WritePNG); err != nil {
			return nil, err
		}
		if err := create(base+".svg", m.WriteSVG); err != nil {
			return nil, err
		}
		lm := covmap.NewLabels(g, sc, li)
		lbase := fmt.Sprintf("labels-%gm", l.AltitudeM)
		if err := create(lbase+".png", lm.WritePNG); err != nil {
			return nil, err
		}
		if err := create(lbase+".svg", lm.WriteSVG); err != nil {
			return nil, err
		}
	}
	if o := sc.Site.Origin; o != nil {
		frame := geo.NewFrame(geo.LLA{LatDeg: o.LatDeg, LonDeg: o.LonDeg, AltM: o.AltM})
		if err := create("dead-zones.geojson", func(w io.Writer) error { return covmap.WriteGeoJSON(w, g, frame) }); err != nil {
			return nil, err
		}
		if err := create("dead-zones.kml", func(w io.Writer) error { return gis.EncodeKML(w, sc.Name+" dead zones", covmap.GeoJSON(g, frame)) }); err != nil {
			return nil, err
		}
	} else {
		fmt.Fprintln(stderr, "cuasim coverage: no dead-zones.geojson or .kml: the scenario has no site.origin to place the site on the earth")
	}
	if err := d.Commit(); err != nil {
		return nil, err
	}
	return files, nil
}
