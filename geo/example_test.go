package geo_test

import (
	"fmt"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
)

// A site's origin and a mast given by its latitude and longitude: where is
// the mast in the site's local metres, and back?
func ExampleFrame() {
	site := geo.NewFrame(geo.LLA{LatDeg: 52.0, LonDeg: 5.0})
	mast := site.ToENU(geo.LLA{LatDeg: 51.99416, LonDeg: 5.01})
	fmt.Printf("east %.1f m, north %.1f m, up %.1f m\n", mast.X, mast.Y, mast.Z)

	p := site.ToLLA(r3.Vec{X: 1000, Y: 2000, Z: 100})
	fmt.Printf("%.6f°N %.6f°E, %.1f m above the ellipsoid\n", p.LatDeg, p.LonDeg, p.AltM)
	// Output:
	// east 686.9 m, north -649.8 m, up -0.1 m
	// 52.017974°N 5.014566°E, 100.4 m above the ellipsoid
}
