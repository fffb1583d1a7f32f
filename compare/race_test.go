//go:build race

package compare

// raceEnabled is true under the race detector, which slows the simulation
// tenfold: the longest tests skip then and run in the plain step of
// scripts/test.sh.
const raceEnabled = true
