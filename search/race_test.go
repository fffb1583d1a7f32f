//go:build race

package search

// raceEnabled is true under the race detector, which slows the simulation
// tenfold: the comparison against the Monte Carlo skips then and runs in
// the plain step of scripts/test.sh.
const raceEnabled = true
