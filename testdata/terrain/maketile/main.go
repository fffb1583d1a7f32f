// Command maketile writes the synthetic SRTM tile of the example terrain
// scenario, N46E007.hgt (a 60 m ridge 2 km east of the site), beside
// testdata/terrain/ridge.yaml, so that the example runs without downloaded
// data:
//
//	go run ./testdata/terrain/maketile
//	go run ./cmd/cuasim coverage testdata/terrain/ridge.yaml --altitude 40
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/cuasim/cuasim/internal/terraintest"
)

func main() {
	t := terraintest.RidgeTile(nil)
	path := filepath.Join(filepath.Dir(terraintest.File), t.Name)
	if err := os.WriteFile(path, t.Encode(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "maketile:", err)
		os.Exit(1)
	}
	fmt.Println("wrote", path)
}
