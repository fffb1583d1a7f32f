//go:build race

package pipeline

// raceEnabled is true when the tests run under the race detector, which
// slows the simulation tenfold: the long tests skip then, and run in
// full in the plain test steps of scripts/test.sh.
const raceEnabled = true
