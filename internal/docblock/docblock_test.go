package docblock

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSync(t *testing.T) {
	path := filepath.Join(t.TempDir(), "doc.md")
	doc := "intro\n<!-- begin table -->\nold\n<!-- end table -->\noutro\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Sync(path, "table", "old", false, "x"); err != nil {
		t.Errorf("unchanged block: %v", err)
	}
	if err := Sync(path, "table", "new", false, "go test -update"); err == nil || !strings.Contains(err.Error(), "go test -update") {
		t.Errorf("changed block without update: %v", err)
	}
	if err := Sync(path, "table", "new", true, "x"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if want := "intro\n<!-- begin table -->\nnew\n<!-- end table -->\noutro\n"; string(b) != want {
		t.Errorf("after update:\n%s\nwant\n%s", b, want)
	}
	if err := Sync(path, "other", "x", true, "x"); err == nil {
		t.Error("a missing block gave no error")
	}
}
