// Command 05-fusion is the program of lesson 5 of the course
// (docs/course/05-fusion.md): fusing bearings. Two passive RF sensors each
// measure only a direction; crossing their bearings (track.Triangulate)
// locates the drone, as precisely as the geometry allows. With two drones
// the bearings cross in four places, two of them ghosts; the received
// powers and a third sensor tell which. With -png it draws the ghost
// geometry.
//
//	go run ./examples/05-fusion [-bearing DEG] [-png FILE]
package main

import (
	"flag"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"

	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/cuasim/cuasim/examples/internal/coursefig"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/track"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "05-fusion:", err)
		os.Exit(1)
	}
}

// Two sensors 2 km apart on an east-west baseline, a third to the south,
// as around the airport; two drones, with different transmitters.
var (
	west  = r3.Vec{X: -1000}
	east  = r3.Vec{X: 1000}
	south = r3.Vec{X: 300, Y: -1500}

	drones = []struct {
		name    string
		pos     r3.Vec
		eirpDBm float64
	}{
		{"drone A", r3.Vec{X: -400, Y: 1500}, 20},
		{"drone B", r3.Vec{X: 700, Y: 2600}, 30},
	}
)

const freqHz = 2.44e9

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("05-fusion", flag.ContinueOnError)
	bearingDeg := fs.Float64("bearing", 2, "bearing noise of each sensor, degrees (1σ)")
	png := fs.String("png", "", "draw the ghost geometry to this PNG file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *bearingDeg <= 0 || *bearingDeg > 30 {
		return fmt.Errorf("-bearing %g: expected 0 to 30 degrees", *bearingDeg)
	}
	sd := *bearingDeg * math.Pi / 180

	// 1. Geometry: a drone straight north of the baseline's middle.
	fmt.Fprintf(w, "Two sensors 2 km apart, bearing noise %g° each; a drone north of the middle of the baseline\n", *bearingDeg)
	fmt.Fprintln(w, "north    crossing angle  1σ east  1σ north  one bearing alone, across the line")
	for _, y := range []float64{300, 1000, 2000, 4000, 8000} {
		target := r3.Vec{Y: y}
		_, cov, ok := track.Triangulate([]*track.Measurement{bearing(0, west, target, sd, 0), bearing(1, east, target, sd, 0)})
		if !ok {
			return fmt.Errorf("no fix at %g m", y)
		}
		crossing := 2 * math.Atan(1000/y) * 180 / math.Pi
		fmt.Fprintf(w, "%4.0f m  %13.0f°  %6.0f m  %7.0f m  %8.0f m\n", y, crossing,
			math.Sqrt(cov.At(0, 0)), math.Sqrt(cov.At(1, 1)), r3.Norm(r3.Sub(target, west))*sd)
	}

	// 2. Ghosts: each sensor hears both drones; the west and east
	// bearings cross in four places.
	fmt.Fprintln(w, "\nTwo drones, two sensors: every west bearing crosses every east bearing")
	fmt.Fprintln(w, "crossing             at (east, north)    power residual  miss distance of the south sensor's nearest bearing")
	for _, c := range crossings(sd) {
		kind := "real"
		if c.i != c.j {
			kind = "ghost"
		}
		fmt.Fprintf(w, "%-7s × %-7s %-5s (%5.0f, %5.0f) m  %8.1f dB  %8.0f m\n", drones[c.i].name, drones[c.j].name, kind,
			c.at.X, c.at.Y, c.residualDB, c.missM)
	}
	fmt.Fprintln(w, "(west bearing × east bearing; the residual is the received-power difference west − east less the")
	fmt.Fprintln(w, " one the path losses to the crossing predict: 0 for one emitter, without shadowing)")

	if *png != "" {
		return drawGhosts(*png, sd)
	}
	return nil
}

// bearing is the noise-free RF bearing of target from a sensor at origin,
// stated with noise sd, with its received power from a transmitter of
// eirpDBm (free space).
func bearing(sensor int, origin, target r3.Vec, sd, eirpDBm float64) *track.Measurement {
	d := r3.Sub(target, origin)
	m := track.FromDetection(&sensors.Detection{
		Sensor: sensor, Kind: sensors.RFBearing, Origin: origin,
		AzimuthRad: math.Atan2(d.X, d.Y), AzimuthStdRad: sd,
		PowerDBm:    eirpDBm - sensors.FreeSpacePathLossDB(freqHz, r3.Norm(d)),
		FrequencyHz: freqHz,
	})
	return &m
}

