// Package assign solves the rectangular linear assignment problem: given an
// n×m matrix of costs, pair rows with distinct columns so that the total cost
// of the pairs is as small as possible. Solver takes the whole matrix;
// Sparse takes the allowed pairs only, and is what the tracker's
// global-nearest-neighbour associator and the scoring (OSPA/GOSPA, tracks
// against truth) use.
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
// # Sparse problems
//
// Sparse solves the same problem given as a list of allowed pairs (edges),
// with a cost missCost for each row left unassigned: the tracker's
// −ln(1 − Pd·Pg) of a track without a measurement, 0 for the scoring's
// optional pairs, or +Inf for Solver's rule (as many pairs as possible,
// then the least total), which it meets with a cost M = min(rows, cols)·R
// + 1 per unassigned row on costs shifted to [0, R], as Solver does for
// forbidden entries. It is the same shortest augmenting path method, on
// the graph of the edges: rows are added one at a time (from the smaller
// side: leaving k rows unassigned at missCost each costs what leaving
// k + cols − rows columns does, so the problem may be transposed); the
// search from a row is Dijkstra's over reduced costs with a binary heap of
// the assigned columns it reaches, and stops as soon as the cheapest free
// column or unassigned end is no further than anything left on the heap.
// Each row's unassigned end is a column of its own that no other row can
// take, kept implicit (its dual stays 0). The work of a search follows the
// edges it reaches, not the size of the matrix: O(E·log E) per row at
// worst for E edges, and in a tracker's scene of many objects, a handful
// of rows. A search touches only what it reaches (its marks are epochs, not
// cleared arrays).
//
// Both solvers are exact; they give the same assignment whenever the
// optimum is unique, which it is with real-valued costs but for a set of
// measure zero (TestSparseSameAsDense). On exact ties they may settle
// differently (that test logs how often, on integer costs; the totals are
// always the same): Sparse ends a search on a tie in distance rather
// than goes on, and prefers leaving a row unassigned to a pair of the same
// cost (as the tracker's one-pair shortcut does), then the lower index.
//
// # Allocation
//
// A Solver keeps its workspace between calls: once it has solved a problem of
// a given size, later problems whose smaller and larger dimensions are no
// bigger allocate nothing (so a 20×20 call does not cover a 10×30 one); a
// Sparse likewise once its rows, columns and edges have been as many. A
// Solver or Sparse must not be used by several goroutines at once; give
// each goroutine its own.
package assign
