package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"
)

// BaseLayout is the name of the layout made of the sensors listed in the
// scenario's sensors section.
const BaseLayout = "base"

// SensorChange is one listed sensor with some of its fields changed by a
// layout. In a file it is the sensor's id under sensor: and the fields to
// change, written as in the sensors section; the other fields keep the
// listed sensor's values:
//
//	change:
//	  - sensor: radar-east
//	    position: [1600, 900]
//	    boresight_deg: 45
type SensorChange struct {
	ID     string // the id of the listed sensor
	Sensor Sensor // the sensor with the changes applied

	node *yaml.Node
	path string
}

func (c *SensorChange) decodeYAML(d *decoder, n *yaml.Node, path string) {
	c.node, c.path = n, path
	if n.Kind != yaml.MappingNode {
		d.errorAt(n, path, "expected a mapping with sensor (a listed sensor's id) and the fields to change, found %s", describe(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolveAlias(n.Content[i]), resolveAlias(n.Content[i+1])
		switch k.Value {
		case "sensor":
			d.pos[path+".sensor"] = v
			if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str" {
				d.errorAt(v, path+".sensor", "expected the id of a listed sensor, found %s", describe(v))
				continue
			}
			if msg := nameProblem(v.Value); msg != "" {
				d.errorAt(v, path+".sensor", "%s", msg)
				continue
			}
			c.ID = v.Value
		case "id", "type":
			d.errorAt(k, join(path, k.Value), "a change cannot alter a sensor's %s; remove the sensor and add another", k.Value)
		}
	}
	if c.ID == "" {
		if _, ok := d.pos[path+".sensor"]; !ok {
			d.errorAt(n, path+".sensor", "missing; expected the id of a listed sensor")
		}
	}
}

// decodeChanges decodes each layout change as the listed sensor's mapping
// with the changed fields put in, so that the changed sensor is checked by
// the same rules as a listed one and errors point at the change.
func (d *decoder) decodeChanges(s *Scenario) {
	for i := range s.Layouts {
		l := &s.Layouts[i]
		for j := range l.Change {
			c := &l.Change[j]
			k := slices.IndexFunc(s.Sensors, func(x Sensor) bool { return x.ID == c.ID })
			if k < 0 {
				d.errorf(c.path+".sensor", "expected the id of a listed sensor (%s), found %q", listOrNone(sensorIDs(s.Sensors)), c.ID)
				continue
			}
			base := resolveAlias(d.pos[fmt.Sprintf("sensors[%d]", k)])
			merged := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: c.node.Line, Column: c.node.Column}
			changed := map[string]bool{}
			for m := 0; m+1 < len(c.node.Content); m += 2 {
				changed[resolveAlias(c.node.Content[m]).Value] = true
			}
			for m := 0; m+1 < len(base.Content); m += 2 {
				if !changed[resolveAlias(base.Content[m]).Value] {
					merged.Content = append(merged.Content, base.Content[m], base.Content[m+1])
				}
			}
			for m := 0; m+1 < len(c.node.Content); m += 2 {
				if resolveAlias(c.node.Content[m]).Value != "sensor" {
					merged.Content = append(merged.Content, c.node.Content[m], c.node.Content[m+1])
				}
			}
			// The listed sensor's id and type come first, as written.
			d.decode(merged, reflectValue(&c.Sensor), c.path)
		}
	}
}

