package track

import (
	"math"
	"testing"

	"github.com/cuasim/cuasim/sensors"
)

// classTracker is a tracker with a radar that labels its plots by
// micro-Doppler (drone as drone 0.9, bird as bird 0.92) and two RF sensors.
func classTracker() *Tracker {
	cov := []sensors.Coverage{
		{Kind: sensors.RadarPlot, RevisitS: 1, FalseAlarmsPerScan: 1, MeasurementVolume: 1e6,
			Classifier: &sensors.Confusion{DroneAsDrone: 0.9, BirdAsBird: 0.92}},
		{Kind: sensors.RFBearing, RevisitS: 1, FalseAlarmsPerScan: 0.01, MeasurementVolume: 2 * math.Pi},
		{Kind: sensors.RFBearing, RevisitS: 1, FalseAlarmsPerScan: 0.01, MeasurementVolume: 2 * math.Pi},
	}
	return New(DefaultConfig(), cov)
}

// classTrack starts a track on tr moving east at speed, its velocity well
// known, with the IMM's hover model at probability hover, and enough hits
// for its kinematics to count.
func classTrack(tr *Tracker, speed, hover float64) *Track {
	var g Gaussian
	g.X = [6]float64{0, 1000, 50, speed, 0, 0}
	for i := range 6 {
		g.P[i][i] = 1
	}
	t := tr.newTrack(&g, 0, 0)
	t.Est.Mu = [MaxModels]float64{1 - hover, hover}
	t.Hits = kinematicHits
	return t
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// naiveClass leaves P(drone) naive, the logistic of the summed terms, for
// the rest of test t: the tests of the evidence check what each term does
// to P(drone) as docs/tracking.md describes it, before the calibration
// maps it (TestSetClassCalibrated).
func naiveClass(t *testing.T) {
	saved := calibration
	calibration = Calibration{}
	t.Cleanup(func() { calibration = saved })
}

// TestClassifyKinematics: each second of hovering, of fast flight and of
// flight at a bird's cruising speed moves the log-odds by its term, the
// sum within ±2; a track too new, or whose velocity is unknown, gains
// nothing.
func TestClassifyKinematics(t *testing.T) {
	naiveClass(t)
	for _, c := range []struct {
		name         string
		speed, hover float64
		perSecond    float64
	}{
		// The model of docs/tracking.md, written out: a change of a
		// constant's sign or size in classify.go fails here.
		{"hovering", 0.5, 0.9, +0.5},
		{"fast", 25, 0.01, +0.3},
		{"bird speed", 10, 0.01, -0.1},
		{"slow, not hovering", 0.5, 0.2, 0},
		{"between bird speed and fast", 20, 0.01, 0},
	} {
		tr := classTracker()
		tk := classTrack(tr, c.speed, c.hover)
		prior := tk.class.logOdds()
		tr.classify(tk, 3) // seconds 1, 2 and 3
		if got := tk.class.logOdds() - prior; !near(got, 3*c.perSecond) {
			t.Errorf("%s: three seconds moved the log-odds by %.3f, want %.3f", c.name, got, 3*c.perSecond)
		}
		if c.perSecond > 0 && !(tk.PDrone > 0.1*tk.Existence) || c.perSecond < 0 && !(tk.PDrone < 0.1*tk.Existence) {
			t.Errorf("%s: P(drone) %.3f of existence %.3f, prior 0.1", c.name, tk.PDrone, tk.Existence)
		}
		tr.classify(tk, 1000)
		if want := math.Copysign(2, c.perSecond); c.perSecond != 0 && !near(tk.class.kinematic, want) {
			t.Errorf("%s: after 1000 s the kinematic term is %.3f, want the bound %.1f", c.name, tk.class.kinematic, want)
		}
	}
	// Too new: the velocity of a track's first cycles is its start's.
	tr := classTracker()
	tk := classTrack(tr, 0.5, 0.9)
	tk.Hits = kinematicHits - 1
	tr.classify(tk, 3)
	if tk.class.kinematic != 0 || tk.Evidence.HoverSeconds != 0 {
		t.Errorf("a track with %d hits took kinematic evidence %.2f", tk.Hits, tk.class.kinematic)
	}
	// Unknown velocity: zero because nothing is known of it.
	tk = classTrack(tr, 0.5, 0.9)
	tk.Est.Comb.P[ivx][ivx], tk.Est.Comb.P[ivy][ivy] = 25*25, 25*25
	tr.classify(tk, 3)
	if tk.class.kinematic != 0 {
		t.Errorf("a track of unknown velocity took kinematic evidence %.2f", tk.class.kinematic)
	}
}

// TestClassifyLabelsOutvoteEmission: micro-Doppler labels add their
// log-likelihood ratios in full; RF emission counts +1.5 a second when
// bearings of two sensors agree within 3 s, +0.5 for one sensor's, and at
// most 4.6 in all; so a bird track that takes minutes of bearings (a bird
// on the lines of bearing of drones) stays a bird once a few labels agree,
// and a track with bearings of two sensors and no labels becomes a drone.
func TestClassifyLabelsOutvoteEmission(t *testing.T) {
	naiveClass(t)
	tr := classTracker()
	radar := func(tk *Track, at float64, c sensors.Class) {
		tr.credit(tk, 0, &Measurement{TimeS: at, Sensor: 0, Kind: sensors.RadarPlot, Class: c}, 1)
	}
	rf := func(tk *Track, at float64, s int) {
		tr.credit(tk, s, &Measurement{TimeS: at, Sensor: s, Kind: sensors.RFBearing}, 1)
	}
	dLabel, bLabel := math.Log(0.9/0.08), math.Log(0.1/0.92) // +2.42, −2.22

	tk := classTrack(tr, 10, 0.01)
	radar(tk, 0.5, sensors.ClassDrone)
	radar(tk, 1.5, sensors.ClassBird)
	if got := tk.class.labels; !near(got, dLabel+bLabel) {
		t.Errorf("labels term %.4f after a drone and a bird label, want %.4f", got, dLabel+bLabel)
	}

	bird := classTrack(tr, 10, 0.01)
	for k := range 5 {
		radar(bird, float64(k), sensors.ClassBird)
	}
	for k := range 300 { // five minutes of bearings of both sensors
		rf(bird, float64(k)+0.2, 1)
		rf(bird, float64(k)+0.4, 2)
	}
	if want := max(-10, 5*bLabel); !near(bird.class.rf, 4.6) || !near(bird.class.labels, want) {
		t.Errorf("terms: emission %.3f (bound 4.6), labels %.3f (want %.3f)", bird.class.rf, bird.class.labels, want)
	}
	setClass(bird)
	if bird.PDrone >= bird.PBird {
		t.Errorf("five bird labels and five minutes of bearings: P(drone) %.3f, P(bird) %.3f", bird.PDrone, bird.PBird)
	}

	one := classTrack(tr, 10, 0.01) // bearings of one sensor only
	for k := range 3 {
		rf(one, float64(k), 1)
	}
	two := classTrack(tr, 10, 0.01) // of two sensors agreeing
	for k := range 3 {
		rf(two, float64(k), 1)
		rf(two, float64(k)+0.5, 2)
	}
	if !near(one.class.rf, 3*0.5) || !near(two.class.rf, min(4.6, 0.5+2*1.5)) {
		t.Errorf("emission after three seconds: one sensor %.3f, two sensors %.3f", one.class.rf, two.class.rf)
	}
	setClass(one)
	setClass(two)
	if one.PDrone > one.PBird || two.PDrone < two.PBird {
		t.Errorf("three seconds of bearings: one sensor's P(drone) %.2f, two sensors' %.2f (of existence %.2f)", one.PDrone, two.PDrone, two.Existence)
	}

	// The labels' bound lets a track change its mind in a few labels.
	for k := range 50 {
		radar(tk, 2+float64(k), sensors.ClassDrone)
	}
	for k := range 5 {
		radar(tk, 60+float64(k), sensors.ClassBird)
	}
	if want := 10 + 5*bLabel; !near(tk.class.labels, want) {
		t.Errorf("labels term %.3f after 50 drone then 5 bird labels, want %.3f", tk.class.labels, want)
	}
}

// TestEmitterProbability: an RF bearing's likelihood for a track is
// weighted by the track's own evidence that its object emits (the prior
// left out); a track started by triangulation is an emitter.
func TestEmitterProbability(t *testing.T) {
	tr := classTracker()
	tk := classTrack(tr, 10, 0.01)
	if p := tk.emitterProbability(); !near(p, 0.5) {
		t.Errorf("no evidence: P(emitter) %.3f, want 0.5", p)
	}
	for k := range 3 {
		tr.credit(tk, 0, &Measurement{TimeS: float64(k), Kind: sensors.RadarPlot, Class: sensors.ClassBird}, 1)
	}
	if p := tk.emitterProbability(); !(p < 0.01) {
		t.Errorf("three bird labels: P(emitter) %.3f", p)
	}
	tk.rfBorn = true
	if p := tk.emitterProbability(); p != 1 {
		t.Errorf("started by triangulation: P(emitter) %.3f", p)
	}
}

// TestDuplicatesMerged: at the tracker's once-a-second housekeeping, a
// track started by RF triangulation and a radar track 30 m from it, with
// covariances that cover the distance and velocities within 10 m/s, are
// one object: the less precise (the RF track) ends as merged and the
// survivor takes its emission and its sensors — unless only the less
// precise one is confirmed, which then survives. Two radar tracks as close
// are not merged (birds of a flock), nor an RF track 400 m from a precise
// radar track.
func TestDuplicatesMerged(t *testing.T) {
	start := func(tr *Tracker, x, y, std float64, rfBorn bool) *Track {
		var g Gaussian
		g.X = [6]float64{x, y, 60, 10, 0, 0}
		for i, s := range []float64{std, std, 30, 3, 3, 3} {
			g.P[i][i] = s * s
		}
		s := 0
		if rfBorn {
			s = 1
		}
		tk := tr.newTrack(&g, s, 0)
		tk.Status, tk.ConfirmedS, tk.rfBorn, tk.Emitter = Confirmed, 0, rfBorn, rfBorn
		if rfBorn {
			tk.Evidence.RFSeconds = 7
		}
		return tk
	}
	tr := classTracker()
	radarTrack := start(tr, 0, 2000, 10, false)
	rfTrack := start(tr, 30, 2000, 80, true)
	tr.housekeeping(1)
	ended := tr.Ended()
	if len(ended) != 1 || ended[0] != rfTrack || rfTrack.Ended != EndMerged {
		t.Fatalf("ended %v, want the RF track merged", ended)
	}
	if len(tr.Tracks()) != 1 || !radarTrack.Emitter || radarTrack.Evidence.RFSeconds != 7 || !radarTrack.seenBy.has(1) {
		t.Errorf("survivor: emitter %v, RF seconds %d, seen by the RF sensor %v", radarTrack.Emitter, radarTrack.Evidence.RFSeconds, radarTrack.seenBy.has(1))
	}

	// A plot that started a track a moment ago, precise but tentative,
	// does not take over a confirmed track of the same object.
	tr = classTracker()
	newRadar := start(tr, 0, 2000, 10, false)
	newRadar.Status, newRadar.ConfirmedS = Tentative, math.NaN()
	rfTrack = start(tr, 30, 2000, 80, true)
	tr.housekeeping(1)
	if ended := tr.Ended(); len(ended) != 1 || ended[0] != newRadar || len(tr.Tracks()) != 1 || tr.Tracks()[0] != rfTrack {
		t.Errorf("ended %v, want the tentative radar track merged into the confirmed RF track", ended)
	}

	tr = classTracker()
	start(tr, 0, 2000, 10, false)
	start(tr, 30, 2000, 10, false)
	start(tr, 400, 2000, 10, true) // an RF track 400 m off a precise one
	tr.housekeeping(1)
	if e := tr.Ended(); len(e) != 0 {
		t.Errorf("%d tracks merged of two radar tracks 30 m apart and an RF track 400 m off", len(e))
	}
}

// TestRadarHeldNotMerged: a track started by RF triangulation that radar
// plots have updated in the last 5 s is held by the radar like a track
// started on a plot: it is not merged with another radar-held track
// however close (a drone's track flying past a bird's must not end in
// it), and merges again once the radar has not updated it for 5 s.
func TestRadarHeldNotMerged(t *testing.T) {
	start := func(tr *Tracker, x float64, rfBorn bool) *Track {
		var g Gaussian
		g.X = [6]float64{x, 2000, 60, 10, 0, 0}
		for i, s := range []float64{80, 80, 30, 3, 3, 3} {
			g.P[i][i] = s * s
		}
		tk := tr.newTrack(&g, 0, 0)
		tk.Status, tk.ConfirmedS, tk.rfBorn = Confirmed, 0, rfBorn
		return tk
	}
	tr := classTracker()
	start(tr, 0, false)          // a bird's radar track
	drone := start(tr, 30, true) // a drone's track, started by bearings
	drone.lastRadar = 0.5        // and updated by a plot since
	tr.housekeeping(1)
	if n := len(tr.Ended()); n != 0 {
		t.Fatalf("%d tracks merged of two that radar plots hold", n)
	}
	drone.lastRadar = -5 // the radar last updated it 6 s ago
	drone.updated = true
	tr.housekeeping(2)
	if e := tr.Ended(); len(e) != 1 || e[0].Ended != EndMerged {
		t.Errorf("the RF track the radar no longer holds: ended %v, want one merged", e)
	}
}

// TestLabelConflictNotMerged: two tracks whose micro-Doppler labels say,
// each beyond two labels' worth, one a drone and the other a bird follow
// two objects however close: a drone's track that coasted (no plot for
// 6 s) is not merged into a gull's. With one of them less sure, they
// merge as before.
func TestLabelConflictNotMerged(t *testing.T) {
	for _, c := range []struct {
		drone, bird float64 // label terms
		merged      bool
	}{
		{+10, -10, false},
		{+5, -5, false},
		{+10, -4, true},
		{+4, -10, true},
	} {
		tr := classTracker()
		var g Gaussian
		g.X = [6]float64{0, 2000, 60, 10, 0, 0}
		for i, s := range []float64{80, 80, 30, 3, 3, 3} {
			g.P[i][i] = s * s
		}
		gull := tr.newTrack(&g, 0, 0)
		g.X[0] = 30
		drone := tr.newTrack(&g, 1, 0)
		gull.Status, drone.Status, drone.rfBorn, drone.lastRadar = Confirmed, Confirmed, true, -5
		gull.class.labels, drone.class.labels = c.bird, c.drone
		tr.housekeeping(1)
		if got := len(tr.Ended()) == 1; got != c.merged {
			t.Errorf("labels %+.0f and %+.0f: merged %v, want %v", c.drone, c.bird, got, c.merged)
		}
	}
}
