package metrics

// findSet and unionSets are a disjoint-set forest over parent (each
// element's parent, a root its own), with path halving; the root of a
// union is the smaller of the two: the group incidents (AlertScorer) and
// the clusters of one evaluation (the group links of both scorers).
func findSet[I int | int32](parent []I, i I) I {
	for parent[i] != i {
		parent[i] = parent[parent[i]]
		i = parent[i]
	}
	return i
}

func unionSets[I int | int32](parent []I, a, b I) {
	if ra, rb := findSet(parent, a), findSet(parent, b); ra != rb {
		parent[max(ra, rb)] = min(ra, rb)
	}
}