// checkLayouts applies the rules of the layouts section: unique names,
// references to listed sensors, and a valid sensor set for each layout.
func (s *Scenario) checkLayouts(d *decoder) {
	checkUnique(d, "layouts", len(s.Layouts), func(i int) string { return s.Layouts[i].Name }, "name")
	ids := sensorIDs(s.Sensors)
	for i := range s.Layouts {
		l := &s.Layouts[i]
		path := fmt.Sprintf("layouts[%d]", i)
		if l.Name == BaseLayout {
			d.errorf(path+".name", "expected a name other than %s, which is the listed sensors", BaseLayout)
		}
		for j, id := range l.Remove {
			if !slices.Contains(ids, id) {
				d.errorf(fmt.Sprintf("%s.remove[%d]", path, j), "expected the id of a listed sensor (%s), found %q", listOrNone(ids), id)
			}
		}
		for j, c := range l.Change {
			if slices.Contains(l.Remove, c.ID) {
				d.errorf(fmt.Sprintf("%s.change[%d].sensor", path, j), "expected a sensor the layout keeps, found %q, which it removes", c.ID)
			}
		}
		checkUnique(d, path+".change", len(l.Change), func(j int) string { return l.Change[j].ID }, "sensor")
		sensors := s.layoutSensors(l)
		for j, a := range l.Add {
			if n := countID(sensors, a.ID); n > 1 {
				d.errorf(fmt.Sprintf("%s.add[%d].id", path, j), "expected a sensor id not already in the layout, found %q", a.ID)
			}
		}
		if len(sensors) == 0 {
			d.errorf(path, "expected a layout with at least one sensor, found none left")
		}
	}
}

func countID(ss []Sensor, id string) int {
	n := 0
	for _, s := range ss {
		if s.ID == id {
			n++
		}
	}
	return n
}

func sensorIDs(ss []Sensor) []string {
	ids := make([]string, len(ss))
	for i, s := range ss {
		ids[i] = s.ID
	}
	return ids
}

// layoutSensors returns the sensors of layout l: the listed ones in order,
// less those removed, with changes applied in place, then those added.
func (s *Scenario) layoutSensors(l *Layout) []Sensor {
	var out []Sensor
	for _, sn := range s.Sensors {
		if slices.Contains(l.Remove, sn.ID) {
			continue
		}
		if k := slices.IndexFunc(l.Change, func(c SensorChange) bool { return c.ID == sn.ID }); k >= 0 {
			sn = l.Change[k].Sensor
		}
		out = append(out, sn)
	}
	return append(out, l.Add...)
}

// LayoutNames returns the names of the scenario's layouts, base first.
func (s *Scenario) LayoutNames() []string {
	names := []string{BaseLayout}
	for _, l := range s.Layouts {
		names = append(names, l.Name)
	}
	return names
}

// ChooseLayouts returns the layouts named, checked (each a layout of the
// scenario, none twice), or every layout of the scenario, base first, when
// none is named. name is the scenario as the user gave it, for the message.
func (s *Scenario) ChooseLayouts(name string, names []string) ([]string, error) {
	if len(names) == 0 {
		return s.LayoutNames(), nil
	}
	seen := map[string]bool{}
	for _, l := range names {
		if !slices.Contains(s.LayoutNames(), l) {
			return nil, fmt.Errorf("no layout %q in %s; it has %s", l, name, strings.Join(s.LayoutNames(), ", "))
		}
		if seen[l] {
			return nil, fmt.Errorf("%s given twice", l)
		}
		seen[l] = true
	}
	return names, nil
}

// Layout returns the name of the layout the scenario's sensors are:
// BaseLayout unless WithLayout chose another.
func (s *Scenario) Layout() string {
	if s.layout == "" {
		return BaseLayout
	}
	return s.layout
}

// WithLayout returns a copy of the scenario whose sensors are those of the
// named layout (BaseLayout: the listed sensors). Everything else, and so
// every trajectory a seed gives, is the same.
func (s *Scenario) WithLayout(name string) (*Scenario, error) {
	c := *s
	if name == BaseLayout {
		c.Sensors = slices.Clone(s.Sensors)
		c.layout = ""
		return &c, nil
	}
	for i := range s.Layouts {
		if s.Layouts[i].Name == name {
			c.Sensors = s.layoutSensors(&s.Layouts[i])
			c.layout = name
			return &c, nil
		}
	}
	return nil, fmt.Errorf("%s: no layout %q; the layouts are %s", s.file, name, listOrNone(s.LayoutNames()))
}
