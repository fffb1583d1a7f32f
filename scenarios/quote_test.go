package scenarios

import (
	"os"
	"strings"
	"testing"
)

// TestLongValuesQuotedShort puts a 20 000-character value in each kind of
// place an error message echoes what it found: every message must stay
// short and still say how long the value was.
func TestLongValuesQuotedShort(t *testing.T) {
	long := strings.Repeat("x", 20000)
	digits := strings.Repeat("9", 20000)
	base, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, old, new string }{
		{"string for mapping", "site:\n  name: Test site\n", "site: " + long + "\n"},
		{"string for number", "duration_s: 300", "duration_s: " + long},
		{"number out of range", "duration_s: 300", "duration_s: " + digits},
		{"float for whole number", "swerling: 1}", "swerling: 1." + digits + "}"},
		{"enum", "kind: flight", "kind: " + long},
		{"type reference", "type: quad\n    from", "type: " + long + "\n    from"},
		{"unknown key", "  name: Test site\n", "  name: Test site\n  " + long + ": 1\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := string(base)
			if !strings.Contains(src, c.old) {
				t.Fatalf("minimal.yaml has no %q", c.old)
			}
			_, err := Parse("long.yaml", []byte(strings.Replace(src, c.old, c.new, 1)))
			if err == nil {
				t.Fatal("loaded without error")
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if len(line) > 300 {
					t.Errorf("a %d-byte message: %.200s…", len(line), line)
				}
			}
			if !strings.Contains(err.Error(), "20000 characters") && !strings.Contains(err.Error(), "20002 characters") {
				t.Errorf("the message does not say how long the value was: %s", err)
			}
		})
	}
}

// TestWholeNumberLiterals: a float literal is a whole number only when it
// denotes one exactly, not when it merely rounds to one.
func TestWholeNumberLiterals(t *testing.T) {
	for lit, want := range map[string]bool{
		"2.0": true, "2.": true, "1e3": true, "1.5e1": true, "-3.000": true, "25e-1": false, "2.5": false,
		"1.9999999999999999999": false, "0.1e1": true, "0.01e1": false, "1e-1": false, "1_000.0": true,
	} {
		if got := wholeLiteral(lit); got != want {
			t.Errorf("wholeLiteral(%q) = %v, want %v", lit, got, want)
		}
	}
}
