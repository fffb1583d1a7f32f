package compare

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/scenarios"
)

// manifest is manifest.json: the design's signature, and the size and
// sha256 of each data file as WriteFiles wrote it.
type manifest struct {
	Signature string          `json:"signature"`
	Files     []manifestEntry `json:"files"`
}

// manifestEntry is one data file of the manifest.
type manifestEntry struct {
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

var (
	sha256Hex    = regexp.MustCompile(`^[0-9a-f]{64}$`)
	signatureHex = regexp.MustCompile(`^[0-9a-f]{16}$`)
)

// parseManifest reads manifest.json and checks that it lists the three
// data files, in order.
func parseManifest(b []byte) (*manifest, error) {
	var m manifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, &lineError{jsonLine(b, err), err}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &lineError{lineOf(b, dec.InputOffset()), errors.New("expected the end of the file after the manifest")}
	}
	if !signatureHex.MatchString(m.Signature) {
		return nil, fmt.Errorf("signature: expected 16 hexadecimal digits, found %q", m.Signature)
	}
	if len(m.Files) != len(dataFiles) {
		return nil, fmt.Errorf("files: expected %d files (%s), found %d", len(dataFiles), strings.Join(dataFiles, ", "), len(m.Files))
	}
	for i, e := range m.Files {
		switch {
		case e.Name != dataFiles[i]:
			return nil, fmt.Errorf("files[%d].name: expected %s, found %q", i, dataFiles[i], e.Name)
		case e.Bytes < 0:
			return nil, fmt.Errorf("files[%d].bytes: expected a size >= 0, found %d", i, e.Bytes)
		case !sha256Hex.MatchString(e.SHA256):
			return nil, fmt.Errorf("files[%d].sha256: expected 64 hexadecimal digits, found %q", i, e.SHA256)
		}
	}
	return &m, nil
}

// matches reports whether the file name of fsys has the entry's size and
// sha256; false, with no error, when it does not exist.
func (e *manifestEntry) matches(fsys fs.FS, name string) (bool, error) {
	b, found, err := e.read(fsys, name, 0)
	if err != nil || !found || int64(len(b)) != e.Bytes {
		return false, err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]) == e.SHA256, nil
}

