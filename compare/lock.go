package compare

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// LockFile is the file in a comparison's directory that holds its lock
// while a process writes there; it names the process (pid, command, host,
// start time) and is removed when the lock is released.
const LockFile = ".cuasim.lock"

// ErrLocked is returned by LockDir for a directory another process holds.
var ErrLocked = errors.New("in use by another process")

// Lock is an exclusive lock on a comparison's output directory, taken by
// every command that writes there (cuasim compare, merge, report): two of
// them never interleave their reads and writes of one directory. On unix
// it is an OS lock (flock) on LockFile, which the kernel releases when the
// process exits, however it exits (a crash, SIGKILL); a lock file left by
// a process that died is taken over.
type Lock struct {
	f       *os.File
	dir     string
	created bool // the directory did not exist before LockDir
}

// LockDir creates the directory if needed and locks it. A directory that
// another process holds is refused at once with ErrLocked and what that
// process wrote into the lock file. Since it creates a file in the
// directory, it also finds out that the directory cannot be written before
// any work is done.
func LockDir(dir string) (*Lock, error) {
	fi, err := os.Stat(dir)
	if err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("output directory %s: exists and is not a directory", dir)
	}
	created := errors.Is(err, os.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating output directory: %w", err)
	}
	path := filepath.Join(dir, LockFile)
	for range 100 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("output directory %s: creating its lock: %w", dir, err)
		}
		held, err := lockFile(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("output directory %s: locking %s: %w", dir, LockFile, err)
		}
		if !held {
			b := make([]byte, 4096)
			n, _ := f.ReadAt(b, 0)
			f.Close()
			// What another process wrote is shown, but never a control
			// character that would act on the terminal.
			who := strings.Map(func(r rune) rune {
				if !unicode.IsPrint(r) {
					return '?'
				}
				return r
			}, strings.ReplaceAll(strings.TrimSpace(string(b[:n])), "\n", ", "))
			if who == "" {
				who = "a process that has not yet said which"
			}
			return nil, fmt.Errorf("output directory %s: %w (%s); wait for it to finish, or use another directory", dir, ErrLocked, who)
		}
		// The holder before us may have removed the file on its way out,
		// after we opened it: then we hold a lock on a file nobody else
		// will open, and must start again on the new one.
		if same, err := sameFile(f, path); err != nil || !same {
			f.Close()
			continue
		}
		l := &Lock{f: f, dir: dir, created: created}
		if err := l.describe(); err != nil {
			l.Unlock()
			return nil, fmt.Errorf("output directory %s: writing its lock: %w", dir, err)
		}
		return l, nil
	}
	return nil, fmt.Errorf("output directory %s: could not take its lock: %s keeps being replaced", dir, LockFile)
}

// sameFile reports whether the open file is still the one at path.
func sameFile(f *os.File, path string) (bool, error) {
	a, err := f.Stat()
	if err != nil {
		return false, err
	}
	b, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(a, b), nil
}

// describe writes who holds the lock into the lock file, for the message
// of a process refused.
func (l *Lock) describe() error {
	host, _ := os.Hostname()
	var cmd []string
	for _, a := range os.Args {
		if a == "" || strings.ContainsAny(a, " \t\n'\"\\$`") {
			a = strconv.Quote(a)
		}
		cmd = append(cmd, a)
	}
	if len(cmd) > 0 {
		cmd[0] = filepath.Base(cmd[0])
	}
	s := fmt.Sprintf("pid %d\ncommand %s\nhost %s\nsince %s\n", os.Getpid(), strings.Join(cmd, " "), host,
		time.Now().UTC().Format("2006-01-02 15:04:05 UTC"))
	if err := l.f.Truncate(0); err != nil {
		return err
	}
	_, err := l.f.WriteAt([]byte(s), 0)
	return err
}

// Unlock releases the lock and removes the lock file, and the directory
// too when LockDir created it and nothing was written there. It may be
// called more than once.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	// Removed while still held: a process that opened the file meanwhile
	// finds, once it holds the lock, that the file is no longer there,
	// and starts again.
	err := os.Remove(filepath.Join(l.dir, LockFile))
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	if l.created {
		os.Remove(l.dir) // fails, as it should, unless empty
	}
	return err
}
