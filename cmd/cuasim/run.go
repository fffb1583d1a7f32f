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
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/pipeline"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/report"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/track"
)

const runHelp = `Simulates a scenario: drones and birds move, the sensors observe them, the
tracker fuses their detections into tracks, and a summary says what each sensor
detected, when each drone was first seen and first tracked, and what the
confirmed tracks followed (drones, birds or clutter).

SCENARIO is the name of a built-in scenario (see cuasim scenarios) or the path
of a scenario file; without it, the built-in airport scenario runs.

The alert rules (the scenario's alerting section) run on the tracks; the
summary says when each drone was first alerted on, how much warning that gave
before it entered a protected zone, and what every false alert was about.

--layout runs one of the scenario's named sensor layouts instead of the
listed sensors; --set changes any field for this run (repeatable), e.g.
--set alerting.p_drone=0.8 --set sensors[radar-main].pfa=1e-5.

With --out DIR the run also writes, atomically (as *.partial until complete,
summary.json last):
  DIR/truth.csv        entity positions and velocities every record interval
  DIR/detections.csv   every radar plot and RF bearing, true and false
  DIR/tracks.csv       every track update: state, uncertainty, quality, class
  DIR/alerts.csv       every alert event: start, level change, end
  DIR/summary.json     the summary below, machine-readable
The columns are documented in docs/output.md. The same scenario and seed give
byte-identical files. Ctrl-C stops a run cleanly and leaves no partial output.

Examples:
  cuasim run
  cuasim run airport --seed 42 --duration 10m
  cuasim run airport --layout rf-ring --set alerting.p_drone=0.7
  cuasim run scenarios/library/base.yaml --out results/base
`

// runOptions are cuasim run's settings.
type runOptions struct {
	scenario string
	layout   string
	sets     []scenarios.Override
	seed     uint64
	seedSet  bool
	duration float64 // seconds; 0 keeps the scenario's
	out      string
	quiet    bool
}

func cmdRun(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("run", stderr)
	var o runOptions
	cmdopts.SeedFlag(fs, "random seed `N` (default: the scenario's run.seed)", &o.seed, &o.seedSet)
	fs.Func("duration", "simulated `D`uration: seconds or a Go duration such as 90s, 10m, 1h (default: the scenario's)", func(s string) error {
		d, err := cmdopts.ParseDuration(s)
		o.duration = d
		return err
	})
	fs.StringVar(&o.layout, "layout", scenarios.BaseLayout, "run the scenario's sensor layout `NAME` (base: the listed sensors)")
	fs.Func("set", "set a scenario field for this run, `PATH=VALUE` (repeatable), e.g. alerting.p_drone=0.8", func(s string) error {
		ov, err := scenarios.ParseOverride(s)
		o.sets = append(o.sets, ov)
		return err
	})
	fs.StringVar(&o.out, "out", "", "write truth.csv, detections.csv, tracks.csv, alerts.csv and summary.json to `DIR`")
	fs.BoolVar(&o.quiet, "quiet", false, "print no progress bar")
	pos, err := cmdopts.Parse(fs, args)
	if err != nil {
		return flagError(err)
	}
	if o.scenario, err = cmdopts.ScenarioArg(pos); err != nil {
		fmt.Fprintln(stderr, "cuasim run:", err)
		return exitUsage
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, stdout, stderr); err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "cuasim run: interrupted; no output written")
			return exitInterrupted
		}
		fmt.Fprintln(stderr, "cuasim run:", err)
		return exitFailure
	}
	return exitOK
}

// openScenario loads a scenario and applies a layout, overrides, a seed
// and a duration, checked against the scenario's limits: what every command
// that runs one takes. The errors of the layout and the overrides name the
// flags that give them, --layout and --set.
func openScenario(name, layout string, sets []scenarios.Override, seed *uint64, durationS float64) (*scenarios.Scenario, error) {
	sc, err := scenarios.Open(name)
	if err != nil {
		return nil, err
	}
	if layout != "" && layout != scenarios.BaseLayout {
		if sc, err = sc.WithLayout(layout); err != nil {
			return nil, fmt.Errorf("--layout: %w", err)
		}
	}
	if sc, err = sc.With(sets...); err != nil {
		return nil, fmt.Errorf("--set: %w", err)
	}
	return sc.WithRun(seed, durationS) // --duration is held to the file's limits
}

