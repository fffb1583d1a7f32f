package scenarios

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

// TestNameCharacters: names of letters of any script, punctuation,
// symbols and spaces are accepted; a control, format, unassigned,
// private-use or separator code point, or a byte that is not UTF-8, is
// refused and named. The rune classes are Unicode's (the reference), not
// the code's own list.
func TestNameCharacters(t *testing.T) {
	for _, ok := range []string{"radar-main", "Flughafen Zürich", "радар 1", "東京 east", "x=1", "a\u00a0b", "🛸", "it's a \"name\""} {
		if msg := nameProblem(ok); msg != "" {
			t.Errorf("%q refused: %s", ok, msg)
		}
	}
	for bad, want := range map[string]string{
		"a\x00b":       "U+0000 (NUL, a control character)",
		"a\x07":        "U+0007 (BEL",
		"\x1b[31mred":  "U+001B (ESC",
		"a\x7fb":       "U+007F (DEL",
		"a\u0085b":     "U+0085 (NEL",
		"a\u009bb":     "U+009B (CSI",
		"a\tb":         "U+0009 (tab",
		"a\nb":         "U+000A (LF",
		"ab\u202e":     "U+202E (a bidirectional override",
		"a\u2066b":     "U+2066 (a bidirectional override",
		"a\u200bb":     "U+200B (a format character)",
		"a\ufeffb":     "U+FEFF (a format character)",
		"a\u2028b":     "U+2028 (a line or paragraph separator)",
		"a\ue000b":     "U+E000 (a private-use character)",
		"a\u0378b":     "U+0378 (an unassigned code point)",
		"a\xffb":       "the byte 0xFF, which is not UTF-8",
		"=1+1":         "does not begin with = + - @",
		"+1":           "does not begin with",
		"-1":           "does not begin with",
		"@SUM(A1)":     "does not begin with",
		"\t=1+1":       "U+0009 (tab",
		"\r=1+1":       "U+000D (CR",
		"radar\u00adx": "U+00AD (a format character)", // soft hyphen
	} {
		msg := nameProblem(bad)
		if !strings.Contains(msg, want) {
			t.Errorf("%q: got %q, want it to contain %q", bad, msg, want)
		}
		if r, _, found := NonGraphic(msg, ""); found {
			t.Errorf("%q: the message holds U+%04X itself: %q", bad, r, msg)
		}
	}
	// Descriptions are text: line breaks and tabs are fine, the rest as names.
	for _, ok := range []string{"two\nlines", "a\ttab", "=1+1 is fine in prose"} {
		if msg := textProblem(ok); msg != "" {
			t.Errorf("text %q refused: %s", ok, msg)
		}
	}
	for _, bad := range []string{"bell\a", "a\r\nb", "x\u202e", "\x1b[2J"} {
		if textProblem(bad) == "" {
			t.Errorf("text %q accepted", bad)
		}
	}
}

// TestEveryStringChecked replaces, one at a time, every string value of
// every library scenario (names, ids, references to them, layout removals,
// choices, descriptions) with a control sequence, and every one but a
// description with a formula: each must be refused at that value's
// line:col. So no string of a scenario reaches a terminal, a CSV or a page
// unchecked, whatever field it is in.
func TestEveryStringChecked(t *testing.T) {
	for _, name := range Names() {
		s, err := Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		var strs []*yaml.Node
		var keys []string
		var walk func(n *yaml.Node, key string)
		walk = func(n *yaml.Node, key string) {
			switch n.Kind {
			case yaml.MappingNode:
				for i := 0; i+1 < len(n.Content); i += 2 {
					walk(n.Content[i+1], n.Content[i].Value)
				}
			case yaml.SequenceNode:
				for _, c := range n.Content {
					walk(c, key)
				}
			case yaml.ScalarNode:
				if n.ShortTag() == "!!str" {
					strs = append(strs, n)
					keys = append(keys, key)
				}
			}
		}
		walk(s.root, "")
		if len(strs) < 20 {
			t.Fatalf("%s: only %d strings found", name, len(strs))
		}
		for i, n := range strs {
			bads := []string{"x\x1b[2Jy"}
			if keys[i] != "description" {
				bads = append(bads, "=cmd|' /C calc'!A0")
			}
			for _, bad := range bads {
				old := n.Value
				n.Value = bad
				_, err := parseNode(name+".yaml", cloneNode(s.root))
				n.Value = old
				at := fmt.Sprintf("%s.yaml:%d:%d: ", name, n.Line, n.Column)
				if err == nil || !strings.Contains(err.Error(), at) {
					t.Errorf("%s: %s: %q at line %d col %d not refused there: %v", name, keys[i], bad, n.Line, n.Column, err)
					continue
				}
				for _, line := range strings.Split(err.Error(), "\n") {
					if r, _, found := NonGraphic(line, ""); found {
						t.Errorf("%s: the error echoes U+%04X: %q", name, r, line)
					}
				}
			}
		}
	}
}

