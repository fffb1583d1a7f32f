//go:build !race

package lessontest

// RaceEnabled is true when the tests run under the race detector, which
// makes the lessons that run the whole pipeline many times too slow: they
// check their output without it.
const RaceEnabled = false
