package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/track"
)

// trackGateM is the distance within which a confirmed track counts as
// following a truth object when scoring, and the OSPA/GOSPA cut-off.
const trackGateM = 100

const runHelp = `Simulates a scenario: drones and birds move, the sensors observe them, the
tracker fuses their detections into tracks, and a summary says what each sensor
detected, when each drone was first seen and first tracked, and what the
confirmed tracks followed (drones, birds or clutter).

SCENARIO is the name of a built-in scenario (see cuasim scenarios) or the path
of a scenario file; without it, the built-in airport scenario runs.

With --out DIR the run also writes, atomically (as *.partial until complete,
summary.json last):
  DIR/truth.csv        entity positions and velocities every record interval
  DIR/detections.csv   every radar plot and RF bearing, true and false
  DIR/tracks.csv       every track update: state, uncertainty, quality, class
  DIR/summary.json     the summary below, machine-readable
The columns are documented in docs/output.md. The same scenario and seed give
byte-identical files. Ctrl-C stops a run cleanly and leaves no partial output.

Examples:
  cuasim run
  cuasim run airport --seed 42 --duration 10m
  cuasim run scenarios/library/base.yaml --out results/base
`

// runOptions are cuasim run's settings.
type runOptions struct {
	scenario string
	seed     uint64
	seedSet  bool
	duration float64 // seconds; 0 keeps the scenario's
	out      string
	quiet    bool
}

func cmdRun(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("run", stderr)
	var o runOptions
	fs.Func("seed", "random seed `N` (default: the scenario's run.seed)", func(s string) error {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return fmt.Errorf("expected a whole number >= 0, found %q", s)
		}
		o.seed, o.seedSet = v, true
		return nil
	})
	fs.Func("duration", "simulated `D`uration: seconds or a Go duration such as 90s, 10m, 1h (default: the scenario's)", func(s string) error {
		d, err := parseDuration(s)
		o.duration = d
		return err
	})
	fs.StringVar(&o.out, "out", "", "write truth.csv, detections.csv, tracks.csv and summary.json to `DIR`")
	fs.BoolVar(&o.quiet, "quiet", false, "print no progress bar")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return flagError(err)
	}
	switch len(pos) {
	case 0:
		o.scenario = "airport"
	case 1:
		o.scenario = pos[0]
	default:
		fmt.Fprintf(stderr, "cuasim run: expected one scenario, found %d: %s\n", len(pos), strings.Join(pos, " "))
		return exitUsage
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, stdout, stderr); err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "cuasim run: interrupted; no output written")
			return exitInterrupted
		}
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	return exitOK
}

// parseDuration reads seconds ("600", "1.5") or a Go duration ("10m").
func parseDuration(s string) (float64, error) {
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		if x <= 0 || math.IsInf(x, 0) || math.IsNaN(x) {
			return 0, fmt.Errorf("expected a duration > 0, found %q", s)
		}
		return x, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("expected seconds or a duration such as 90s, 10m, 1h, found %q", s)
	}
	return d.Seconds(), nil
}

