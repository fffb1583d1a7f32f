//go:build !race

package search

// raceEnabled is true under the race detector.
const raceEnabled = false
