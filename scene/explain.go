package scene

import (
	"strconv"
	"strings"
)

// Explanation says what one quantity the viewer shows means, in plain
// words, with its unit: the help overlay (the ? key) lists them all, and
// hovering over a number in a panel shows its own.
type Explanation struct {
	// Term is the key a Field names it by.
	Term string
	// Name is the quantity as the panels write it.
	Name string
	// Unit is its unit, or what kind of number it is (a count, a
	// probability from 0 to 1).
	Unit string
	// Text explains it to a student.
	Text string
	// Lesson is the lesson of the course (docs/course) that teaches it,
	// 0 if none does.
	Lesson int
	// Panel is where the viewer shows it: one of Panels.
	Panel string
}

// Panels are the places the viewer shows numbers, in the help overlay's
// order.
var Panels = []string{"top bar", "alerts list", "selected track", "selected sensor", "selected drone or bird", "on the map"}

// explanations is the one table of what the viewer's numbers mean. A
// test checks that every number a panel draws names one of these terms
// and that every term is drawn somewhere.
var explanations = []Explanation{
	// The top bar.
	{Term: "time", Name: "time / run length", Unit: "m:ss (h:mm:ss past an hour)", Panel: "top bar",
		Text: "simulated time since the run began, and the run's length"},
	{Term: "layout-index", Name: "layout (2 of 3)", Unit: "which layout", Panel: "top bar", Lesson: 7,
		Text: "which of the scenario's sensor layouts is shown; l and L switch to the next and previous; s saves dragged sensors as a new one"},
	{Term: "speed", Name: "×4 speed", Unit: "simulated seconds per real second", Panel: "top bar",
		Text: "playback speed; + and − change it, space pauses"},
	{Term: "seed", Name: "seed", Unit: "a whole number", Panel: "top bar", Lesson: 7,
		Text: "the random seed: the same seed gives the same drones, birds and sensor noise; r runs the next seed"},
	{Term: "drones", Name: "drones", Unit: "count", Panel: "top bar",
		Text: "drones flying now: the truth, which the sensors and the tracker never see directly"},
	{Term: "birds", Name: "birds", Unit: "count", Panel: "top bar",
		Text: "birds flying now (truth); each can make radar plots and tracks like a drone's"},
	{Term: "tracks-confirmed", Name: "tracks: confirmed", Unit: "count", Panel: "top bar", Lesson: 4,
		Text: "tracks that passed the M-of-N rule: shown to the operators and judged by the alert rules"},
	{Term: "tracks-tentative", Name: "tracks: tentative", Unit: "count", Panel: "top bar", Lesson: 4,
		Text: "tracks started from an unused plot and not yet confirmed; most are noise or birds and die young"},
	{Term: "alerts", Name: "alerts", Unit: "count", Panel: "top bar", Lesson: 6,
		Text: "alerts in force now: one per track and protected zone it threatens (listed under the top bar)"},
	{Term: "confirm", Name: "confirm M of N", Unit: "plots in scans", Panel: "top bar", Lesson: 4,
		Text: "the tracker's rule: a track is confirmed once plots updated it in M of its first N scans; m/M and n/N change it"},

	// The list of alerts.
	{Term: "track-id", Name: "T12, track 12", Unit: "a track's number", Panel: "alerts list", Lesson: 4,
		Text: "the number the tracker gave the track when it started it; not the drone's name, which the tracker never knows"},
	{Term: "alert-level", Name: "advisory, warning, critical", Unit: "level, rising", Panel: "alerts list", Lesson: 6,
		Text: "how urgent the alert is: the zone's severity, one level lower if entry is only predicted soon, two if later"},
	{Term: "alert-for", Name: "for", Unit: "m:ss", Panel: "alerts list", Lesson: 6,
		Text: "how long the alert has been in force"},
	{Term: "alert-status", Name: "inside, entry in 12 s", Unit: "seconds", Panel: "alerts list", Lesson: 6,
		Text: "where the track stands: inside the zone, or the time left before its straight-line prediction enters it " +
			"(the warning time the operators still have; ~ counted down since the last assessment), at the edge, " +
			"or clearing (no entry predicted: the alert ends soon)"},
	{Term: "alerts-more", Name: "+2 more", Unit: "count", Panel: "alerts list",
		Text: "alerts in force left out of the list for lack of room; a taller window shows them"},

	// The selected track (click it).
	{Term: "track-status", Name: "tentative, confirmed", Unit: "state", Panel: "selected track", Lesson: 4,
		Text: "a track is tentative until the M-of-N rule confirms it"},
	{Term: "position", Name: "at E, N m", Unit: "metres east, north", Panel: "selected track",
		Text: "where it is, in metres east and north of the site's origin: the tracker's estimate for a track, the truth for a drone or bird"},
	{Term: "altitude", Name: "altitude", Unit: "m", Panel: "selected track",
		Text: "height above the site's ground: the estimate for a track, the truth for a drone or bird"},
	{Term: "position-std", Name: "± σ", Unit: "m", Panel: "selected track", Lesson: 3,
		Text: "the position's uncertainty: the root of the trace of the covariance, the distance the tracker expects between estimate and object"},
	{Term: "track-speed", Name: "speed", Unit: "m/s", Panel: "selected track", Lesson: 3,
		Text: "the estimated speed over the ground (the line ahead of the track is where it will be in 10 s)"},
	{Term: "hover", Name: "hover", Unit: "probability, 0 to 1", Panel: "selected track", Lesson: 8,
		Text: "the IMM's probability that the object is hovering rather than flying straight on"},
	{Term: "quality", Name: "quality", Unit: "probability, 0 to 1", Panel: "selected track", Lesson: 4,
		Text: "existence probability: the tracker's belief that the track follows a real object at all; alerts need alerting.min_quality"},
	{Term: "p-drone", Name: "drone: P(drone)", Unit: "probability, 0 to 1", Panel: "selected track", Lesson: 6,
		Text: "the probability that the track is a drone, calibrated: of the tracks the library sites gave p, a fraction p were drones; alerts need alerting.p_drone"},
	{Term: "p-bird", Name: "bird: P(bird)", Unit: "probability, 0 to 1", Panel: "selected track", Lesson: 6,
		Text: "the probability that the track is a bird; drone, bird and clutter sum to 1"},
	{Term: "p-clutter", Name: "clutter: P(clutter)", Unit: "probability, 0 to 1", Panel: "selected track", Lesson: 4,
		Text: "the probability that the track follows nothing (noise, ground echoes): 1 − quality"},
	{Term: "labels", Name: "labels … drone / … bird", Unit: "count of plots", Panel: "selected track", Lesson: 6,
		Text: "micro-Doppler classifications: the track's radar plots the classifier labelled drone (rotor blades) or bird (wing beats); each moves P(drone)"},
	{Term: "rf-seconds", Name: "RF", Unit: "s", Panel: "selected track", Lesson: 5,
		Text: "seconds in which RF bearings of two sensors agreed on the track: a drone's radio heard, evidence of a drone"},
	{Term: "updates", Name: "updates", Unit: "count", Panel: "selected track", Lesson: 3,
		Text: "measurements that corrected the track's estimate: radar plots and RF bearings"},

	// The selected sensor.
	{Term: "mast", Name: "mast", Unit: "m", Panel: "selected sensor", Lesson: 1,
		Text: "height of the sensor's antenna above the ground: higher sees further past obstacles and the horizon"},
	{Term: "revisit", Name: "revisit", Unit: "s", Panel: "selected sensor", Lesson: 1,
		Text: "time between two looks at the same point: a rotating radar's turn, or the sensor's update period"},
	{Term: "field-of-view", Name: "field of view", Unit: "degrees of azimuth", Panel: "selected sensor", Lesson: 1,
		Text: "the sector the sensor covers; 360° all round"},
	{Term: "false-alarms", Name: "false alarms", Unit: "reports per scan", Panel: "selected sensor", Lesson: 1,
		Text: "expected number of reports of nothing (noise crossing the detection threshold) per scan of the whole coverage, set by its Pfa"},

	// The selected drone or bird.
	{Term: "speed-truth", Name: "speed", Unit: "m/s", Panel: "selected drone or bird",
		Text: "its true speed, climb included"},
	{Term: "rcs", Name: "RCS", Unit: "m²", Panel: "selected drone or bird", Lesson: 1,
		Text: "radar cross-section: how large it looks to a radar; a small quadcopter is about 0.01 m², a gull about half that"},

	// On the map.
	{Term: "class-label", Name: "T12 drone 0.93", Unit: "probability, 0 to 1", Panel: "on the map", Lesson: 6,
		Text: "a confirmed track's number, its most probable class (drone, bird or clutter) and that class's probability"},
	{Term: "group", Name: "swarm-1 · 200 drones", Unit: "counts", Panel: "on the map",
		Text: "a group's drones, the confirmed tracks over it, those alerting"},
	{Term: "labels-hidden", Name: "+3", Unit: "count", Panel: "on the map",
		Text: "labels left out in a crowd (a flock, a swarm); zoom in to see them"},
	{Term: "pdmap-altitude", Name: "Pd map at 50 m", Unit: "m above ground", Panel: "on the map", Lesson: 1,
		Text: "the altitude of the drone the Pd map (layer 6) is drawn for; a and A step it. " +
			"The map is cuasim coverage's, as in the report: the probability that a sensor detects " +
			"a drone of the class named there within the dwell (buildings, horizon included; u steps through the scenario's classes); with d, that it is labelled (micro-Doppler, RF)"},
	{Term: "pdmap-dwell", Name: "detected within 10 s", Unit: "s", Panel: "on the map", Lesson: 1,
		Text: "the time over which the Pd map combines each sensor's looks: a rotating radar looks once a turn, so a longer dwell gives it more looks"},
	{Term: "pdmap-floor", Name: "white line: Pd 0.5", Unit: "probability, 0 to 1", Panel: "on the map", Lesson: 1,
		Text: "the white line rings the places where the Pd map is under this floor: the dead zones a drone may cross unseen"},
	{Term: "scale", Name: "scale bar", Unit: "m or km", Panel: "on the map",
		Text: "the length on the ground of the bar at the bottom right"},
}

