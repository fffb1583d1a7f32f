package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// The decoder maps a YAML node tree onto the scenario structs, strictly.
// Everything it knows about a field comes from the field's tags, so that the
// rules it enforces and the reference it documents (see Reference) are one
// and the same:
//
//	yaml:"name"        the key in the file
//	doc:"text"         one line for the reference
//	default:"value"    the value used when the key is absent (optional field)
//	opt:"true"         optional with no default (zero value, or nil pointer)
//	check:"(0,inf)"    an interval the number must lie in; ( ) open, [ ] closed
//	enum:"a|b|c"       the allowed strings
//	disc:"true"        the discriminator of a union struct (e.g. a sensor's type)
//	variant:"a|b"      a pointer to a struct whose fields are allowed, inline,
//	                   only when the discriminator has one of these values
//
// A field without default or opt, and not a pointer or variant, is required.

// decodeHook is implemented by types with a YAML form of their own (points).
type decodeHook interface {
	decodeYAML(d *decoder, n *yaml.Node, path string)
}

// checker is implemented by types with rules that involve more than one of
// their fields (a range's min and max); it runs after the type is decoded.
type checker interface {
	check(d *decoder, path string)
}

// maxErrors bounds how many problems one load reports.
const maxErrors = 50

type decoder struct {
	file string
	errs ErrorList
	// failures counts the problems that left a value unset (a wrong type,
	// a missing field), as opposed to a value that was read but is out of
	// range or not one of the choices. Rules across fields run on values
	// without failures, so that an out-of-range or misspelt-enum field
	// does not hide a rule that its neighbours break.
	failures int
	pos      map[string]*yaml.Node // path -> the node its value came from
	points   []*Point              // points given as lat/lon, resolved once the origin is known
	warns    ErrorList             // accepted values that are probably not meant
	// inClasses is set while the UAV class library itself is decoded,
	// where a class may not use another.
	inClasses bool
	// fromClass names, for the path of each field a uav_types entry took
	// from a class (use), the class: messages about it say so.
	fromClass map[string]string
	// refPfa is, by radar path, the pfa a reference radar that gives none
	// is stated at, when that is not the radar's pfa here: the one written
	// in the file before overrides (see Scenario.refPfa). resolvedRefPfa
	// collects what each reference radar decoded is stated at.
	refPfa, resolvedRefPfa map[string]float64
}

func newDecoder(file string) *decoder {
	return &decoder{file: file, pos: make(map[string]*yaml.Node), resolvedRefPfa: make(map[string]float64)}
}

// errorAt records a problem that left the value at path unset.
func (d *decoder) errorAt(n *yaml.Node, path, format string, args ...any) {
	d.failures++
	d.errs = d.add(d.errs, n, path, format, args...)
}

// valueErrorAt records a problem with a value that was read (out of range,
// not one of the choices, or breaking a rule across fields).
func (d *decoder) valueErrorAt(n *yaml.Node, path, format string, args ...any) {
	d.errs = d.add(d.errs, n, path, format, args...)
}

// warnAt records a warning: a value accepted but probably not meant.
func (d *decoder) warnAt(n *yaml.Node, path, format string, args ...any) {
	d.warns = d.add(d.warns, n, path, format, args...)
}

// warnf records a warning about the value at path.
func (d *decoder) warnf(path, format string, args ...any) {
	d.warnAt(d.nodeFor(path), path, format, args...)
}

// add appends a message about the value at path, placed at node n, to an
// error or warning list of at most maxErrors.
func (d *decoder) add(list ErrorList, n *yaml.Node, path, format string, args ...any) ErrorList {
	if len(list) >= maxErrors {
		return list
	}
	e := &FieldError{File: d.file, Path: path, Msg: fmt.Sprintf(format, args...)}
	if class := d.classOf(path); class != "" {
		e.Msg += " (the value of class " + class + ")"
	}
	if n != nil {
		e.Line, e.Col = n.Line, n.Column
	}
	return append(list, e)
}

