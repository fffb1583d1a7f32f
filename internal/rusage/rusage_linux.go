package rusage

import "syscall"

// Self returns the process's CPU time so far, user and system, in
// seconds, and its peak resident set in MiB, from getrusage(2).
func Self() (cpuS, peakRSSMiB float64, ok bool) {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return 0, 0, false
	}
	return float64(r.Utime.Nano()+r.Stime.Nano()) / 1e9, float64(r.Maxrss) / 1024, true // Maxrss is in KiB on Linux
}
