//go:build !unix

package compare

import "os"

// lockFile takes no lock where flock is not available (Windows, WebAssembly):
// the lock file still names the process writing, but a second process is
// not refused.
func lockFile(*os.File) (bool, error) { return true, nil }
