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
// grid's floor, solid cells aside, and returns them largest first (ties:
// west, then south, first), with each cell's zone (an index in the zones
// returned, −1 for none).
func deadZones(g *Grid, pd []float64, solid []bool) ([]DeadZone, []int) {
	seen := make([]bool, len(pd))
	label := make([]int, len(pd))
	for i := range label {
		label[i] = -1
	}
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
			label[i] = len(out)
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
	order := make([]int, len(out)) // order[rank] = zone in labelling order
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int {
		za, zb := &out[a], &out[b]
		return cmp.Or(cmp.Compare(zb.Cells, za.Cells), cmp.Compare(za.EastM, zb.EastM), cmp.Compare(za.NorthM, zb.NorthM))
	})
	rank := make([]int, len(out))
	sorted := make([]DeadZone, len(out))
	for r, k := range order {
		rank[k], sorted[r] = r, out[k]
	}
	for i, k := range label {
		if k >= 0 {
			label[i] = rank[k]
		}
	}
	return sorted, label
}
