package compare

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Units lists the units of the design's replications (of the runner's
// shard) not complete in prior, which may be nil: the work of Run's first
// batch, for a runner that executes units elsewhere (RunUnit) and joins
// their rows with Collect. A design run to a precision decides its
// replications batch by batch, as they converge: Units refuses it.
func (rn *Runner) Units(prior *Results) ([]Unit, error) {
	d := rn.Design
	if d.Precision > 0 {
		return nil, errors.New("a comparison run to a precision (--precision) decides its replications as it goes: give --replications instead")
	}
	done := map[int]bool{}
	if prior != nil {
		for _, r := range prior.Replications {
			done[r] = true
		}
	}
	var units []Unit
	for r := range d.Replications {
		if (rn.Shards <= 1 || r%rn.Shards == rn.Shard) && !done[r] {
			for vi := range d.Variants {
				units = append(units, Unit{r, vi})
			}
		}
	}
	return units, nil
}

// RunUnit simulates one unit exactly as Run does (every layout in lockstep
// on one world, every threshold's alert rules evaluated on each layout's
// tracks) and returns its rows. It may be called from many goroutines at
// once, on the same runner. An error names the unit: its replication,
// seed, variant and layouts.
func (rn *Runner) RunUnit(ctx context.Context, u Unit) (*UnitRows, error) {
	d := rn.Design
	if u.Replication < 0 || u.Variant < 0 || u.Variant >= len(d.Variants) {
		return nil, fmt.Errorf("unit %+v: expected a replication >= 0 and a variant in [0, %d)", u, len(d.Variants))
	}
	cells, err := d.scenarios(rn.Scenario)
	if err != nil {
		return nil, err
	}
	ur, err := rn.runUnit(ctx, cells, u)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.UnitName(u), err)
	}
	return ur, nil
}

// UnitName names a unit in messages: its replication, seed, variant and
// layouts.
func (d *Design) UnitName(u Unit) string {
	variant := "(none)"
	if u.Variant >= 0 && u.Variant < len(d.Variants) && d.Variants[u.Variant].Label != "" {
		variant = d.Variants[u.Variant].Label
	}
	return fmt.Sprintf("replication %d (seed %d), variant %s, layouts %s", u.Replication, d.Seed(u.Replication), variant, strings.Join(d.Layouts, ","))
}

// Collect joins prior's rows (which may be nil) and the rows of units into
// the Results that Run returns for the same design and shard: rows in
// design order, whatever the order of units. units must hold every unit of
// Units(prior) exactly once, and nothing else.
func (rn *Runner) Collect(prior *Results, units []*UnitRows) (*Results, error) {
	d := rn.Design
	want, err := rn.Units(prior)
	if err != nil {
		return nil, err
	}
	pending := make(map[Unit]bool, len(want))
	for _, u := range want {
		pending[u] = true
	}
	res := &Results{Design: d, Shard: rn.shardName()}
	done := map[int]bool{}
	if prior != nil {
		res.Rows, res.Drones, res.Curves = prior.Rows, prior.Drones, prior.Curves
		for _, r := range prior.Replications {
			done[r] = true
		}
	}
	for _, ur := range units {
		if !pending[ur.Unit] {
			return nil, fmt.Errorf("%s: not a unit of this run, or given twice", d.UnitName(ur.Unit))
		}
		delete(pending, ur.Unit)
		res.Rows, res.Drones, res.Curves = append(res.Rows, ur.Rows...), append(res.Drones, ur.Drones...), append(res.Curves, ur.Curves...)
		done[ur.Unit.Replication] = true
	}
	for _, u := range want {
		if pending[u] {
			return nil, fmt.Errorf("%s: missing", d.UnitName(u))
		}
	}
	res.finish(done)
	return res, nil
}
