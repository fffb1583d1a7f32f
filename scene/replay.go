package scene

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
)

// Replay plays back a run recorded by `cuasim run --out DIR`: truth from
// truth.csv (interpolated between its samples), detections from
// detections.csv, tracks from tracks.csv and the alerts in force from the
// events of alerts.csv (a recording made before alerting has none), over
// the site of the scenario named in summary.json, in the recorded layout.
// The layout and the tracker are fixed: what was recorded is what is
// shown.
type Replay struct {
	frame  Frame
	stepS  float64
	timeS  float64
	meta   map[int]record.EntitySummary
	views  sensorViews
	site   site
	truth  []truthRow          // by time, then id
	dets   []sensors.Detection // by time
	tracks []trackRow          // by time
	alerts alertLog
}

type truthRow struct {
	t        float64
	id       int
	pos, vel r3.Vec
}

type trackRow struct {
	t       float64
	view    TrackView
	deleted bool // the track ended here
}

// OpenReplay reads a run directory. The scenario named in its summary is
// opened with scenarios.Open (a built-in name or the file path recorded),
// only for the site and the sensors' coverage.
func OpenReplay(dir string) (*Replay, error) {
	var sum record.Summary
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		return nil, fmt.Errorf("replay: %w (is %s the output of cuasim run --out?)", err, dir)
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		return nil, fmt.Errorf("replay: %s: %w", filepath.Join(dir, "summary.json"), err)
	}
	sc, err := scenarios.Open(sum.Scenario)
	if err != nil {
		if sc, err = scenarios.Open(sum.File); err != nil {
			return nil, fmt.Errorf("replay: scenario %q (file %s) of the recording: %w", sum.Scenario, sum.File, err)
		}
	}
	if sum.Layout != "" && sum.Layout != scenarios.BaseLayout {
		if sc, err = sc.WithLayout(sum.Layout); err != nil {
			return nil, fmt.Errorf("replay: the recorded layout: %w", err)
		}
	}
	r := &Replay{stepS: sum.StepS, meta: map[int]record.EntitySummary{}}
	for _, e := range sum.Entities {
		r.meta[e.ID] = e
	}
	// The sensors' coverage, from the scenario as recorded.
	w, err := sim.New(sc)
	if err != nil {
		return nil, err
	}
	net, err := sensors.NewNetwork(sc, w)
	if err != nil {
		return nil, err
	}
	r.views = newSensorViews(sc, net)
	ids := map[string]int{}
	for i, sn := range net.Sensors {
		ids[sn.ID()] = i
	}
	if err := r.readTruth(filepath.Join(dir, "truth.csv")); err != nil {
		return nil, err
	}
	if err := r.readDetections(filepath.Join(dir, "detections.csv"), ids); err != nil {
		return nil, err
	}
	if err := r.readTracks(filepath.Join(dir, "tracks.csv")); err != nil {
		return nil, err
	}
	zones := map[string]int{}
	for i, z := range sc.Zones {
		zones[z.Name] = i
	}
	if err := r.readAlerts(filepath.Join(dir, "alerts.csv"), zones); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	f := &r.frame
	f.Name, f.Seed, f.DurationS, f.Replay = sum.Scenario, sum.Seed, sum.DurationS, true
	f.Layout = sc.Layout()
	f.Layouts = []string{f.Layout}
	f.Obstacles, f.Scenario = sc.Obstacles, sc
	r.site = newSite(sc)
	f.HasTruth, f.HasTracks = true, true
	r.update()
	return r, nil
}

// table reads a CSV file with a header and calls row for each record with
// a lookup of columns by name.
func table(path string, row func(col func(string) string) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("replay: %w", err)
	}
	defer fh.Close()
	cr := csv.NewReader(fh)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("replay: %s: %w", path, err)
	}
	idx := map[string]int{}
	for i, h := range head {
		idx[h] = i
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("replay: %s: %w", path, err)
		}
		col := func(name string) string {
			if i, ok := idx[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		if err := row(col); err != nil {
			return fmt.Errorf("replay: %s:%d: %w", path, line, err)
		}
	}
}

