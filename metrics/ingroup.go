package metrics

import (
	"cmp"
	"math"
	"slices"

	"github.com/cuasim/cuasim/sim"
)

// GroupMembers returns, by entity, whether each flies in a group of drones
// (sim.Entity.Group), for AlertScorer.GroupMembers and
// CurveScorer.GroupMembers; nil when no entity does.
func GroupMembers(w *sim.World) []bool {
	var m []bool
	for i := range w.Entities {
		if e := &w.Entities[i]; e.Kind == sim.Drone && e.Group != "" {
			if m == nil {
				m = make([]bool, len(w.Entities))
			}
			m[i] = true
		}
	}
	return m
}

// A track alerting among a group of drones: at an evaluation, the
// alerting tracks within GroupLinkM of one another on the ground, chained,
// make a cluster the operators see as one (as for AlertResult.Groups, but
// at that evaluation only, not chained over time); a cluster holding a
// track on a member of a drone group is that group's alert, and every
// incident with a track in it, at that evaluation, is part of the group's
// alert (Incident.InGroup): a false track in a swarm (a bird flying among
// it, a ghost of its members' bearings) is not a false alert of its own.

// isMember reports whether an observed track follows a member of a group.
func isMember(members []bool, o *Observed) bool {
	return o.Truth >= 0 && int(o.Truth) < len(members) && members[o.Truth]
}

// markInGroup sets InGroup on the incidents of the alerting tracks of one
// evaluation (s.linked, sorted by east) whose cluster holds a track on a
// group member.
func (s *AlertScorer) markInGroup() {
	pts := s.linked
	members, others := false, false
	for i := range pts {
		if pts[i].member {
			members = true
			pts[i].in.InGroup = true
		} else if !pts[i].in.InGroup {
			others = true // an incident the clusters may yet join to a group
		}
	}
	if !members || !others {
		return
	}
	s.cluster = slices.Grow(s.cluster[:0], len(pts))[:len(pts)]
	for i := range s.cluster {
		s.cluster[i] = int32(i)
	}
	for i, a := range pts {
		for j := i + 1; j < len(pts); j++ {
			b := pts[j]
			if b.e-a.e > GroupLinkM {
				break
			}
			if de, dn := b.e-a.e, b.n-a.n; de*de+dn*dn <= GroupLinkM*GroupLinkM {
				unionSets(s.cluster, int32(i), int32(j))
			}
		}
	}
	s.hasMember = slices.Grow(s.hasMember[:0], len(pts))[:len(pts)]
	clear(s.hasMember)
	for i := range pts {
		if pts[i].member {
			s.hasMember[findSet(s.cluster, int32(i))] = true
		}
	}
	for i := range pts {
		if s.hasMember[findSet(s.cluster, int32(i))] {
			pts[i].in.InGroup = true
		}
	}
}

// groupPoint is one alerting track of an evaluation, for the curve's
// group links: its ground position, the highest threshold with an alert
// in force, whether it follows a group member, and its entry in the log.
type groupPoint struct {
	e, n, upToP float64
	member      bool
	entry       int
}

// groupLinks is the scratch of CurveScorer.linkGroups.
type groupLinks struct {
	pts        []groupPoint
	order      []int32 // points by upToP, highest first
	parent     []int32
	next, tail []int32 // each cluster's points as a list, from its root
	hasMember  []bool  // by root
	added      []bool
}

// linkGroups sets, for the entries of one evaluation (the log from
// first on), each one's linkP: the highest threshold t at which, among the
// tracks alerting at t, its track's cluster (GroupLinkM, chained) holds a
// track on a group member; −Inf when at none. The clusters shrink as t
// rises (fewer tracks alert), so the tracks are added from the highest
// upToP down, joining the clusters of those already added within
// GroupLinkM: when a cluster first holds a member, at the upToP of the
// track just added, that is the linkP of each of its tracks that has none
// yet.
func (s *CurveScorer) linkGroups(first int, obs []Observed, index []int32) {
	g := &s.groups
	g.pts = g.pts[:0]
	members, others := false, false
	for k := first; k < len(s.log); k++ {
		en := &s.log[k]
		o := &obs[index[k-first]]
		m := isMember(s.GroupMembers, o)
		if m {
			en.linkP = en.upToP
			members = true
		} else {
			others = true
		}
		g.pts = append(g.pts, groupPoint{e: o.Pos[0], n: o.Pos[1], upToP: en.upToP, member: m, entry: k})
	}
	if !members || !others {
		return
	}
	slices.SortFunc(g.pts, func(a, b groupPoint) int { return cmp.Compare(a.e, b.e) })
	n := len(g.pts)
	g.order = slices.Grow(g.order[:0], n)[:n]
	for i := range g.order {
		g.order[i] = int32(i)
	}
	slices.SortFunc(g.order, func(a, b int32) int {
		return cmp.Or(cmp.Compare(g.pts[b].upToP, g.pts[a].upToP), cmp.Compare(a, b))
	})
	grow := func(x []int32) []int32 { return slices.Grow(x[:0], n)[:n] }
	g.parent, g.next, g.tail = grow(g.parent), grow(g.next), grow(g.tail)
	g.hasMember = slices.Grow(g.hasMember[:0], n)[:n]
	g.added = slices.Grow(g.added[:0], n)[:n]
	clear(g.added)
	for _, i := range g.order {
		p := &g.pts[i]
		g.parent[i], g.next[i], g.tail[i], g.hasMember[i], g.added[i] = i, -1, i, p.member, true
		join := func(j int32) {
			q := &g.pts[j]
			if !g.added[j] {
				return
			}
			if de, dn := q.e-p.e, q.n-p.n; de*de+dn*dn > GroupLinkM*GroupLinkM {
				return
			}
			ri, rj := findSet(g.parent, i), findSet(g.parent, j)
			if ri == rj {
				return
			}
			if g.hasMember[ri] != g.hasMember[rj] { // one cluster gains a member at p's threshold
				r := ri
				if g.hasMember[ri] {
					r = rj
				}
				for k := r; k >= 0; k = g.next[k] {
					s.log[g.pts[k].entry].linkP = p.upToP
				}
			}
			root, child := min(ri, rj), max(ri, rj)
			g.parent[child] = root
			g.next[g.tail[root]], g.tail[root] = child, g.tail[child]
			g.hasMember[root] = g.hasMember[ri] || g.hasMember[rj]
		}
		for j := i - 1; j >= 0 && p.e-g.pts[j].e <= GroupLinkM; j-- {
			join(j)
		}
		for j := i + 1; j < int32(n) && g.pts[j].e-p.e <= GroupLinkM; j++ {
			join(j)
		}
	}
}

// maxLink returns the highest linkP of a spell's entries.
func maxLink(seg []curveEntry) float64 {
	m := math.Inf(-1)
	for i := range seg {
		m = max(m, seg[i].linkP)
	}
	return m
}
