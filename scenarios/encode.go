package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strconv"

	"go.yaml.in/yaml/v4"
)

// The encoder is the decoder's inverse for the values a program writes
// back into a scenario file (layouts: the sensors they change and add).
// It walks the same struct tags (fieldsOf): keys from yaml, the variant
// fields inline in their parent's mapping, points as [east_m, north_m].
// Decoding what it writes gives the value back, bit for bit: numbers are
// written in the shortest form that parses to the same float64.

// encodeMode says which fields encodeValue writes.
type encodeMode int

const (
	// encodeAll writes every field that has a value, defaults included:
	// the form two values are compared in.
	encodeAll encodeMode = iota
	// encodeShort leaves out the fields whose value is their default, as
	// a person writes a sensor.
	encodeShort
)

// pointType is the type the encoder writes as a pair.
var pointType = reflect.TypeFor[Point]()

// encodeValue returns v as a YAML node, as the decoder reads it.
func encodeValue(v reflect.Value, mode encodeMode) *yaml.Node {
	if v.Type() == pointType {
		p := v.Interface().(Point)
		return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle,
			Content: []*yaml.Node{floatNode(p.EastM), floatNode(p.NorthM)}}
	}
	switch v.Kind() {
	case reflect.Pointer:
		return encodeValue(v.Elem(), mode)
	case reflect.Struct:
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		encodeFields(m, v, mode)
		return m
	case reflect.Slice:
		s := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		flow := true
		for i := range v.Len() {
			item := encodeValue(v.Index(i), mode)
			flow = flow && (item.Kind == yaml.ScalarNode || item.Style == yaml.FlowStyle)
			s.Content = append(s.Content, item)
		}
		if flow {
			s.Style = yaml.FlowStyle
		}
		return s
	case reflect.Float64:
		return floatNode(v.Float())
	case reflect.Int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v.Int(), 10)}
	case reflect.Uint64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatUint(v.Uint(), 10)}
	case reflect.Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v.Bool())}
	case reflect.String:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v.String()}
	}
	panic(fmt.Sprintf("scenarios: cannot encode %s", v.Type()))
}

// encodeFields appends the fields of struct v to mapping m: a variant's
// fields inline, nil pointers and unset optional fields left out, and in
// encodeShort mode the fields at their default too.
func encodeFields(m *yaml.Node, v reflect.Value, mode encodeMode) {
	for _, f := range fieldsOf(v.Type()) {
		fv := v.FieldByIndex(f.index)
		if f.variants != nil {
			if !fv.IsNil() {
				encodeFields(m, fv.Elem(), mode)
			}
			continue
		}
		if fv.Kind() == reflect.Pointer && fv.IsNil() || f.optional && fv.IsZero() {
			continue
		}
		val := encodeValue(fv, mode)
		if mode == encodeShort && f.hasDef && sameNode(val, encodeValue(defaultOf(fv.Type(), f.def), encodeAll)) {
			continue
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: f.name}, val)
	}
}

// defaultOf returns the value of type t that a field with default def
// takes when it is left out.
func defaultOf(t reflect.Type, def string) reflect.Value {
	v := reflect.New(t).Elem()
	if def == "{}" {
		newDecoder("").decode(emptyMapping, v, "")
	} else {
		setDefault(v, def)
	}
	return v
}

// floatNode writes x in the shortest form that parses back to x.
func floatNode(x float64) *yaml.Node {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if x == math.Trunc(x) && math.Abs(x) < 1e6 {
		s = strconv.FormatFloat(x, 'f', -1, 64) // 100, not 1e+02
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: s}
}

// sameNode reports whether two encoded values are the same value.
func sameNode(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Value != b.Value || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !sameNode(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}
