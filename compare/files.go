package compare

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"

	"github.com/cuasim/cuasim/record"
)

// The files a comparison writes, besides the plots and the report.
const (
	ResultsFile = "results.csv"
	DronesFile  = "drones.csv"
	CurveFile   = "curve.csv"
	SummaryFile = "summary.json"
	// ManifestFile records the size and sha256 of the three data files
	// and the design's signature; it is written last, and its rename into
	// place commits the comparison (see WriteFiles).
	ManifestFile = "manifest.json"
)

// dataFiles are the files the manifest vouches for, in the order written.
var dataFiles = []string{ResultsFile, DronesFile, CurveFile, SummaryFile}

// partialSuffix marks a file not yet in place (as package record's).
const partialSuffix = ".partial"

// WriteFiles writes a comparison into an output directory: results.csv,
// drones.csv, whatever extra writes (plots, the report), summary.json and
// manifest.json. s must be Summarise(res): Load refuses a summary.json
// that differs from what its results give. The caller holds the
// directory's lock (LockDir).
//
// Nothing complete is lost on a failure (a full disk, a crash, SIGKILL):
// each file is written as NAME.partial, flushed and fsynced; then
// manifest.json, with the size and sha256 of each data file, is written
// the same way and renamed into place, and the directory fsynced: that
// rename commits. Only then are the other files renamed into place. Until
// the commit the directory holds the previous comparison, intact (its
// summary.json included); after it, Load finds each data file in place or,
// when the renames were cut short, as its NAME.partial, which the next
// WriteFiles puts in place before anything else.
func WriteFiles(path string, res *Results, s *Summary, extra func(d *record.Dir) error) error {
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
		return fmt.Errorf("output directory %s: exists and is not a directory", path)
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return fmt.Errorf("creating output directory: %w", err)
	}
	if err := completeCommit(path); err != nil {
		return err
	}
	c := &commit{dir: path}
	defer c.abort() // a no-op once committed
	if err := c.write(ResultsFile, func(w io.Writer) error { return writeRows(w, res.Rows) }); err != nil {
		return err
	}
	if err := c.write(DronesFile, func(w io.Writer) error { return writeDrones(w, res.Drones) }); err != nil {
		return err
	}
	if err := c.write(CurveFile, func(w io.Writer) error { return writeCurves(w, res.Curves) }); err != nil {
		return err
	}
	d, err := record.UpdateDir(path)
	if err != nil {
		return err
	}
	defer d.Abort() // a no-op after Commit
	if extra != nil {
		if err := extra(d); err != nil {
			return err
		}
	}
	if err := d.Sync(); err != nil {
		return err
	}
	if err := c.write(SummaryFile, func(w io.Writer) error { return writeJSON(w, s) }); err != nil {
		return err
	}
	if err := c.commit(s.Signature); err != nil {
		return err
	}
	return d.Commit()
}

// commit writes a comparison's data files as NAME.partial and commits
// them with the manifest.
type commit struct {
	dir       string
	files     []manifestEntry // written, flushed, synced and closed
	open      *os.File        // being written
	committed bool
}

// hashWriter counts and hashes what is written through it.
type hashWriter struct {
	h hash.Hash
	n int64
}

func (hw *hashWriter) Write(p []byte) (int, error) {
	hw.h.Write(p)
	hw.n += int64(len(p))
	return len(p), nil
}

// write writes one data file as NAME.partial, flushes, syncs and closes it.
func (c *commit) write(name string, w func(io.Writer) error) error {
	f, err := os.Create(filepath.Join(c.dir, name+partialSuffix))
	if err != nil {
		return fmt.Errorf("creating %s: %w", name, err)
	}
	c.open = f
	hw := &hashWriter{h: sha256.New()}
	bw := bufio.NewWriterSize(io.MultiWriter(f, hw), 1<<16)
	if err := w(bw); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", name, err)
	}
	c.open = nil
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("closing %s: %w", name, err)
	}
	c.files = append(c.files, manifestEntry{Name: name, Bytes: hw.n, SHA256: hex.EncodeToString(hw.h.Sum(nil))})
	return nil
}

