package scene

import (
	"fmt"
	"image"
	"math"
	"slices"

	"github.com/cuasim/cuasim/alert"
)

// GroupView is a group of drones flying together (a scenario's traffic
// entry with a group: its members' EntityView.Group) as the map
// summarises it: where its members are and what the tracker makes of it.
type GroupView struct {
	Name    string
	Members int // members flying now
	// CenterE, CenterN is the members' centroid; E0, N0, E1, N1 their
	// box, metres.
	CenterE, CenterN float64
	E0, N0, E1, N1   float64
	// SpacingM is the median distance from a member to the nearest other,
	// metres (over a sample of at most spacingSample members): on screen,
	// how far apart the members' markers are, which decides whether their
	// own labels fit (Collapsed).
	SpacingM float64
	// Tracks counts the confirmed tracks over the group (inside its box
	// widened by MarginM), Alerting those of them with an alert in force.
	Tracks, Alerting int
	// First is the index in the frame's Entities of the group's first
	// member.
	First int
}

// spacingSample is how many members the spacing is measured on: each
// against all the others, so a group costs spacingSample × members
// distances per frame.
const spacingSample = 32

// MemberLabelGapPx is how much further apart than a member's label is
// wide, on screen, a group's members must be for their own labels to be
// drawn (Collapsed): closer, a member's label would cover its
// neighbours, and the labeler would drop most of them anyway.
const MemberLabelGapPx = 16

// MarginM is how far outside its members' box a track still counts as
// over the group, metres: about a track's error in a formation.
func (g *GroupView) MarginM() float64 { return math.Max(50, 2*g.SpacingM) }

// Collapsed reports whether the group shows one label for all its
// members under camera c, its members' labels being labelW pixels wide:
// whether its members are closer together on screen than labelW +
// MemberLabelGapPx.
func (g *GroupView) Collapsed(c Camera, labelW float32) bool {
	return g.Members > 1 && g.SpacingM/c.MPerPx < float64(labelW)+MemberLabelGapPx
}

// ScreenBox is the members' box on screen under camera c.
func (g *GroupView) ScreenBox(c Camera) image.Rectangle {
	x0, y0 := c.ToScreen(g.E0, g.N1)
	x1, y1 := c.ToScreen(g.E1, g.N0)
	return image.Rect(int(math.Floor(float64(x0))), int(math.Floor(float64(y0))), int(math.Ceil(float64(x1)))+1, int(math.Ceil(float64(y1)))+1)
}

// GroupLabel is a group's label on the map: its name, the members flying,
// the confirmed tracks over it and how many of them have alerts in force.
func GroupLabel(g *GroupView) Line {
	members := fmt.Sprintf("%d drones", g.Members)
	if g.Members == 1 {
		members = "1 drone"
	}
	l := Line{Name(g.Name), Words(" · "), Quantity("group", members), Words(" · "),
		Quantity("group", fmt.Sprintf("%d tracks", g.Tracks))}
	if g.Alerting > 0 {
		l = append(l, Words(" · "), Quantity("group", fmt.Sprintf("%d alerting", g.Alerting)))
	}
	return l
}

// Groups summarises a frame's groups (Update), keeping its buffers from
// one frame to the next: with the same groups, an update allocates
// nothing.
type Groups struct {
	List []GroupView
	// TrackGroup is, per track of the frame (by index), the index in List
	// of the group it is over, −1 if none.
	TrackGroup []int
	// EntityGroup is, per entity of the frame (by index), the index in
	// List of its group, −1 if it flies alone (or is a bird).
	EntityGroup []int

	levels map[int]alert.Level
	pos    [][][2]float64 // members' positions, per group
	nn     []float64
	labels map[groupLabelKey]string
}

type groupLabelKey struct {
	name                      string
	members, tracks, alerting int
}

