package assign_test

import (
	"fmt"
	"math"

	"github.com/cuasim/cuasim/assign"
)

// Three tracks and two detections, with squared distances as costs. Gating
// has ruled out pairing track 2 with detection 0.
func Example() {
	inf := math.Inf(1)
	cost := []float64{
		// det 0, det 1
		4, 9, // track 0
		1, 16, // track 1
		inf, 2, // track 2
	}
	var s assign.Solver
	rowToCol := make([]int, 3)
	total, err := s.Solve(cost, 3, 2, rowToCol)
	if err != nil {
		panic(err)
	}
	fmt.Println(rowToCol, total)
	// Output: [-1 0 1] 3
}