// run simulates one scenario and reports on it.
func run(ctx context.Context, o runOptions, stdout, stderr io.Writer) error {
	var seed *uint64
	if o.seedSet {
		seed = &o.seed
	}
	sc, err := openScenario(o.scenario, o.layout, o.sets, seed, o.duration)
	if err != nil {
		return err
	}
	printWarnings(stderr, sc.Warnings())
	rep, err := pipeline.New(sc)
	if err != nil {
		return err
	}
	if o.out != "" {
		out, err := newOutputs(o.out, rep)
		if err != nil {
			return err
		}
		defer out.dir.Abort() // a no-op after Commit
		rep.Recorders = append(rep.Recorders, out)
	}

	bar := newProgress(stderr, sc.Run.DurationS, o.quiet)
	start := time.Now()
	if err := rep.Run(ctx, bar.set); err != nil {
		bar.abandon()
		return err
	}
	bar.finish()
	elapsed := time.Since(start)
	alerts := rep.AlertResult()

	// Commit before printing: a closed stdout (cuasim run --out d | head)
	// kills the process with SIGPIPE, which must not cost the output.
	for _, r := range rep.Recorders {
		if out, ok := r.(*outputs); ok {
			if err := out.commit(summarise(rep, alerts)); err != nil {
				return err
			}
		}
	}
	w, net := rep.World, rep.Net
	printSummary(stdout, sc, w, net, rep.Detections, elapsed)
	printTracking(stdout, w, rep.Tracking)
	if n := rep.Tracker.JPDAFallbacks(); n > 0 {
		fmt.Fprintf(stdout, "JPDA fell back to GNN for %d crowded groups of tracks (more than 8 tracks or 10 000 joint events).\n", n)
	}
	printAlerts(stdout, rep, alerts)
	if o.out != "" {
		fmt.Fprintf(stdout, "\nWrote %s/{truth.csv,detections.csv,tracks.csv,alerts.csv,summary.json}\n", o.out)
	}
	return nil
}

// outputs is an output directory being written, as a recorder of the
// replication's steps.
type outputs struct {
	dir         *record.Dir
	truth       *record.TruthWriter
	dets        *record.DetectionWriter
	tracks      *record.TrackWriter
	alerts      *record.AlertWriter
	recordEvery int
	step        int
}

func newOutputs(path string, rep *pipeline.Replication) (*outputs, error) {
	ids := make([]string, len(rep.Net.Sensors))
	for i, s := range rep.Net.Sensors {
		ids[i] = s.ID()
	}
	zones := make([]string, len(rep.Zones))
	for i, z := range rep.Zones {
		zones[i] = z.Name
	}
	dir, err := record.NewDir(path)
	if err != nil {
		return nil, err
	}
	sc := rep.Scenario
	o := &outputs{dir: dir, recordEvery: max(1, int(math.Round(sc.Run.RecordS/sc.Run.StepS)))}
	create := func(name string, open func(*record.File) error) {
		if err != nil {
			return
		}
		var f *record.File
		if f, err = dir.Create(name); err == nil {
			err = open(f)
		}
	}
	create("truth.csv", func(f *record.File) (e error) { o.truth, e = record.NewTruthWriter(f); return })
	create("detections.csv", func(f *record.File) (e error) { o.dets, e = record.NewDetectionWriter(f, ids); return })
	create("tracks.csv", func(f *record.File) (e error) { o.tracks, e = record.NewTrackWriter(f); return })
	create("alerts.csv", func(f *record.File) (e error) { o.alerts, e = record.NewAlertWriter(f, zones); return })
	if err == nil {
		err = o.truthRows(rep.World)
	}
	if err != nil {
		dir.Abort()
		return nil, err
	}
	return o, nil
}

