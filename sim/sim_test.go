package sim

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/scenarios"
)

// scenario builds a test scenario from YAML for the traffic and birds
// sections, with a fixed site, types and sensor.
func scenario(t testing.TB, body string, durationS float64, seed uint64) *scenarios.Scenario {
	t.Helper()
	src := fmt.Sprintf(`name: test
site: {name: test}
zones:
  - {name: pad, circle: {center: [0, 0], radius_m: 100}}
uav_types:
  - name: quad
    rcs: {mean_m2: 0.01}
    cruise_speed_mps: 10
    max_speed_mps: 15
    turn_rate_deg_s: 30
    climb_rate_mps: 2
    accel_mps2: 2
    rf_silent: true
%s
sensors:
  - {id: r, type: rf, position: [0, 0], mast_height_m: 5, bands: [{min_hz: 2.4e9, max_hz: 2.5e9}], noise_figure_db: 5, threshold_snr_db: 10}
run: {duration_s: %g, step_s: 0.1, seed: %d}
`, body, durationS, seed)
	s, err := scenarios.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	return s
}

func newWorld(t testing.TB, body string, durationS float64, seed uint64) *World {
	t.Helper()
	w, err := New(scenario(t, body, durationS, seed))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestStreamsAreReproducibleAndDistinct(t *testing.T) {
	a, b := Stream(1, "x"), Stream(1, "x")
	for range 100 {
		if a.Uint64() != b.Uint64() {
			t.Fatal("same seed and key gave different streams")
		}
	}
	// Different keys and seeds give uncorrelated streams.
	const n = 20000
	for _, pair := range [][2]*struct {
		seed uint64
		key  string
	}{
		{{1, "sensor/a"}, {1, "sensor/b"}},
		{{1, "x"}, {2, "x"}},
		{{7, "traffic/inbound"}, {7, "traffic/inbound2"}},
	} {
		r1, r2 := Stream(pair[0].seed, pair[0].key), Stream(pair[1].seed, pair[1].key)
		x, y := make([]float64, n), make([]float64, n)
		for i := range n {
			x[i], y[i] = r1.Float64(), r2.Float64()
		}
		// |r| of independent samples exceeds 4/√n with probability ~6e-5.
		if c := stat.Correlation(x, y, nil); math.Abs(c) > 4/math.Sqrt(n) {
			t.Errorf("streams %+v and %+v correlate: %v", *pair[0], *pair[1], c)
		}
	}
}

func TestObstacleBlocks(t *testing.T) {
	box := NewObstacle("box", []r3.Vec{{X: 10, Y: -5}, {X: 20, Y: -5}, {X: 20, Y: 5}, {X: 10, Y: 5}}, 12)
	// An L-shaped building: the notch at the top right is open.
	ell := NewObstacle("ell", []r3.Vec{{X: 0, Y: 0}, {X: 20, Y: 0}, {X: 20, Y: 10}, {X: 10, Y: 10}, {X: 10, Y: 20}, {X: 0, Y: 20}}, 10)
	for _, c := range []struct {
		name string
		o    *Obstacle
		a, b r3.Vec
		want bool
	}{
		{"through, below the roof", &box, r3.Vec{Z: 5}, r3.Vec{X: 40, Z: 5}, true},
		{"over the roof", &box, r3.Vec{Z: 15}, r3.Vec{X: 40, Z: 15}, false},
		{"beside", &box, r3.Vec{Y: 10, Z: 5}, r3.Vec{X: 40, Y: 10, Z: 5}, false},
		{"ends short of it", &box, r3.Vec{Z: 5}, r3.Vec{X: 9, Z: 5}, false},
		{"rising, still below the roof at the near wall", &box, r3.Vec{Z: 0}, r3.Vec{X: 30, Z: 30}, true},
		{"rising, above the roof at the near wall", &box, r3.Vec{Z: 0}, r3.Vec{X: 15, Z: 100}, false},
		{"rising steeply from beside the wall: above the roof where it enters", &box, r3.Vec{X: 9, Z: 10}, r3.Vec{X: 11, Z: 30}, false},
		{"descending onto the roof edge", &box, r3.Vec{X: 0, Z: 30}, r3.Vec{X: 12, Z: 11}, true},
		{"from inside, below the roof", &box, r3.Vec{X: 15, Z: 2}, r3.Vec{X: 100, Z: 50}, true},
		{"from the roof, above it", &box, r3.Vec{X: 15, Z: 13}, r3.Vec{X: 100, Z: 50}, false},
		{"through the L's open notch", &ell, r3.Vec{X: 12, Y: 25, Z: 2}, r3.Vec{X: 25, Y: 12, Z: 2}, false},
		{"through the L's arm", &ell, r3.Vec{X: 5, Y: 25, Z: 2}, r3.Vec{X: 5, Y: -5, Z: 2}, true},
	} {
		if got := c.o.Blocks(c.a, c.b); got != c.want {
			t.Errorf("%s: Blocks = %v, want %v", c.name, got, c.want)
		}
		if got := c.o.Blocks(c.b, c.a); got != c.want {
			t.Errorf("%s (reversed): Blocks = %v, want %v", c.name, got, c.want)
		}
	}
	site := Site{Obstacles: []Obstacle{box, ell}}
	if site.LineOfSight(r3.Vec{Z: 5}, r3.Vec{X: 40, Z: 5}) {
		t.Error("LineOfSight through the box")
	}
	if !site.LineOfSight(r3.Vec{Y: -50, Z: 5}, r3.Vec{X: 40, Y: -50, Z: 5}) {
		t.Error("no LineOfSight in the open")
	}
}

// TestGotoRespectsLimits flies a drone through two waypoints, the second a
// sharp turn from its first heading (the drone starts facing the first), and
// checks the turn, climb and speed limits at every step, and that it arrives.
func TestGotoRespectsLimits(t *testing.T) {
	w := newWorld(t, `traffic:
  - {name: d, kind: flight, type: quad, from: [0, 0], from_alt_m: 20,
     legs: [{goto: {to: [0, -600], alt_m: 80}}, {goto: {to: [-400, -600], alt_m: 80}}]}`, 400, 1)
	e := &w.Entities[0]
	prevVel := e.Vel
	minDist := math.Inf(1)
	for !w.Done() && e.Active {
		prevPos := e.Pos
		w.Step()
		if !e.Active {
			break
		}
		h := math.Hypot(e.Vel.X, e.Vel.Y)
		if h > 15+1e-9 {
			t.Fatalf("t=%.1f: speed %.2f exceeds the type's max 15", w.TimeS(), h)
		}
		if climb := (e.Pos.Z - prevPos.Z) / w.StepS; math.Abs(climb) > 2+1e-9 {
			t.Fatalf("t=%.1f: climb %.2f m/s exceeds 2", w.TimeS(), climb)
		}
		if h > 0.5 && math.Hypot(prevVel.X, prevVel.Y) > 0.5 {
			turn := math.Abs(geo.WrapPi(geo.Azimuth(e.Vel) - geo.Azimuth(prevVel)))
			if turn > geo.Rad(30)*w.StepS+1e-9 {
				t.Fatalf("t=%.1f: turned %.2f° in one step, limit 3°", w.TimeS(), geo.Deg(turn))
			}
		}
		minDist = math.Min(minDist, math.Hypot(e.Pos.X, e.Pos.Y+600))
		prevVel = e.Vel
	}
	if e.Active {
		t.Fatalf("drone still flying at t=%.0f", w.TimeS())
	}
	// Turn radius at 10 m/s and 30°/s is 19 m: the waypoint is captured within it.
	if minDist > 20 {
		t.Errorf("closest approach to the first waypoint %.1f m, want < 20", minDist)
	}
	// About 1000 m at 10 m/s, less the capture radius at each waypoint.
	if e.EndS < 95 || e.EndS > 105 {
		t.Errorf("flight ended at %.1f s, want 95-105 s", e.EndS)
	}
}

// TestOrbitHoldsTheCircle checks that an orbit, entered from outside,
// settles on its radius and lasts its duration.
func TestOrbitHoldsTheCircle(t *testing.T) {
	for _, dir := range []string{"cw", "ccw"} {
		w := newWorld(t, `traffic:
  - {name: d, kind: flight, type: quad, from: [800, 0], from_alt_m: 50,
     legs: [{orbit: {center: [0, 0], radius_m: 200, alt_m: 50, duration_s: 300, direction: `+dir+`}}]}`, 600, 1)
		e := &w.Entities[0]
		var worst float64
		var sense float64 // sign of the angular rate about the centre: + clockwise
		for !w.Done() && e.Active {
			w.Step()
			d := math.Hypot(e.Pos.X, e.Pos.Y)
			if w.TimeS() > 120 && e.Active {
				worst = math.Max(worst, math.Abs(d-200))
				// Clockwise seen from above: compass bearing of the position increases.
				sense += e.Pos.Y*e.Vel.X - e.Pos.X*e.Vel.Y
			}
		}
		if worst > 10 {
			t.Errorf("%s: strayed %.1f m from the 200 m circle after settling", dir, worst)
		}
		if (sense > 0) != (dir == "cw") {
			t.Errorf("%s: flew the wrong way round", dir)
		}
		// 600 m to the circle at 10 m/s (~60 s), then 300 s on it.
		if e.EndS < 330 || e.EndS > 400 {
			t.Errorf("%s: orbit ended at %.1f s, want 330-400 s", dir, e.EndS)
		}
	}
}

func TestHoverStops(t *testing.T) {
	w := newWorld(t, `traffic:
  - {name: d, kind: flight, type: quad, from: [0, 0], from_alt_m: 30,
     legs: [{goto: {to: [0, 100], alt_m: 30}}, {hover: {duration_s: 60}}, {goto: {to: [0, 500], alt_m: 30}}]}`, 200, 1)
	e := &w.Entities[0]
	for w.TimeS() < 40 {
		w.Step()
	}
	p := e.Pos
	for w.TimeS() < 60 {
		w.Step()
	}
	if moved := r3.Norm(r3.Sub(e.Pos, p)); moved > 0.01 || r3.Norm(e.Vel) > 0.01 {
		t.Errorf("hovering drone moved %.3f m, speed %.3f", moved, r3.Norm(e.Vel))
	}
}

// TestDeterminism: one seed fixes a run bit for bit; another seed changes it.
func TestDeterminism(t *testing.T) {
	body := `birds:
  - {name: b, area: {center: [0, 0], radius_m: 500}, flocks: 3, flock_size: 3, spawn_rate_per_h: 20, rcs: {median_m2: 0.005}}
traffic:
  - {name: in, kind: inbound, type: quad, rate_per_h: 30, toward_zone: pad, start_range_m: 2000, alt_m: {min: 30, max: 90}}
  - {name: tr, kind: transit, type: quad, count: 3, area: {center: [0, 0], radius_m: 1500}, alt_m: {min: 50, max: 60}}
  - {name: lo, kind: loiter, type: quad, count: 2, toward: [100, 100], start_range_m: 1500,
     standoff_m: {min: 100, max: 300}, orbit_radius_m: {min: 50, max: 80}, duration_s: {min: 60, max: 120}, alt_m: {min: 40, max: 60}}`
	run := func(seed uint64) string {
		w := newWorld(t, body, 900, seed)
		for !w.Done() {
			w.Step()
		}
		var b strings.Builder
		for _, e := range w.Entities {
			fmt.Fprintf(&b, "%s %v %v %v %v\n", e.Name, e.Active, e.Pos, e.Vel, e.EndS)
		}
		return b.String()
	}
	a, b, c := run(5), run(5), run(6)
	if a != b {
		t.Error("the same seed gave different worlds")
	}
	if a == c {
		t.Error("different seeds gave the same world")
	}
}

// TestPoissonArrivals checks a rate-based generator's count against its
// Poisson law and that its first arrivals do not depend on the run's length.
func TestPoissonArrivals(t *testing.T) {
	const rate, hours = 30.0, 10.0
	var counts []float64
	for seed := uint64(1); seed <= 40; seed++ {
		w := newWorld(t, `traffic:
  - {name: in, kind: inbound, type: quad, rate_per_h: 30, toward_zone: pad, start_range_m: 2000, alt_m: {min: 30, max: 90}}`, hours*3600, seed)
		counts = append(counts, float64(len(w.Entities)))
	}
	mean, std := stat.MeanStdDev(counts, nil)
	want := rate * hours
	// The mean of 40 Poisson(300) counts has sd √(300/40) ≈ 2.7: allow 4 sd.
	if math.Abs(mean-want) > 4*math.Sqrt(want/40) {
		t.Errorf("mean arrivals %.1f, want %.0f", mean, want)
	}
	// Poisson: variance equals the mean; the sample sd of 40 is within ~±35 %.
	if r := std / math.Sqrt(want); r < 0.65 || r > 1.35 {
		t.Errorf("arrival count sd %.1f, want about %.1f", std, math.Sqrt(want))
	}

	short := newWorld(t, `traffic:
  - {name: in, kind: inbound, type: quad, rate_per_h: 30, toward_zone: pad, start_range_m: 2000, alt_m: {min: 30, max: 90}}`, 3600, 9)
	long := newWorld(t, `traffic:
  - {name: in, kind: inbound, type: quad, rate_per_h: 30, toward_zone: pad, start_range_m: 2000, alt_m: {min: 30, max: 90}}`, 7200, 9)
	if len(short.Entities) == 0 || len(long.Entities) <= len(short.Entities) {
		t.Fatalf("%d arrivals in 1 h, %d in 2 h", len(short.Entities), len(long.Entities))
	}
	// Entities sit at the origin until they start: compare the planned
	// starts and legs instead.
	for i := range short.Entities {
		a, b := short.movers[i].(*planFollower), long.movers[i].(*planFollower)
		if short.Entities[i].StartS != long.Entities[i].StartS || a.from != b.from || !slices.Equal(a.legs, b.legs) {
			t.Fatalf("arrival %d differs between a 1 h and a 2 h run", i)
		}
	}
}

// TestInboundBearingsWrap draws inbound drones from a sector through north
// and checks every start lies in it, and both halves are used.
func TestInboundBearingsWrap(t *testing.T) {
	w := newWorld(t, `traffic:
  - {name: in, kind: inbound, type: quad, count: 400, toward: [0, 0], start_range_m: 2000,
     bearing_deg: {min: 330, max: 30}, alt_m: {min: 30, max: 90}}`, 3600, 3)
	var east, west int
	// Drones are placed when they start; read the planned starts instead.
	for _, m := range w.movers {
		f := m.(*planFollower)
		b := geo.Deg(geo.Azimuth(f.from))
		switch {
		case b <= 30:
			east++
		case b >= 330:
			west++
		default:
			t.Fatalf("start bearing %.1f° outside 330°-30°", b)
		}
		if d := math.Hypot(f.from.X, f.from.Y); math.Abs(d-2000) > 1e-6 {
			t.Fatalf("start range %.1f, want 2000", d)
		}
	}
	// 400 uniform draws split between two equal halves: 200 ± 4·10.
	if east < 160 || west < 160 {
		t.Errorf("bearings split %d east / %d west of north, want about 200 each", east, west)
	}
}

// TestFlocksWander checks the birds' random walk statistics: the flock keeps
// about its mean speed and altitude, and stays near its area.
// TestFlocksWander checks the flocks' random walk against the parameters
// it is given, over three seeds: mean speed and altitude and the altitude's
// spread, the speed and turn-rate spreads of the Ornstein-Uhlenbeck
// processes (each within 15 % of its σ, tight enough that ×0 or ×3 fails),
// and that flocks stay near their area.
func TestFlocksWander(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		w := newWorld(t, `birds:
  - {name: b, area: {center: [0, 0], radius_m: 800}, flocks: 8, flock_size: 1, flock_spread_m: 0, rcs: {median_m2: 0.005},
     speed_mps: 10, speed_std_mps: 2, altitude_m: 40, altitude_std_m: 10, correlation_s: 20}`, 7200, seed)
		var speeds, alts []float64
		var outside, samples int
		for step := 0; !w.Done(); step++ {
			w.Step()
			if step%50 != 0 {
				continue
			}
			for _, id := range w.Active() {
				e := &w.Entities[id]
				speeds = append(speeds, math.Hypot(e.Vel.X, e.Vel.Y))
				alts = append(alts, e.Pos.Z)
				samples++
				if math.Hypot(e.Pos.X, e.Pos.Y) > 1.5*800 {
					outside++
				}
			}
		}
		// 8 flocks × 7200 s with 20 s correlation: about 1400 independent
		// samples of speed and altitude; the bounds are about 4 standard errors.
		if m := stat.Mean(speeds, nil); math.Abs(m-10) > 0.3 {
			t.Errorf("seed %d: mean bird speed %.2f, want 10 ± 0.3", seed, m)
		}
		if m, s := stat.MeanStdDev(alts, nil); math.Abs(m-40) > 1.5 || math.Abs(s-10) > 1.5 {
			t.Errorf("seed %d: bird altitude mean %.1f sd %.1f, want 40 ± 1.5 and 10 ± 1.5", seed, m, s)
		}
		if f := float64(outside) / float64(samples); f > 0.05 {
			t.Errorf("seed %d: birds beyond 1.5× their area radius %.1f%% of the time, want < 5%%", seed, 100*f)
		}
	}

	// The spreads, in an area large enough that no flock is steered home:
	// then the horizontal speed is the mean plus the speed process, and the
	// turn rate between steps is the turn process.
	for seed := uint64(1); seed <= 3; seed++ {
		w := newWorld(t, `birds:
  - {name: b, area: {center: [0, 0], radius_m: 50000}, flocks: 8, flock_size: 1, rcs: {median_m2: 0.005},
     speed_mps: 12, speed_std_mps: 2, turn_std_deg_s: 15, correlation_s: 20}`, 3600, seed)
		var speeds, turns []float64
		prev := make(map[int]float64) // heading at the last step, by entity
		for step := 0; !w.Done(); step++ {
			w.Step()
			for _, id := range w.Active() {
				v := w.Entities[id].Vel
				h := math.Atan2(v.X, v.Y)
				if p, ok := prev[id]; ok && step%10 == 0 {
					turns = append(turns, geo.Deg(geo.WrapPi(h-p))/w.StepS)
					speeds = append(speeds, math.Hypot(v.X, v.Y))
				}
				prev[id] = h
			}
		}
		if s := stat.StdDev(speeds, nil); math.Abs(s-2) > 0.3 {
			t.Errorf("seed %d: bird speed sd %.2f m/s, want speed_std_mps 2 ± 0.3", seed, s)
		}
		if s := stat.StdDev(turns, nil); math.Abs(s-15) > 2.25 {
			t.Errorf("seed %d: bird turn-rate sd %.2f°/s, want turn_std_deg_s 15 ± 2.25", seed, s)
		}
	}
}

