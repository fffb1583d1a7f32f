//go:build !race

package compare

// raceEnabled is true under the race detector.
const raceEnabled = false
