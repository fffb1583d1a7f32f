package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the loader: it must never panic, and it
// must either return a scenario or errors that each carry the file name and
// a message.
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
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data)
		if err == nil {
			if s == nil {
				t.Fatal("nil scenario without error")
			}
			return
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