// run simulates one scenario and reports on it.
func run(ctx context.Context, o runOptions, stdout, stderr io.Writer) error {
	sc, err := scenarios.Open(o.scenario)
	if err != nil {
		return err
	}
	if o.seedSet {
		sc.Run.Seed = o.seed
	}
	if o.duration > 0 {
		sc.Run.DurationS = o.duration
	}
	w, err := sim.New(sc)
	if err != nil {
		return fmt.Errorf("%s: %w", sc.File(), err)
	}
	net, err := sensors.NewNetwork(sc, w)
	if err != nil {
		return fmt.Errorf("%s: %w", sc.File(), err)
	}
	ids := make([]string, len(net.Sensors))
	for i, s := range net.Sensors {
		ids[i] = s.ID()
	}
	stats := metrics.NewDetectionStats(w, len(net.Sensors))
	cfg, err := track.ConfigFrom(sc.Tracker)
	if err != nil {
		return fmt.Errorf("%s: %w", sc.File(), err)
	}
	cov := make([]sensors.Coverage, len(net.Sensors))
	for i, s := range net.Sensors {
		cov[i] = s.Coverage()
	}
	tracker := track.New(cfg, cov)
	tstats := metrics.NewTrackStats(w, trackGateM)

	var out *outputs
	if o.out != "" {
		if out, err = newOutputs(o.out, ids); err != nil {
			return err
		}
		defer out.dir.Abort() // a no-op after Commit
	}

	bar := newProgress(stderr, sc.Run.DurationS, o.quiet)
	start := time.Now()
	recordEvery := max(1, int(math.Round(sc.Run.RecordS/sc.Run.StepS)))
	var dets []sensors.Detection
	var ms []track.Measurement
	if out != nil {
		if err := out.truthRows(w); err != nil {
			return err
		}
	}
	nextScore := 1.0
	for step := 1; !w.Done(); step++ {
		if step%256 == 0 {
			if err := ctx.Err(); err != nil {
				bar.abandon()
				return err
			}
			bar.set(w.TimeS())
		}
		w.Step()
		dets = net.Observe(w, dets[:0])
		stats.Add(w, dets)
		ms = ms[:0]
		for i := range dets {
			ms = append(ms, track.FromDetection(&dets[i]))
		}
		tracker.Step(w.TimeS(), ms)
		ended := tracker.Ended() // scored while alive; counted and recorded below, then let go
		tstats.End(ended)
		if w.TimeS() >= nextScore-1e-9 {
			tstats.Add(w, tracker.Tracks())
			nextScore++
		}
		if out != nil {
			if err := out.trackRows(w.TimeS(), w.StepS, tracker.Tracks(), ended); err != nil {
				return err
			}
			if err := out.detectionRows(dets); err != nil {
				return err
			}
			if step%recordEvery == 0 {
				if err := out.truthRows(w); err != nil {
					return err
				}
			}
		}
	}
	bar.finish()
	elapsed := time.Since(start)

	// Commit before printing: a closed stdout (cuasim run --out d | head)
	// kills the process with SIGPIPE, which must not cost the output.
	if out != nil {
		if err := out.commit(summarise(sc, w, net, stats, tstats)); err != nil {
			return err
		}
	}
	printSummary(stdout, sc, w, net, stats, elapsed)
	printTracking(stdout, w, tstats)
	if n := tracker.JPDAFallbacks(); n > 0 {
		fmt.Fprintf(stdout, "JPDA fell back to GNN for %d crowded groups of tracks (more than 8 tracks or 10 000 joint events).\n", n)
	}
	if out != nil {
		fmt.Fprintf(stdout, "\nWrote %s/{truth.csv,detections.csv,tracks.csv,summary.json}\n", o.out)
	}
	return nil
}

// outputs is an output directory being written.
type outputs struct {
	dir    *record.Dir
	truth  *record.TruthWriter
	dets   *record.DetectionWriter
	tracks *record.TrackWriter
}

func newOutputs(path string, sensorIDs []string) (*outputs, error) {
	dir, err := record.NewDir(path)
	if err != nil {
		return nil, err
	}
	o := &outputs{dir: dir}
	tf, err := dir.Create("truth.csv")
	if err == nil {
		o.truth, err = record.NewTruthWriter(tf)
	}
	if err == nil {
		var df *record.File
		if df, err = dir.Create("detections.csv"); err == nil {
			o.dets, err = record.NewDetectionWriter(df, sensorIDs)
		}
	}
	if err == nil {
		var kf *record.File
		if kf, err = dir.Create("tracks.csv"); err == nil {
			o.tracks, err = record.NewTrackWriter(kf)
		}
	}
	if err != nil {
		dir.Abort()
		return nil, err
	}
	return o, nil
}

func (o *outputs) truthRows(w *sim.World) error {
	for _, id := range w.Active() {
		if err := o.truth.Write(w.TimeS(), &w.Entities[id]); err != nil {
			return fmt.Errorf("writing truth.csv: %w", err)
		}
	}
	return nil
}

func (o *outputs) detectionRows(dets []sensors.Detection) error {
	for i := range dets {
		if err := o.dets.Write(&dets[i]); err != nil {
			return fmt.Errorf("writing detections.csv: %w", err)
		}
	}
	return nil
}

// trackRows writes the tracks a measurement updated during the step
// ending at now, and a last row for each track deleted in it.
func (o *outputs) trackRows(now, stepS float64, tracks, ended []*track.Track) error {
	for _, t := range ended {
		if err := o.tracks.Write(now, t); err != nil {
			return fmt.Errorf("writing tracks.csv: %w", err)
		}
	}
	for _, t := range tracks {
		if t.UpdatedS > now-stepS+1e-9 {
			if err := o.tracks.Write(now, t); err != nil {
				return fmt.Errorf("writing tracks.csv: %w", err)
			}
		}
	}
	return nil
}

