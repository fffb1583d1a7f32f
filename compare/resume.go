package compare

import (
	"errors"
	"fmt"
)

// Prior returns what dir holds of the runner's comparison, as cuasim
// compare and cuasim-beam compare decide it: the results to resume (marked
// partial) or to show again (complete); nil when dir holds no comparison,
// or with force (the comparison is run anew, whatever dir holds). Without
// force, a dir whose files Load refuses, or that holds another comparison
// (another design, or another shard), is an error that says so.
func (rn *Runner) Prior(dir string, force bool) (*Results, error) {
	old, oldSum, err := Load(dir)
	switch {
	case errors.Is(err, ErrNoResults):
		return nil, nil
	case err != nil && !force:
		return nil, fmt.Errorf("%w\n(--force replaces what is in %s)", err, dir)
	case err != nil || force:
		return nil, nil
	case oldSum.Signature != rn.Design.Signature() || old.Shard != rn.shardName():
		return nil, fmt.Errorf("%s holds the results of another comparison (%s, %d replications, signature %s); use another --out, or --force to replace them",
			dir, old.Design.Scenario, oldSum.Replications, oldSum.Signature)
	}
	return old, nil
}

// shardName is the runner's shard as its results record it, "i/n", or ""
// when the run is not sharded.
func (rn *Runner) shardName() string {
	if rn.Shards > 1 {
		return fmt.Sprintf("%d/%d", rn.Shard, rn.Shards)
	}
	return ""
}
