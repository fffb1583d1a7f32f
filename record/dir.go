package record

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// partialSuffix marks a file still being written.
const partialSuffix = ".partial"

// Dir is an output directory being written. Create files with Create, then
// call Commit to put them all in place, or Abort to remove them.
type Dir struct {
	path  string
	files []*File
}

// File is one output file being written, buffered.
type File struct {
	*bufio.Writer
	name   string
	f      *os.File
	closed bool // flushed, synced and closed: durable as NAME.partial
}

// NewDir prepares an output directory, creating it if needed. A summary.json
// left by an earlier run is removed first, so that it cannot vouch for files
// of this run that are not yet complete.
func NewDir(path string) (*Dir, error) {
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("output directory %s: exists and is not a directory", path)
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("creating output directory: %w", err)
	}
	if err := os.Remove(filepath.Join(path, "summary.json")); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("removing the previous summary: %w", err)
	}
	return &Dir{path: path}, nil
}

// UpdateDir prepares an existing output directory for replacing some of
// its files, leaving the others, summary.json included, in place: for
// regenerating what is derived from a complete result (cuasim report
// redraws a comparison's plots and page). Each file is still written as
// NAME.partial and renamed into place by Commit, so no reader sees half a
// file.
func UpdateDir(path string) (*Dir, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s: not a directory", path)
	}
	return &Dir{path: path}, nil
}

// Path returns the directory's path.
func (d *Dir) Path() string { return d.path }

// Create starts writing the named file (as NAME.partial until Commit).
func (d *Dir) Create(name string) (*File, error) {
	f, err := os.Create(filepath.Join(d.path, name+partialSuffix))
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", name, err)
	}
	out := &File{Writer: bufio.NewWriterSize(f, 1<<16), name: name, f: f}
	d.files = append(d.files, out)
	return out, nil
}

// Sync flushes, syncs and closes every file, leaving each as NAME.partial,
// durable: after it, Commit only renames. A caller that must record
// something durably between the two (compare's manifest) calls it; Commit
// does it otherwise. On an error every file is removed, as by Abort.
func (d *Dir) Sync() error {
	for _, f := range d.files {
		if err := f.close(); err != nil {
			d.Abort()
			return err
		}
	}
	return nil
}

// Commit flushes, syncs and closes every file (Sync), then renames each
// into place in the order created and syncs the directory, so that the
// new names survive a crash too. Create summary.json last.
func (d *Dir) Commit() error {
	if err := d.Sync(); err != nil {
		return err
	}
	for _, f := range d.files {
		if err := os.Rename(filepath.Join(d.path, f.name+partialSuffix), filepath.Join(d.path, f.name)); err != nil {
			d.Abort()
			return fmt.Errorf("renaming %s into place: %w", f.name, err)
		}
	}
	d.files = nil
	return SyncDir(d.path)
}

// SyncDir makes the directory's entries (files created, renamed or
// removed in it) durable, as fsync does a file's content. Where a
// directory cannot be synced (Windows) it does nothing.
func SyncDir(path string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("syncing directory %s: %w", path, err)
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("syncing directory %s: %w", path, err)
	}
	return nil
}

// Abort closes and removes every file not yet committed.
func (d *Dir) Abort() {
	for _, f := range d.files {
		f.f.Close()
		os.Remove(filepath.Join(d.path, f.name+partialSuffix))
	}
	d.files = nil
}

func (f *File) close() error {
	if f.closed {
		return nil
	}
	if err := f.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", f.name, err)
	}
	if err := f.f.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", f.name, err)
	}
	if err := f.f.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", f.name, err)
	}
	f.closed = true
	return nil
}
