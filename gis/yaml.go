package gis

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cuasim/cuasim/scenarios"
)

// WriteYAML writes the zones, obstacles, roads and candidate positions of
// g as the zones:, obstacles:, roads: and search: sections of a scenario
// file, positions in metres
// east and north of the origin to the millimetre, so that the scenario
// decoder validates them like any other (with file:line:col) and the
// scenario stays one self-contained file. The sensors' positions,
// which have no section of their own to go in, follow as comments. source names the GeoJSON file in the header comment.
func WriteYAML(w io.Writer, g *Geography, source string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# From %s by cuasim import: positions in metres east and north of site.origin.\n", source)
	if g.SiteName != "" {
		fmt.Fprintf(&b, "# site.name: %s\n", quote(g.SiteName))
	}
	if len(g.Zones) > 0 {
		b.WriteString("\nzones:\n")
		for _, z := range g.Zones {
			fmt.Fprintf(&b, "  - name: %s\n    severity: %s\n", quote(z.Name), z.Severity)
			if z.Circle != nil {
				fmt.Fprintf(&b, "    circle: {center: %s, radius_m: %s}\n", point(z.Circle.Center), num(z.Circle.RadiusM))
			} else {
				fmt.Fprintf(&b, "    polygon: %s\n", points(z.Polygon))
			}
			if z.AltitudeM != nil {
				fmt.Fprintf(&b, "    altitude_m: {min: %s, max: %s}\n", num(z.AltitudeM.Min), num(z.AltitudeM.Max))
			}
		}
	}
	if len(g.Obstacles) > 0 {
		b.WriteString("\nobstacles:\n")
		for _, o := range g.Obstacles {
			fmt.Fprintf(&b, "  - name: %s\n    footprint: %s\n    height_m: %s\n", quote(o.Name), points(o.Footprint), num(o.HeightM))
		}
	}
	if len(g.Roads) > 0 {
		b.WriteString("\nroads:\n")
		for _, r := range g.Roads {
			fmt.Fprintf(&b, "  - name: %s\n    points: %s\n    width_m: %s\n", quote(r.Name), points(r.Points), num(r.WidthM))
		}
	}
	if len(g.Sensors) > 0 {
		b.WriteString("\n# Sensor positions (the sensors' models are the scenario's):\n")
		for _, s := range g.Sensors {
			fmt.Fprintf(&b, "#   %s (%s, layout %s): position %s, mast_height_m %s, boresight_deg %s\n",
				s.ID, s.Type, s.Layout, point(s.Position), num(s.MastHeightM), num(s.BoresightDeg))
		}
	}
	if len(g.Candidates) > 0 {
		b.WriteString("\n# Where cuasim search may stand sensors; add place: [{sensor: ID}, ...] to place\n# fewer than every listed sensor.\nsearch:\n  candidates:\n")
		for _, c := range g.Candidates {
			if c.Point != nil {
				fmt.Fprintf(&b, "    - {name: %s, position: %s}\n", quote(c.Name), point(*c.Point))
			} else {
				fmt.Fprintf(&b, "    - {name: %s, area: %s, spacing_m: %s}\n", quote(c.Name), points(c.Area), num(c.SpacingM))
			}
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing YAML: %w", err)
	}
	return nil
}

// quote writes a string as a YAML double-quoted scalar: Go's escapes
// (\", \\, \n, \t, \xHH, \uHHHH) are YAML's too.
func quote(s string) string { return strconv.Quote(s) }

// num writes a number in the shortest form that reads back the same.
func num(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// point writes [east, north] to the millimetre.
func point(p scenarios.Point) string {
	return "[" + strconv.FormatFloat(p.EastM, 'f', 3, 64) + ", " + strconv.FormatFloat(p.NorthM, 'f', 3, 64) + "]"
}

func points(ps []scenarios.Point) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = point(p)
	}
	return "[" + strings.Join(s, ", ") + "]"
}
