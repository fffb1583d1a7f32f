package scene

import "github.com/cuasim/cuasim/scenarios"

// VehicleView is a convoy's vehicle as drawn.
type VehicleView struct {
	Convoy      string
	Index       int     // 0 for the lead vehicle
	East, North float64 // metres
	HeadingRad  float64 // compass heading of the road there
}

// site is what a frame shows of a scenario's moving site: its convoys'
// schedules and the zones that follow them. It is built once per run.
type site struct {
	sc     *scenarios.Scenario
	routes []*scenarios.ConvoyRoute
	moving bool // a zone follows a convoy
}

func newSite(sc *scenarios.Scenario) site {
	st := site{sc: sc}
	for _, c := range sc.Convoys {
		if r := sc.ConvoyRoute(c.Name); r != nil {
			st.routes = append(st.routes, r)
		}
	}
	for _, z := range sc.Zones {
		st.moving = st.moving || z.Follows != ""
	}
	return st
}

// at fills the frame's roads, vehicles and zones for time t: the convoys'
// vehicles where their schedules put them, and a zone that follows a
// convoy where the convoy is.
func (st *site) at(f *Frame, t float64) {
	f.Roads = st.sc.Roads
	f.Vehicles = f.Vehicles[:0]
	for _, r := range st.routes {
		for i := range r.Vehicles() {
			p, h := r.VehicleAt(i, t)
			f.Vehicles = append(f.Vehicles, VehicleView{Convoy: r.Name, Index: i, East: p.EastM, North: p.NorthM, HeadingRad: h})
		}
	}
	if st.moving {
		f.Zones = st.sc.ZonesAt(t, nil)
	} else {
		f.Zones = st.sc.Zones
	}
}