// TestTagEscaped: a YAML tag may spell a control character in %-escapes
// (!a%1bb is "!a", ESC, "b"); the message that names the tag escapes it.
func TestTagEscaped(t *testing.T) {
	_, err := Parse("tag.yaml", []byte("name: !a%1bb 1\n"))
	if err == nil || !strings.Contains(err.Error(), `tag.yaml:1:7: name: expected a string, found "!a\x1bb" "1"`) {
		t.Errorf("error %v", err)
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if r, _, found := NonGraphic(line, ""); found {
			t.Errorf("the error echoes U+%04X: %q", r, line)
		}
	}
}

// TestOverrideCharacters: a --set or --sweep with a control character is
// refused before it reaches the scenario, and a string set through one is
// checked like a string in the file.
func TestOverrideCharacters(t *testing.T) {
	for _, bad := range []string{"traffic[0].name=a\x1bb", "sensors[a\x00].pfa=1e-6", "alerting.p_drone=0.7\u202e"} {
		if _, err := ParseOverride(bad); err == nil || !strings.Contains(err.Error(), "printing characters") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	s, err := Load("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	o, err := ParseOverride("traffic[0].name=@one")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.With(o); err == nil || !strings.Contains(err.Error(), "traffic[0].name: expected a name that does not begin with") {
		t.Errorf("With(%s): %v", o, err)
	}
}

// TestAcceptedNamesArePlain is the property the rules give: in a scenario
// that loads, no string holds a character that is not graphic (a
// description may hold line breaks and tabs), and no name begins like a
// formula.
func TestAcceptedNamesArePlain(t *testing.T) {
	for _, name := range Names() {
		s, err := Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		checkPlain(t, reflect.ValueOf(s).Elem(), name)
	}
}

// checkPlain walks the exported fields of v and checks every string.
func checkPlain(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			checkPlain(t, v.Elem(), path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				checkPlain(t, v.Field(i), path+"."+f.Name)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			checkPlain(t, v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.String:
		s := v.String()
		if strings.HasSuffix(path, ".Description") {
			if textProblem(s) != "" {
				t.Errorf("%s: %q", path, s)
			}
		} else if nameProblem(s) != "" {
			t.Errorf("%s: %q", path, s)
		}
	}
}

// TestTaggedValuesEscaped: a value tagged as a number or a boolean may
// spell a control character in a quoted string; the message about it
// escapes it, and a boolean that is not one is refused (it was read as
// false).
func TestTaggedValuesEscaped(t *testing.T) {
	base, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ old, new, want string }{
		{"duration_s: 300", `duration_s: !!float "3\e[2J"`, `run.duration_s: expected a finite number, found "3\x1b[2J"`},
		{"duration_s: 300", "duration_s: 300\n  seed: !!int \"3\\e\"", `run.seed: expected a whole number in [0, 2^64), found "3\x1b"`},
		{"swerling: 1}", `swerling: !!int "1\e"}`, `uav_types[0].rcs.swerling: expected a whole number that fits in 32 bits, found "1\x1b"`},
		{"mast_height_m: 10\n", "mast_height_m: 10\n    measures_elevation: !!bool \"t\\e\"\n", `sensors[0].measures_elevation: expected true or false, found "t\x1b"`},
	} {
		_, err := Parse("x.yaml", []byte(strings.Replace(string(base), c.old, c.new, 1)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %s", c.new, err, c.want)
			continue
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if r, _, found := NonGraphic(line, ""); found {
				t.Errorf("the error echoes U+%04X: %q", r, line)
			}
		}
	}
}