// classOf returns the class whose value the field at path holds, or "".
func (d *decoder) classOf(path string) string {
	for p := path; len(d.fromClass) > 0; {
		if c, ok := d.fromClass[p]; ok {
			return c
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			return ""
		}
		p = p[:i]
	}
	return ""
}

// errorf records a problem with the values at path, found by a rule across
// fields, located where that value (or, failing that, its closest
// enclosing value) was written.
func (d *decoder) errorf(path, format string, args ...any) {
	d.valueErrorAt(d.nodeFor(path), path, format, args...)
}

// ok reports whether no problem has been recorded at any of the paths or
// inside them. A rule comparing fields asks it first, so that a field
// already reported (duration_s: 0) does not also fail the comparison
// (step_s <= duration_s) and draw a second, misleading message.
func (d *decoder) ok(paths ...string) bool {
	for _, e := range d.errs {
		for _, p := range paths {
			if e.Path == p || strings.HasPrefix(e.Path, p+".") || strings.HasPrefix(e.Path, p+"[") {
				return false
			}
		}
	}
	return true
}

// nodeFor finds the node recorded for path or its nearest ancestor.
func (d *decoder) nodeFor(path string) *yaml.Node {
	for p := path; ; {
		if n, ok := d.pos[p]; ok {
			return n
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			return d.pos[""]
		}
		p = p[:i]
	}
}

// field describes one struct field as the decoder sees it.
type field struct {
	name     string
	index    []int // into the struct, through inline embedded structs
	doc      string
	def      string
	hasDef   bool
	optional bool
	check    interval
	hasCheck bool
	why      string // the reason for the check's bounds, added to its error
	warn     interval
	hasWarn  bool
	src      string // the public figures behind warn
	enum     []string
	disc     bool
	variants []string
}

func (f *field) required() bool { return !f.optional && !f.hasDef && f.variants == nil }

var fieldCache sync.Map // reflect.Type -> []field

// fieldsOf returns the decoder's view of a struct type's tagged fields, with
// the fields of embedded `yaml:",inline"` structs in place.
func fieldsOf(t reflect.Type) []field {
	if v, ok := fieldCache.Load(t); ok {
		return v.([]field)
	}
	var fs []field
	for i := range t.NumField() {
		sf := t.Field(i)
		name, hasName := sf.Tag.Lookup("yaml")
		variants, isVariant := sf.Tag.Lookup("variant")
		if name == ",inline" {
			for _, f := range fieldsOf(sf.Type) {
				f.index = append([]int{i}, f.index...)
				fs = append(fs, f)
			}
			continue
		}
		if (!hasName && !isVariant) || name == "-" {
			continue
		}
		f := field{name: name, index: []int{i}, doc: sf.Tag.Get("doc"), why: sf.Tag.Get("why")}
		f.def, f.hasDef = sf.Tag.Lookup("default")
		f.optional = sf.Tag.Get("opt") == "true" || sf.Type.Kind() == reflect.Pointer
		if c, ok := sf.Tag.Lookup("check"); ok {
			iv, err := parseInterval(c)
			if err != nil {
				panic(fmt.Sprintf("scenarios: bad check tag on %s.%s: %v", t, sf.Name, err))
			}
			f.check, f.hasCheck = iv, true
		}
		if c, ok := sf.Tag.Lookup("warn"); ok {
			iv, err := parseInterval(c)
			if err != nil {
				panic(fmt.Sprintf("scenarios: bad warn tag on %s.%s: %v", t, sf.Name, err))
			}
			f.warn, f.hasWarn, f.src = iv, true, sf.Tag.Get("src")
			if f.src == "" {
				panic(fmt.Sprintf("scenarios: warn tag on %s.%s without src", t, sf.Name))
			}
		}
		if e, ok := sf.Tag.Lookup("enum"); ok {
			f.enum = strings.Split(e, "|")
		}
		f.disc = sf.Tag.Get("disc") == "true"
		if isVariant {
			f.variants = strings.Split(variants, "|")
		}
		fs = append(fs, f)
	}
	fieldCache.Store(t, fs)
	return fs
}

