package scenarios

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOpenNameOrFile: a built-in's name opens the built-in even where a
// directory of that name is in the way; a file of that name, or a name
// ending in .yaml, opens the file.
func TestOpenNameOrFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir("base", 0o755); err != nil {
		t.Fatal(err)
	}
	sc, err := Open("base")
	if err != nil || sc.File() != "library/base.yaml" {
		t.Fatalf("Open(base) beside a directory base: %v, %v", sc, err)
	}
	src, err := library.ReadFile("library/depot.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "airport"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	if sc, err := Open("airport"); err != nil || sc.File() != "airport" || sc.Name != "depot" {
		t.Errorf("Open(airport) beside a file airport: %v, %v", sc, err)
	}
	if _, err := Open("missing.yaml"); err == nil {
		t.Error("Open(missing.yaml): no error")
	}
}
