//go:build race

package main

// raceEnabled is true when the tests run under the race detector, which
// slows the simulation tenfold: the long property test runs a sample then,
// and in full in the plain test run of scripts/test.sh.
const raceEnabled = true