// emptyMapping stands for a sub-object left out whose default is "{}": it
// decodes as if the user had written {} and so takes every inner default.
var emptyMapping = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}

// decode fills the value v (addressable) from node n.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	n = resolveAlias(n)
	if n != emptyMapping {
		d.pos[path] = n
	}
	before := d.failures
	defer func() {
		// Rules across fields run only on a value whose fields were all
		// read, so that one mistake is reported once; a value out of range
		// does not stop them.
		if d.failures == before && v.CanAddr() {
			if c, ok := v.Addr().Interface().(checker); ok {
				c.check(d, path)
			}
		}
	}()
	if v.CanAddr() {
		if h, ok := v.Addr().Interface().(decodeHook); ok {
			h.decodeYAML(d, n, path)
			return
		}
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Pointer:
		if isNull(n) {
			d.errorAt(n, path, "expected %s, found nothing (null)", describeType(v.Type().Elem()))
			return
		}
		p := reflect.New(v.Type().Elem())
		d.decode(n, p.Elem(), path)
		v.Set(p)
		return
	case reflect.Slice:
		d.decodeSlice(n, v, path)
	case reflect.Float64:
		if x, ok := d.number(n, path, unitOf(path)); ok {
			v.SetFloat(x)
		}
	case reflect.Int:
		if x, ok := d.integer(n, path); ok {
			v.SetInt(int64(x))
		}
	case reflect.Uint64:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
			d.errorAt(n, path, "expected a whole number >= 0, found %s", describe(n))
			return
		}
		x, err := strconv.ParseUint(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if err != nil {
			d.errorAt(n, path, "expected a whole number in [0, 2^64), found %s", clip(n.Value))
			return
		}
		v.SetUint(x)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			d.errorAt(n, path, "expected true or false, found %s", describe(n))
			return
		}
		b, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err != nil {
			d.errorAt(n, path, "expected true or false, found %s", quote(n.Value))
			return
		}
		v.SetBool(b)
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
			hint := ""
			if n.Kind == yaml.ScalarNode && n.ShortTag() != "!!null" {
				hint = " (quote it: " + quote(n.Value) + ")"
			}
			d.errorAt(n, path, "expected a string, found %s%s", describe(n), hint)
			return
		}
		if msg := stringProblem(path, n.Value); msg != "" {
			d.errorAt(n, path, "%s", msg)
			return
		}
		v.SetString(n.Value)
	default:
		panic(fmt.Sprintf("scenarios: cannot decode into %s at %s", v.Type(), path))
	}
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.errorAt(n, path, "expected %s, found %s", describeType(v.Type()), describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
	}
	v.Set(s)
}