// Record writes one step: the tracks it updated or ended, its detections,
// its alert events and, every record interval, the truth.
func (o *outputs) Record(r *pipeline.Replication) error {
	o.step++
	if err := o.trackRows(r.World.TimeS(), r.World.StepS, r.Tracker.Tracks(), r.Ended); err != nil {
		return err
	}
	if err := o.detectionRows(r.Dets); err != nil {
		return err
	}
	for i := range r.Events {
		if err := o.alerts.Write(&r.Events[i]); err != nil {
			return fmt.Errorf("writing alerts.csv: %w", err)
		}
	}
	if o.step%o.recordEvery == 0 {
		return o.truthRows(r.World)
	}
	return nil
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
func summarise(rep *pipeline.Replication, alerts *metrics.AlertResult) *record.Summary {
	sc, w, net, st, ts := rep.Scenario, rep.World, rep.Net, rep.Detections, rep.Tracking
	s := &record.Summary{Scenario: sc.Name, File: sc.File(), Layout: sc.Layout(), Version: cuasimVersion(), Seed: w.Seed,
		DurationS: w.DurationS, StepS: w.StepS, Tracking: trackingSummary(ts), Alerts: alertSummary(sc, alerts)}
	for i, sn := range net.Sensors {
		s.Sensors = append(s.Sensors, record.SensorSummary{ID: sn.ID(), Type: sn.Kind().String(),
			Detections: st.Sensors[i].Detections, FalseAlarms: st.Sensors[i].FalseAlarms})
	}
	drones := map[int]*metrics.DroneAlerting{}
	for i := range alerts.Drones {
		drones[alerts.Drones[i].Entity] = &alerts.Drones[i]
	}
	opt := func(x float64, decimals int) *float64 {
		if math.IsNaN(x) {
			return nil
		}
		r := round(x, decimals)
		return &r
	}
	for i := range w.Entities {
		e := &w.Entities[i]
		if e.StartS > w.DurationS {
			continue
		}
		es := record.EntitySummary{ID: e.ID, Name: e.Name, Kind: e.Kind.String(), Type: e.Type, RFSilent: e.RFSilent, Group: e.Group,
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
		if d := drones[i]; d != nil {
			es.Alerting = &record.DroneAlertSummary{EntryS: opt(d.EntryS, 3), EntryZone: d.EntryZone,
				FirstAlertS: opt(d.FirstAlertS, 3), WarningS: opt(d.WarningS(), 3)}
		}
		s.Entities = append(s.Entities, es)
	}
	return s
}

// alertSummary condenses the run's alerting for summary.json.
func alertSummary(sc *scenarios.Scenario, r *metrics.AlertResult) record.AlertSummary {
	a := record.AlertSummary{Rules: sc.Alerting, Incidents: len(r.Incidents), ByCause: r.Counts(), FalseAlerts: r.FalseAlerts()}
	if r.DurationS > 0 {
		a.FalseAlertsPerHour = round(float64(a.FalseAlerts)/r.DurationS*3600, 3)
	}
	for _, d := range r.Drones {
		switch d.Outcome(0) {
		case metrics.OutcomeNoEntry:
		case metrics.OutcomeMissed:
			a.DronesEntered++
			a.DronesMissed++
		default:
			a.DronesEntered++
			if d.WarningS() >= 0 {
				a.DronesAlertedBeforeEntry++
			}
		}
	}
	return a
}

// trackingSummary condenses the track scoring for summary.json.
func trackingSummary(ts *metrics.TrackStats) record.TrackingSummary {
	t := record.TrackingSummary{GateM: ts.GateM, ByCause: map[string]int{"drone": 0, "bird": 0, "duplicate": 0, "clutter": 0},
		DroneClassified: map[string]int{"drone": 0, "bird": 0, "duplicate": 0, "clutter": 0}, Deleted: ts.Deleted, ConfirmedDeleted: ts.ConfirmedDeleted}
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
	printGroupTracking(out, w, ts)
	sum := trackingSummary(ts)
	fmt.Fprintf(out, "\nConfirmed tracks: %d. Following a drone: %d; a bird: %d (classified drone: %d); a drone another track held, duplicates: %d; nothing, clutter: %d (classified drone: %d).\n",
		sum.ConfirmedTracks, sum.ByCause["drone"], sum.ByCause["bird"], sum.DroneClassified["bird"], sum.ByCause["duplicate"], sum.ByCause["clutter"], sum.DroneClassified["clutter"])
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
		(*metrics.TrackFollowing).FalseDrone)
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
		flock := ""
		if e.FlockLogOdds != 0 {
			flock = fmt.Sprintf("born among birds (%+.1f); ", e.FlockLogOdds)
		}
		fmt.Fprintf(out, "  track %d on %s: P(drone) %.2f; %slabels %d drone / %d bird; RF %d s; hover %d s; fast %d s; bird speed %d s; %d radar and %d RF updates\n",
			id, f.Cause(), f.PDrone, flock, e.DroneLabels, e.BirdLabels, e.RFSeconds, e.HoverSeconds, e.FastSeconds, e.BirdSpeedSeconds, f.RadarUpdates, f.RFUpdates)
	}
	if len(ids) > show {
		fmt.Fprintf(out, "  and %d more (tracks.csv has every track's class over time)\n", len(ids)-show)
	}
}