// Update summarises frame f's groups.
func (gs *Groups) Update(f *Frame) {
	gs.List = gs.List[:0]
	for i := range gs.pos {
		gs.pos[i] = gs.pos[i][:0]
	}
	gs.EntityGroup = gs.EntityGroup[:0]
	for i := range f.Entities {
		e := &f.Entities[i]
		if e.Group == "" || e.Bird {
			gs.EntityGroup = append(gs.EntityGroup, -1)
			continue
		}
		k := -1
		for j := len(gs.List) - 1; j >= 0; j-- { // the last one is the likeliest
			if gs.List[j].Name == e.Group {
				k = j
				break
			}
		}
		if k < 0 {
			k = len(gs.List)
			gs.List = append(gs.List, GroupView{Name: e.Group, E0: math.Inf(1), N0: math.Inf(1), E1: math.Inf(-1), N1: math.Inf(-1), First: i})
			if k == len(gs.pos) {
				gs.pos = append(gs.pos, nil)
			}
		}
		gs.EntityGroup = append(gs.EntityGroup, k)
		g := &gs.List[k]
		g.Members++
		g.CenterE += e.Pos.X
		g.CenterN += e.Pos.Y
		g.E0, g.N0, g.E1, g.N1 = math.Min(g.E0, e.Pos.X), math.Min(g.N0, e.Pos.Y), math.Max(g.E1, e.Pos.X), math.Max(g.N1, e.Pos.Y)
		gs.pos[k] = append(gs.pos[k], [2]float64{e.Pos.X, e.Pos.Y})
	}
	for k := range gs.List {
		g := &gs.List[k]
		g.CenterE /= float64(g.Members)
		g.CenterN /= float64(g.Members)
		g.SpacingM = gs.spacing(gs.pos[k])
	}
	gs.trackLevels(f)
	gs.TrackGroup = gs.TrackGroup[:0]
	for i := range f.Tracks {
		t := &f.Tracks[i]
		k := -1
		if t.Confirmed {
			for j := range gs.List {
				g := &gs.List[j]
				m := g.MarginM()
				if t.Pos.X >= g.E0-m && t.Pos.X <= g.E1+m && t.Pos.Y >= g.N0-m && t.Pos.Y <= g.N1+m {
					k = j
					g.Tracks++
					if gs.levels[t.ID] != alert.None {
						g.Alerting++
					}
					break
				}
			}
		}
		gs.TrackGroup = append(gs.TrackGroup, k)
	}
}

// spacing is the median distance from a member to its nearest other,
// over a sample of the members spread through their order.
func (gs *Groups) spacing(pos [][2]float64) float64 {
	n := len(pos)
	if n < 2 {
		return math.Inf(1)
	}
	gs.nn = gs.nn[:0]
	samples := min(n, spacingSample)
	for s := 0; s < samples; s++ {
		i := s * n / samples
		best := math.Inf(1)
		for j := range pos {
			if j != i {
				de, dn := pos[j][0]-pos[i][0], pos[j][1]-pos[i][1]
				if d := de*de + dn*dn; d < best {
					best = d
				}
			}
		}
		gs.nn = append(gs.nn, best)
	}
	slices.Sort(gs.nn)
	return math.Sqrt(gs.nn[len(gs.nn)/2])
}

// trackLevels notes the highest alert level in force on each track.
func (gs *Groups) trackLevels(f *Frame) {
	if gs.levels == nil {
		gs.levels = map[int]alert.Level{}
	}
	clear(gs.levels)
	for i := range f.Alerts {
		a := &f.Alerts[i]
		gs.levels[a.Track] = max(gs.levels[a.Track], a.Level)
	}
}

// TrackLevel returns the highest alert level in force on track id in the
// frame last updated (Frame.TrackAlertLevel, without going through the
// alerts for each track).
func (gs *Groups) TrackLevel(id int) alert.Level { return gs.levels[id] }

// Label returns group k's label as text, kept from frame to frame while
// its numbers stay the same.
func (gs *Groups) Label(k int) string {
	g := &gs.List[k]
	key := groupLabelKey{g.Name, g.Members, g.Tracks, g.Alerting}
	if s, ok := gs.labels[key]; ok {
		return s
	}
	if gs.labels == nil || len(gs.labels) > 256 {
		gs.labels = map[groupLabelKey]string{}
	}
	s := GroupLabel(g).String()
	gs.labels[key] = s
	return s
}