// decodeStruct decodes a mapping into a struct, reporting unknown, duplicate
// and missing fields, applying defaults and checking values.
func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorAt(n, path, "expected a mapping with fields %s, found %s", fieldNames(v.Type(), ""), describe(n))
		return
	}
	fs := fieldsOf(v.Type())
	keys := make(map[string]*yaml.Node, len(n.Content)/2)
	vals := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := resolveAlias(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorAt(k, path, "expected a field name, found %s", describe(k))
			continue
		}
		if k.Value == "<<" {
			d.errorAt(k, join(path, clip(k.Value)), "merge keys (<<) are not supported; write the fields out")
			continue
		}
		if prev, dup := keys[k.Value]; dup {
			d.errorAt(k, join(path, clip(k.Value)), "duplicate field (first given at line %d)", prev.Line)
			continue
		}
		keys[k.Value], vals[k.Value] = k, val
	}

	t := v.Type()
	// The discriminator decides which variant fields are allowed. When it is
	// missing or wrong, that one error is reported and the fields of the
	// variants are not.
	active, discOK := "", true
	for _, f := range fs {
		if !f.disc {
			continue
		}
		if _, given := vals[f.name]; !given && !f.hasDef {
			discOK = false
			d.errorAt(n, join(path, f.name), "missing; expected %s%s", describeField(t, f), variantHint(t, keys))
			break
		}
		before := len(d.errs)
		d.fillField(n, vals, v, f, path, nil)
		if discOK = len(d.errs) == before; discOK {
			active = v.FieldByIndex(f.index).String()
		}
	}

	// A misspelt key (frequncy_hz, range for range_m) is reported as unknown
	// with a suggestion; the field it stands in for is then not also reported
	// missing.
	names := fieldNamesList(t, active)
	standIn := make(map[string]bool)
	var unknown []string
	for name := range keys {
		if slices.Contains(names, name) {
			continue
		}
		unknown = append(unknown, name)
		if s := closest(name, names); s != "" {
			standIn[s] = true
		}
	}

	for _, f := range fs {
		switch {
		case f.disc:
		case f.variants != nil:
			if !slices.Contains(f.variants, active) {
				continue
			}
			// A variant struct: its fields sit inline in this mapping.
			p := reflect.New(v.FieldByIndex(f.index).Type().Elem())
			before := d.failures
			for _, vf := range fieldsOf(p.Elem().Type()) {
				d.fillField(n, vals, p.Elem(), vf, path, standIn)
			}
			if c, ok := p.Interface().(checker); ok && d.failures == before {
				c.check(d, path)
			}
			v.FieldByIndex(f.index).Set(p)
		default:
			d.fillField(n, vals, v, f, path, standIn)
		}
	}
	for _, name := range unknown {
		if !discOK && variantOf(t, name) != nil {
			continue
		}
		d.unknownField(keys[name], t, join(path, clip(name)), name, active)
	}
}

// variantOf returns the variant field whose struct has a field of this name, or nil.
func variantOf(t reflect.Type, name string) *field {
	for _, f := range fieldsOf(t) {
		if f.variants == nil {
			continue
		}
		for _, vf := range fieldsOf(t.FieldByIndex(f.index).Type.Elem()) {
			if vf.name == name {
				return &f
			}
		}
	}
	return nil
}

// variantsOf returns the values of the discriminator whose variants have
// a field of this name, or nil.
func variantsOf(t reflect.Type, name string) []string {
	var vs []string
	for _, f := range fieldsOf(t) {
		if f.variants == nil {
			continue
		}
		for _, vf := range fieldsOf(t.FieldByIndex(f.index).Type.Elem()) {
			if vf.name == name {
				vs = append(vs, f.variants...)
			}
		}
	}
	return vs
}

// variantHint names the variant that the keys given belong to, when they
// point to just one: " (the fields given are those of flight)".
func variantHint(t reflect.Type, keys map[string]*yaml.Node) string {
	var found []string
	for name := range keys {
		if f := variantOf(t, name); f != nil && !slices.Contains(found, f.variants[0]) {
			found = append(found, f.variants[0])
		}
	}
	if len(found) != 1 {
		return ""
	}
	return " (the fields given are those of " + found[0] + ")"
}

// fillField sets one field from the mapping or from its default, or reports
// it missing unless a misspelt key stands in for it.
func (d *decoder) fillField(n *yaml.Node, vals map[string]*yaml.Node, v reflect.Value, f field, path string, standIn map[string]bool) {
	p := join(path, f.name)
	if val, ok := vals[f.name]; ok {
		d.decodeField(val, v, f, p)
		return
	}
	switch {
	case f.hasDef && f.def == "{}":
		d.decode(emptyMapping, v.FieldByIndex(f.index), p)
	case f.hasDef:
		setDefault(v.FieldByIndex(f.index), f.def)
	case f.required() && !standIn[f.name]:
		d.errorAt(n, p, "missing; expected %s", describeField(v.Type(), f))
	}
}

