// Package rusage reads the process's CPU time and peak resident memory,
// for the benchmarks that report them beside the wall time: on a shared
// machine the wall time also counts the waits for a core.
package rusage
