package coverage

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// CSVHeader returns the header row of the grid's CSV (without its line
// end): altitude_m, east_m, north_m (the cell's centre), solid (1 inside a
// building below its roof, else 0), pd (at least one sensor within the
// dwell), k (sensors whose dwell Pd reaches the k threshold), then per sensor look_pd:ID (per look) and dwell_pd:ID
// (within the dwell), then label_pd, micro_doppler_pd, rf_pd and
// rf_pair_pd (the classification evidence within the dwell: Layer.LabelPd,
// MicroDopplerPd, RFPd and RFPairPd).
func (g *Grid) CSVHeader() string {
	var b strings.Builder
	b.WriteString("altitude_m,east_m,north_m,solid,pd,k")
	for _, s := range g.Sensors {
		b.WriteString(",look_pd:" + s.ID + ",dwell_pd:" + s.ID)
	}
	b.WriteString(",label_pd,micro_doppler_pd,rf_pd,rf_pair_pd")
	return b.String()
}

// WriteCSV writes the grid as CSV: the header (CSVHeader), then one row
// per altitude and cell, altitudes in the grid's order and cells west to
// east within rows south to north. Probabilities have 6 decimals,
// positions 2.
func (g *Grid) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(g.CSVHeader())
	bw.WriteByte('\n')
	var b []byte
	for li := range g.Layers {
		l := &g.Layers[li]
		for i := range l.Pd {
			e, n := g.Center(i)
			b = strconv.AppendFloat(b[:0], l.AltitudeM, 'f', -1, 64)
			b = append(b, ',')
			b = strconv.AppendFloat(b, e, 'f', 2, 64)
			b = append(b, ',')
			b = strconv.AppendFloat(b, n, 'f', 2, 64)
			b = append(b, ',', '0', ',')
			if l.Solid[i] {
				b[len(b)-2] = '1'
			}
			b = strconv.AppendFloat(b, l.Pd[i], 'f', 6, 64)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(l.K[i]), 10)
			for s := range g.Sensors {
				b = append(b, ',')
				b = strconv.AppendFloat(b, l.LookPd[s][i], 'f', 6, 64)
				b = append(b, ',')
				b = strconv.AppendFloat(b, l.DwellPd[s][i], 'f', 6, 64)
			}
			for _, x := range [...]float64{l.LabelPd[i], l.MicroDopplerPd[i], l.RFPd[i], l.RFPairPd[i]} {
				b = append(b, ',')
				b = strconv.AppendFloat(b, x, 'f', 6, 64)
			}
			b = append(b, '\n')
			if _, err := bw.Write(b); err != nil {
				return fmt.Errorf("writing the coverage grid: %w", err)
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing the coverage grid: %w", err)
	}
	return nil
}

// Share is how much of a layer's box reaches the floor, and the share of
// its area covered by 0, 1, 2, ... sensors (k-coverage), as fractions of
// the cells outside buildings.
type Share struct {
	AboveFloor float64   // fraction of cells with Pd ≥ FloorPd
	ByK        []float64 // ByK[k]: fraction of cells with k-coverage k
}

// Share returns layer li's coverage shares.
func (g *Grid) Share(li int) Share {
	l := &g.Layers[li]
	s := Share{ByK: make([]float64, len(g.Sensors)+1)}
	var n float64
	for i := range l.Pd {
		if !l.Solid[i] {
			n++
		}
	}
	if n == 0 {
		return s
	}
	for i, pd := range l.Pd {
		if l.Solid[i] {
			continue
		}
		if pd >= g.FloorPd {
			s.AboveFloor += 1 / n
		}
		s.ByK[l.K[i]] += 1 / n
	}
	return s
}

// WriteSummary writes, per altitude, the share of the box at or above the
// Pd floor, the k-coverage shares, and a table of the largest dead zones
// (at most maxZones; all when maxZones ≤ 0).
func (g *Grid) WriteSummary(w io.Writer, maxZones int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Coverage of %s (%g m², Swerling %d), Pd within %g s; box E %g..%g m, N %g..%g m in %d × %d cells of %g m.\n",
		g.Class, g.RCSM2, g.Swerling, g.DwellS, g.Box.MinEastM, g.Box.MaxEastM, g.Box.MinNorthM, g.Box.MaxNorthM, g.Cols, g.Rows, g.CellM)
	for li := range g.Layers {
		l := &g.Layers[li]
		s := g.Share(li)
		fmt.Fprintf(bw, "\nAltitude %g m: Pd ≥ %g over %.1f %% of the box; k-coverage (sensors with dwell Pd ≥ %g):", l.AltitudeM, g.FloorPd, 100*s.AboveFloor, g.KPd)
		for k, f := range s.ByK {
			fmt.Fprintf(bw, " k=%d %.1f %%", k, 100*f)
		}
		fmt.Fprintf(bw, "\n%s (Pd < %g, 4-connected)", zones(len(l.DeadZones)), g.FloorPd)
		zs := l.DeadZones
		if maxZones > 0 && len(zs) > maxZones {
			fmt.Fprintf(bw, ", the %d largest", maxZones)
			zs = zs[:maxZones]
		}
		fmt.Fprintln(bw, ":")
		if len(zs) == 0 {
			continue
		}
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "#\tAREA\tCENTROID E m\tCENTROID N m\tEXTENT E m\tEXTENT N m\tMEAN Pd\tMIN Pd\tAT EDGE\t")
		for i, z := range zs {
			edge := "no"
			if z.TouchesEdge {
				edge = "yes"
			}
			fmt.Fprintf(tw, "%d\t%s\t%.0f\t%.0f\t%.0f..%.0f\t%.0f..%.0f\t%.3f\t%.3f\t%s\t\n", i+1, area(z.AreaM2), z.EastM, z.NorthM,
				z.MinEastM-g.CellM/2, z.MaxEastM+g.CellM/2, z.MinNorthM-g.CellM/2, z.MaxNorthM+g.CellM/2, z.MeanPd, z.MinPd, edge)
		}
		tw.Flush()
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing the coverage summary: %w", err)
	}
	return nil
}

// area formats an area in m² below a square kilometre, else in km².
func area(m2 float64) string {
	if m2 < 1e6 {
		return fmt.Sprintf("%.0f m²", m2)
	}
	return fmt.Sprintf("%.2f km²", m2/1e6)
}

// zones says how many dead zones: "1 dead zone", "3 dead zones".
func zones(n int) string {
	if n == 1 {
		return "1 dead zone"
	}
	return fmt.Sprintf("%d dead zones", n)
}