// decodeField decodes a field's value and applies its check and enum rules.
func (d *decoder) decodeField(val *yaml.Node, v reflect.Value, f field, path string) {
	fv := v.FieldByIndex(f.index)
	before := d.failures
	d.decode(val, fv, path)
	if d.failures > before {
		return
	}
	val = resolveAlias(val)
	if f.hasCheck {
		var x float64
		switch fv.Kind() {
		case reflect.Float64:
			x = fv.Float()
		case reflect.Int:
			x = float64(fv.Int())
		}
		if !f.check.contains(x) {
			// The reason explains a limit, not that a radius must be positive.
			why := ""
			if bound := f.check.violated(x); f.why != "" && bound != 0 && !math.IsInf(bound, 0) {
				why = ": " + f.why
			}
			d.valueErrorAt(val, path, "expected %s, found %s%s", describeCheck(f.check, fv.Type(), path), clip(val.Value), why)
		} else if f.hasWarn && !f.warn.contains(x) {
			d.warnAt(val, path, "%s is outside the usual %s: %s", clip(val.Value), f.warn.span(numberUnit(fv.Type(), path)), f.src)
		}
	}
	if f.enum != nil && !slices.Contains(f.enum, fv.String()) {
		d.valueErrorAt(val, path, "expected one of %s, found %s", strings.Join(f.enum, ", "), quote(fv.String()))
	}
}

func (d *decoder) unknownField(k *yaml.Node, t reflect.Type, path, name, active string) {
	if vs := variantsOf(t, name); vs != nil {
		disc := discName(t)
		d.errorAt(k, path, "field is not used when %s is %s (it belongs to %s %s)", disc, active, disc, strings.Join(vs, " or "))
		return
	}
	names := fieldNamesList(t, active)
	if s := closest(name, names); s != "" {
		d.errorAt(k, path, "unknown field; did you mean %s?", s)
		return
	}
	d.errorAt(k, path, "unknown field; expected one of %s", strings.Join(names, ", "))
}

// number reads a finite float from a scalar node.
func (d *decoder) number(n *yaml.Node, path, unit string) (float64, bool) {
	want := "a number"
	if unit != "" {
		want = "a number (" + unit + ")"
	}
	if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!int" && n.ShortTag() != "!!float") {
		hint := ""
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" && startsLikeNumber(n.Value) {
			hint = "; write the number alone, the unit is in the field name"
		}
		d.errorAt(n, path, "expected %s, found %s%s", want, describe(n), hint)
		return 0, false
	}
	x, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		d.errorAt(n, path, "expected %s, found %s", "a finite number", clip(n.Value))
		return 0, false
	}
	return x, true
}

// integer reads a whole number from a scalar node.
func (d *decoder) integer(n *yaml.Node, path string) (int, bool) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!float" {
		// 2.0 and 1e3 are whole numbers; 1.9999999999999999999 is not,
		// though it rounds to 2 as a float64.
		if x, err := strconv.ParseFloat(n.Value, 64); err == nil && x == math.Trunc(x) && math.Abs(x) < 1<<31 && wholeLiteral(n.Value) {
			return int(x), true
		}
		d.errorAt(n, path, "expected a whole number, found %s", clip(n.Value))
		return 0, false
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
		d.errorAt(n, path, "expected a whole number, found %s", describe(n))
		return 0, false
	}
	x, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 32)
	if err != nil {
		d.errorAt(n, path, "expected a whole number that fits in 32 bits, found %s", clip(n.Value))
		return 0, false
	}
	return int(x), true
}

// wholeLiteral reports whether a decimal literal (digits, an optional
// fraction and exponent) denotes a whole number exactly: every digit after
// the point, once the exponent has moved it, is zero.
func wholeLiteral(s string) bool {
	s = strings.TrimLeft(strings.ReplaceAll(s, "_", ""), "+-")
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e > 1000 || e < -1000 {
			return false
		}
		mant, exp = s[:i], e
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	point := len(intPart) + exp // digits before the point, after the shift
	for i := max(point, 0); i < len(digits); i++ {
		if digits[i] != '0' {
			return false
		}
	}
	return true
}

