package scenarios

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/cuasim/cuasim/geo"
)

//go:embed library/*.yaml
var library embed.FS

// Parse reads a scenario from YAML. file names the source in error
// messages. The result is fully validated: every problem found is returned at
// once as an ErrorList of file:line:col: path: message lines.
func Parse(file string, data []byte) (*Scenario, error) {
	if len(data) > MaxFileBytes {
		return nil, tooLarge(file, int64(len(data)))
	}
	root, err := parseYAML(file, data)
	if err != nil {
		return nil, err
	}
	if expandedSize(root, MaxDecodedValues, map[*yaml.Node]int{}) > MaxDecodedValues {
		return nil, ErrorList{{File: file, Line: root.Line, Col: root.Column,
			Msg: fmt.Sprintf("expected at most %d values once YAML aliases are expanded, found more; repeat less through aliases", MaxDecodedValues)}}
	}
	s, err := parseNode(file, root)
	if err != nil {
		return nil, err
	}
	s.src = data
	return s, nil
}

// Source returns the YAML the scenario was parsed from (before any layout
// or override), for recording with results.
func (s *Scenario) Source() []byte { return s.src }

// parseNode decodes and validates a scenario from its YAML node tree.
func parseNode(file string, root *yaml.Node) (*Scenario, error) {
	return parseNodeAt(file, root, nil, nil)
}

// parseNodeAt is parseNode with the pfa that each reference radar which
// gives none is stated at, by its path (see Scenario.refPfa); radars not
// in refPfa are stated at their own pfa. prev is the terrain of the
// scenario this one is derived from, if any, whose grid is reused when its
// tiles are the same.
func parseNodeAt(file string, root *yaml.Node, refPfa map[string]float64, prev *Terrain) (*Scenario, error) {
	d := newDecoder(file)
	d.refPfa = refPfa
	var s Scenario
	d.pos[""] = root
	d.decode(root, reflectValue(&s), "")
	if d.failures == 0 {
		d.decodeChanges(&s)
	}
	if d.failures == 0 {
		d.resolvePoints(s.Site.Origin)
		s.crossCheck(d)
		s.checkBudget(d)
	}
	if len(d.errs) == 0 {
		s.loadTerrain(d, file, prev)
	}
	if len(d.errs) > 0 {
		return nil, d.errs.sort()
	}
	s.file, s.root = file, root
	s.pos = d.pos
	s.warnings = d.warns
	s.refPfa = d.resolvedRefPfa
	return &s, nil
}

// tooLarge is the error for a file over MaxFileBytes.
func tooLarge(file string, size int64) error {
	return ErrorList{{File: file, Msg: fmt.Sprintf("expected a scenario file of at most %d MiB, found %.1f MiB; the limit is in docs/scenario-reference.md",
		MaxFileBytes>>20, float64(size)/(1<<20))}}
}

// CheckBudget checks the run settings, and the limits on what the run
// would cost (see Budget), again. Parse has checked them; a caller that
// changes s.Run afterwards (cuasim run --duration) calls CheckBudget before
// running. The errors point where the file set the values.
func (s *Scenario) CheckBudget() error {
	d := newDecoder(s.file)
	d.pos = s.pos
	d.checkRanges(reflectValue(&s.Run), "run")
	s.Run.check(d, "run")
	s.checkBudget(d)
	if len(d.errs) > 0 {
		return d.errs.sort()
	}
	return nil
}

// WithRun returns a copy of the scenario with its seed (when seed is not
// nil) and duration (when durationS > 0) replaced, checked by CheckBudget
// against the limits the file's run section is held to. Every command that
// runs a scenario for a seed or time the user chose goes through it (cuasim
// run --duration, and each layout and variant of cuasim compare --duration),
// so that one limit, the week of run.duration_s (MaxDurationS), holds for
// all of them.
func (s *Scenario) WithRun(seed *uint64, durationS float64) (*Scenario, error) {
	c := *s
	if seed != nil {
		c.Run.Seed = *seed
	}
	if durationS > 0 {
		c.Run.DurationS = durationS
	}
	if err := c.CheckBudget(); err != nil {
		return nil, err
	}
	return &c, nil
}

