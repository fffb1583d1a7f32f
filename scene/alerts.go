package scene

import (
	"math"
	"slices"

	"github.com/cuasim/cuasim/alert"
)

// AlertView is an alert in force as drawn: one track's alert on one zone.
type AlertView struct {
	Track    int
	Zone     int // index into the frame's Zones
	ZoneName string
	Level    alert.Level
	StartS   float64 // when the alert was raised
	// Inside and TimeToEntryS are where the track stood against the zone
	// at AssessedS: inside it, or predicted to come within the uncertainty
	// allowance of it TimeToEntryS later (+Inf: not within the horizon).
	// Live, AssessedS is the last evaluation of the alert rules; in a
	// replay, the alert's last recorded event (alerts.csv records the
	// assessment only when an alert starts or changes level).
	Inside       bool
	TimeToEntryS float64
	AssessedS    float64
}

// EntryInS returns the predicted time to entry counted down from the
// assessment to nowS, never below 0; +Inf when no entry is predicted.
func (a *AlertView) EntryInS(nowS float64) float64 {
	return math.Max(0, a.TimeToEntryS-math.Max(0, nowS-a.AssessedS))
}

// sortAlerts orders alerts the way the viewer lists them: the most urgent
// level first, then the longest standing, then by track and zone.
func sortAlerts(as []AlertView) {
	slices.SortFunc(as, func(a, b AlertView) int {
		switch {
		case a.Level != b.Level:
			return int(b.Level) - int(a.Level)
		case a.StartS != b.StartS:
			if a.StartS < b.StartS {
				return -1
			}
			return 1
		case a.Track != b.Track:
			return a.Track - b.Track
		}
		return a.Zone - b.Zone
	})
}

// zoneLevels returns, in dst reused, the highest level of the alerts in
// force on each of n zones (alert.None for a quiet zone).
func zoneLevels(dst []alert.Level, n int, as []AlertView) []alert.Level {
	dst = slices.Grow(dst[:0], n)[:n]
	clear(dst)
	for _, a := range as {
		if a.Zone >= 0 && a.Zone < n {
			dst[a.Zone] = max(dst[a.Zone], a.Level)
		}
	}
	return dst
}

// TrackAlertLevel returns the highest level of the alerts in force on
// track id, alert.None if it has none.
func (f *Frame) TrackAlertLevel(id int) alert.Level {
	l := alert.None
	for i := range f.Alerts {
		if f.Alerts[i].Track == id {
			l = max(l, f.Alerts[i].Level)
		}
	}
	return l
}

// TrackAlerts returns the alerts in force on track id, most urgent first.
func (f *Frame) TrackAlerts(id int) []AlertView {
	var out []AlertView
	for _, a := range f.Alerts {
		if a.Track == id {
			out = append(out, a)
		}
	}
	return out
}

// setAlerts fills the frame's alerts from the alert rules' list and its
// zone levels.
func (f *Frame) setAlerts(active []alert.Alert, assessedS float64) {
	f.Alerts = f.Alerts[:0]
	for _, a := range active {
		f.Alerts = append(f.Alerts, AlertView{Track: a.Track, Zone: a.Zone, ZoneName: f.zoneName(a.Zone), Level: a.Level,
			StartS: a.StartS, Inside: a.Inside, TimeToEntryS: a.TimeToEntryS, AssessedS: assessedS})
	}
	f.sortAlerts()
}

func (f *Frame) sortAlerts() {
	sortAlerts(f.Alerts)
	f.ZoneLevels = zoneLevels(f.ZoneLevels, len(f.Zones), f.Alerts)
}

func (f *Frame) zoneName(i int) string {
	if i >= 0 && i < len(f.Zones) {
		return f.Zones[i].Name
	}
	return ""
}

// alertLog is a recording's alert events (alerts.csv), from which the
// alerts in force at any time are rebuilt.
type alertLog struct {
	events []alertEvent // in time order
	active map[[2]int]AlertView
}

type alertEvent struct {
	t    float64
	kind alert.EventKind
	view AlertView // track, zone, level, start and the assessment
}

// at returns, in dst reused, the alerts in force at time t: those started
// at or before t and not ended by then, at their latest level.
func (l *alertLog) at(t float64, dst []AlertView) []AlertView {
	if l.active == nil {
		l.active = map[[2]int]AlertView{}
	}
	clear(l.active)
	for _, e := range l.events {
		if e.t > t+1e-9 {
			break
		}
		k := [2]int{e.view.Track, e.view.Zone}
		if e.kind == alert.End {
			delete(l.active, k)
			continue
		}
		l.active[k] = e.view
	}
	dst = dst[:0]
	for _, a := range l.active {
		dst = append(dst, a)
	}
	sortAlerts(dst)
	return dst
}
