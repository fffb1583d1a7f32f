package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the loader: it must never panic, and it
// must either return a scenario whose names are plain text or errors that
// each carry the file name and a message, none echoing a control character.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/malformed/*.yaml")
	seeds = append(seeds, "testdata/minimal.yaml")
	lib, _ := filepath.Glob("library/*.yaml")
	for _, s := range append(seeds, lib...) {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	// A tag may spell a control character in %-escapes.
	f.Add([]byte("name: !a%1bb 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data)
		if err == nil {
			if s == nil {
				t.Fatal("nil scenario without error")
			}
			// Every name accepted is plain text (see names.go).
			checkPlain(t, reflectValue(s), "scenario")
			return
		}
		// No message echoes a control character of the input.
		for _, line := range strings.Split(err.Error(), "\n") {
			if r, _, bad := NonGraphic(line, ""); bad {
				t.Fatalf("a message holds U+%04X: %q", r, line)
			}
		}
		list, ok := err.(ErrorList)
		if !ok || len(list) == 0 {
			t.Fatalf("error %T %v is not a non-empty ErrorList", err, err)
		}
		for _, e := range list {
			if e.File != "fuzz.yaml" || e.Msg == "" || !strings.HasPrefix(e.Error(), "fuzz.yaml") {
				t.Fatalf("malformed error %+v", e)
			}
		}
	})
}
