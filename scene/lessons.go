package scene

// LessonMode is a lesson of the course (docs/course) in the viewer: the
// view it opens on, the lesson's question and the keys to try. A link
// with lesson=N alone (the browser's ?lesson=4, the desktop's --lesson 4)
// opens it; the viewer shows the question and keys in a panel.
type LessonMode struct {
	// Lesson is the lesson's number; File its page under docs/course.
	Lesson int
	File   string
	Title  string
	// Query is the view it opens, as a link's query.
	Query string
	// Question is the lesson's question, as the viewer can show it.
	Question string
	// Try are the things to do and watch, the keys first.
	Try []string
}

// lessonModes are the course's lessons as the viewer opens them.
var lessonModes = []LessonMode{
	{Lesson: 1, File: "01-radar.md", Title: "Why a small drone is hard to see",
		Query:    "scenario=airport&at=2m&layers=coverage,truth,detections,labels,legend",
		Question: "How far out does the radar see the inbound drone, and why does it report gulls and plots of nothing too?",
		Try: []string{
			"watch the radar's plots (blue ×) appear as its beam sweeps, and fade",
			"grey × are false alarms: noise over the threshold; 2 hides the truth",
			"click a radar: its false alarms per scan; click a drone or a gull: its RCS",
		}},
	{Lesson: 2, File: "02-rf.md", Title: "Passive RF: hearing the drone's radio",
		Query:    "scenario=airport&at=3m&layers=coverage,truth,detections,labels,legend",
		Question: "How far out does a detector hear a drone's radio, how precise is its bearing, and what of a drone whose radios are off?",
		Try: []string{
			"watch the bearings (purple lines) fan out from the RF detectors",
			"find the RF-silent drone (orange, ringed): no bearing points at it",
			"the dashed circles are the detectors' median range (1 hides them)",
		}},
	{Lesson: 3, File: "03-kalman.md", Title: "One drone, one radar: the Kalman filter",
		Query:    "scenario=airport&at=5m&layers=truth,detections,tracks,labels,legend",
		Question: "Where is the drone now, how fast is it going, and is the tracker's ± honest?",
		Try: []string{
			"click a track: its position ± σ, speed and updates",
			"the ellipse is 2σ: it shrinks at each plot and grows between them",
			"space pauses, . steps one cycle; the line ahead is 10 s of flight",
		}},
	{Lesson: 4, File: "04-tracking.md", Title: "Many things in the sky",
		Query:    "scenario=airport&at=1m&confirm=1of1&layers=truth,detections,tracks,labels,legend",
		Question: "Which plot belongs to which track, and when is a new track real? Here every plot confirms a track (1 of 1).",
		Try: []string{
			"the top bar counts confirmed and tentative tracks: watch tracks on nothing",
			"M (shift m) raises M, N (shift n) raises N; the run restarts on the same traffic",
			"with 3 of 5, most tracks on noise never confirm; the gulls' tracks stay",
		}},
	{Lesson: 5, File: "05-fusion.md", Title: "Fusing radar and RF",
		Query:    "scenario=airport&at=4m&layout=rf-ring&layers=coverage,truth,detections,tracks,labels,legend",
		Question: "How do two direction finders locate a drone, and what goes wrong when two drones fly at once?",
		Try: []string{
			"watch bearings of two detectors cross on a drone, where a track starts",
			"l and L switch layouts on the same traffic: fewer detectors, fewer crossings",
			"click a track: its radar and RF updates, and the RF seconds behind P(drone)",
		}},
	{Lesson: 6, File: "06-alerts.md", Title: "From tracks to alerts",
		Query:    "scenario=airport&at=13m24s&layers=truth,tracks,labels,legend",
		Question: "When should the operators be told: early enough to act, and not for gulls?",
		Try: []string{
			"the list under the top bar: each alert's level and the time left to entry",
			"click an alert in the list: its track's quality and P(drone)",
			"click a gull's track: its P(drone) stays under the alert threshold",
		}},
	{Lesson: 7, File: "07-layouts.md", Title: "Choosing a layout",
		Query:    "scenario=airport&at=10m&layers=coverage,truth,tracks,labels,legend",
		Question: "Keep the K-band radar, drop it, or spend its money on two more RF detectors?",
		Try: []string{
			"l and L switch layouts on the same traffic (the same seed)",
			"r runs the next seed: another day's traffic; one run is an anecdote",
			"drag a sensor to try a place of your own; c gives the link of the view",
		}},
	{Lesson: 8, File: "08-imm-groups.md", Title: "Hovering drones and the IMM; groups of drones",
		Query:    "scenario=airbase&at=33m&layers=truth,detections,tracks,labels,legend",
		Question: "What do a hovering drone and a close group of drones do to the tracker?",
		Try: []string{
			"click a track: its hover probability, the IMM's belief that it hovers",
			"drones of one group share a colour: count their tracks as they close in",
			"+ and − change the speed; j jumps a minute ahead",
		}},
}

// LessonModes returns the course's lessons as the viewer opens them, in
// order. The caller must not change it.
func LessonModes() []LessonMode { return lessonModes }

// Lesson returns lesson n's mode.
func Lesson(n int) (LessonMode, bool) {
	for _, l := range lessonModes {
		if l.Lesson == n {
			return l, true
		}
	}
	return LessonMode{}, false
}