// read reads the file name of fsys unless it is larger than the entry's
// size plus slack; found is false when it does not exist, and b nil when
// it is too large.
func (e *manifestEntry) read(fsys fs.FS, name string, slack int64) (b []byte, found bool, err error) {
	fi, err := fs.Stat(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if fi.Size() > e.Bytes+slack || !fi.Mode().IsRegular() {
		return nil, true, nil
	}
	b, err = fs.ReadFile(fsys, name)
	return b, err == nil, err
}

// Load reads a comparison's results from its output directory (the design
// and state from summary.json, the rows from results.csv and drones.csv)
// and verifies them. It refuses, with the file, line and what is wrong, a
// directory whose files are not what cuasim compare wrote: a data file
// changed since (its size or sha256 differs from manifest.json's), a
// summary.json that is not what the results give, or results that
// contradict the design or themselves (a replication with a row missing
// or twice, a seed other than first_seed + replication, a layout, variant
// or threshold the design lacks, a negative count, counts that do not add
// up, hours other than the design's duration, drones that disagree with
// the counts). A directory with none of a comparison's files is
// ErrNoResults.
func Load(path string) (*Results, *Summary, error) {
	if path == "" {
		path = "."
	}
	return load(os.DirFS(path), path)
}

// load is Load on a file system; dir names it in errors.
func load(fsys fs.FS, dir string) (*Results, *Summary, error) {
	at := func(name string) string { return filepath.Join(dir, name) }
	mb, err := fs.ReadFile(fsys, ManifestFile)
	if errors.Is(err, fs.ErrNotExist) {
		for _, name := range []string{SummaryFile, ResultsFile, DronesFile, CurveFile} {
			if _, err := fs.Stat(fsys, name); err == nil {
				return nil, nil, fmt.Errorf("%s: %s without %s: not a comparison this cuasim wrote (the output of cuasim run, a comparison written before manifests, or one whose manifest was removed); nothing vouches for its files",
					dir, name, ManifestFile)
			}
		}
		return nil, nil, fmt.Errorf("%s: %w (no %s)", dir, ErrNoResults, ManifestFile)
	}
	if err != nil {
		return nil, nil, err
	}
	m, err := parseManifest(mb)
	if err != nil {
		return nil, nil, located(at(ManifestFile), err)
	}

	// Each data file is in place, or, after a commit whose renames were
	// cut short, still at NAME.partial. A file that matches neither is
	// read anyway when it is not much larger, so that what is wrong with
	// it can be said with its line.
	content := map[string][]byte{}
	var changed []string
	for _, e := range m.Files {
		if ok, err := e.matches(fsys, e.Name+partialSuffix); err == nil && ok {
			if ok, err := e.matches(fsys, e.Name); err != nil || !ok {
				content[e.Name], _ = fs.ReadFile(fsys, e.Name+partialSuffix)
				continue
			}
		}
		b, found, err := e.read(fsys, e.Name, 1<<20+e.Bytes)
		switch {
		case err != nil:
			return nil, nil, fmt.Errorf("%s: %w", at(e.Name), err)
		case !found:
			return nil, nil, fmt.Errorf("%s: missing; %s lists it (%d bytes)", at(e.Name), ManifestFile, e.Bytes)
		case b == nil:
			return nil, nil, fmt.Errorf("%s: changed since cuasim compare wrote it: not a file, or far larger than the %d bytes %s records", at(e.Name), e.Bytes, ManifestFile)
		}
		content[e.Name] = b
		sum := sha256.Sum256(b)
		if int64(len(b)) != e.Bytes || hex.EncodeToString(sum[:]) != e.SHA256 {
			changed = append(changed, fmt.Sprintf("%s: changed since cuasim compare wrote it: %d bytes with sha256 %.12s…, where %s records %d bytes with sha256 %.12s… (an edit, a damaged disk, or another program's write)",
				at(e.Name), len(b), hex.EncodeToString(sum[:]), ManifestFile, e.Bytes, e.SHA256))
		}
	}

	sb := content[SummaryFile]
	var s Summary
	if err := json.Unmarshal(sb, &s); err != nil {
		return nil, nil, fmt.Errorf("%s:%d: not a comparison summary: %w", at(SummaryFile), jsonLine(sb, err), err)
	}
	if s.Design == nil {
		return nil, nil, fmt.Errorf("%s: not a comparison summary: no design", at(SummaryFile))
	}
	d := s.Design
	if err := d.checkLoaded(); err != nil {
		return nil, nil, fmt.Errorf("%s: design: not one cuasim compare makes: %w", at(SummaryFile), err)
	}
	switch sig := d.Signature(); {
	case s.Signature != sig:
		return nil, nil, fmt.Errorf("%s: signature %q is not the design's, %s", at(SummaryFile), s.Signature, sig)
	case m.Signature != sig:
		return nil, nil, fmt.Errorf("%s: signature %s is not the design's in %s, %s: the files are of two comparisons", at(ManifestFile), m.Signature, SummaryFile, sig)
	}
	res := &Results{Design: d, Partial: s.Partial, Shard: s.Shard}
	if res.Rows, err = readRows(at(ResultsFile), bytes.NewReader(content[ResultsFile])); err != nil {
		return nil, nil, err
	}
	if res.Drones, err = readDrones(at(DronesFile), bytes.NewReader(content[DronesFile])); err != nil {
		return nil, nil, err
	}
	if res.Curves, err = readCurves(at(CurveFile), bytes.NewReader(content[CurveFile])); err != nil {
		return nil, nil, err
	}
	for _, r := range res.Rows {
		if n := len(res.Replications); n == 0 || res.Replications[n-1] != r.Replication {
			res.Replications = append(res.Replications, r.Replication)
		}
	}
	if err := res.check(at(ResultsFile), recordLines(content[ResultsFile]), at(DronesFile), recordLines(content[DronesFile])); err != nil {
		return nil, nil, err
	}
	var want bytes.Buffer
	if err := writeJSON(&want, Summarise(res)); err != nil {
		return nil, nil, err
	}
	if line, found, expected := firstDifference(sb, want.Bytes()); line > 0 {
		return nil, nil, fmt.Errorf("%s:%d: found %s where its results give %s: the file was edited, or written by a cuasim that summarises otherwise (it records cuasim_version %s)",
			at(SummaryFile), line, found, expected, d.Version)
	}
	if len(changed) > 0 {
		return nil, nil, errors.New(strings.Join(changed, "\n"))
	}
	return res, &s, nil
}

// checkLoaded checks a design read from a file: the settings NewDesign
// checks, and the shape NewDesign gives a design.
func (d *Design) checkLoaded() error {
	if err := d.checkSettings(); err != nil {
		return err
	}
	uniq := func(what string, labels []string) error {
		if len(labels) == 0 {
			return fmt.Errorf("%s: expected at least one, found none", what)
		}
		seen := map[string]bool{}
		for _, l := range labels {
			if seen[l] {
				return fmt.Errorf("%s: %q twice", what, l)
			}
			seen[l] = true
		}
		return nil
	}
	labels := func(vs []Variant) []string {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = v.Label
		}
		return out
	}
	switch {
	case !(d.DurationS > 0 && d.DurationS <= scenarios.MaxDurationS):
		return fmt.Errorf("duration_s: expected a duration in (0, %d] s, found %g", scenarios.MaxDurationS, d.DurationS)
	case d.Precision == 0 && d.MaxReplications != 0:
		return fmt.Errorf("max_replications: expected none without a precision, found %d", d.MaxReplications)
	}
	if err := uniq("layouts", d.Layouts); err != nil {
		return err
	}
	if err := uniq("variants", labels(d.Variants)); err != nil {
		return err
	}
	if err := uniq("thresholds", labels(d.Thresholds)); err != nil {
		return err
	}
	if n := len(d.Layouts) * len(d.Variants) * len(d.Thresholds); n > maxCells {
		return fmt.Errorf("%d layout × variant × threshold cells; at most %d", n, maxCells)
	}
	return nil
}

