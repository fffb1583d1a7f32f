//go:build race

package webassets

// raceEnabled is true under the race detector, which slows compressing
// and copying tenfold: TestClassroom then loads the viewer for a few
// students, enough to serve them concurrently, and for the whole class in
// the plain run.
const raceEnabled = true
