package scenarios

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
)

// PlacedLayout is a layout made by putting listed sensors, and copies of
// them, at chosen positions: what the layout search finds. Listed sensors
// that no placement names keep their listed place, unless Remove names
// them.
type PlacedLayout struct {
	Name, Description string
	Remove            []string // listed sensors the layout does without
	Placements        []Placement
}

// Placement puts a listed sensor, or a copy of it, at a position.
type Placement struct {
	Sensor       string // the listed sensor: its hardware and mast
	ID           string // the placed sensor's id: Sensor itself, or a new id for a copy
	Position     Point
	BoresightDeg float64
}

// AppendLayouts returns the scenario file's YAML with the layouts added at
// the end of its layouts section (which it starts at the end of the file
// when there is none), everything else, comments included, as written. A
// placement of a listed sensor is written as a change of its position and
// boresight (nothing when it stays where it is listed); a copy as an added
// sensor: the listed one's fields with its id, position and boresight.
// Parse of the result gives the scenario with the layouts.
func (s *Scenario) AppendLayouts(ls []PlacedLayout) ([]byte, error) {
	if s.root == nil || len(s.src) == 0 {
		return nil, fmt.Errorf("scenario %s was not parsed from YAML; layouts cannot be added to it", s.Name)
	}
	doc := s.root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	var seq *yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "layouts" {
			seq = doc.Content[i+1]
		}
	}
	items := make([]*yaml.Node, 0, len(ls))
	for _, l := range ls {
		if slices.Contains(s.LayoutNames(), l.Name) {
			return nil, fmt.Errorf("layout %q: the scenario has a layout of that name already", l.Name)
		}
		n, err := s.placedNode(l)
		if err != nil {
			return nil, fmt.Errorf("layout %q: %w", l.Name, err)
		}
		items = append(items, n)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.SequenceNode, Content: items}); err != nil {
		return nil, fmt.Errorf("writing layouts: %w", err)
	}
	block := strings.TrimSuffix(buf.String(), "\n")

	src := string(s.src)
	if !strings.HasSuffix(src, "\n") {
		src += "\n"
	}
	if seq == nil {
		return []byte(src + "\nlayouts:\n" + indent(block, 2) + "\n"), nil
	}
	if seq.Kind != yaml.SequenceNode || seq.Style&yaml.FlowStyle != 0 || len(seq.Content) == 0 {
		return nil, fmt.Errorf("%s: layouts is not a block list with an item; write it as one (- name: ...) to have layouts added", s.file)
	}
	// The items go after the last line of the last layout, at the column
	// of the existing items' dashes.
	last := lastLine(seq.Content[len(seq.Content)-1])
	dash := seq.Content[0].Column - 3
	if dash < 0 {
		return nil, fmt.Errorf("%s: cannot tell the indentation of the layouts list", s.file)
	}
	lines := strings.SplitAfter(src, "\n")
	if last > len(lines) {
		return nil, fmt.Errorf("%s: the layouts list ends past the end of the file", s.file)
	}
	// A block scalar's text runs on after the line its node is on: the
	// item goes on while lines (after blank ones) are indented deeper than
	// its dash.
	for i := last; i < len(lines); i++ {
		if t := strings.TrimLeft(lines[i], " "); t == "\n" || t == "" {
			continue
		} else if len(lines[i])-len(t) > dash {
			last = i + 1
			continue
		}
		break
	}
	out := strings.Join(lines[:last], "") + indent(block, dash) + "\n" + strings.Join(lines[last:], "")
	return []byte(out), nil
}

// placedNode builds the layouts entry of a placed layout.
func (s *Scenario) placedNode(l PlacedLayout) (*yaml.Node, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v *yaml.Node) {
		m.Content = append(m.Content, scalar(key), v)
	}
	add("name", scalar(l.Name))
	if l.Description != "" {
		add("description", scalar(l.Description))
	}
	if len(l.Remove) > 0 {
		r := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, id := range l.Remove {
			r.Content = append(r.Content, scalar(id))
		}
		add("remove", r)
	}
	change := &yaml.Node{Kind: yaml.SequenceNode}
	added := &yaml.Node{Kind: yaml.SequenceNode}
	for _, p := range l.Placements {
		k := slices.IndexFunc(s.Sensors, func(x Sensor) bool { return x.ID == p.Sensor })
		if k < 0 {
			return nil, fmt.Errorf("placement of %q: no listed sensor of that id", p.Sensor)
		}
		listed := s.Sensors[k]
		pos := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Content: []*yaml.Node{num(p.Position.EastM), num(p.Position.NorthM)}}
		if p.ID == p.Sensor {
			if listed.Position.EastM == p.Position.EastM && listed.Position.NorthM == p.Position.NorthM && listed.BoresightDeg == p.BoresightDeg {
				continue
			}
			c := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Content: []*yaml.Node{scalar("sensor"), scalar(p.Sensor), scalar("position"), pos}}
			if listed.BoresightDeg != p.BoresightDeg {
				c.Content = append(c.Content, scalar("boresight_deg"), num(p.BoresightDeg))
			}
			change.Content = append(change.Content, c)
			continue
		}
		n := cloneNode(resolveAlias(s.pos[fmt.Sprintf("sensors[%d]", k)]))
		if n == nil || n.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("placement of %q: the listed sensor's YAML is not at hand", p.Sensor)
		}
		setKey(n, "id", scalar(p.ID))
		setKey(n, "position", pos)
		setKey(n, "boresight_deg", num(p.BoresightDeg))
		clearPositions(n)
		added.Content = append(added.Content, n)
	}
	if len(change.Content) > 0 {
		add("change", change)
	}
	if len(added.Content) > 0 {
		add("add", added)
	}
	return m, nil
}

func scalar(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}

func num(x float64) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(x, 'g', -1, 64)}
}

// setKey sets a mapping's key to v, adding it at the end when absent.
func setKey(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, scalar(key), v)
}

// clearPositions drops the line numbers and comments of a copied node
// tree, so that it encodes as a fresh block.
func clearPositions(n *yaml.Node) {
	n.Line, n.Column = 0, 0
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for _, c := range n.Content {
		clearPositions(c)
	}
}

// lastLine returns the last line (1-based) any node of the tree is on.
func lastLine(n *yaml.Node) int {
	l := n.Line
	for _, c := range n.Content {
		l = max(l, lastLine(c))
	}
	return l
}

// indent prefixes each line of s with n spaces.
func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}
