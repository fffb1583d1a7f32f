package compare

import (
	"bytes"
	"encoding/json"
	"testing"
	"testing/fstest"
)

// fuzzDir is a comparison's directory in memory; with fix, its manifest
// is rewritten to match the data files, so that mutations reach the checks
// of the rows and the summary behind the checksums.
func fuzzDir(signature string, results, drones, summary, man []byte, fix bool) fstest.MapFS {
	files := map[string][]byte{ResultsFile: results, DronesFile: drones, SummaryFile: summary}
	if fix {
		man = manifestOf(signature, files)
	}
	return fstest.MapFS{ResultsFile: {Data: results}, DronesFile: {Data: drones}, SummaryFile: {Data: summary}, ManifestFile: {Data: man}}
}

func signatureOf(t testing.TB, summary []byte) string {
	t.Helper()
	var s Summary
	if err := json.Unmarshal(summary, &s); err != nil {
		t.Fatal(err)
	}
	return s.Signature
}

// FuzzLoad: Load of a mutated comparison directory (the files of a small
// real comparison, each mutated, with the manifest as written or rewritten
// to match) returns the results or an error, and never panics; results it
// accepts summarise to the summary.json it read.
func FuzzLoad(f *testing.F) {
	_, files := smallComparison(f)
	r, d, s, m := files[ResultsFile], files[DronesFile], files[SummaryFile], files[ManifestFile]
	sig := signatureOf(f, s)
	f.Add(r, d, s, m, false)
	f.Add(r, d, s, m, true)
	dup := lines(r, func(ls []string) []string { return append(ls[:3], append([]string{ls[2]}, ls[3:]...)...) })
	f.Add(dup, d, s, m, true)
	f.Add(lines(r, field(2, 15, "-1")), d, s, m, true)
	f.Add(lines(r, func(ls []string) []string { return ls[:len(ls)-1] }), d, s, m, true)
	f.Add(r, lines(d, func(ls []string) []string { return ls[:len(ls)-1] }), s, m, true)
	f.Add(r, d, []byte(`{"design":{}}`), m, true)
	f.Fuzz(func(t *testing.T, results, drones, summary, man []byte, fix bool) {
		res, sum, err := load(fuzzDir(sig, results, drones, summary, man, fix), "dir")
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := writeJSON(&b, Summarise(res)); err != nil || !bytes.Equal(b.Bytes(), summary) || sum.Design == nil {
			t.Errorf("accepted a summary.json that is not what its results give")
		}
	})
}

// FuzzMerge: merging the two shards of a small comparison, each mutated
// (with its manifest rewritten to match), never panics: a shard that Load
// refuses is never merged, and what Merge accepts summarises.
func FuzzMerge(f *testing.F) {
	_, a := smallComparison(f, 0, 2)
	_, b := smallComparison(f, 1, 2)
	sig := signatureOf(f, a[SummaryFile])
	f.Add(a[ResultsFile], a[DronesFile], a[SummaryFile], b[ResultsFile], b[DronesFile], b[SummaryFile])
	f.Add(lines(a[ResultsFile], func(ls []string) []string { return ls[:len(ls)-1] }), a[DronesFile], a[SummaryFile],
		b[ResultsFile], b[DronesFile], b[SummaryFile])
	f.Add(a[ResultsFile], a[DronesFile], a[SummaryFile], a[ResultsFile], a[DronesFile], a[SummaryFile])
	f.Fuzz(func(t *testing.T, r0, d0, s0, r1, d1, s1 []byte) {
		var shards []*Results
		for _, fs := range []fstest.MapFS{fuzzDir(sig, r0, d0, s0, nil, true), fuzzDir(sig, r1, d1, s1, nil, true)} {
			res, _, err := load(fs, "dir")
			if err != nil {
				return
			}
			shards = append(shards, res)
		}
		merged, err := Merge(shards)
		if err != nil {
			return
		}
		if s := Summarise(merged); s.Replications != merged.Design.Replications {
			t.Errorf("merged %d replications of a design of %d", s.Replications, merged.Design.Replications)
		}
	})
}
