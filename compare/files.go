package compare

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/cuasim/cuasim/record"
)

// The files a comparison writes, besides the plots and the report.
const (
	ResultsFile = "results.csv"
	DronesFile  = "drones.csv"
	SummaryFile = "summary.json"
)

// WriteFiles writes results.csv, drones.csv, whatever extra writes (plots,
// the report) and summary.json, in that order, into an output directory,
// atomically: as *.partial files renamed into place once all are complete,
// summary.json last.
func WriteFiles(path string, res *Results, s *Summary, extra func(d *record.Dir) error) error {
	d, err := record.NewDir(path)
	if err != nil {
		return err
	}
	defer d.Abort() // a no-op after Commit
	write := func(name string, w func(io.Writer) error) error {
		f, err := d.Create(name)
		if err != nil {
			return err
		}
		if err := w(f); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		return nil
	}
	if err := write(ResultsFile, func(w io.Writer) error { return writeRows(w, res.Rows) }); err != nil {
		return err
	}
	if err := write(DronesFile, func(w io.Writer) error { return writeDrones(w, res.Drones) }); err != nil {
		return err
	}
	if extra != nil {
		if err := extra(d); err != nil {
			return err
		}
	}
	if err := write(SummaryFile, func(w io.Writer) error { return writeJSON(w, s) }); err != nil {
		return err
	}
	return d.Commit()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// ErrNoResults is returned by Load for a directory without a comparison.
var ErrNoResults = errors.New("no comparison results")

// Load reads a comparison's results from its output directory: the design
// and state from summary.json, the rows from results.csv and drones.csv.
func Load(path string) (*Results, *Summary, error) {
	b, err := os.ReadFile(filepath.Join(path, SummaryFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, fmt.Errorf("%s: %w (no %s)", path, ErrNoResults, SummaryFile)
	}
	if err != nil {
		return nil, nil, err
	}
	var s Summary
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&s); err != nil || s.Design == nil {
		return nil, nil, fmt.Errorf("%s: not a comparison summary: %v", filepath.Join(path, SummaryFile), err)
	}
	res := &Results{Design: s.Design, Partial: s.Partial, Shard: s.Shard}
	open := func(name string) (io.ReadCloser, string, error) {
		f := filepath.Join(path, name)
		r, err := os.Open(f)
		return r, f, err
	}
	f, name, err := open(ResultsFile)
	if err != nil {
		return nil, nil, err
	}
	res.Rows, err = readRows(name, f)
	f.Close()
	if err != nil {
		return nil, nil, err
	}
	f, name, err = open(DronesFile)
	if err != nil {
		return nil, nil, err
	}
	res.Drones, err = readDrones(name, f)
	f.Close()
	if err != nil {
		return nil, nil, err
	}
	for _, r := range res.Rows {
		if n := len(res.Replications); n == 0 || res.Replications[n-1] != r.Replication {
			res.Replications = append(res.Replications, r.Replication)
		}
	}
	if !slices.IsSorted(res.Replications) {
		return nil, nil, fmt.Errorf("%s: rows are not in replication order", filepath.Join(path, ResultsFile))
	}
	return res, &s, nil
}

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