func setDefault(v reflect.Value, def string) {
	switch v.Kind() {
	case reflect.Float64:
		x, err := strconv.ParseFloat(def, 64)
		if err != nil {
			panic("scenarios: bad default " + def)
		}
		v.SetFloat(x)
	case reflect.Int:
		x, err := strconv.Atoi(def)
		if err != nil {
			panic("scenarios: bad default " + def)
		}
		v.SetInt(int64(x))
	case reflect.Bool:
		v.SetBool(def == "true")
	case reflect.String:
		v.SetString(def)
	case reflect.Uint64:
		x, err := strconv.ParseUint(def, 10, 64)
		if err != nil {
			panic("scenarios: bad default " + def)
		}
		v.SetUint(x)
	default:
		panic("scenarios: no default for " + v.Type().String())
	}
}

// reflectValue returns the addressable value a pointer points to.
func reflectValue(p any) reflect.Value { return reflect.ValueOf(p).Elem() }

// expandedSize counts the nodes of the tree under n as the decoder would
// visit them, each alias as a copy of what it names, stopping once the
// count passes limit. memo holds the sizes of nodes already counted, so
// the count costs one visit per node however the aliases nest.
func expandedSize(n *yaml.Node, limit int, memo map[*yaml.Node]int) int {
	if size, ok := memo[n]; ok {
		return size
	}
	memo[n] = limit + 1 // an alias cycle counts as too large
	size := 1
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		size = expandedSize(n.Alias, limit, memo)
	}
	for _, c := range n.Content {
		if size += expandedSize(c, limit, memo); size > limit {
			size = limit + 1
			break
		}
	}
	memo[n] = size
	return size
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// describe says what a node holds, for "found ..." messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing (null)"
		case "!!str":
			return "string " + quote(n.Value)
		case "!!int", "!!float":
			return "number " + clip(n.Value)
		case "!!bool":
			return "boolean " + clip(n.Value)
		default:
			return clip(n.ShortTag()) + " " + quote(n.Value)
		}
	case yaml.DocumentNode:
		return "a document"
	}
	return "an unexpected YAML node"
}

// describeType says what a Go type expects, for "expected ..." messages.
func describeType(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeOf(Point{}) {
		return "a point ([east_m, north_m], {e_m, n_m} or {lat_deg, lon_deg})"
	}
	switch t.Kind() {
	case reflect.Struct:
		return "a mapping with fields " + fieldNames(t, "")
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Struct && t.Elem() != reflect.TypeOf(Point{}) {
			return "a list of mappings with fields " + fieldNames(t.Elem(), "")
		}
		return "a list of " + describeType(t.Elem())
	case reflect.Float64:
		return "a number"
	case reflect.Int:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	}
	return t.String()
}

// describeField says what a field expects, with its unit, range or choices.
func describeField(parent reflect.Type, f field) string {
	ft := parent.FieldByIndex(f.index).Type
	s := describeType(ft)
	switch {
	case f.enum != nil:
		s = "one of " + strings.Join(f.enum, ", ")
	case f.hasCheck:
		s = describeCheck(f.check, ft, f.name)
	case ft.Kind() == reflect.Float64 && unitOf(f.name) != "":
		s = "a number (" + unitOf(f.name) + ")"
	}
	return s
}

func discName(t reflect.Type) string {
	for _, f := range fieldsOf(t) {
		if f.disc {
			return f.name
		}
	}
	return "type"
}

// fieldNamesList lists the keys a mapping of type t accepts, given the active variant.
func fieldNamesList(t reflect.Type, active string) []string {
	var names []string
	for _, f := range fieldsOf(t) {
		if f.variants != nil {
			if slices.Contains(f.variants, active) {
				for _, vf := range fieldsOf(t.FieldByIndex(f.index).Type.Elem()) {
					names = append(names, vf.name)
				}
			}
			continue
		}
		names = append(names, f.name)
	}
	return names
}

