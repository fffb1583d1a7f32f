package compare

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPrior: what a directory holds is resumed or shown again when it is
// this comparison, and refused when it is another (another design,
// another shard) or damaged, unless force; an empty directory holds
// nothing.
func TestPrior(t *testing.T) {
	dir, files := smallComparison(t)
	sc, err := loadCorridor()
	if err != nil {
		t.Fatal(err)
	}
	_, sum, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	same := &Runner{Design: sum.Design, Scenario: sc}
	if prior, err := same.Prior(dir, false); err != nil || prior == nil || prior.Partial || len(prior.Replications) != 3 {
		t.Errorf("this comparison: %v, %v; want its 3 replications", prior, err)
	}
	if prior, err := same.Prior(t.TempDir(), false); prior != nil || err != nil {
		t.Errorf("an empty directory: %v, %v", prior, err)
	}
	other := *sum.Design
	other.FirstSeed++
	sharded := &Runner{Design: sum.Design, Scenario: sc, Shard: 0, Shards: 2}
	for what, rn := range map[string]*Runner{"another design": {Design: &other, Scenario: sc}, "another shard": sharded} {
		if _, err := rn.Prior(dir, false); err == nil || !strings.Contains(err.Error(), "holds the results of another comparison") {
			t.Errorf("%s: %v", what, err)
		}
		if prior, err := rn.Prior(dir, true); prior != nil || err != nil {
			t.Errorf("%s, forced: %v, %v", what, prior, err)
		}
	}
	if prior, err := same.Prior(dir, true); prior != nil || err != nil {
		t.Errorf("this comparison, forced: %v, %v", prior, err)
	}
	if err := os.WriteFile(filepath.Join(dir, ResultsFile), append(files[ResultsFile], '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := same.Prior(dir, false); err == nil || !strings.Contains(err.Error(), "(--force replaces what is in "+dir+")") {
		t.Errorf("a damaged directory: %v", err)
	}
	if prior, err := same.Prior(dir, true); prior != nil || err != nil {
		t.Errorf("a damaged directory, forced: %v, %v", prior, err)
	}
}
