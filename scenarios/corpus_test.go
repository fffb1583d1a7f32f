package scenarios

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected errors of the malformed corpus and docs/scenario-reference.md")

// TestMalformedCorpus loads every file in testdata/malformed and compares the
// error with the exact text in the .err file beside it. Each file is the
// minimal scenario (testdata/minimal.yaml) with one mistake.
func TestMalformedCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/malformed/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 {
		t.Fatalf("the corpus has %d files, want at least 30", len(files))
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".yaml"), func(t *testing.T) {
			_, err := Load(f)
			if err == nil {
				t.Fatalf("%s loaded without error", f)
			}
			got := err.Error() + "\n"
			want := strings.TrimSuffix(f, ".yaml") + ".err"
			if *update {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			exp, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(exp) {
				t.Errorf("error differs:\n got: %s\nwant: %s", got, exp)
			}
		})
	}
}

// TestMinimalLoads keeps the corpus honest: its base file is valid, so each
// malformed file fails for its one mistake.
func TestMinimalLoads(t *testing.T) {
	s, err := Load("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Sensors[0].Radar.Pfa; got != 1e-6 {
		t.Errorf("default pfa = %g, want 1e-6", got)
	}
	if got := s.Sensors[1].RF.Bearing; got.Floor != 2 || got.AtThreshold != 8 {
		t.Errorf("default bearing noise = %+v, want floor 2, at_threshold 8", got)
	}
	if got := s.Sensors[1].RF.Propagation.Model; got != "free_space" {
		t.Errorf("default propagation = %q, want free_space", got)
	}
	if got := s.Run; got.StepS != 0.1 || got.Seed != 1 || got.RecordS != 1 {
		t.Errorf("run defaults = %+v", got)
	}
}

// TestLibraryLoads loads every embedded scenario.
func TestLibraryLoads(t *testing.T) {
	names := Names()
	if len(names) < 5 {
		t.Fatalf("library has %v, want at least airbase, airport, base, convoy, depot", names)
	}
	for _, n := range names {
		s, err := Embedded(n)
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		if s.Name != n {
			t.Errorf("library/%s.yaml has name %q", n, s.Name)
		}
		if s.Summary() == "" {
			t.Errorf("%s has no description", n)
		}
	}
}

// TestReferenceDoc checks that docs/scenario-reference.md is the reference
// the loader generates from its own rules.
func TestReferenceDoc(t *testing.T) {
	const path = "../docs/scenario-reference.md"
	got := Reference()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s is out of date; regenerate with go test ./scenarios -run TestReferenceDoc -update", path)
	}
	for _, field := range []string{"`duration_s`", "`frequency_hz`", "`bearing_std_deg`", "`toward_zone`", "`shadowing_std_db`", "`tracker`", "`gate_probability`"} {
		if !strings.Contains(got, field) {
			t.Errorf("the reference does not mention %s", field)
		}
	}
}

// TestReferenceWholeNumbers: every whole-number field (the loader rejects
// 2.5 for them) is documented as a whole number in the reference, and every
// fractional one as a number.
func TestReferenceWholeNumbers(t *testing.T) {
	ref := Reference()
	var walk func(t reflect.Type)
	seen := map[reflect.Type]bool{}
	checked := 0
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for _, f := range fieldsOf(typ) {
			ft := typ.FieldByIndex(f.index).Type
			if f.variants != nil {
				walk(ft)
				continue
			}
			walk(ft)
			if ft.Kind() != reflect.Int && ft.Kind() != reflect.Float64 {
				continue
			}
			row := referenceRow(ref, f.name, f.doc)
			if row == "" {
				t.Errorf("%s.%s: no row in the reference", typ.Name(), f.name)
				continue
			}
			checked++
			value := strings.Split(row, " | ")[1]
			if whole := strings.HasPrefix(value, "a whole number"); whole != (ft.Kind() == reflect.Int) {
				t.Errorf("%s.%s (%s) is documented as %q", typ.Name(), f.name, ft.Kind(), value)
			}
		}
	}
	walk(reflect.TypeOf(Scenario{}))
	if checked < 50 {
		t.Errorf("checked %d number fields, want the 50 or more of the schema", checked)
	}
}

// referenceRow finds the reference's table row of the field with this name
// and description.
func referenceRow(ref, name, doc string) string {
	for _, line := range strings.Split(ref, "\n") {
		if strings.HasPrefix(line, "| `"+name+"` |") && strings.HasSuffix(line, "| "+doc+" |") {
			return line
		}
	}
	return ""
}

// TestReferenceLinksResolve checks that every link within the reference
// leads to one of its headings, as GitHub names their anchors (lower case,
// spaces as hyphens, other punctuation dropped). The limits table once
// linked fields of traffic kinds, sensor types and path-loss models to
// sections that do not exist (#inbound, #radar, #logdistance), and
// boresights_deg's element type to #float64.
func TestReferenceLinksResolve(t *testing.T) {
	ref := Reference()
	anchors := map[string]bool{}
	for _, line := range strings.Split(ref, "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			var b strings.Builder
			for _, r := range strings.ToLower(h) {
				switch {
				case r == ' ':
					b.WriteRune('-')
				case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
					b.WriteRune(r)
				}
			}
			anchors[b.String()] = true
		}
	}
	for rest := ref; ; {
		i := strings.Index(rest, "](#")
		if i < 0 {
			break
		}
		rest = rest[i+3:]
		a := rest[:strings.IndexByte(rest, ')')]
		if !anchors[a] {
			t.Errorf("the reference links to #%s, which is none of its headings", a)
		}
	}
}