// commit writes the manifest and renames it into place, which commits the
// data files; then renames them into place.
func (c *commit) commit(signature string) error {
	// The partial files' names are durable before the manifest that
	// vouches for them is.
	if err := record.SyncDir(c.dir); err != nil {
		return err
	}
	m := &manifest{Signature: signature, Files: c.files}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(c.dir, ManifestFile+partialSuffix)
	if err := writeSynced(tmp, append(b, '\n')); err != nil {
		return fmt.Errorf("writing %s: %w", ManifestFile, err)
	}
	if err := os.Rename(tmp, filepath.Join(c.dir, ManifestFile)); err != nil {
		return fmt.Errorf("renaming %s into place: %w", ManifestFile, err)
	}
	c.committed = true
	if err := record.SyncDir(c.dir); err != nil {
		return err
	}
	for _, e := range c.files {
		if err := os.Rename(filepath.Join(c.dir, e.Name+partialSuffix), filepath.Join(c.dir, e.Name)); err != nil {
			return fmt.Errorf("renaming %s into place: %w (the comparison is complete: its %s is %s%s, and the next cuasim compare or merge into %s puts it in place)",
				e.Name, err, e.Name, e.Name, partialSuffix, c.dir)
		}
	}
	return record.SyncDir(c.dir)
}

// abort removes what was written, unless committed.
func (c *commit) abort() {
	if c.committed {
		return
	}
	if c.open != nil {
		c.open.Close()
		os.Remove(c.open.Name())
	}
	for _, e := range c.files {
		os.Remove(filepath.Join(c.dir, e.Name+partialSuffix))
	}
	os.Remove(filepath.Join(c.dir, ManifestFile+partialSuffix))
	c.files, c.open = nil, nil
}

// writeSynced writes a file and fsyncs it.
func writeSynced(path string, b []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// completeCommit puts in place the data files of a commit whose renames
// were cut short (a crash after the manifest's rename): each file the
// manifest vouches for that is found only as NAME.partial. A directory
// without a valid manifest is left alone: Load says what is wrong with it.
func completeCommit(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil
	}
	m, err := parseManifest(b)
	if err != nil {
		return nil
	}
	fsys := os.DirFS(dir)
	renamed := false
	for _, e := range m.Files {
		if ok, _ := e.matches(fsys, e.Name); ok {
			continue
		}
		if ok, _ := e.matches(fsys, e.Name+partialSuffix); ok {
			if err := os.Rename(filepath.Join(dir, e.Name+partialSuffix), filepath.Join(dir, e.Name)); err != nil {
				return fmt.Errorf("putting %s in place, as committed by %s: %w", e.Name, ManifestFile, err)
			}
			renamed = true
		}
	}
	if renamed {
		return record.SyncDir(dir)
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// ErrNoResults is returned by Load for a directory without a comparison.
var ErrNoResults = errors.New("no comparison results")

// Merge joins the results of the shards of one design into the results
// an unsharded run writes. Every shard must be complete, of the same
// design, and every replication present exactly once.
func Merge(shards []*Results) (*Results, error) {
	if len(shards) == 0 {
		return nil, errors.New("nothing to merge")
	}
	d := shards[0].Design
	out := &Results{Design: d}
	done := map[int]bool{}
	for i, sh := range shards {
		if sh.Design.Signature() != d.Signature() {
			return nil, fmt.Errorf("shard %d (%s) is of another design (signature %s, the first's %s)", i+1, sh.Shard, sh.Design.Signature(), d.Signature())
		}
		if sh.Partial {
			return nil, fmt.Errorf("shard %d (%s) is partial: run it again with the same arguments to complete it", i+1, sh.Shard)
		}
		for _, r := range sh.Replications {
			if done[r] {
				return nil, fmt.Errorf("replication %d is in two shards", r)
			}
			done[r] = true
		}
		out.Rows = append(out.Rows, sh.Rows...)
		out.Drones = append(out.Drones, sh.Drones...)
		out.Curves = append(out.Curves, sh.Curves...)
	}
	want := d.Replications
	if d.Precision > 0 {
		return nil, errors.New("a comparison run to a precision (--precision) cannot be sharded")
	}
	for r := range want {
		if !done[r] {
			return nil, fmt.Errorf("replication %d is in no shard: merge every shard of the run", r)
		}
	}
	out.finish(done)
	return out, nil
}
