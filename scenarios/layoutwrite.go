package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"
)

// Writing layouts into a scenario file: the viewer saves the sensors a
// user dragged, and a layout search the layouts it found, so that
// `cuasim compare FILE --layouts NAME` runs them. The file is edited as
// text: the new layouts are inserted at the end of its layouts section
// (or a section is added at the end of the file), a replaced layout's
// lines are replaced, and every other byte — comments, blank lines,
// anchors, the order and style of every other value — is kept.

// ErrLayoutExists is wrapped by the error of AddLayouts and SaveLayouts
// when the file already has a layout of a name to be written and replace
// is false.
var ErrLayoutExists = errors.New("is already a layout of the file")

// LayoutOf returns the layout called name whose sensors are sensors,
// written against listed, the scenario's listed sensors (its base
// layout): a listed sensor missing from sensors is removed, one of the
// same id and type with other values is changed, and the others are
// added. WithLayout gives the layout's sensors in the listed order, then
// the added ones in the order of sensors.
func LayoutOf(name string, listed, sensors []Sensor) Layout {
	l := Layout{Name: name}
	for _, b := range listed {
		i := slices.IndexFunc(sensors, func(s Sensor) bool { return s.ID == b.ID })
		switch {
		case i < 0:
			l.Remove = append(l.Remove, b.ID)
		case sensors[i].Type != b.Type:
			l.Remove = append(l.Remove, b.ID)
			l.Add = append(l.Add, sensors[i])
		case !sameSensor(b, sensors[i]):
			l.Change = append(l.Change, SensorChange{ID: b.ID, Sensor: sensors[i]})
		}
	}
	for _, s := range sensors {
		if !slices.ContainsFunc(listed, func(b Sensor) bool { return b.ID == s.ID }) {
			l.Add = append(l.Add, s)
		}
	}
	return l
}

// SameSensors reports whether a and b hold the same sensors in the same
// order, with the same values as a file writes them (a position given as
// lat/lon is the point it converts to).
func SameSensors(a, b []Sensor) bool {
	return slices.EqualFunc(a, b, sameSensor)
}

// sameSensor reports whether two sensors have the same values, as the
// file writes them.
func sameSensor(a, b Sensor) bool {
	return sameNode(encodeValue(reflect.ValueOf(a), encodeAll), encodeValue(reflect.ValueOf(b), encodeAll))
}

// AddLayouts returns the scenario file src (file names it in messages)
// with layouts written into its layouts section. A change is written as
// the fields in which its sensor differs from the listed one; an added
// sensor with the fields that are not at their default. A layout whose
// name the file already has replaces it when replace is true; otherwise
// it is an error that wraps ErrLayoutExists, and nothing is written.
//
// The result is checked before it is returned: it loads, its listed
// sensors and other layouts are those of src, and each layout written
// has the sensors the Layout value describes.
func AddLayouts(file string, src []byte, layouts []Layout, replace bool) ([]byte, error) {
	s, err := Parse(file, src)
	if err != nil {
		return nil, fmt.Errorf("%s does not load, so no layout is written to it:\n%w", shown(file), err)
	}
	var added, replaced []*yaml.Node // the layouts' nodes, to add and to replace
	var replacedAt []int             // the index in the file of each replaced layout
	for i, l := range layouts {
		if err := checkNewLayout(l, layouts[:i]); err != nil {
			return nil, fmt.Errorf("%s: %w", shown(file), err)
		}
		n, err := encodeLayout(l, s.Sensors)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", shown(file), err)
		}
		j := slices.IndexFunc(s.Layouts, func(x Layout) bool { return x.Name == l.Name })
		if j < 0 {
			added = append(added, n)
			continue
		}
		if !replace {
			where := shown(file)
			if at := s.pos[fmt.Sprintf("layouts[%d].name", j)]; at != nil {
				where = fmt.Sprintf("%s:%d:%d", where, at.Line, at.Column)
			}
			return nil, fmt.Errorf("%s: layouts[%d].name: %q %w; give another name, or replace it", where, j, l.Name, ErrLayoutExists)
		}
		replaced, replacedAt = append(replaced, n), append(replacedAt, j)
	}
	out, err := editLayouts(src, s.root, added, replaced, replacedAt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown(file), err)
	}
	if err := checkWritten(file, s, out, layouts); err != nil {
		return nil, err
	}
	return out, nil
}

