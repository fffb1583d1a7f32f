package scene

import (
	"fmt"
	"math"
	"slices"

	"github.com/cuasim/cuasim/alert"
)

// The text of the viewer's panels, as lines of fields: package viewer
// draws exactly these, and each number in them names its explanation
// (explain.go), which the help overlay lists and a hover shows.

// Clock formats seconds as h:mm:ss or m:ss.
func Clock(s float64) string {
	t := int(s)
	if t >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", t/3600, t/60%60, t%60)
	}
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}

// HUDLines are the two lines of the top bar: the run and where it
// stands, then what is in the sky and on the tracker.
func HUDLines(f *Frame, v *View) []Line {
	state := "playing"
	if v.Paused {
		state = "paused"
	}
	if f.Done {
		state = "ended"
	}
	var drones, birds, confirmed int
	for _, e := range f.Entities {
		if e.Bird {
			birds++
		} else {
			drones++
		}
	}
	for _, t := range f.Tracks {
		if t.Confirmed {
			confirmed++
		}
	}
	l1 := Line{Name(f.Name), Words("   layout "), Name(f.Layout)}
	if n := len(f.Layouts); n > 1 {
		l1 = append(l1, Words(" "), Quantity("layout-index", fmt.Sprintf("(%d of %d)", slices.Index(f.Layouts, f.Layout)+1, n)))
	}
	l1 = append(l1, Words("   "), Quantity("time", Clock(f.TimeS)+" / "+Clock(f.DurationS)))
	if !v.Still { // a picture does not play
		l1 = append(l1, Words("   "), Quantity("speed", fmt.Sprintf("×%g", v.SpeedX)), Words("   "+state))
	}
	if f.Replay {
		l1 = append(l1, Words("   replay"))
	} else {
		l1 = append(l1, Words("   "), Quantity("seed", fmt.Sprintf("seed %d", f.Seed)))
	}
	l2 := Line{Quantity("drones", fmt.Sprintf("drones %d", drones)), Words("   "), Quantity("birds", fmt.Sprintf("birds %d", birds)),
		Words("   tracks "), Quantity("tracks-confirmed", fmt.Sprintf("%d confirmed", confirmed)), Words(", "),
		Quantity("tracks-tentative", fmt.Sprintf("%d tentative", len(f.Tracks)-confirmed)), Words("   "),
		Quantity("alerts", fmt.Sprintf("alerts %d", len(f.Alerts)))}
	if !f.Replay {
		l2 = append(l2, Words("   "), Quantity("confirm", fmt.Sprintf("confirm %d of %d", f.ConfirmM, f.ConfirmN)))
	}
	return []Line{l1, l2}
}

// AlertStatus says where an alert's track stands: inside the zone, or
// how soon it is predicted to enter. A time to entry counted down over
// more than 1.5 s from its assessment (in a replay, from the alert's last
// recorded event) is marked approximate.
func AlertStatus(a *AlertView, nowS float64) Field {
	s := ""
	t := a.EntryInS(nowS)
	switch {
	case a.Inside:
		s = "inside"
	case math.IsInf(t, 1):
		s = "clearing"
	case t < 1:
		s = "at the edge"
	case nowS-a.AssessedS > 1.5:
		s = fmt.Sprintf("entry in ~%.0f s", t)
	default:
		s = fmt.Sprintf("entry in %.0f s", t)
	}
	return Quantity("alert-status", s)
}

// AlertListTitle is the title of the list of n alerts in force, and the
// heading of its column of durations.
func AlertListTitle(n int) (title, forHeading Field) {
	s := fmt.Sprintf("%d alerts in force", n)
	if n == 1 {
		s = "1 alert in force"
	}
	return Quantity("alerts", s), Quantity("alert-for", "for")
}

// AlertRow is an alert's row in the list, a field per column: the
// track, the zone, the level, for how long it has been in force, and
// where the track stands.
func AlertRow(a *AlertView, nowS float64) [5]Field {
	return [5]Field{Quantity("track-id", fmt.Sprintf("T%d", a.Track)), Name(a.ZoneName), Quantity("alert-level", a.Level.String()),
		Quantity("alert-for", Clock(math.Max(0, nowS-a.StartS))), AlertStatus(a, nowS)}
}

// AlertsMore is the list's last line when n alerts are left out.
func AlertsMore(n int) Field { return Quantity("alerts-more", fmt.Sprintf("+%d more", n)) }

// ClassLabel is a track's most probable class and its probability.
func ClassLabel(t *TrackView) string {
	switch {
	case t.PDrone >= t.PBird && t.PDrone >= t.PClutter:
		return fmt.Sprintf("drone %.2f", t.PDrone)
	case t.PBird >= t.PClutter:
		return fmt.Sprintf("bird %.2f", t.PBird)
	}
	return fmt.Sprintf("clutter %.2f", t.PClutter)
}

// TrackLabel is a confirmed track's label on the map: its number, its
// class and, when it has alerts in force, the highest level.
func TrackLabel(t *TrackView, lvl alert.Level) Line {
	l := Line{Quantity("track-id", fmt.Sprintf("T%d", t.ID)), Words(" "), Quantity("class-label", ClassLabel(t))}
	if lvl != alert.None {
		l = append(l, Words(" · "), Quantity("alert-level", lvl.String()))
	}
	return l
}

// ZoneLabel is a zone's label on the map: its name and the highest level
// of the alerts in force on it.
func ZoneLabel(name string, lvl alert.Level) Line {
	l := Line{Name(name)}
	if lvl != alert.None {
		l = append(l, Words(" · "), Quantity("alert-level", lvl.String()))
	}
	return l
}

