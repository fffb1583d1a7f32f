package sensors

import (
	"fmt"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sim"
)

// benchOrbit is one drone circling 1.5 km out, for the per-sensor benchmarks.
const benchOrbit = `traffic:
  - {name: circler, kind: flight, type: quad, from: [0, 1500], from_alt_m: 50,
     legs: [{orbit: {center: [0, 0], radius_m: 1500, alt_m: 50, duration_s: 1e6}}]}
`

// benchSteps runs the world and network for b.N steps, restarting the world
// when it ends, and reports allocations per step (ReportAllocs).
func benchSteps(b *testing.B, body string) {
	w, n, _ := testWorld(b, body, 1e5)
	var dets []Detection
	for range 1000 { // warm up: buffers and Pd tables reach their size
		w.Step()
		dets = n.Observe(w, dets[:0])
	}
	b.ReportAllocs()
	for b.Loop() {
		w.Step()
		dets = n.Observe(w, dets[:0])
	}
}

// BenchmarkRadarOneTarget is one 0.1 s step of a staring radar observing
// one drone (10 dwells per second).
func BenchmarkRadarOneTarget(b *testing.B) {
	benchSteps(b, benchOrbit+fmt.Sprintf(staring, 10))
}

// BenchmarkRFOneTarget is one 0.1 s step of a passive RF sensor with
// shadowing and false alarms listening to one drone (one update per second).
func BenchmarkRFOneTarget(b *testing.B) {
	benchSteps(b, benchOrbit+fmt.Sprintf(rfSensor,
		"{model: log_distance, exponent: 2.2, shadowing_std_db: 4}", "    false_alarm_rate_per_h: 60\n"))
}

// BenchmarkAirportHour is a whole 1-hour run of the embedded airport
// scenario (5 sensors, drones and birds, 0.1 s steps): world construction,
// 36 000 steps and every detection, without writing files.
func BenchmarkAirportHour(b *testing.B) {
	sc, err := scenarios.Embedded("airport")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		w, err := sim.New(sc)
		if err != nil {
			b.Fatal(err)
		}
		n, err := NewNetwork(sc, w)
		if err != nil {
			b.Fatal(err)
		}
		var dets []Detection
		total := 0
		for !w.Done() {
			w.Step()
			dets = n.Observe(w, dets[:0])
			total += len(dets)
		}
		b.ReportMetric(float64(total), "detections/op")
	}
}

// TestSteadyStateAllocations checks that once warmed up a step of the world
// observed by a radar and an RF sensor with shadowing and false alarms
// allocates nothing.
func TestSteadyStateAllocations(t *testing.T) {
	rf := fmt.Sprintf(rfSensor, "{model: log_distance, exponent: 2.2, shadowing_std_db: 4}", "    false_alarm_rate_per_h: 3600\n")
	w, n, _ := testWorld(t, benchOrbit+fmt.Sprintf(staring, 10)+rf[len("sensors:\n"):], 1e5)
	if len(n.Sensors) != 2 {
		t.Fatalf("%d sensors", len(n.Sensors))
	}
	var dets []Detection
	for range 2000 {
		w.Step()
		dets = n.Observe(w, dets[:0])
	}
	if a := testing.AllocsPerRun(2000, func() {
		w.Step()
		dets = n.Observe(w, dets[:0])
	}); a != 0 {
		t.Errorf("%v allocations per step", a)
	}
}