// TestBirdsComeAndGo checks spawned flocks over five seeds: each bird is
// active only within its flock's visit; flocks arrive at spawn_rate_per_h
// (the count within four Poisson standard deviations) and stay dwell_s on
// average (the mean of the exponential stays within four standard errors,
// tight enough that dwell ×5 or ×0.2 fails).
func TestBirdsComeAndGo(t *testing.T) {
	const seeds, rate, dwell = 5, 60.0, 120.0
	var flocks int
	var stays []float64
	for seed := uint64(1); seed <= seeds; seed++ {
		w := newWorld(t, `birds:
  - {name: b, area: {center: [0, 0], radius_m: 500}, spawn_rate_per_h: 60, dwell_s: 120, flock_size: 2, rcs: {median_m2: 0.005}}`, 3600, seed)
		for i := 0; i < len(w.Entities); i += 2 { // the first bird of each flock of 2
			e := &w.Entities[i]
			flocks++
			stays = append(stays, e.EndS-e.StartS)
			if w.Entities[i+1].StartS != e.StartS || w.Entities[i+1].EndS != e.EndS {
				t.Fatalf("seed %d: the birds of one flock come and go at different times", seed)
			}
		}
		maxActive := 0
		for !w.Done() {
			w.Step()
			maxActive = max(maxActive, len(w.Active()))
			for _, id := range w.Active() {
				e := &w.Entities[id]
				if w.TimeS() < e.StartS || w.TimeS() > e.EndS+w.StepS {
					t.Fatalf("seed %d: %s active at %.1f outside [%.1f, %.1f]", seed, e.Name, w.TimeS(), e.StartS, e.EndS)
				}
			}
		}
		// About 1 flock/min staying 2 min: ~2 flocks, 4 birds at a time.
		if maxActive > 30 {
			t.Errorf("seed %d: up to %d birds at once, want about 4", seed, maxActive)
		}
	}
	if want := rate * seeds; math.Abs(float64(flocks)-want) > 4*math.Sqrt(want) {
		t.Errorf("%d flocks in %d hours at %g an hour", flocks, seeds, rate)
	}
	if m := stat.Mean(stays, nil); math.Abs(m-dwell) > 4*dwell/math.Sqrt(float64(len(stays))) {
		t.Errorf("flocks stay %.1f s on average (%d flocks), want dwell_s %g ± %.1f", m, len(stays), dwell, 4*dwell/math.Sqrt(float64(len(stays))))
	}
}

// TestTooManyEntities: the world refuses to create more entities than the
// limit even when the scenario was changed after the loader checked it.
func TestTooManyEntities(t *testing.T) {
	sc := scenario(t, `traffic:
  - {name: flood, kind: inbound, type: quad, rate_per_h: 10, toward_zone: pad, start_range_m: 2000, alt_m: {min: 30, max: 90}}`, 3600, 1)
	sc.Traffic[0].Inbound.RatePerH = 1e9
	_, err := New(sc)
	if err == nil || !strings.Contains(err.Error(), "flood") {
		t.Errorf("err = %v, want an error naming the generator", err)
	}
}