// maxCount bounds every count of a results row: far more drones than a
// run may hold (scenarios.MaxEntities), and sums of counts stay exact.
const maxCount = 1_000_000_000

// maxStepS is the longest time step (run.step_s): a replication simulates
// its duration rounded up to whole steps.
const maxStepS = 10

// check checks the rows and drones read from files against the design and
// against each other; lines give each row's line in its file.
func (res *Results) check(resultsName string, resultsLines []int, dronesName string, dronesLines []int) error {
	d := res.Design
	li, vi, ti := index(d.Layouts), variantIndex(d.Variants), variantIndex(d.Thresholds)
	shardI, shardN := 0, 1
	if res.Shard != "" {
		i, n, ok := strings.Cut(res.Shard, "/")
		a, err1 := strconv.Atoi(i)
		b, err2 := strconv.Atoi(n)
		if !ok || err1 != nil || err2 != nil || b < 2 || a < 0 || a >= b || d.Precision > 0 {
			return fmt.Errorf("shard: expected i/n with 0 <= i < n, n >= 2, and no precision, found %q", res.Shard)
		}
		shardI, shardN = a, b
	}
	maxRep := d.Replications
	if d.Precision > 0 {
		maxRep = d.MaxReplications
	}
	line := func(lines []int, i int) int {
		if i < len(lines) {
			return lines[i]
		}
		return i + 2
	}
	type key struct{ r, l, v, t int }
	less := func(a, b key) int {
		for _, c := range [][2]int{{a.r, b.r}, {a.l, b.l}, {a.v, b.v}, {a.t, b.t}} {
			if c[0] != c[1] {
				if c[0] < c[1] {
					return -1
				}
				return 1
			}
		}
		return 0
	}
	cells := len(d.Layouts) * len(d.Variants) * len(d.Thresholds)
	lo := d.DurationS / 3600
	hi := (d.DurationS + maxStepS) / 3600
	hours := map[string]float64{} // by variant
	rowAt := map[key]int{}        // index of each row
	perRep := map[int]int{}
	firstOfRep := map[int]int{}
	var prev key
	for i := range res.Rows {
		r := &res.Rows[i]
		at := fmt.Sprintf("%s:%d", resultsName, line(resultsLines, i))
		l, okL := li[r.Layout]
		v, okV := vi[r.Variant]
		t, okT := ti[r.Threshold]
		switch {
		case !okL:
			return fmt.Errorf("%s: layout %q is not one of the design's (%s)", at, r.Layout, strings.Join(d.Layouts, ", "))
		case !okV:
			return fmt.Errorf("%s: variant %q is not one of the design's", at, r.Variant)
		case !okT:
			return fmt.Errorf("%s: threshold %q is not one of the design's", at, r.Threshold)
		case r.Replication < 0 || r.Replication >= maxRep:
			return fmt.Errorf("%s: replication %d: the design has replications 0 to %d", at, r.Replication, maxRep-1)
		case r.Replication%shardN != shardI:
			return fmt.Errorf("%s: replication %d is not one of shard %s", at, r.Replication, res.Shard)
		case r.Seed != d.Seed(r.Replication):
			return fmt.Errorf("%s: seed %d: replication %d runs seed %d (first seed %d + replication)", at, r.Seed, r.Replication, d.Seed(r.Replication), d.FirstSeed)
		}
		for _, c := range []struct {
			name string
			n    int
		}{{"drones_entered", r.Entered}, {"timely", r.Timely}, {"short", r.Short}, {"late", r.Late}, {"missed", r.Missed},
			{"outside_alerted", r.OutsideAlerted}, {"incidents", r.Incidents}, {"false_alerts", r.FalseAlerts}, {"false_bird", r.FalseBird},
			{"false_clutter", r.FalseClutter}, {"false_rf_ghost", r.FalseRFGhost}, {"false_duplicate", r.FalseDuplicate}} {
			if c.n < 0 || c.n > maxCount {
				return fmt.Errorf("%s: %s: expected a count from 0 to %d, found %d", at, c.name, maxCount, c.n)
			}
		}
		switch sum, falses := r.Timely+r.Short+r.Late+r.Missed, r.FalseBird+r.FalseClutter+r.FalseRFGhost+r.FalseDuplicate; {
		case r.Entered != sum:
			return fmt.Errorf("%s: drones_entered %d is not timely + short + late + missed = %d", at, r.Entered, sum)
		case r.FalseAlerts != falses:
			return fmt.Errorf("%s: false_alerts %d is not the sum of its causes, %d", at, r.FalseAlerts, falses)
		case r.Incidents < r.FalseAlerts:
			return fmt.Errorf("%s: incidents %d are fewer than the false alerts among them, %d", at, r.Incidents, r.FalseAlerts)
		case !(r.Hours >= lo-1e-9 && r.Hours <= hi+1e-9):
			return fmt.Errorf("%s: hours %g: the design runs %g s, %.9g h (up to a step more)", at, r.Hours, d.DurationS, lo)
		}
		if h, ok := hours[r.Variant]; ok && h != r.Hours {
			return fmt.Errorf("%s: hours %g differ from the %g of the variant's other rows", at, r.Hours, h)
		}
		hours[r.Variant] = r.Hours
		k := key{r.Replication, l, v, t}
		if i > 0 {
			switch less(k, prev) {
			case 0:
				return fmt.Errorf("%s: a second row for replication %d, layout %s, variant %q, threshold %s", at, r.Replication, r.Layout, r.Variant, r.Threshold)
			case -1:
				return fmt.Errorf("%s: out of order: rows are by replication, then layout, variant and threshold in the design's order", at)
			}
		}
		prev = k
		rowAt[k] = i
		if perRep[r.Replication] == 0 {
			firstOfRep[r.Replication] = i
		}
		perRep[r.Replication]++
	}
	for _, r := range res.Replications {
		if n := perRep[r]; n != cells {
			return fmt.Errorf("%s:%d: replication %d has %d rows; a complete replication has one per layout × variant × threshold, %d",
				resultsName, line(resultsLines, firstOfRep[r]), r, n, cells)
		}
	}
	if !res.Partial {
		n := len(res.Replications)
		want := (maxRep - shardI + shardN - 1) / shardN // the shard's replications
		if d.Precision > 0 {
			want = max(d.Replications, n) // replications 0 to n-1, n from Replications to MaxReplications
		}
		if n != want || n > 0 && res.Replications[n-1] != shardI+(n-1)*shardN {
			return fmt.Errorf("%s: %d replications where a complete run has %d; the summary does not say partial", resultsName, n, want)
		}
	}

	// drones.csv: each drone in a cell of a complete replication, in
	// order, and its outcomes what the row counts.
	type tally struct{ timely, short, late, missed, outside int }
	tallies := map[key]*tally{}
	for i := range res.Drones {
		dr := &res.Drones[i]
		at := fmt.Sprintf("%s:%d", dronesName, line(dronesLines, i))
		l, okL := li[dr.Layout]
		v, okV := vi[dr.Variant]
		t, okT := ti[dr.Threshold]
		k := key{dr.Replication, l, v, t}
		if _, ok := rowAt[k]; !ok || !okL || !okV || !okT {
			return fmt.Errorf("%s: replication %d, layout %q, variant %q, threshold %q is no row of %s", at, dr.Replication, dr.Layout, dr.Variant, dr.Threshold, resultsName)
		}
		if i > 0 && less(k, prev) < 0 {
			return fmt.Errorf("%s: out of order: drones are by replication, then layout, variant and threshold in the design's order", at)
		}
		prev = k
		for _, x := range []struct {
			name string
			s    float64
		}{{"entry_s", dr.EntryS}, {"first_detection_s", dr.FirstDetectionS}, {"first_track_s", dr.FirstTrackS},
			{"first_alert_s", dr.FirstAlertS}, {"warning_s", dr.WarningS}} {
			if math.IsInf(x.s, 0) {
				return fmt.Errorf("%s: %s: expected a time or nothing, found %g", at, x.name, x.s)
			}
		}
		c := tallies[k]
		if c == nil {
			c = &tally{}
			tallies[k] = c
		}
		switch dr.Outcome {
		case metrics.OutcomeTimely:
			c.timely++
		case metrics.OutcomeShort:
			c.short++
		case metrics.OutcomeLate:
			c.late++
		case metrics.OutcomeMissed:
			c.missed++
		case metrics.OutcomeNoEntry:
			if !math.IsNaN(dr.FirstAlertS) {
				c.outside++
			}
		default:
			return fmt.Errorf("%s: outcome %q: expected %s, %s, %s, %s or %s", at, dr.Outcome,
				metrics.OutcomeTimely, metrics.OutcomeShort, metrics.OutcomeLate, metrics.OutcomeMissed, metrics.OutcomeNoEntry)
		}
	}
	for k, i := range rowAt {
		r := &res.Rows[i]
		c := tallies[k]
		if c == nil {
			c = &tally{}
		}
		if got := (tally{r.Timely, r.Short, r.Late, r.Missed, r.OutsideAlerted}); *c != got {
			return fmt.Errorf("%s:%d: timely, short, late, missed and outside_alerted are %d, %d, %d, %d and %d, but %s has %d, %d, %d, %d and %d for replication %d, layout %s, variant %q, threshold %s",
				resultsName, line(resultsLines, i), got.timely, got.short, got.late, got.missed, got.outside, dronesName,
				c.timely, c.short, c.late, c.missed, c.outside, r.Replication, r.Layout, r.Variant, r.Threshold)
		}
	}
	return nil
}