// num parses a number; an empty field is 0 with ok false.
func num(s string) (float64, bool, error) {
	if s == "" {
		return 0, false, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	return x, err == nil, err
}

// nums parses the named columns, all required.
func nums(col func(string) string, names ...string) ([]float64, error) {
	out := make([]float64, len(names))
	for i, n := range names {
		x, ok, err := num(col(n))
		if err != nil || !ok {
			return nil, fmt.Errorf("column %s: expected a number, found %q", n, col(n))
		}
		out[i] = x
	}
	return out, nil
}

func (r *Replay) readTruth(path string) error {
	return table(path, func(col func(string) string) error {
		v, err := nums(col, "time_s", "id", "e_m", "n_m", "u_m", "ve_mps", "vn_mps", "vu_mps")
		if err != nil {
			return err
		}
		r.truth = append(r.truth, truthRow{t: v[0], id: int(v[1]), pos: r3.Vec{X: v[2], Y: v[3], Z: v[4]}, vel: r3.Vec{X: v[5], Y: v[6], Z: v[7]}})
		return nil
	})
}

func (r *Replay) readDetections(path string, ids map[string]int) error {
	return table(path, func(col func(string) string) error {
		v, err := nums(col, "time_s", "azimuth_deg", "azimuth_std_deg", "origin_e_m", "origin_n_m", "origin_u_m", "truth_id")
		if err != nil {
			return err
		}
		s, ok := ids[col("sensor")]
		if !ok {
			return fmt.Errorf("sensor %q is not in the scenario", col("sensor"))
		}
		d := sensors.Detection{TimeS: v[0], Sensor: s, AzimuthRad: geo.Rad(v[1]), AzimuthStdRad: geo.Rad(v[2]),
			Origin: r3.Vec{X: v[3], Y: v[4], Z: v[5]}, TruthID: int(v[6]), Link: -1, Kind: sensors.RFBearing}
		if col("kind") == "radar" {
			d.Kind = sensors.RadarPlot
			d.RangeM, _, _ = num(col("range_m"))
		}
		if el, ok, _ := num(col("elevation_deg")); ok {
			d.ElevationRad, d.HasElevation = geo.Rad(el), true
		}
		r.dets = append(r.dets, d)
		return nil
	})
}

func (r *Replay) readTracks(path string) error {
	return table(path, func(col func(string) string) error {
		v, err := nums(col, "time_s", "track", "e_m", "n_m", "u_m", "ve_mps", "vn_mps", "vu_mps", "sd_e_m", "sd_n_m", "sd_u_m",
			"quality", "p_drone", "p_bird", "p_clutter", "radar_updates", "rf_updates")
		if err != nil {
			return err
		}
		hover, _, _ := num(col("p_hover"))
		if col("status") == "deleted" {
			r.tracks = append(r.tracks, trackRow{t: v[0], view: TrackView{ID: int(v[1])}, deleted: true})
			return nil
		}
		tv := TrackView{ID: int(v[1]), Confirmed: col("status") == "confirmed",
			Pos: r3.Vec{X: v[2], Y: v[3], Z: v[4]}, Vel: r3.Vec{X: v[5], Y: v[6], Z: v[7]},
			PEE: v[8] * v[8], PNN: v[9] * v[9], PositionStdM: math.Sqrt(v[8]*v[8] + v[9]*v[9] + v[10]*v[10]),
			Existence: v[11], PDrone: v[12], PBird: v[13], PClutter: v[14], Hover: hover,
			RadarUpdates: int(v[15]), RFUpdates: int(v[16])}
		r.tracks = append(r.tracks, trackRow{t: v[0], view: tv})
		return nil
	})
}

// readAlerts reads the alert events of alerts.csv (see
// record.AlertsHeader).
func (r *Replay) readAlerts(path string, zones map[string]int) error {
	kinds := map[string]alert.EventKind{}
	for k := alert.Start; k <= alert.End; k++ {
		kinds[k.String()] = k
	}
	levels := map[string]alert.Level{}
	for l := alert.Advisory; l <= alert.Critical; l++ {
		levels[l.String()] = l
	}
	return table(path, func(col func(string) string) error {
		v, err := nums(col, "time_s", "track", "alert_start_s")
		if err != nil {
			return err
		}
		kind, ok := kinds[col("event")]
		if !ok {
			return fmt.Errorf("column event: expected start, change or end, found %q", col("event"))
		}
		zone, ok := zones[col("zone")]
		if !ok {
			return fmt.Errorf("column zone: %q is not a zone of the scenario", col("zone"))
		}
		level, ok := levels[col("level")]
		if !ok {
			return fmt.Errorf("column level: expected advisory, warning or critical, found %q", col("level"))
		}
		tte, ok, err := num(col("time_to_entry_s"))
		if err != nil {
			return fmt.Errorf("column time_to_entry_s: expected a number or nothing, found %q", col("time_to_entry_s"))
		}
		if !ok {
			tte = math.Inf(1)
		}
		if n := len(r.alerts.events); n > 0 && v[0] < r.alerts.events[n-1].t {
			return fmt.Errorf("alert event at %g s after one at %g s: expected time order", v[0], r.alerts.events[n-1].t)
		}
		r.alerts.events = append(r.alerts.events, alertEvent{t: v[0], kind: kind, view: AlertView{Track: int(v[1]), Zone: zone,
			ZoneName: col("zone"), Level: level, StartS: v[2], Inside: col("inside") == "true", TimeToEntryS: tte, AssessedS: v[0]}})
		return nil
	})
}

// trackHoldS is how far back the replay looks for a track's last row:
// tracks.csv has rows only when a measurement updated a track (and one
// when it was deleted), so a track coasting without updates longer than
// this is not shown.
const trackHoldS = 10

// update rebuilds the frame for the current time.
func (r *Replay) update() {
	f := &r.frame
	t := r.timeS
	f.TimeS, f.Done = t, t >= f.DurationS-1e-9
	f.Sensors = r.views.at(t)
	r.site.at(f, t)
	// Truth: interpolate each entity between the samples around t.
	f.Entities = f.Entities[:0]
	hi := sort.Search(len(r.truth), func(i int) bool { return r.truth[i].t > t+1e-9 })
	lo := hi
	for lo > 0 && r.truth[lo-1].t == r.truth[hi-1].t {
		lo--
	}
	if hi > 0 {
		t0 := r.truth[hi-1].t
		next := map[int]truthRow{}
		for j := hi; j < len(r.truth) && r.truth[j].t == r.truth[hi].t; j++ {
			next[r.truth[j].id] = r.truth[j]
		}
		for _, row := range r.truth[lo:hi] {
			pos := r3.Add(row.pos, r3.Scale(t-t0, row.vel))
			if n, ok := next[row.id]; ok && n.t > t0 {
				a := (t - t0) / (n.t - t0)
				pos = r3.Add(r3.Scale(1-a, row.pos), r3.Scale(a, n.pos))
			}
			m := r.meta[row.id]
			f.Entities = append(f.Entities, EntityView{ID: row.id, Name: m.Name, Type: m.Type, Group: m.Group, Bird: m.Kind == "bird",
				RFSilent: m.RFSilent, Pos: pos, Vel: row.vel})
		}
	}
	// Detections of the last FadeS seconds.
	a := sort.Search(len(r.dets), func(i int) bool { return r.dets[i].TimeS >= t-FadeS })
	b := sort.Search(len(r.dets), func(i int) bool { return r.dets[i].TimeS > t+1e-9 })
	f.Detections = r.dets[a:b]
	// Each track's latest row, if recent.
	f.Tracks = f.Tracks[:0]
	a = sort.Search(len(r.tracks), func(i int) bool { return r.tracks[i].t >= t-trackHoldS })
	b = sort.Search(len(r.tracks), func(i int) bool { return r.tracks[i].t > t+1e-9 })
	latest := map[int]int{}
	for j := a; j < b; j++ {
		latest[r.tracks[j].view.ID] = j
	}
	for _, j := range latest {
		if r.tracks[j].deleted {
			continue
		}
		tv := r.tracks[j].view
		tv.Pos = r3.Add(tv.Pos, r3.Scale(t-r.tracks[j].t, tv.Vel))
		f.Tracks = append(f.Tracks, tv)
	}
	sort.Slice(f.Tracks, func(i, j int) bool { return f.Tracks[i].ID < f.Tracks[j].ID })
	f.Alerts = r.alerts.at(t, f.Alerts)
	f.sortAlerts()
}

// Frame returns the current moment of the recording.
func (r *Replay) Frame() *Frame { return &r.frame }

// Step advances one recorded step.
func (r *Replay) Step() {
	if r.frame.Done {
		return
	}
	r.timeS = math.Min(r.frame.DurationS, r.timeS+r.stepS)
	r.update()
}

// Done reports whether the recording's end is reached.
func (r *Replay) Done() bool { return r.frame.Done }

// StepS returns the recording's step, seconds.
func (r *Replay) StepS() float64 { return r.stepS }

// AdvanceTo moves to time t (forward or back).
func (r *Replay) AdvanceTo(t float64) {
	r.timeS = math.Max(0, math.Min(r.frame.DurationS, t))
	r.update()
}

// Restart rewinds to the start; the seed is the recording's.
func (r *Replay) Restart(uint64) error {
	r.AdvanceTo(0)
	return nil
}

// MoveSensor is not possible in a replay.
func (r *Replay) MoveSensor(int, float64, float64) error {
	return errors.New("a replay shows the recorded layout; run the scenario live to move sensors")
}

// SetLayout is not possible in a replay.
func (r *Replay) SetLayout(name string) error {
	return fmt.Errorf("a replay shows the recorded layout, %s; run the scenario live (cuasim-view --layout %s) to see another", r.frame.Layout, name)
}

// SetConfirmation is not possible in a replay.
func (r *Replay) SetConfirmation(int, int) error {
	return errors.New("a replay shows the recorded tracks; run the scenario live to change the tracker")
}
