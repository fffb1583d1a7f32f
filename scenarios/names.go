package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The rules on the strings of a scenario. Names and ids (of zones,
// sensors, layouts, traffic, types, ... and the references to them) end
// up on terminals, in CSV files that planners open in spreadsheets, in
// SVG and HTML; descriptions end up on terminals and in report.html. So
// that none can carry more than the text it shows:
//
//   - every character of a name is a graphic one (a letter, mark,
//     number, punctuation, symbol or space, unicode.IsGraphic): no control
//     character (C0, DEL, C1: ESC, BEL, CR, LF, NUL, ...), no format
//     character (bidi overrides, zero-width joiners, ...), no unassigned
//     or private-use code point, no line or paragraph separator, and valid
//     UTF-8. A description may also hold newlines and tabs.
//   - a name does not begin with one of FormulaStarts, the characters
//     with which a spreadsheet reads a cell as a formula (OWASP, CSV
//     Injection): every string cuasim writes to a CSV comes from a name, so
//     refusing them here keeps every CSV free of live formulas, and the
//     names read back from results (cuasim compare --resume, merge,
//     report) are the names written.

// FormulaStarts are the characters that make a spreadsheet read a cell
// as a formula when it begins with one of them (OWASP, "CSV Injection").
const FormulaStarts = "=+-@\t\r"

// NonGraphic returns the first character of s that is not graphic (see
// unicode.IsGraphic), other than those in allow, and its byte offset;
// ok is false when there is none. Invalid UTF-8 counts as
// utf8.RuneError at the offending byte.
func NonGraphic(s, allow string) (r rune, at int, ok bool) {
	for i, c := range s {
		if c == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				return c, i, true
			}
		}
		if !unicode.IsGraphic(c) && !strings.ContainsRune(allow, c) {
			return c, i, true
		}
	}
	return 0, 0, false
}

// describeRune names a refused character for a message: U+001B (ESC, a
// control character).
func describeRune(s string, r rune, at int) string {
	if r == utf8.RuneError {
		if _, size := utf8.DecodeRuneInString(s[at:]); size <= 1 {
			return fmt.Sprintf("the byte 0x%02X, which is not UTF-8", s[at])
		}
	}
	kind := "a non-printing character"
	switch {
	case unicode.IsControl(r):
		kind = "a control character"
		if name, ok := controlNames[r]; ok {
			kind = name + ", " + kind
		}
	case unicode.Is(unicode.Cf, r):
		kind = "a format character"
		if r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			kind = "a bidirectional override, " + kind
		}
	case unicode.Is(unicode.Co, r):
		kind = "a private-use character"
	case unicode.In(r, unicode.Zl, unicode.Zp):
		kind = "a line or paragraph separator"
	case !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z):
		kind = "an unassigned code point"
	}
	return fmt.Sprintf("U+%04X (%s)", r, kind)
}

// controlNames are the names of the control characters most often met.
var controlNames = map[rune]string{
	0: "NUL", 7: "BEL", 8: "BS", '\t': "tab", '\n': "LF, a line break", '\r': "CR", 0x1b: "ESC",
	0x7f: "DEL", 0x85: "NEL", 0x9b: "CSI",
}

// nameProblem returns what is wrong with s as a name or id, or "".
func nameProblem(s string) string {
	if r, at, bad := NonGraphic(s, ""); bad {
		return fmt.Sprintf("expected letters, digits, punctuation, symbols and spaces, found %s holding %s at character %d",
			quote(s), describeRune(s, r, at), utf8.RuneCountInString(s[:at])+1)
	}
	if s != "" && strings.ContainsRune(FormulaStarts, rune(s[0])) {
		return fmt.Sprintf("expected a name that does not begin with %s, found %s: a spreadsheet opening the CSV files would read it as a formula",
			formulaList(), quote(s))
	}
	return ""
}

// textProblem returns what is wrong with s as free text (a description),
// or "".
func textProblem(s string) string {
	if r, at, bad := NonGraphic(s, "\n\t"); bad {
		return fmt.Sprintf("expected text of letters, digits, punctuation, symbols, spaces, tabs and line breaks, found %s holding %s at character %d",
			quote(s), describeRune(s, r, at), utf8.RuneCountInString(s[:at])+1)
	}
	return ""
}

// isText reports whether the string field at path is free text rather
// than a name: its key is description.
func isText(path string) bool {
	return path == "description" || strings.HasSuffix(path, ".description")
}

// stringProblem applies the rules of the field at path to s.
func stringProblem(path, s string) string {
	if isText(path) {
		return textProblem(s)
	}
	return nameProblem(s)
}

// shown is s as a message shows it: as it is when every character is
// graphic, else in Go quotes with the others escaped, so that a file name
// cannot write control sequences to a terminal.
func shown(s string) string {
	if _, _, bad := NonGraphic(s, ""); bad {
		return strconv.Quote(s)
	}
	return s
}

// formulaList writes the printable characters of FormulaStarts for a
// message: = + - @ (tab and CR are refused as control characters).
func formulaList() string {
	return strings.Join(strings.Split(strings.TrimRight(FormulaStarts, "\t\r"), ""), " ")
}
