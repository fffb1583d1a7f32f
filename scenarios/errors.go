package scenarios

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// FieldError is one problem found in a scenario file. It prints as
//
//	file:line:col: path.to.field: what was expected, what was found
//
// Line and Col are 1-based; they point at the offending value, or at the
// mapping that lacks a required field.
type FieldError struct {
	File      string
	Line, Col int
	Path      string // dotted path with list indices, e.g. sensors[1].scan.period_s; empty for the whole file
	Msg       string
}

// Error formats the problem as file:line:col: path: message.
func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(shown(e.File))
	if e.Line > 0 {
		b.WriteString(":")
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteString(":")
		b.WriteString(strconv.Itoa(e.Col))
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is every problem found in one scenario file, in file order.
// Loading reports all of them at once so that a user can fix a file in one
// pass.
type ErrorList []*FieldError

// Error joins the problems, one per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// sort orders the problems by position, then path, and drops exact repeats.
func (l ErrorList) sort() ErrorList {
	slices.SortStableFunc(l, func(a, b *FieldError) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Path, b.Path))
	})
	return slices.CompactFunc(l, func(a, b *FieldError) bool { return *a == *b })
}
