package coursefig

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"gonum.org/v1/plot"
)

// tickLabels lists the ticks' labels.
func tickLabels(ts []plot.Tick) []string {
	var ls []string
	for _, t := range ts {
		ls = append(ls, t.Label)
	}
	return ls
}

// TestTicks checks the tick markers against tick lists written out by hand.
func TestTicks(t *testing.T) {
	for _, c := range []struct {
		name string
		got  []string
		want []string
	}{
		{"PowerTicks", tickLabels(PowerTicks{}.Ticks(1e-10, 0.1)), []string{"1e-10", "1e-9", "1e-8", "1e-7", "1e-6", "1e-5", "1e-4", "1e-3", "1e-2", "1e-1"}},
		{"RangeTicks", tickLabels(RangeTicks{}.Ticks(100, 20000)), []string{"100 m", "200 m", "500 m", "1 km", "2 km", "5 km", "10 km", "20 km"}},
		{"Every", tickLabels(Every{Step: 1000}.Ticks(-2600, 2600)), []string{"-2000", "-1000", "0", "1000", "2000"}},
		{"UnitTicks", tickLabels(UnitTicks{}.Ticks(0, 1.45)), []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, c.got, c.want)
		}
	}
}

// TestSave writes a figure and refuses a name it cannot draw.
func TestSave(t *testing.T) {
	dir := t.TempDir()
	p := New("title", "x", "y")
	if err := Save(p, filepath.Join(dir, "f.png")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "f.png.partial")); !os.IsNotExist(err) {
		t.Errorf("the temporary file is left behind: %v", err)
	}
	if err := Save(p, filepath.Join(dir, "f.jpg")); err == nil {
		t.Error("Save to .jpg: no error")
	}
}
