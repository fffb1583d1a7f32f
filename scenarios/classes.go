package scenarios

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v4"
)

// The UAV class library: generic drone classes with cited public figures,
// in one embedded file (classes/uav.yaml), that a scenario's uav_types
// import by name:
//
//	uav_types:
//	  - use: mavic-class                 # the class as it is
//	  - use: m30t-class                  # the class, renamed and slower
//	    name: night-watcher
//	    cruise_speed_mps: 8
//
// An entry with use is decoded as the class's mapping with the entry's own
// fields put in its place, so that it is checked by the same rules as a
// type written out, and a message about a field the class gave points at
// the use line.

//go:embed classes/uav.yaml
var classesYAML []byte

// classesFile is the file that holds the classes.
const classesFile = "classes/uav.yaml"

// classFile is the class library's format.
type classFile struct {
	Classes []UAVType `yaml:"uav_classes" doc:"the classes, each a uav_types entry"`
}

var classLib struct {
	once  sync.Once
	list  []UAVType
	nodes map[string]*yaml.Node // by class name: the class's mapping
	err   error
}

// loadClasses parses the class library once. A problem in it is a bug of
// the build (TestClassLibrary loads it), reported to every scenario that
// uses a class.
func loadClasses() {
	root, err := parseYAML(classesFile, classesYAML)
	if err != nil {
		classLib.err = err
		return
	}
	d := newDecoder(classesFile)
	d.inClasses = true
	var f classFile
	d.decode(root, reflectValue(&f), "")
	checkUnique(d, "uav_classes", len(f.Classes), func(i int) string { return f.Classes[i].Name }, "name")
	if len(d.errs) > 0 {
		classLib.err = d.errs.sort()
		return
	}
	classLib.list = f.Classes
	classLib.nodes = map[string]*yaml.Node{}
	list := mappingValue(root, "uav_classes")
	for i, c := range f.Classes {
		classLib.nodes[c.Name] = resolveAlias(list.Content[i])
	}
}

// UAVClasses returns the classes of the UAV class library, in the order of
// its file.
func UAVClasses() ([]UAVType, error) {
	classLib.once.Do(loadClasses)
	return slices.Clone(classLib.list), classLib.err
}

func classNames() []string {
	var names []string
	for _, c := range classLib.list {
		names = append(names, c.Name)
	}
	return names
}

func (u *UAVType) decodeYAML(d *decoder, n *yaml.Node, path string) {
	if n.Kind == yaml.MappingNode {
		if use := mappingValue(n, "use"); use != nil {
			n = d.withClass(n, resolveAlias(use), path)
			if n == nil {
				return
			}
		}
	}
	d.decodeStruct(n, reflectValue(u), path)
}

// withClass returns the mapping of an entry that uses a class: the class's
// fields, placed at the use value, with the entry's fields in their place.
// It returns nil, having reported why, when the class cannot be used.
func (d *decoder) withClass(n, use *yaml.Node, path string) *yaml.Node {
	p := path + ".use"
	d.pos[p] = use
	if d.inClasses {
		d.errorAt(use, p, "a class cannot use another class; write its fields out")
		return nil
	}
	if use.Kind != yaml.ScalarNode || use.ShortTag() != "!!str" {
		d.errorAt(use, p, "expected the name of a UAV class, found %s", describe(use))
		return nil
	}
	classLib.once.Do(loadClasses)
	if classLib.err != nil {
		d.errorAt(use, p, "the UAV class library does not load: %v", classLib.err)
		return nil
	}
	class := classLib.nodes[use.Value]
	if class == nil {
		msg := "expected the name of a UAV class (%s), found %s"
		if s := closest(use.Value, classNames()); s != "" {
			msg += "; did you mean " + s + "?"
		}
		d.errorAt(use, p, msg, listOrNone(classNames()), quote(use.Value))
		return nil
	}
	given := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		given[resolveAlias(n.Content[i]).Value] = true
	}
	merged := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: n.Line, Column: n.Column}
	for i := 0; i+1 < len(class.Content); i += 2 {
		if key := class.Content[i].Value; !given[key] && key != "name" && key != "description" {
			if d.fromClass == nil {
				d.fromClass = map[string]string{}
			}
			d.fromClass[join(path, key)] = use.Value
		}
		if !given[class.Content[i].Value] {
			merged.Content = append(merged.Content, placedAt(class.Content[i], use), placedAt(class.Content[i+1], use))
		}
	}
	merged.Content = append(merged.Content, n.Content...)
	return merged
}

// placedAt copies a node of the class file, with every position in it
// moved to where the scenario names the class: the file's messages then
// point at the use line rather than at a line of another file.
func placedAt(n, at *yaml.Node) *yaml.Node {
	c := cloneNode(n)
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		n.Line, n.Column = at.Line, at.Column
		for _, k := range n.Content {
			walk(k)
		}
	}
	walk(c)
	return c
}

// classesDoc documents the class library for the reference.
func classesDoc() string {
	classes, err := UAVClasses()
	if err != nil {
		panic(fmt.Sprintf("scenarios: the UAV class library does not load: %v", err))
	}
	var b []byte
	b = append(b, `## UAV classes

The UAV class library (`+"`scenarios/classes/uav.yaml`"+`, built in) holds generic
drone classes with the public figures behind each value cited in the file.
A `+"`uav_types`"+` entry imports one with `+"`use: NAME`"+` and may replace any of its
fields: `+"`{use: m30t-class, name: night-watcher, cruise_speed_mps: 8}`"+`.

| class | size | RCS | cruise / max speed | climb | endurance | emits | description |
|---|---|---|---|---|---|---|---|
`...)
	for _, c := range classes {
		emits := "nothing (RF-silent)"
		if !c.RFSilent {
			emits = ""
			for i, l := range c.RFLinks {
				if i > 0 {
					emits += "; "
				}
				emits += fmt.Sprintf("%s %s, %g dBm, %s", l.Name, fmtHz(l.FrequencyHz), l.EIRPdBm, fmtHz(l.BandwidthHz))
				if l.DutyCycle < 1 {
					emits += fmt.Sprintf(", %g of the time", l.DutyCycle)
				}
			}
		}
		b = fmt.Appendf(b, "| `%s` | %g m | %g m² (Swerling %d) | %g / %g m/s | %g m/s | %g min | %s | %s |\n",
			c.Name, c.SizeM, c.RCS.MeanM2, c.RCS.Swerling, c.CruiseMPS, c.MaxMPS, c.ClimbMPS, c.EnduranceS/60, emits, oneLine(c.Description))
	}
	return string(b) + "\n"
}

// oneLine joins the lines of a folded description.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// fmtHz writes a frequency or bandwidth in the unit that suits it.
func fmtHz(hz float64) string {
	switch {
	case hz >= 1e9:
		return fmt.Sprintf("%g GHz", hz/1e9)
	case hz >= 1e6:
		return fmt.Sprintf("%g MHz", hz/1e6)
	case hz >= 1e3:
		return fmt.Sprintf("%g kHz", hz/1e3)
	}
	return fmt.Sprintf("%g Hz", hz)
}