func (o *outputs) commit(sum *record.Summary) error {
	f, err := o.dir.Create("summary.json")
	if err != nil {
		return err
	}
	if err := sum.WriteJSON(f); err != nil {
		return fmt.Errorf("writing summary.json: %w", err)
	}
	return o.dir.Commit()
}

// summarise builds summary.json's content.
func summarise(sc *scenarios.Scenario, w *sim.World, net *sensors.Network, st *metrics.DetectionStats, ts *metrics.TrackStats) *record.Summary {
	s := &record.Summary{Scenario: sc.Name, File: sc.File(), Version: cuasimVersion(), Seed: w.Seed, DurationS: w.DurationS, StepS: w.StepS,
		Tracking: trackingSummary(ts)}
	for i, sn := range net.Sensors {
		s.Sensors = append(s.Sensors, record.SensorSummary{ID: sn.ID(), Type: sn.Kind().String(),
			Detections: st.Sensors[i].Detections, FalseAlarms: st.Sensors[i].FalseAlarms})
	}
	for i := range w.Entities {
		e := &w.Entities[i]
		if e.StartS > w.DurationS {
			continue
		}
		es := record.EntitySummary{ID: e.ID, Name: e.Name, Kind: e.Kind.String(), Type: e.Type, RFSilent: e.RFSilent,
			StartS: round(e.StartS, 3), FirstDetections: []record.FirstDetection{}}
		if !math.IsInf(e.EndS, 1) && e.EndS <= w.DurationS {
			end := round(e.EndS, 3)
			es.EndS = &end
		}
		for j, f := range st.First[i] {
			if f.Seen {
				es.FirstDetections = append(es.FirstDetections, record.FirstDetection{Sensor: net.Sensors[j].ID(), TimeS: round(f.TimeS, 3), RangeM: round(f.RangeM, 1)})
			}
		}
		tt := &ts.Truth[i]
		if !math.IsNaN(tt.FirstConfirmedS) {
			t, r := round(tt.FirstConfirmedS, 3), round(tt.FirstConfirmedRangeM, 1)
			es.FirstTrackS, es.FirstTrackRangeM = &t, &r
		}
		es.Tracks, es.Breaks, es.Swaps = len(tt.TrackIDs), tt.Breaks, tt.Swaps
		if tt.Present > 0 {
			es.HeldFraction = round(float64(tt.Held)/float64(tt.Present), 4)
		}
		s.Entities = append(s.Entities, es)
	}
	return s
}

// trackingSummary condenses the track scoring for summary.json.
func trackingSummary(ts *metrics.TrackStats) record.TrackingSummary {
	t := record.TrackingSummary{GateM: ts.GateM, ByCause: map[string]int{"drone": 0, "bird": 0, "clutter": 0},
		DroneClassified: map[string]int{"drone": 0, "bird": 0, "clutter": 0}, Deleted: ts.Deleted, ConfirmedDeleted: ts.ConfirmedDeleted}
	if ts.Evaluations > 0 {
		t.MeanOSPAM, t.MeanGOSPAM = round(ts.MeanOSPA(), 3), round(ts.MeanGOSPA(), 3)
	}
	if ts.Assigned > 0 {
		rmse, nees := round(ts.RMSE(), 3), round(ts.MeanNEES(), 3)
		t.RMSEM, t.MeanNEES = &rmse, &nees
	}
	if ts.DroneAssigned > 0 {
		rmse, nees := round(ts.DroneRMSE(), 3), round(ts.DroneMeanNEES(), 3)
		t.DroneRMSEM, t.DroneMeanNEES = &rmse, &nees
	}
	for _, f := range ts.Tracks {
		t.ConfirmedTracks++
		t.ByCause[f.Cause()]++
		if f.ClassifiedDrone() {
			t.DroneClassified[f.Cause()]++
		}
	}
	return t
}