// checkNewLayout checks a layout to be written: its name, its description,
// and that the layouts before it have other names.
func checkNewLayout(l Layout, before []Layout) error {
	switch {
	case l.Name == "":
		return errors.New("a layout to write has no name")
	case l.Name == BaseLayout:
		return fmt.Errorf("layout %q: expected a name other than %s, which is the listed sensors", l.Name, BaseLayout)
	case slices.ContainsFunc(before, func(x Layout) bool { return x.Name == l.Name }):
		return fmt.Errorf("layout %q is given twice", l.Name)
	}
	if msg := nameProblem(l.Name); msg != "" {
		return fmt.Errorf("layout name: %s", msg)
	}
	if msg := textProblem(l.Description); msg != "" {
		return fmt.Errorf("layout %q: description: %s", l.Name, msg)
	}
	return nil
}

// encodeLayout returns layout l as the mapping a file holds, its changes
// written against the listed sensors.
func encodeLayout(l Layout, listed []Sensor) (*yaml.Node, error) {
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{str("name"), str(l.Name)}}
	if l.Description != "" {
		m.Content = append(m.Content, str("description"), str(l.Description))
	}
	if len(l.Remove) > 0 {
		m.Content = append(m.Content, str("remove"), encodeValue(reflect.ValueOf(l.Remove), encodeShort))
	}
	changes := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, c := range l.Change {
		k := slices.IndexFunc(listed, func(s Sensor) bool { return s.ID == c.ID })
		if k < 0 {
			return nil, fmt.Errorf("layout %q: change of %q: expected the id of a listed sensor (%s)", l.Name, c.ID, listOrNone(sensorIDs(listed)))
		}
		n, err := encodeChange(c, listed[k])
		if err != nil {
			return nil, fmt.Errorf("layout %q: change of %q: %w", l.Name, c.ID, err)
		}
		if len(n.Content) > 2 { // more than sensor: ID
			changes.Content = append(changes.Content, n)
		}
	}
	if len(changes.Content) > 0 {
		m.Content = append(m.Content, str("change"), changes)
	}
	if len(l.Add) > 0 {
		m.Content = append(m.Content, str("add"), encodeValue(reflect.ValueOf(l.Add), encodeShort))
	}
	return m, nil
}

// encodeChange returns the change of listed sensor b to c.Sensor as the
// file writes it: sensor: ID and the fields whose values differ.
func encodeChange(c SensorChange, b Sensor) (*yaml.Node, error) {
	c.Sensor.ID = c.ID
	was := encodeValue(reflect.ValueOf(b), encodeAll)
	now := encodeValue(reflect.ValueOf(c.Sensor), encodeAll)
	short := encodeValue(reflect.ValueOf(c.Sensor), encodeShort)
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "sensor"}, {Kind: yaml.ScalarNode, Tag: "!!str", Value: c.ID}}}
	for i := 0; i+1 < len(now.Content); i += 2 {
		key, val := now.Content[i].Value, now.Content[i+1]
		if old := mappingValue(was, key); old != nil && sameNode(old, val) {
			continue
		}
		if key == "type" {
			return nil, fmt.Errorf("expected a sensor of the listed one's type %s, found %s; remove the sensor and add another", b.Type, c.Sensor.Type)
		}
		if v := mappingValue(short, key); v != nil {
			val = v
		}
		n.Content = append(n.Content, now.Content[i], val)
	}
	for i := 0; i+1 < len(was.Content); i += 2 {
		if key := was.Content[i].Value; mappingValue(now, key) == nil {
			return nil, fmt.Errorf("%s is set on the listed sensor and a change cannot unset it; remove the sensor and add it instead", key)
		}
	}
	return n, nil
}