// ScaleLabel is the scale bar's length, m metres.
func ScaleLabel(m float64) Line {
	if m >= 1000 {
		return Line{Quantity("scale", fmt.Sprintf("%g km", m/1000))}
	}
	return Line{Quantity("scale", fmt.Sprintf("%g m", m))}
}

// HiddenLabels is the "+N" drawn by a knot of n labels that fit nowhere.
func HiddenLabels(n int) Line { return Line{Quantity("labels-hidden", fmt.Sprintf("+%d", n))} }

// SelectionLines are the lines of the panel of the selected object's
// details, and where the object is (metres east and north); ok is false
// when nothing selected is in the frame.
func SelectionLines(f *Frame, v *View) (lines []Line, e, n float64, ok bool) {
	switch v.Selected.Kind {
	case SelSensor:
		i := v.Selected.Index
		if i < 0 || i >= len(f.Sensors) {
			return nil, 0, 0, false
		}
		sv := f.Sensors[i]
		cov := sv.Coverage
		lines = []Line{
			{Words("sensor "), Name(sv.ID), Words(" ("), Name(sv.Type), Words(")")},
			{Quantity("position", fmt.Sprintf("at %.0f, %.0f m", cov.Origin.X, cov.Origin.Y)), Words(", "),
				Quantity("mast", fmt.Sprintf("mast %.0f m", cov.Origin.Z))},
			{Quantity("revisit", fmt.Sprintf("revisit %.2f s", cov.RevisitS)), Words(", "),
				Quantity("field-of-view", fmt.Sprintf("field of view %.0f°", 2*cov.HalfWidthRad*180/math.Pi))},
			{Quantity("false-alarms", fmt.Sprintf("false alarms %.2f per scan", cov.FalseAlarmsPerScan))},
		}
		if !f.Replay {
			lines = append(lines, Line{Words("drag it to move it (the run restarts); s saves the moves as a layout")})
		}
		return lines, cov.Origin.X, cov.Origin.Y, true
	case SelEntity:
		for _, en := range f.Entities {
			if en.ID != v.Selected.Index {
				continue
			}
			kind := "drone"
			if en.Bird {
				kind = "bird"
			}
			lines = []Line{
				{Name(en.Name), Words(": " + kind + " "), Name(en.Type)},
				{Quantity("position", fmt.Sprintf("at %.0f, %.0f m", en.Pos.X, en.Pos.Y)), Words(", "),
					Quantity("altitude", fmt.Sprintf("altitude %.0f m", en.Pos.Z))},
				{Quantity("speed-truth", fmt.Sprintf("speed %.1f m/s", math.Hypot(math.Hypot(en.Vel.X, en.Vel.Y), en.Vel.Z)))},
			}
			if en.RCSM2 > 0 {
				lines = append(lines, Line{Quantity("rcs", fmt.Sprintf("RCS %.3f m²", en.RCSM2))})
			}
			if en.RFSilent {
				lines = append(lines, Line{Words("RF-silent: no sensor can hear it")})
			}
			return lines, en.Pos.X, en.Pos.Y, true
		}
	case SelTrack:
		for _, t := range f.Tracks {
			if t.ID != v.Selected.Index {
				continue
			}
			status := "tentative"
			if t.Confirmed {
				status = "confirmed"
			}
			ev := t.Evidence
			lines = []Line{
				{Quantity("track-id", fmt.Sprintf("track %d", t.ID)), Words(" ("), Quantity("track-status", status), Words(")")},
				{Quantity("position", fmt.Sprintf("at %.0f, %.0f m", t.Pos.X, t.Pos.Y)), Words(", "),
					Quantity("altitude", fmt.Sprintf("altitude %.0f m", t.Pos.Z)), Words(" "),
					Quantity("position-std", fmt.Sprintf("± %.0f m", t.PositionStdM))},
				{Quantity("track-speed", fmt.Sprintf("speed %.1f m/s", math.Hypot(t.Vel.X, t.Vel.Y))), Words(", "),
					Quantity("hover", fmt.Sprintf("hover %.2f", t.Hover))},
				{Quantity("quality", fmt.Sprintf("quality %.3f", t.Existence)), Words("  "),
					Quantity("p-drone", fmt.Sprintf("drone %.2f", t.PDrone)), Words(" "),
					Quantity("p-bird", fmt.Sprintf("bird %.2f", t.PBird)), Words(" "),
					Quantity("p-clutter", fmt.Sprintf("clutter %.2f", t.PClutter))},
			}
			if !f.Replay {
				lines = append(lines, Line{Quantity("labels", fmt.Sprintf("labels %d drone / %d bird", ev.DroneLabels, ev.BirdLabels)),
					Words(", "), Quantity("rf-seconds", fmt.Sprintf("RF %d s", ev.RFSeconds))})
			}
			lines = append(lines, Line{Quantity("updates", fmt.Sprintf("updates: %d radar, %d RF", t.RadarUpdates, t.RFUpdates))})
			for _, a := range f.TrackAlerts(t.ID) {
				lines = append(lines, Line{Words("alert "), Quantity("alert-level", a.Level.String()), Words(" on "), Name(a.ZoneName),
					Words(" for "), Quantity("alert-for", Clock(math.Max(0, f.TimeS-a.StartS))), Words(", "), AlertStatus(&a, f.TimeS)})
			}
			return lines, t.Pos.X, t.Pos.Y, true
		}
	}
	return nil, 0, 0, false
}
