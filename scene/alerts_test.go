package scene

import (
	"math"
	"slices"
	"testing"

	"github.com/cuasim/cuasim/alert"
)

// TestSessionAlerts: twelve minutes into the airport's default hour, when
// cuasim run reports inbound drones alerted on the airfield, the frame
// lists the alerts the alert rules hold, with their zones' names, most
// urgent first, each zone at its highest level, each on a confirmed track;
// between two evaluations of the rules the list stays.
func TestSessionAlerts(t *testing.T) {
	s := airport(t)
	s.AdvanceTo(720)
	f := s.Frame()
	if len(f.Alerts) == 0 {
		t.Fatal("no alert in force at 12:00 at the airport")
	}
	active := s.Alerts.Alerter.Active()
	if len(active) != len(f.Alerts) {
		t.Fatalf("frame has %d alerts, the alert rules %d", len(f.Alerts), len(active))
	}
	for _, a := range active {
		i := slices.IndexFunc(f.Alerts, func(v AlertView) bool { return v.Track == a.Track && v.Zone == a.Zone })
		if i < 0 {
			t.Fatalf("alert of track %d on zone %d missing from the frame", a.Track, a.Zone)
		}
		v := f.Alerts[i]
		if v.Level != a.Level || v.StartS != a.StartS || v.Inside != a.Inside || v.TimeToEntryS != a.TimeToEntryS {
			t.Errorf("alert %+v shown as %+v", a, v)
		}
	}
	want := make([]alert.Level, len(f.Zones))
	for i, a := range f.Alerts {
		if a.ZoneName != f.Zones[a.Zone].Name {
			t.Errorf("alert on zone %d named %q, want %q", a.Zone, a.ZoneName, f.Zones[a.Zone].Name)
		}
		if a.Level < alert.Advisory || a.StartS > f.TimeS {
			t.Errorf("alert %+v at %g s", a, f.TimeS)
		}
		if math.Abs(a.AssessedS-720) > 1e-6 {
			t.Errorf("alert assessed at %g s, want the evaluation at 720 s", a.AssessedS)
		}
		if !a.Inside && !(a.EntryInS(f.TimeS) <= s.Scenario.Alerting.HorizonS) {
			t.Errorf("alert %+v neither inside nor entering within the horizon", a)
		}
		want[a.Zone] = max(want[a.Zone], a.Level)
		if i > 0 {
			p := f.Alerts[i-1]
			if p.Level < a.Level || p.Level == a.Level && p.StartS > a.StartS {
				t.Errorf("alerts out of order: %+v before %+v", p, a)
			}
		}
		k := slices.IndexFunc(f.Tracks, func(tv TrackView) bool { return tv.ID == a.Track })
		if k < 0 || !f.Tracks[k].Confirmed {
			t.Errorf("alert on track %d, which is not a confirmed track of the frame", a.Track)
		}
		if l := f.TrackAlertLevel(a.Track); l < a.Level {
			t.Errorf("track %d's alert level %v, below its alert's %v", a.Track, l, a.Level)
		}
	}
	if !slices.Equal(f.ZoneLevels, want) {
		t.Errorf("zone levels %v, want %v", f.ZoneLevels, want)
	}
	before := slices.Clone(f.Alerts)
	s.AdvanceTo(720.5) // no evaluation since 720 s
	if got := s.Frame().Alerts; !slices.Equal(got, before) {
		t.Errorf("alerts changed between evaluations:\n%+v\n%+v", before, got)
	}
	if err := s.Restart(s.Seed); err != nil {
		t.Fatal(err)
	}
	if f := s.Frame(); len(f.Alerts) != 0 || slices.ContainsFunc(f.ZoneLevels, func(l alert.Level) bool { return l != alert.None }) {
		t.Errorf("alerts at the start of a restarted run: %+v, zones %v", f.Alerts, f.ZoneLevels)
	}
}

// TestAlertLog rebuilds the alerts in force from hand-written events: a
// start, a level change and an end, on two zones.
func TestAlertLog(t *testing.T) {
	inf := math.Inf(1)
	ev := func(t float64, k alert.EventKind, track, zone int, l alert.Level, start float64, inside bool, tte float64) alertEvent {
		return alertEvent{t: t, kind: k, view: AlertView{Track: track, Zone: zone, Level: l, StartS: start, Inside: inside, TimeToEntryS: tte, AssessedS: t}}
	}
	log := alertLog{events: []alertEvent{
		ev(10, alert.Start, 4, 1, alert.Advisory, 10, false, 50),
		ev(12, alert.Start, 7, 0, alert.Warning, 12, true, 0),
		ev(30, alert.Change, 4, 1, alert.Critical, 10, true, 0),
		ev(40, alert.End, 7, 0, alert.Warning, 12, false, inf),
		ev(41, alert.Start, 7, 0, alert.Advisory, 41, false, 45),
	}}
	type key struct {
		track, zone int
		level       alert.Level
		start       float64
	}
	for _, c := range []struct {
		t    float64
		want []key
	}{
		{5, nil},
		{10, []key{{4, 1, alert.Advisory, 10}}},
		{20, []key{{7, 0, alert.Warning, 12}, {4, 1, alert.Advisory, 10}}},
		{30, []key{{4, 1, alert.Critical, 10}, {7, 0, alert.Warning, 12}}},
		{40.5, []key{{4, 1, alert.Critical, 10}}},
		{50, []key{{4, 1, alert.Critical, 10}, {7, 0, alert.Advisory, 41}}},
		{20, []key{{7, 0, alert.Warning, 12}, {4, 1, alert.Advisory, 10}}}, // and back
	} {
		var got []key
		for _, a := range log.at(c.t, nil) {
			got = append(got, key{a.Track, a.Zone, a.Level, a.StartS})
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("at %g s: %v, want %v", c.t, got, c.want)
		}
	}
	// The countdown to entry runs from the assessment.
	a := log.at(20, nil)[1]
	if got := a.EntryInS(20); got != 40 {
		t.Errorf("entry in %g s at 20 s, assessed 50 s at 10 s", got)
	}
	if got := a.EntryInS(70); got != 0 {
		t.Errorf("entry in %g s long after, want 0", got)
	}
}
