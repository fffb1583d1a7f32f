package coverage

import (
	"cmp"
	"slices"
)

// DeadZone is a 4-connected area of cells whose dwell Pd is under the
// grid's floor.
type DeadZone struct {
	Cells                int
	AreaM2               float64 // Cells × CellM²
	EastM, NorthM        float64 // centroid: the mean of its cells' centres
	MinPd, MeanPd        float64 // over its cells
	TouchesEdge          bool    // it reaches the box's edge, so may extend beyond it
	MinEastM, MaxEastM   float64 // bounding box of its cells' centres
	MinNorthM, MaxNorthM float64
}

// deadZones labels the 4-connected areas of cells with pd under the
// grid's floor, solid cells aside, and returns them largest first (ties: west, then south,
// first).
func deadZones(g *Grid, pd []float64, solid []bool) []DeadZone {
	seen := make([]bool, len(pd))
	var stack []int
	var out []DeadZone
	for start := range pd {
		if seen[start] || solid[start] || pd[start] >= g.FloorPd {
			continue
		}
		z := DeadZone{MinPd: 1}
		var sumE, sumN, sumPd float64
		first := true
		seen[start] = true
		stack = append(stack[:0], start)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			e, n := g.Center(i)
			z.Cells++
			sumE, sumN, sumPd = sumE+e, sumN+n, sumPd+pd[i]
			z.MinPd = min(z.MinPd, pd[i])
			if first {
				z.MinEastM, z.MaxEastM, z.MinNorthM, z.MaxNorthM = e, e, n, n
				first = false
			}
			z.MinEastM, z.MaxEastM = min(z.MinEastM, e), max(z.MaxEastM, e)
			z.MinNorthM, z.MaxNorthM = min(z.MinNorthM, n), max(z.MaxNorthM, n)
			col, row := i%g.Cols, i/g.Cols
			if col == 0 || row == 0 || col == g.Cols-1 || row == g.Rows-1 {
				z.TouchesEdge = true
			}
			for _, j := range [4]int{i - 1, i + 1, i - g.Cols, i + g.Cols} {
				switch {
				case j == i-1 && col == 0, j == i+1 && col == g.Cols-1, j < 0, j >= len(pd):
					continue
				}
				if !seen[j] && !solid[j] && pd[j] < g.FloorPd {
					seen[j] = true
					stack = append(stack, j)
				}
			}
		}
		c := float64(z.Cells)
		z.AreaM2 = c * g.CellM * g.CellM
		z.EastM, z.NorthM, z.MeanPd = sumE/c, sumN/c, sumPd/c
		out = append(out, z)
	}
	slices.SortStableFunc(out, func(a, b DeadZone) int {
		return cmp.Or(cmp.Compare(b.Cells, a.Cells), cmp.Compare(a.EastM, b.EastM), cmp.Compare(a.NorthM, b.NorthM))
	})
	return out
}