// parseYAML parses exactly one YAML document into a node tree.
func parseYAML(file string, data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, ErrorList{{File: file, Line: 1, Col: 1, Msg: "expected a scenario (a mapping with name, site, sensors, run, ...), found an empty file"}}
		}
		return nil, syntaxError(file, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, ErrorList{{File: file, Line: extra.Line, Col: extra.Column, Msg: "expected one YAML document, found a second one (---)"}}
	} else if !errors.Is(err, io.EOF) {
		return nil, syntaxError(file, data, err)
	}
	if len(doc.Content) == 0 {
		return nil, ErrorList{{File: file, Line: 1, Col: 1, Msg: "expected a scenario, found an empty document"}}
	}
	return doc.Content[0], nil
}

// syntaxError turns the YAML parser's error into a FieldError with its position.
func syntaxError(file string, data []byte, err error) error {
	var le *yaml.LoadError
	if errors.As(err, &le) {
		msg := "YAML syntax: " + le.Message
		if i := le.Mark.Index; i >= 0 && i < len(data) && data[i] == '\t' {
			msg += ": a tab; YAML is indented with spaces"
		} else if le.ContextMsg != "" && le.ContextMark.Line > 0 && le.ContextMark.Line != le.Mark.Line {
			msg += " (" + le.ContextMsg + " from line " + fmt.Sprint(le.ContextMark.Line) + ")"
		}
		return ErrorList{{File: file, Line: le.Mark.Line, Col: le.Mark.Column, Msg: msg}}
	}
	return ErrorList{{File: file, Msg: "YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}}
}

// resolvePoints converts the points given as lat/lon to the local frame.
func (d *decoder) resolvePoints(origin *Origin) {
	if len(d.points) == 0 {
		return
	}
	if origin == nil {
		for _, p := range d.points {
			d.errorf(p.path, "expected e_m and n_m, or lat/lon with site.origin set, found lat/lon without site.origin")
		}
		return
	}
	f := geo.NewFrame(geo.LLA{LatDeg: origin.LatDeg, LonDeg: origin.LonDeg, AltM: origin.AltM})
	for _, p := range d.points {
		enu := f.ToENU(geo.LLA{LatDeg: p.lla.LatDeg, LonDeg: p.lla.LonDeg, AltM: origin.AltM})
		p.EastM, p.NorthM = enu.X, enu.Y
		p.checkRange(d, d.nodeFor(p.path), p.path)
	}
}

// Load reads and validates a scenario file. A file larger than
// MaxFileBytes is refused without reading it all.
func Load(file string) (*Scenario, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("reading scenario: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading scenario: %w", err)
	}
	if len(data) > MaxFileBytes {
		size := int64(len(data))
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
		return nil, tooLarge(file, size)
	}
	return Parse(file, data)
}

// Embedded returns the named scenario from the built-in library.
func Embedded(name string) (*Scenario, error) {
	file := "library/" + name + ".yaml"
	data, err := library.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("no embedded scenario %q; cuasim scenarios lists them (%s)", name, strings.Join(Names(), ", "))
	}
	return Parse(file, data)
}

// Open loads a scenario by embedded name or file path: an argument naming an
// existing file (not a directory), or ending in .yaml or .yml, or with a
// path separator, is a path.
func Open(arg string) (*Scenario, error) {
	fi, err := os.Stat(arg)
	if (err == nil && !fi.IsDir()) || strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml") || strings.ContainsRune(arg, os.PathSeparator) {
		return Load(arg)
	}
	return Embedded(arg)
}

// Names lists the embedded scenarios in alphabetical order.
func Names() []string {
	entries, _ := fs.Glob(library, "library/*.yaml")
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = strings.TrimSuffix(path.Base(e), ".yaml")
	}
	sort.Strings(names)
	return names
}

// File returns where the scenario was read from.
func (s *Scenario) File() string { return s.file }

// Summary returns the first sentence of the scenario's description.
func (s *Scenario) Summary() string {
	d := strings.Join(strings.Fields(s.Description), " ")
	if i := strings.Index(d, ". "); i >= 0 {
		return d[:i+1]
	}
	return d
}
