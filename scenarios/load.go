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
	d := newDecoder(file)
	root, err := parseYAML(file, data)
	if err != nil {
		return nil, err
	}
	var s Scenario
	d.pos[""] = root
	d.decode(root, reflectValue(&s), "")
	if d.failures == 0 {
		d.resolvePoints(s.Site.Origin)
		s.crossCheck(d)
	}
	if len(d.errs) > 0 {
		return nil, d.errs.sort()
	}
	s.file = file
	return &s, nil
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
	}
}

// Load reads and validates a scenario file.
func Load(file string) (*Scenario, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading scenario: %w", err)
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
// existing file, or ending in .yaml or .yml, is a path.
func Open(arg string) (*Scenario, error) {
	if _, err := os.Stat(arg); err == nil || strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml") || strings.ContainsRune(arg, os.PathSeparator) {
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
