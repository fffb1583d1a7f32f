package scenarios

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
)

// Override is one field of a scenario set to a value from outside the
// file: a command-line --set or one point of a --sweep.
//
// Path names the field as error messages do: keys joined by dots, list
// items by index or by their id or name in brackets, e.g.
// tracker.confirm_m, alerting.p_drone, sensors[radar-main].pfa,
// sensors[0].scan.period_s, traffic[inbound].count. Value is written as in
// YAML: 0.5, 3, true, jpda.
type Override struct {
	Path  string `json:"path"`
	Value string `json:"value"`
}

// ParseOverride reads PATH=VALUE.
func ParseOverride(s string) (Override, error) {
	path, value, ok := strings.Cut(s, "=")
	path, value = strings.TrimSpace(path), strings.TrimSpace(value)
	if !ok || path == "" || value == "" {
		return Override{}, fmt.Errorf("expected PATH=VALUE (e.g. alerting.p_drone=0.7), found %q", s)
	}
	if r, at, bad := NonGraphic(s, ""); bad {
		return Override{}, fmt.Errorf("expected PATH=VALUE of printing characters, found %q holding %s", s, describeRune(s, r, at))
	}
	return Override{Path: path, Value: value}, nil
}

// String returns PATH=VALUE.
func (o Override) String() string { return o.Path + "=" + o.Value }

// Section returns the top-level key of the path: tracker, alerting,
// sensors, ...
func (o Override) Section() string {
	return o.Path[:strings.IndexAny(o.Path+".[", ".[")]
}

// With returns a copy of the scenario with the overrides applied, in order,
// and validated again as a whole: a value out of range, a misspelt field or
// a list item that does not exist is an error naming the override. The
// layout applied to s, if any, is applied to the copy too.
//
// A radar in the reference form keeps the reference pfa it had in s: an
// override of its pfa changes its detection threshold, not the receiver's
// SNR that the reference point fixes (see RadarReference).
func (s *Scenario) With(overrides ...Override) (*Scenario, error) {
	if len(overrides) == 0 {
		return s, nil
	}
	if s.root == nil {
		return nil, fmt.Errorf("scenario %s was not parsed from YAML; it cannot take overrides", s.Name)
	}
	root := cloneNode(s.root)
	for _, o := range overrides {
		if err := setPath(root, o); err != nil {
			return nil, fmt.Errorf("%s: %w", o, err)
		}
	}
	// A reference radar stays stated at the pfa the file gave it, so that
	// overriding its pfa moves its threshold and keeps its hardware.
	c, err := parseNodeAt(s.file, root, s.refPfa, s.Site.Terrain)
	if err != nil {
		var names []string
		for _, o := range overrides {
			names = append(names, o.String())
		}
		return nil, fmt.Errorf("with %s:\n%w", strings.Join(names, ", "), err)
	}
	c.src = s.src
	if s.layout != "" {
		return c.WithLayout(s.layout)
	}
	return c, nil
}

// cloneNode deep-copies a node tree, expanding aliases into copies of what
// they refer to, so that a change to one place never shows in another.
func cloneNode(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		c := cloneNode(n.Alias)
		c.Anchor = ""
		c.Line, c.Column = n.Line, n.Column
		return c
	}
	c := *n
	c.Anchor = ""
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = cloneNode(k)
	}
	return &c
}

// pathStep is one step of a path: a key, then optional list selectors.
type pathStep struct {
	key       string
	selectors []string
}

func splitPath(path string) ([]pathStep, error) {
	var steps []pathStep
	for rest := path; rest != ""; {
		var st pathStep
		i := strings.IndexAny(rest, ".[")
		if i < 0 {
			i = len(rest)
		}
		st.key, rest = rest[:i], rest[i:]
		if st.key == "" {
			return nil, fmt.Errorf("expected a field name in %q", path)
		}
		for strings.HasPrefix(rest, "[") {
			j := strings.IndexByte(rest, ']')
			if j < 0 {
				return nil, fmt.Errorf("expected ] in %q", path)
			}
			st.selectors = append(st.selectors, rest[1:j])
			rest = rest[j+1:]
		}
		if strings.HasPrefix(rest, ".") {
			rest = rest[1:]
			if rest == "" {
				return nil, fmt.Errorf("expected a field name after the last dot of %q", path)
			}
		} else if rest != "" {
			return nil, fmt.Errorf("unexpected %q in %q", rest, path)
		}
		steps = append(steps, st)
	}
	if len(steps) == 0 {
		return nil, fmt.Errorf("empty path")
	}
	return steps, nil
}

// setPath sets the scalar at o.Path in the tree, creating the mappings on
// the way that the file left out (to take their defaults).
func setPath(root *yaml.Node, o Override) error {
	steps, err := splitPath(o.Path)
	if err != nil {
		return err
	}
	n := root
	where := ""
	for si, st := range steps {
		if n.Kind != yaml.MappingNode {
			return fmt.Errorf("%s is %s, not a mapping with field %s", orTop(where), describe(n), st.key)
		}
		where = join(where, st.key)
		last := si == len(steps)-1 && len(st.selectors) == 0
		child := mappingValue(n, st.key)
		if child == nil {
			if len(st.selectors) > 0 {
				return fmt.Errorf("%s: not in the file, so it has no items to select", where)
			}
			child = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			if last {
				child = &yaml.Node{Kind: yaml.ScalarNode}
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: st.key}, child)
		}
		for _, sel := range st.selectors {
			if child.Kind != yaml.SequenceNode {
				return fmt.Errorf("%s is %s, not a list", where, describe(child))
			}
			item, err := selectItem(child, sel)
			if err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			where += "[" + sel + "]"
			child = item
		}
		n = child
	}
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("%s is %s; only a single value can be set", where, describe(n))
	}
	n.Kind, n.Style, n.Value, n.Tag = yaml.ScalarNode, 0, o.Value, scalarTag(o.Value)
	return nil
}

func orTop(where string) string {
	if where == "" {
		return "the scenario"
	}
	return where
}

// mappingValue returns the value of key in a mapping node, or nil.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// selectItem picks a list item by index or by the value of its id or name.
func selectItem(list *yaml.Node, sel string) (*yaml.Node, error) {
	if i, err := strconv.Atoi(sel); err == nil {
		if i < 0 || i >= len(list.Content) {
			return nil, fmt.Errorf("no item %d: the list has %d", i, len(list.Content))
		}
		return list.Content[i], nil
	}
	var names []string
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			continue
		}
		for _, key := range []string{"id", "name", "use"} {
			if v := mappingValue(item, key); v != nil {
				if v.Value == sel {
					return item, nil
				}
				names = append(names, v.Value)
				break
			}
		}
	}
	return nil, fmt.Errorf("no item with id or name %q; the items are %s", sel, listOrNone(names))
}

// scalarTag is the tag YAML would give the value written plainly.
func scalarTag(v string) string {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(v), &n); err == nil && len(n.Content) == 1 && n.Content[0].Kind == yaml.ScalarNode {
		return n.Content[0].ShortTag()
	}
	return "!!str"
}