func fieldNames(t reflect.Type, active string) string {
	return strings.Join(fieldNamesList(t, active), ", ")
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// numberUnit is the unit of a number field of type t at path: whole-number
// fields are counts (confirm_m, pulses) and have none, whatever their name
// ends with.
func numberUnit(t reflect.Type, path string) string {
	if t.Kind() != reflect.Float64 {
		return ""
	}
	return unitOf(path)
}

// unitOf reads the unit from the last field name of a path (units are in
// field names: frequency_hz, range_m, ...).
func unitOf(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.IndexByte(path, '['); i >= 0 {
		path = path[:i]
	}
	for _, u := range unitSuffixes {
		if strings.HasSuffix(path, u.suffix) {
			return u.unit
		}
	}
	return ""
}

var unitSuffixes = []struct{ suffix, unit string }{
	{"_per_h", "per hour"},
	{"_per_s", "per second"},
	{"_m2_s3", "m²/s³"},
	{"_deg_s", "degrees per second"},
	{"_mps2", "m/s²"},
	{"_mps", "m/s"},
	{"_m2", "m²"},
	{"_dbm", "dBm"},
	{"_db", "dB"},
	{"_hz", "Hz"},
	{"_deg", "degrees"},
	{"_s", "seconds"},
	{"_m", "metres"},
	{"_w", "watts"},
}

// maxQuoted is how many characters of a value from the file a message
// repeats: a long value (a whole line pasted into one field) is cut short
// so that it cannot push the rest of the message off the screen.
const maxQuoted = 40

// clip returns s, or its first maxQuoted characters followed by "…" and
// the full length when it is longer; quoted, with the characters escaped,
// when it holds one that is not graphic (a control character spelt in an
// explicitly tagged value, !!float "3\e[2J").
func clip(s string) string {
	if _, _, bad := NonGraphic(s, ""); bad {
		return quote(s)
	}
	return clipRaw(s)
}

// clipRaw is clip without the escaping.
func clipRaw(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= maxQuoted {
		return s
	}
	i := 0
	for range maxQuoted {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return fmt.Sprintf("%s… (%d characters)", s[:i], n)
}

// quote returns s in Go quotes; a long s is cut as by clip, with the
// quotes around the part kept: "abc…"… (20000 characters).
func quote(s string) string {
	c := clipRaw(s)
	if c == s {
		return strconv.Quote(s)
	}
	head, tail, _ := strings.Cut(c, "…")
	return strconv.Quote(head) + "…" + tail
}

func startsLikeNumber(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '.')
}

// closest suggests the known name nearest to a misspelt one, or "". A name
// that is a known field with its unit left off or changed (range or range_km
// for range_m) counts as close.
func closest(name string, known []string) string {
	best, bestD, bestRaw := "", math.MaxInt, math.MaxInt
	for _, k := range known {
		raw := editDistance(name, k)
		d := raw
		if stem := strings.TrimSuffix(k, unitSuffixOf(k)); stem != k && (name == stem || strings.HasPrefix(name, stem+"_")) {
			d = min(d, 1)
		}
		// On a tie the plain spelling distance decides, so that
		// confirm_existance suggests confirm_existence rather than
		// confirm_m.
		if d < bestD || (d == bestD && raw < bestRaw) {
			best, bestD, bestRaw = k, d, raw
		}
	}
	if bestD <= max(2, len(name)/4) {
		return best
	}
	return ""
}

func unitSuffixOf(name string) string {
	for _, u := range unitSuffixes {
		if strings.HasSuffix(name, u.suffix) {
			return u.suffix
		}
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// checkRanges checks the number fields of the struct v against their
// check tags again, after a caller changed them.
func (d *decoder) checkRanges(v reflect.Value, path string) {
	for _, f := range fieldsOf(v.Type()) {
		if !f.hasCheck {
			continue
		}
		fv := v.FieldByIndex(f.index)
		var x float64
		switch fv.Kind() {
		case reflect.Float64:
			x = fv.Float()
		case reflect.Int:
			x = float64(fv.Int())
		default:
			continue
		}
		if !f.check.contains(x) {
			p := join(path, f.name)
			d.valueErrorAt(d.nodeFor(p), p, "expected %s, found %g", describeCheck(f.check, fv.Type(), p), x)
		}
	}
}