// crossing is where drone i's west bearing crosses drone j's east bearing.
type crossing struct {
	i, j       int
	at         r3.Vec
	residualDB float64 // measured power difference less the predicted one
	missM      float64 // distance to the nearest of the south sensor's bearings
}

func crossings(sd float64) []crossing {
	var cs []crossing
	for i, a := range drones {
		for j, b := range drones {
			mw := bearing(0, west, a.pos, sd, a.eirpDBm)
			me := bearing(1, east, b.pos, sd, b.eirpDBm)
			at, _, ok := track.Triangulate([]*track.Measurement{mw, me})
			if !ok {
				continue
			}
			// The EIRP cancels in the difference for one emitter.
			predicted := sensors.FreeSpacePathLossDB(freqHz, r3.Norm(r3.Sub(at, east))) -
				sensors.FreeSpacePathLossDB(freqHz, r3.Norm(r3.Sub(at, west)))
			measured := (a.eirpDBm - sensors.FreeSpacePathLossDB(freqHz, r3.Norm(r3.Sub(a.pos, west)))) -
				(b.eirpDBm - sensors.FreeSpacePathLossDB(freqHz, r3.Norm(r3.Sub(b.pos, east))))
			miss := math.Inf(1)
			for _, d := range drones {
				miss = math.Min(miss, lineDistance(south, d.pos, at))
			}
			cs = append(cs, crossing{i: i, j: j, at: at, residualDB: math.Round(10*(measured-predicted))/10 + 0, missM: miss})
		}
	}
	return cs
}

// lineDistance is the distance of p from the ray from o through t.
func lineDistance(o, t, p r3.Vec) float64 {
	u := r3.Unit(r3.Sub(t, o))
	d := r3.Sub(p, o)
	along := r3.Dot(d, u)
	return r3.Norm(r3.Sub(d, r3.Scale(along, u)))
}

// drawGhosts plots the sensors, the bearings of both drones from each, the
// drones and the ghosts.
func drawGhosts(path string, sd float64) error {
	p := coursefig.New("Two drones, three direction finders: real crossings and ghosts", "east (m)", "north (m)")
	sensorsAt := []r3.Vec{west, east, south}
	colors := []color.Color{color.RGBA{R: 200, G: 60, B: 60, A: 255}, color.RGBA{R: 60, G: 110, B: 200, A: 255}, color.RGBA{R: 120, G: 120, B: 120, A: 255}}
	names := []string{"west sensor's bearings", "east sensor's bearings", "south sensor's bearings"}
	for k, o := range sensorsAt {
		for i, d := range drones {
			u := r3.Unit(r3.Sub(d.pos, o))
			end := r3.Add(o, r3.Scale(8000, u))
			l, err := plotter.NewLine(plotter.XYs{{X: o.X, Y: o.Y}, {X: end.X, Y: end.Y}})
			if err != nil {
				return err
			}
			l.Color = colors[k]
			l.Width = vg.Points(1.2)
			if k == 2 {
				l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
			}
			p.Add(l)
			if i == 0 {
				p.Legend.Add(names[k], l)
			}
		}
	}
	var real, ghost, sens plotter.XYs
	for _, c := range crossings(sd) {
		if c.i == c.j {
			real = append(real, plotter.XY{X: c.at.X, Y: c.at.Y})
		} else {
			ghost = append(ghost, plotter.XY{X: c.at.X, Y: c.at.Y})
		}
	}
	for _, o := range sensorsAt {
		sens = append(sens, plotter.XY{X: o.X, Y: o.Y})
	}
	for _, s := range []struct {
		xy    plotter.XYs
		name  string
		shape draw.GlyphDrawer
	}{
		{sens, "sensors", draw.TriangleGlyph{}},
		{real, "drones (real crossings)", draw.CircleGlyph{}},
		{ghost, "ghosts", draw.SquareGlyph{}},
	} {
		sc, err := plotter.NewScatter(s.xy)
		if err != nil {
			return err
		}
		sc.GlyphStyle.Shape = s.shape
		sc.GlyphStyle.Radius = vg.Points(5)
		if s.name == "ghosts" {
			sc.GlyphStyle.Radius = vg.Points(7)
			sc.GlyphStyle.Color = color.RGBA{R: 230, G: 120, B: 0, A: 255}
		}
		p.Add(sc)
		p.Legend.Add(s.name, sc)
	}
	p.X.Min, p.X.Max = -2600, 2600
	p.Y.Min, p.Y.Max = -1700, 4400
	p.X.Tick.Marker = coursefig.Every{Step: 1000}
	p.Y.Tick.Marker = coursefig.Every{Step: 1000}
	p.Legend.Top = false
	return coursefig.Save(p, path)
}