// recordLines returns the line on which each record after the header
// starts (a quoted field may span lines).
func recordLines(b []byte) []int {
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var lines []int
	for first := true; ; first = false {
		if _, err := cr.Read(); err != nil {
			return lines
		}
		if !first {
			l, _ := cr.FieldPos(0)
			lines = append(lines, l)
		}
	}
}

// firstDifference returns the first line (1-based) where got differs from
// want and both lines, trimmed; line 0 when they are equal.
func firstDifference(got, want []byte) (line int, g, w string) {
	if bytes.Equal(got, want) {
		return 0, "", ""
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; ; i++ {
		var a, b string
		if i < len(gl) {
			a = gl[i]
		}
		if i < len(wl) {
			b = wl[i]
		}
		if a != b || i >= len(gl) || i >= len(wl) {
			quote := func(s string) string {
				s = strings.TrimSpace(s)
				if len(s) > 80 {
					s = s[:80] + "…"
				}
				if s == "" {
					return "nothing"
				}
				return "`" + s + "`"
			}
			return i + 1, quote(a), quote(b)
		}
	}
}

// lineError is an error on a line of a file.
type lineError struct {
	line int
	err  error
}

func (e *lineError) Error() string { return fmt.Sprintf("%d: %v", e.line, e.err) }
func (e *lineError) Unwrap() error { return e.err }

// located prefixes an error with the file and, for a lineError, the line.
func located(file string, err error) error {
	if le, ok := err.(*lineError); ok {
		return fmt.Errorf("%s:%d: %w", file, le.line, le.err)
	}
	return fmt.Errorf("%s: %w", file, err)
}

// jsonLine returns the line of a JSON decoding error (1 when it has none).
func jsonLine(b []byte, err error) int {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return lineOf(b, se.Offset)
	case errors.As(err, &te):
		return lineOf(b, te.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return lineOf(b, int64(len(b)))
	}
	return 1
}

// lineOf returns the line (1-based) of a byte offset.
func lineOf(b []byte, off int64) int {
	off = min(max(off, 0), int64(len(b)))
	return bytes.Count(b[:off], []byte("\n")) + 1
}
