package coverage

import "github.com/cuasim/cuasim/scenarios"

// extentPadding is the margin DefaultBox adds on every side, as a fraction
// of the larger side of what it encloses.
const extentPadding = 0.05

// DefaultBox returns the area a coverage map of the scenario covers unless
// told otherwise: the scenario's extent (scenarios.Scenario.Extent: its
// sensors, zones, obstacles, roads and where its traffic flies) with a 5 %
// margin. A scenario with one point only gets a 1 km square about it.
func DefaultBox(sc *scenarios.Scenario) Box {
	lo, hi, ok := sc.Extent()
	if !ok {
		return Box{-500, -500, 500, 500}
	}
	b := Box{lo.EastM, lo.NorthM, hi.EastM, hi.NorthM}
	side := max(b.MaxEastM-b.MinEastM, b.MaxNorthM-b.MinNorthM)
	if side == 0 {
		side = 1000 / (1 + 2*extentPadding)
	}
	pad := extentPadding * side
	return Box{b.MinEastM - pad, b.MinNorthM - pad, b.MaxEastM + pad, b.MaxNorthM + pad}
}
