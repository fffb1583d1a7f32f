package scenarios

import (
	"fmt"
	"slices"
)

// PlacedLayout is a layout made by putting listed sensors, and copies of
// them, at chosen positions: what the layout search finds. Listed sensors
// that no placement names keep their listed place, unless Remove names
// them.
type PlacedLayout struct {
	Name, Description string
	Remove            []string // listed sensors the layout does without
	Placements        []Placement
}

// Placement puts a listed sensor, or a copy of it, at a position.
type Placement struct {
	Sensor       string // the listed sensor: its hardware and mast
	ID           string // the placed sensor's id: Sensor itself, or a new id for a copy
	Position     Point
	BoresightDeg float64
}

// AppendLayouts returns the scenario file's YAML with the layouts added at
// the end of its layouts section (which it starts at the end of the file
// when there is none), everything else, comments included, as written. A
// placement of a listed sensor is written as a change of its position and
// boresight (nothing when it stays where it is listed); a copy as an added
// sensor: the listed one's fields with its id, position and boresight.
// Parse of the result gives the scenario with the layouts. It is
// AddLayouts of the layouts the placements make (PlacedLayouts).
func (s *Scenario) AppendLayouts(ls []PlacedLayout) ([]byte, error) {
	if s.root == nil || len(s.src) == 0 {
		return nil, fmt.Errorf("scenario %s was not parsed from YAML; layouts cannot be added to it", s.Name)
	}
	layouts, err := s.PlacedLayouts(ls)
	if err != nil {
		return nil, err
	}
	return AddLayouts(s.file, s.src, layouts, false)
}

// PlacedLayouts returns the layouts that placed layouts make of the scenario's
// listed sensors: a listed sensor placed elsewhere is changed, a copy is
// added.
func (s *Scenario) PlacedLayouts(ls []PlacedLayout) ([]Layout, error) {
	var out []Layout
	for _, pl := range ls {
		l := Layout{Name: pl.Name, Description: pl.Description, Remove: slices.Clone(pl.Remove)}
		for _, p := range pl.Placements {
			k := slices.IndexFunc(s.Sensors, func(x Sensor) bool { return x.ID == p.Sensor })
			if k < 0 {
				return nil, fmt.Errorf("layout %q: placement of %q: no listed sensor of that id", pl.Name, p.Sensor)
			}
			sn := s.Sensors[k]
			if p.ID == p.Sensor && sn.Position.EastM == p.Position.EastM && sn.Position.NorthM == p.Position.NorthM && sn.BoresightDeg == p.BoresightDeg {
				continue // where it is listed
			}
			sn.ID, sn.Position, sn.BoresightDeg = p.ID, Point{EastM: p.Position.EastM, NorthM: p.Position.NorthM}, p.BoresightDeg
			if p.ID == p.Sensor {
				l.Change = append(l.Change, SensorChange{ID: p.ID, Sensor: sn})
			} else {
				l.Add = append(l.Add, sn)
			}
		}
		out = append(out, l)
	}
	return out, nil
}
