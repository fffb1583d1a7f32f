// Package assign solves the rectangular linear assignment problem: given an
// n×m matrix of costs, pair rows with distinct columns so that the total cost
// of the pairs is as small as possible. The tracker's global-nearest-neighbour
// associator and the OSPA/GOSPA metrics are built on it.
//
// # Algorithm
//
// Solver implements the shortest augmenting path method of Jonker and
// Volgenant in the form described by Crouse ("On implementing 2D rectangular
// assignment algorithms", IEEE Transactions on Aerospace and Electronic
// Systems 52(4), 2016). The rows of the smaller side are added one at a time;
// for each, a Dijkstra-like search over reduced costs finds the cheapest
// augmenting path to a free column, the dual variables are updated so that all
// reduced costs stay non-negative, and the matching is flipped along the path.
// The work is O(n²m) for n = min(rows, cols) and m = max(rows, cols). When
// there are more rows than columns the problem is solved on the transposed
// matrix, so every column is then matched and the surplus rows are left out.
//
// # Forbidden pairs
//
// An entry of +Inf forbids its pair. Solve first maximises the number of
// pairs with finite cost and then, among assignments with that many pairs,
// minimises the total. It does so by giving every forbidden entry the same
// large finite cost M and solving the resulting complete problem: after the
// finite entries have been shifted to the range [0, R] (R being the spread
// between the largest and smallest finite entry), M = 2·n·R + 1 exceeds the
// largest possible difference between the finite parts of two complete
// assignments, so an assignment using fewer M entries is always cheaper than
// one using more. Rows that end up on an M entry are reported as unassigned.
// Every complete assignment has exactly n entries, so the shift lowers every
// total by the same amount and does not change which assignment is optimal;
// it also keeps the arithmetic well conditioned when all costs share a large
// offset. The reported total is summed from the caller's unshifted entries.
//
// # Allocation
//
// A Solver keeps its workspace between calls: once it has solved a problem of
// a given size, later problems whose smaller and larger dimensions are no
// bigger allocate nothing (so a 20×20 call does not cover a 10×30 one). A
// Solver must not be used by several goroutines at once; give each goroutine
// its own.
package assign