// editLayouts returns src with the layouts added at the end of its
// layouts section (root is src's parsed mapping) and those replaced in
// place of the file's layouts at the indices replacedAt.
func editLayouts(src []byte, root *yaml.Node, added, replaced []*yaml.Node, replacedAt []int) ([]byte, error) {
	if root.Kind != yaml.MappingNode || root.Style&yaml.FlowStyle != 0 {
		return nil, errors.New("expected the scenario written as a block mapping (key: value lines), found a flow mapping {...}; no layout is written to it")
	}
	eol := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		eol = "\r\n"
	}
	lines := splitLines(src)
	var edits []lineEdit
	key := -1
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "layouts" {
			key = i
		}
	}
	if key < 0 {
		// A new section at the end of the file.
		if len(added) > 0 {
			end := trimTrailing(lines, len(lines), 0, 0)
			text := "layouts:" + eol
			if end > 0 && strings.TrimSpace(lines[end-1]) != "" {
				text = eol + text
			}
			if end > 0 && !strings.HasSuffix(lines[end-1], "\n") {
				text = eol + text
			}
			edits = append(edits, lineEdit{at: end, text: text + renderItems(added, 2, eol)})
		}
		return applyEdits(lines, edits), nil
	}
	k, seq := root.Content[key], root.Content[key+1]
	keyLine := k.Line - 1
	if seq.Kind == yaml.AliasNode {
		return nil, fmt.Errorf("%d:%d: layouts: expected the layouts written out, found an alias (*%s); no layout is written to it", seq.Line, seq.Column, seq.Value)
	}
	empty := seq.Kind == yaml.SequenceNode && len(seq.Content) == 0
	if empty {
		if seq.Line != k.Line {
			return nil, fmt.Errorf("%d:%d: layouts: expected an empty list written on the key's line, found it on line %d; no layout is written to it", k.Line, k.Column, seq.Line)
		}
		// layouts: [] becomes layouts: and the items under it.
		text := strings.Repeat(" ", k.Column-1) + "layouts:" + eol + renderItems(added, k.Column+1, eol)
		return applyEdits(lines, []lineEdit{{at: keyLine, drop: 1, text: text}}), nil
	}
	if seq.Kind != yaml.SequenceNode || seq.Style&yaml.FlowStyle != 0 {
		return nil, fmt.Errorf("%d:%d: layouts: expected a block list (- name: ... lines), found %s; write it so and try again", seq.Line, seq.Column, describe(seq))
	}
	dash := seq.Column - 1 // the items' indentation
	start := func(j int) int {
		at := seq.Content[j].Line - 1
		for at > keyLine && !dashAt(lines[at], dash) {
			at--
		}
		return at
	}
	end := len(lines)
	if key+2 < len(root.Content) {
		end = root.Content[key+2].Line - 1
	}
	end = trimTrailing(lines, end, keyLine+1, dash)
	for i, j := range replacedAt {
		to := end
		if j+1 < len(seq.Content) {
			to = trimTrailing(lines, start(j+1), keyLine+1, dash)
		}
		from := start(j)
		edits = append(edits, lineEdit{at: from, drop: to - from, text: renderItems(replaced[i:i+1], dash, eol)})
	}
	if len(added) > 0 {
		text := renderItems(added, dash, eol)
		if !strings.HasSuffix(lines[end-1], "\n") {
			text = eol + text
		}
		edits = append(edits, lineEdit{at: end, text: text})
	}
	return applyEdits(lines, edits), nil
}

// lineEdit replaces drop lines from line at (0-based) by text.
type lineEdit struct {
	at, drop int
	text     string
}

// applyEdits applies edits that do not overlap.
func applyEdits(lines []string, edits []lineEdit) []byte {
	slices.SortFunc(edits, func(a, b lineEdit) int { return b.at - a.at })
	out := slices.Clone(lines)
	for _, e := range edits {
		out = slices.Replace(out, e.at, e.at+e.drop, e.text)
	}
	return []byte(strings.Join(out, ""))
}

// splitLines splits src after each line break, keeping the breaks.
func splitLines(src []byte) []string {
	var lines []string
	for s := string(src); s != ""; {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines, s = append(lines, s[:i+1]), s[i+1:]
	}
	return lines
}