// printTracking writes the tracking part of the summary.
func printTracking(out io.Writer, w *sim.World, ts *metrics.TrackStats) {
	fmt.Fprintf(out, "\nTracking: confirmed tracks scored against truth every second (within %.0f m)\n", ts.GateM)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DRONE\tFIRST TRACK (time / range from site origin)\tHELD\tTRACKS\tBREAKS\tSWAPS")
	for i := range w.Entities {
		e := &w.Entities[i]
		if e.StartS > w.DurationS || e.Kind == sim.Bird {
			continue
		}
		tt := &ts.Truth[i]
		first := "never"
		if !math.IsNaN(tt.FirstConfirmedS) {
			first = fmt.Sprintf("%s / %.0f m", fmtClock(tt.FirstConfirmedS), tt.FirstConfirmedRangeM)
		}
		held := "-"
		if tt.Present > 0 {
			held = fmt.Sprintf("%.0f%%", 100*float64(tt.Held)/float64(tt.Present))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\n", e.Name, first, held, len(tt.TrackIDs), tt.Breaks, tt.Swaps)
	}
	tw.Flush()
	sum := trackingSummary(ts)
	fmt.Fprintf(out, "\nConfirmed tracks: %d. Following a drone: %d; a bird: %d (classified drone: %d); nothing, clutter: %d (classified drone: %d).\n",
		sum.ConfirmedTracks, sum.ByCause["drone"], sum.ByCause["bird"], sum.DroneClassified["bird"], sum.ByCause["clutter"], sum.DroneClassified["clutter"])
	fmt.Fprintf(out, "False drone tracks: %d (bird %d, clutter %d). Drone tracks classified bird: %d.\n",
		sum.DroneClassified["bird"]+sum.DroneClassified["clutter"], sum.DroneClassified["bird"], sum.DroneClassified["clutter"],
		sum.ByCause["drone"]-sum.DroneClassified["drone"])
	printFalseDroneTracks(out, ts)
	fmt.Fprintf(out, "Tracks ended: %d not confirmed, %d missed, %d unlikely, %d uncertain, %d merged; of them confirmed: %d missed, %d unlikely, %d uncertain, %d merged.\n",
		ts.Deleted[track.EndNotConfirmed], ts.Deleted[track.EndMissed], ts.Deleted[track.EndUnlikely], ts.Deleted[track.EndUncertain], ts.Deleted[track.EndMerged],
		ts.ConfirmedDeleted[track.EndMissed], ts.ConfirmedDeleted[track.EndUnlikely], ts.ConfirmedDeleted[track.EndUncertain], ts.ConfirmedDeleted[track.EndMerged])
	if sum.RMSEM != nil {
		fmt.Fprintf(out, "Mean OSPA %.1f m, mean GOSPA %.1f m (cut-off %.0f m, p = 2); position RMSE %.1f m; mean position NEES %.2f (3 if consistent).\n",
			sum.MeanOSPAM, sum.MeanGOSPAM, ts.GateM, *sum.RMSEM, *sum.MeanNEES)
	}
	if sum.DroneRMSEM != nil {
		fmt.Fprintf(out, "On drones alone: position RMSE %.1f m, mean NEES %.2f.\n", *sum.DroneRMSEM, *sum.DroneMeanNEES)
	}
}

// printFalseDroneTracks lists the confirmed tracks classified drone that
// followed a bird or nothing, with the evidence behind their class.
func printFalseDroneTracks(out io.Writer, ts *metrics.TrackStats) {
	printEvidence(out, ts, "False drone tracks and the evidence for their class (micro-Doppler labels, seconds with RF, hovering, fast, at bird speed):",
		func(f *metrics.TrackFollowing) bool { return f.ClassifiedDrone() && f.Cause() != "drone" })
	printEvidence(out, ts, "Drone tracks classified bird or clutter, and their evidence:",
		func(f *metrics.TrackFollowing) bool { return !f.ClassifiedDrone() && f.Cause() == "drone" })
}

// printEvidence lists, under a heading, the tracks that match with the
// evidence behind their class; nothing when none does.
func printEvidence(out io.Writer, ts *metrics.TrackStats, heading string, match func(*metrics.TrackFollowing) bool) {
	var ids []int
	for id, f := range ts.Tracks {
		if match(f) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return
	}
	slices.Sort(ids)
	const show = 10
	fmt.Fprintln(out, heading)
	for _, id := range ids[:min(show, len(ids))] {
		f := ts.Tracks[id]
		e := f.Evidence
		fmt.Fprintf(out, "  track %d on %s: P(drone) %.2f; labels %d drone / %d bird; RF %d s; hover %d s; fast %d s; bird speed %d s; %d radar and %d RF updates\n",
			id, f.Cause(), f.PDrone, e.DroneLabels, e.BirdLabels, e.RFSeconds, e.HoverSeconds, e.FastSeconds, e.BirdSpeedSeconds, f.RadarUpdates, f.RFUpdates)
	}
	if len(ids) > show {
		fmt.Fprintf(out, "  and %d more (tracks.csv has every track's class over time)\n", len(ids)-show)
	}
}

// nominalRange is a sensor's headline range for the summary table: for a
// radar the range of Pd 0.5 per look on a small quadcopter, limited to its
// instrumented range; for an RF sensor the median range of a typical
// control link.
func nominalRange(s sensors.Sensor) string {
	var r float64
	switch s := s.(type) {
	case *sensors.Radar:
		r = min(s.RangeForPd(sensors.Swerling1, 0.01, 0.5), s.MaxRangeM())
	case *sensors.RF:
		r = s.NominalRangeM()
	default:
		return "-"
	}
	if r == 0 {
		return "none"
	}
	return fmt.Sprintf("%.1f km", r/1000)
}

func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

// printSummary writes the human-readable summary.
func printSummary(out io.Writer, sc *scenarios.Scenario, w *sim.World, net *sensors.Network, st *metrics.DetectionStats, elapsed time.Duration) {
	fmt.Fprintf(out, "cuasim run %s (%s): seed %d, %s simulated in %.0f ms (%.2f s steps)\n\n",
		sc.Name, sc.File(), w.Seed, fmtDuration(w.DurationS), float64(elapsed.Microseconds())/1000, w.StepS)

	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SENSOR\tTYPE\tNOMINAL RANGE*\tDETECTIONS\tFALSE ALARMS\tFALSE ALARMS/H")
	for i, s := range net.Sensors {
		c := st.Sensors[i]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%.1f\n", s.ID(), s.Kind(), nominalRange(s), c.Detections, c.FalseAlarms, float64(c.FalseAlarms)/w.DurationS*3600)
	}
	tw.Flush()
	fmt.Fprintln(out, "* radar: Pd 0.5 per look on a 0.01 m² Swerling 1 target; rf: median range of a 20 dBm 1 MHz 2.44 GHz link at 50 m.")
	fmt.Fprintln(out, "  Both ignore masking and the horizon; single lucky looks come from further out.")

	fmt.Fprintln(out, "\nDrones: first detection by each sensor, as time / true range")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	header := "DRONE\tTYPE\tAPPEARS"
	for _, s := range net.Sensors {
		header += "\t" + s.ID()
	}
	fmt.Fprintln(tw, header)
	var birds, birdsSeen int
	for i := range w.Entities {
		e := &w.Entities[i]
		if e.StartS > w.DurationS {
			continue
		}
		if e.Kind == sim.Bird {
			birds++
			if st.Earliest(i).Seen {
				birdsSeen++
			}
			continue
		}
		typ := e.Type
		if e.RFSilent {
			typ += " (RF-silent)"
		}
		row := fmt.Sprintf("%s\t%s\t%s", e.Name, typ, fmtClock(e.StartS))
		for _, f := range st.First[i] {
			if f.Seen {
				row += fmt.Sprintf("\t%s / %.0f m", fmtClock(f.TimeS), f.RangeM)
			} else {
				row += "\tnever"
			}
		}
		fmt.Fprintln(tw, row)
	}
	tw.Flush()
	if birds > 0 {
		fmt.Fprintf(out, "\nBirds: %d present, %d detected (by radar: RF sensors hear only emitters)\n", birds, birdsSeen)
	}
}

// fmtClock formats a time in seconds as m:ss.s (or h:mm:ss), rounding
// first so that 59.96 s shows as 1:00.0, not 0:60.0.
func fmtClock(s float64) string {
	t := int(math.Round(s * 10)) // tenths
	if t >= 36000 {
		r := int(math.Round(s))
		return fmt.Sprintf("%d:%02d:%02d", r/3600, r/60%60, r%60)
	}
	return fmt.Sprintf("%d:%02d.%d", t/600, t/10%60, t%10)
}

func fmtDuration(s float64) string {
	switch {
	case s >= 3600 && math.Mod(s, 3600) == 0:
		return fmt.Sprintf("%.0f h", s/3600)
	case s >= 60 && math.Mod(s, 60) == 0:
		return fmt.Sprintf("%.0f min", s/60)
	}
	return fmt.Sprintf("%g s", s)
}
