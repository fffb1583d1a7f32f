//go:build race

package main

// raceEnabled is true when the tests run under the race detector, which
// slows the simulation tenfold: the long tests (the pipeline properties on
// 200 scenarios, the 24-hour soak) run a sample or skip then, and in full
// in the plain test steps of scripts/test.sh.
const raceEnabled = true