// trimTrailing moves end (a line index) back over the blank lines, the
// comments indented no deeper than indent and the document end markers
// before it, but not before line from: the lines that belong to what
// follows rather than to the list that ends there.
func trimTrailing(lines []string, end, from, indent int) int {
	for end > from {
		l := strings.TrimRight(lines[end-1], "\r\n")
		t := strings.TrimLeft(l, " ")
		if t == "" || t == "..." || t == "---" || strings.HasPrefix(t, "#") && len(l)-len(t) <= indent {
			end--
			continue
		}
		break
	}
	return end
}

// dashAt reports whether line holds a list item's dash at column col.
func dashAt(line string, col int) bool {
	return len(line) > col && line[col] == '-' && strings.TrimSpace(line[:col]) == ""
}

// renderItems writes nodes as the items of a block list indented by
// indent spaces, with line breaks eol.
func renderItems(nodes []*yaml.Node, indent int, eol string) string {
	var b strings.Builder
	for _, n := range nodes {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{n}}
		out, err := yaml.Dump(seq, yaml.WithV2Defaults(), yaml.WithLineWidth(-1))
		if err != nil {
			panic(fmt.Sprintf("scenarios: encoding a layout: %v", err)) // the nodes are built here
		}
		for _, l := range splitLines(out) {
			b.WriteString(strings.Repeat(" ", indent))
			b.WriteString(strings.TrimSuffix(l, "\n"))
			b.WriteString(eol)
		}
	}
	return b.String()
}

// checkWritten checks the file written: it loads, keeps the listed
// sensors and the layouts not written, and gives each layout written the
// sensors it describes.
func checkWritten(file string, s *Scenario, out []byte, layouts []Layout) error {
	s2, err := Parse(file, out)
	if err != nil {
		return fmt.Errorf("%s: the file with the layouts written does not load, so it is not written:\n%w", shown(file), err)
	}
	want := map[string][]Sensor{BaseLayout: s.Sensors}
	for i := range s.Layouts {
		want[s.Layouts[i].Name] = s.layoutSensors(&s.Layouts[i])
	}
	for _, l := range layouts {
		l.Change = slices.Clone(l.Change)
		for i := range l.Change {
			l.Change[i].Sensor.ID = l.Change[i].ID
		}
		want[l.Name] = s.layoutSensors(&l)
	}
	for name, ss := range want {
		got, err := s2.WithLayout(name)
		if err != nil {
			return fmt.Errorf("%s: the file with the layouts written lost layout %s (%v), so it is not written", shown(file), name, err)
		}
		if len(got.Sensors) != len(ss) || slices.ContainsFunc(ss, func(x Sensor) bool {
			i := slices.IndexFunc(got.Sensors, func(y Sensor) bool { return y.ID == x.ID })
			return i < 0 || !sameSensor(x, got.Sensors[i])
		}) {
			return fmt.Errorf("%s: in the file with the layouts written, layout %s does not have the sensors given, so it is not written", shown(file), name)
		}
	}
	return nil
}

// SaveLayouts writes layouts into the scenario file at path (as
// AddLayouts does) by writing the whole file anew under a temporary name
// and renaming it, so that no reader sees half a file. When path does
// not exist and src is not nil, src is the scenario written there with
// the layouts: a copy of a built-in scenario, or of one whose file is out
// of reach.
func SaveLayouts(path string, src []byte, layouts []Layout, replace bool) error {
	mode := fs.FileMode(0o644)
	data, err := readScenarioFile(path)
	switch {
	case err == nil:
		if fi, err := os.Stat(path); err == nil {
			mode = fi.Mode().Perm()
		}
	case errors.Is(err, fs.ErrNotExist) && src != nil:
		data = src
	default:
		return err
	}
	out, err := AddLayouts(path, data, layouts, replace)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, out, mode)
}

// readScenarioFile reads a scenario file of at most MaxFileBytes.
func readScenarioFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(data) > MaxFileBytes {
		return nil, tooLarge(path, int64(len(data)))
	}
	return data, nil
}

// writeFileAtomic writes data to path under a temporary name in the same
// directory, then renames it.
func writeFileAtomic(path string, data []byte, mode fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), mode)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