// Explanations returns the table of explanations, in the help overlay's
// order (by panel). The caller must not change it.
func Explanations() []Explanation { return explanations }

// Explain returns the explanation of a term.
func Explain(term string) (Explanation, bool) {
	for _, e := range explanations {
		if e.Term == term {
			return e, true
		}
	}
	return Explanation{}, false
}

// Tip is the explanation as a tooltip's text: the quantity as shown
// (its Name if shown is empty), its unit and meaning, and the lesson that
// teaches it.
func (e Explanation) Tip(shown string) string {
	if shown == "" {
		shown = e.Name
	}
	var b strings.Builder
	b.WriteString(shown)
	b.WriteString(" (")
	b.WriteString(e.Unit)
	b.WriteString("): ")
	b.WriteString(e.Text)
	if e.Lesson > 0 {
		b.WriteString("; course lesson ")
		b.WriteString(strconv.Itoa(e.Lesson))
	}
	return b.String()
}

// Field is a piece of a line a panel draws: plain words (no Term), a
// quantity named by Term (a key of the explanations), or a name from the
// scenario (Verbatim: a zone's, a sensor's), shown as written there.
type Field struct {
	Text     string
	Term     string
	Verbatim bool
}

// Line is one line of a panel: its fields, drawn one after the other.
type Line []Field

// String is the line's text.
func (l Line) String() string {
	var b strings.Builder
	for _, f := range l {
		b.WriteString(f.Text)
	}
	return b.String()
}

// Words is a field of plain words.
func Words(s string) Field { return Field{Text: s} }

// Quantity is a field showing the quantity term.
func Quantity(term, s string) Field { return Field{Text: s, Term: term} }

// Name is a field holding a name from the scenario.
func Name(s string) Field { return Field{Text: s, Verbatim: true} }