// nominalRange formats a sensor's nominal range (sensors.NominalRangeM)
// for a table: cuasim run's summary and cuasim validate show it.
func nominalRange(s sensors.Sensor) string {
	r := sensors.NominalRangeM(s)
	if r == 0 {
		return "none"
	}
	return fmt.Sprintf("%.1f km", r/1000)
}

// printNominalRangeNote writes the footnote of a table with a NOMINAL
// RANGE* column, each line indented by indent.
func printNominalRangeNote(out io.Writer, indent string) {
	note := strings.ReplaceAll(sensors.NominalRangeNote, "\n", "\n  "+indent)
	fmt.Fprintln(out, indent+"* "+note)
}

func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

// printSummary writes the human-readable summary.
func printSummary(out io.Writer, sc *scenarios.Scenario, w *sim.World, net *sensors.Network, st *metrics.DetectionStats, elapsed time.Duration) {
	layout := ""
	if sc.Layout() != scenarios.BaseLayout {
		layout = ", layout " + sc.Layout()
	}
	fmt.Fprintf(out, "cuasim run %s (%s%s): seed %d, %s simulated in %.0f ms (%.2f s steps)\n\n",
		sc.Name, sc.File(), layout, w.Seed, fmtDuration(w.DurationS), float64(elapsed.Microseconds())/1000, w.StepS)

	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SENSOR\tTYPE\tNOMINAL RANGE*\tDETECTIONS\tFALSE ALARMS\tFALSE ALARMS/H")
	for i, s := range net.Sensors {
		c := st.Sensors[i]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%.1f\n", s.ID(), s.Kind(), nominalRange(s), c.Detections, c.FalseAlarms, float64(c.FalseAlarms)/w.DurationS*3600)
	}
	tw.Flush()
	printNominalRangeNote(out, "")

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

func fmtDuration(s float64) string { return report.FormatDuration(s) }

// printAlerts writes the alerting part of the summary: each drone's
// detection, track, alert and zone entry, then the incidents by cause and
// the false ones with their evidence.
func printAlerts(out io.Writer, rep *pipeline.Replication, r *metrics.AlertResult) {
	a := rep.Scenario.Alerting
	fmt.Fprintf(out, "\nAlerts: a confirmed track with quality >= %.2f and P(drone) >= %.2f, inside a zone or predicted to enter within %.0f s\n",
		a.MinQuality, a.PDrone, a.HorizonS)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DRONE\tENTERS (time / zone)\tFIRST DETECTED\tFIRST TRACKED\tFIRST ALERT\tWARNING")
	clock := func(s float64) string {
		if math.IsNaN(s) {
			return "never"
		}
		return fmtClock(s)
	}
	for _, d := range r.Drones {
		enters, warning := "never", "-"
		if !math.IsNaN(d.EntryS) {
			enters = fmtClock(d.EntryS) + " / " + d.EntryZone
			switch w := d.WarningS(); {
			case math.IsNaN(w):
				warning = "missed"
			case w < 0:
				warning = fmt.Sprintf("late by %.0f s", -w)
			default:
				warning = fmt.Sprintf("%.0f s", w)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", d.Name, enters, clock(d.FirstDetectionS), clock(d.FirstTrackS), clock(d.FirstAlertS), warning)
	}
	tw.Flush()
	c := r.Counts()
	perH := 0.0
	if r.DurationS > 0 {
		perH = float64(r.FalseAlerts()) / r.DurationS * 3600
	}
	fmt.Fprintf(out, "\nIncidents (one track's spell of alerts, on any zones): %d. On drones that entered a zone: %d; on drones outside the zones: %d.\n",
		len(r.Incidents), c[metrics.CauseIntruder], c[metrics.CauseOutside])
	fmt.Fprintf(out, "False alerts: %d (%.1f per hour): bird %d, clutter %d, RF ghost %d, duplicate track on a drone %d.\n",
		r.FalseAlerts(), perH, c[metrics.CauseBird], c[metrics.CauseClutter], c[metrics.CauseRFGhost], c[metrics.CauseDuplicate])
	const show = 10
	printGroups(out, r, perH)
	n := 0
	for _, in := range r.Incidents {
		if in.Cause == metrics.CauseIntruder || in.Cause == metrics.CauseOutside {
			continue
		}
		if n == 0 {
			fmt.Fprintln(out, "Each false alert: track, time, highest level, zones, cause:")
		}
		if n++; n > show {
			continue
		}
		var zones []string
		for _, z := range in.Zones() {
			zones = append(zones, rep.Zones[z].Name)
		}
		fmt.Fprintf(out, "  track %d, %s-%s, %s, %s, %s\n", in.Track, fmtClock(in.StartS), fmtClock(in.EndS), in.MaxLevel, strings.Join(zones, "+"), in.Cause)
	}
	if n > show {
		fmt.Fprintf(out, "  and %d more (alerts.csv has every alert event)\n", n-show)
	}
}

// printGroups prints the group incidents when any holds several
// incidents (a group alerted together): how many the operators saw, how
// many were false, and the groups of several.
func printGroups(out io.Writer, r *metrics.AlertResult, perH float64) {
	several := 0
	for _, g := range r.Groups {
		if g.Incidents > 1 {
			several++
		}
	}
	if several == 0 {
		return
	}
	if r.DurationS > 0 {
		perH = float64(r.FalseGroups()) / r.DurationS * 3600
	}
	fmt.Fprintf(out, "Group incidents (incidents whose tracks alerted within %.0f m of one another at the same time, chained: one alert about one group for the operators): %d, %d of them of several incidents; false: %d (%.1f per hour).\n",
		metrics.GroupLinkM, len(r.Groups), several, r.FalseGroups(), perH)
	const show = 10
	n := 0
	for _, g := range r.Groups {
		if g.Incidents < 2 {
			continue
		}
		if n++; n > show {
			continue
		}
		drones := "drones"
		if g.Drones == 1 {
			drones = "drone"
		}
		fmt.Fprintf(out, "  %s-%s, %s: %d incidents on %d %s, cause %s\n", fmtClock(g.StartS), fmtClock(g.EndS), g.MaxLevel, g.Incidents, g.Drones, drones, g.Cause)
	}
	if n > show {
		fmt.Fprintf(out, "  and %d more groups of several incidents\n", n-show)
	}
}

// printGroupTracking writes how each group of drones was tracked
// together (metrics.GroupTracking), if the run has groups.
func printGroupTracking(out io.Writer, w *sim.World, ts *metrics.TrackStats) {
	if len(ts.Groups) == 0 {
		return
	}
	fmt.Fprintln(out, "\nGroups: members held, their tracks, breaks and swaps summed; when half the members present were first held; GOSPA between the members and the tracks on them")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "GROUP\tMEMBERS\tHELD\tTRACKS\tBREAKS\tSWAPS\tHALF HELD (time / after it appeared)\tMEAN GOSPA")
	for i := range ts.Groups {
		g := &ts.Groups[i]
		appears := math.Inf(1)
		tracks, breaks, swaps := 0, 0, 0
		for _, m := range g.Members {
			appears = min(appears, w.Entities[m].StartS)
			tt := &ts.Truth[m]
			tracks, breaks, swaps = tracks+len(tt.TrackIDs), breaks+tt.Breaks, swaps+tt.Swaps
		}
		if appears > w.DurationS {
			continue
		}
		held, half, gospa := "-", "never", "-"
		if g.Present > 0 {
			held = fmt.Sprintf("%.0f%%", 100*float64(g.Held)/float64(g.Present))
		}
		if !math.IsNaN(g.HalfHeldS) {
			half = fmt.Sprintf("%s / %.0f s", fmtClock(g.HalfHeldS), g.HalfHeldS-appears)
		}
		if g.Evaluations > 0 && !ts.NoOSPA {
			gospa = fmt.Sprintf("%.1f m", g.MeanGOSPA())
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%d\t%d\t%s\t%s\n", g.Name, len(g.Members), held, tracks, breaks, swaps, half, gospa)
	}
	tw.Flush()
}
