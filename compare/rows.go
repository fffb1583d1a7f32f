package compare

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/cuasim/cuasim/metrics"
)

// Row is one replication of one layout, variant and threshold: the line
// of results.csv.
type Row struct {
	Replication int
	Seed        uint64
	Layout      string
	Variant     string
	Threshold   string
	Hours       float64 // simulated
	// Drones that entered a zone, by outcome against the required warning.
	Entered, Timely, Short, Late, Missed int
	// Drones that never entered a zone but were alerted on.
	OutsideAlerted int
	// Watchers are drones that observed a zone from outside and never
	// entered one; WatchersAlerted those alerted on within the required
	// warning time of beginning to observe (metrics.DroneAlerting.Watching).
	Watchers, WatchersAlerted int
	// Incidents (a track's spell of alerts), and the false ones by cause:
	// those about no drone, but for those part of a group's alert
	// (metrics.Incident.InGroup).
	Incidents, FalseAlerts                                int
	FalseBird, FalseClutter, FalseRFGhost, FalseDuplicate int
}

// DroneRow is one drone of one replication, layout, variant and
// threshold: the line of drones.csv. Times are seconds from the start of
// the run, NaN (empty in the file) for what did not happen.
type DroneRow struct {
	Replication                int
	Layout, Variant, Threshold string
	Drone                      string
	// Entry is the traffic entry that made the drone, Class its UAV class,
	// Group the group it flew in (empty alone), Zone the zone it entered
	// (empty if none), ApproachBearingDeg the bearing it came from seen
	// from that zone (metrics.ZoneEntries.ApproachBearingDeg), and
	// FirstSensor the sensor that detected it first (empty if none did):
	// what a planner groups outcomes by to say why a layout fails.
	Entry, Class, Group, Zone string
	ApproachBearingDeg        float64
	FirstSensor               string
	// ObserveS is when the drone began to observe ObserveZone from outside
	// (NaN: never, or it entered a zone first).
	ObserveS                                          float64
	ObserveZone                                       string
	EntryS, FirstDetectionS, FirstTrackS, FirstAlertS float64
	WarningS                                          float64
	Outcome                                           string
	// LeadS is the lead the sensors gave: entry − the first time a
	// confirmed track with P(drone) at the threshold held the drone
	// (metrics.LeadScorer), whatever the alert rules' horizon; NaN when it
	// never entered or was never so held.
	LeadS float64
}

// rowsOf turns one run's alert result into its rows.
func rowsOf(r int, seed uint64, layout, variant, threshold string, res *metrics.AlertResult, sensorIDs []string, requiredS float64) (Row, []DroneRow) {
	row := Row{Replication: r, Seed: seed, Layout: layout, Variant: variant, Threshold: threshold, Hours: round(res.DurationS/3600, 9)}
	var drones []DroneRow
	for i := range res.Drones {
		d := &res.Drones[i]
		out := d.Outcome(requiredS)
		switch out {
		case metrics.OutcomeTimely:
			row.Timely++
		case metrics.OutcomeShort:
			row.Short++
		case metrics.OutcomeLate:
			row.Late++
		case metrics.OutcomeMissed:
			row.Missed++
		}
		if out != metrics.OutcomeNoEntry {
			row.Entered++
		} else if !math.IsNaN(d.FirstAlertS) {
			row.OutsideAlerted++
		}
		if d.Watching() {
			row.Watchers++
			if d.WatchAlertDelayS() <= requiredS+1e-9 {
				row.WatchersAlerted++
			}
		}
		first := ""
		if d.FirstSensor >= 0 {
			first = sensorIDs[d.FirstSensor]
		}
		drones = append(drones, DroneRow{Replication: r, Layout: layout, Variant: variant, Threshold: threshold, Drone: d.Name,
			Entry: d.Source, Class: d.Type, Group: d.Group, Zone: d.EntryZone, ApproachBearingDeg: round(d.ApproachBearingDeg, 1), FirstSensor: first,
			ObserveS: round(d.ObserveS, 3), ObserveZone: d.ObserveZone,
			EntryS: round(d.EntryS, 3), FirstDetectionS: round(d.FirstDetectionS, 3), FirstTrackS: round(d.FirstTrackS, 3),
			FirstAlertS: round(d.FirstAlertS, 3), WarningS: round(d.WarningS(), 3), Outcome: out})
	}
	row.Incidents = len(res.Incidents)
	for i := range res.Incidents {
		in := &res.Incidents[i]
		if in.InGroup {
			continue // part of a group's alert: no false alert of its own
		}
		switch in.Cause {
		case metrics.CauseBird:
			row.FalseBird++
		case metrics.CauseClutter:
			row.FalseClutter++
		case metrics.CauseRFGhost:
			row.FalseRFGhost++
		case metrics.CauseDuplicate:
			row.FalseDuplicate++
		}
	}
	row.FalseAlerts = row.FalseBird + row.FalseClutter + row.FalseRFGhost + row.FalseDuplicate
	return row, drones
}

// round rounds to the given decimals, so that what is written and read
// back is exactly what was aggregated.
func round(x float64, decimals int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

// ResultsHeader is the header of results.csv.
const ResultsHeader = "replication,seed,layout,variant,threshold,hours,drones_entered,timely,short,late,missed,outside_alerted,watchers,watchers_alerted," +
	"incidents,false_alerts,false_bird,false_clutter,false_rf_ghost,false_duplicate"

// DronesHeader is the header of drones.csv.
const DronesHeader = "replication,layout,variant,threshold,drone,entry,class,group,zone,approach_bearing_deg,first_sensor,entry_s,first_detection_s,first_track_s,first_alert_s,warning_s,outcome,observe_s,observe_zone,lead_s"

func fmtFloat(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

func writeRows(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if _, err := io.WriteString(w, ResultsHeader+"\n"); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{strconv.Itoa(r.Replication), strconv.FormatUint(r.Seed, 10), r.Layout, r.Variant, r.Threshold, fmtFloat(r.Hours)}
		for _, n := range []int{r.Entered, r.Timely, r.Short, r.Late, r.Missed, r.OutsideAlerted, r.Watchers, r.WatchersAlerted, r.Incidents, r.FalseAlerts,
			r.FalseBird, r.FalseClutter, r.FalseRFGhost, r.FalseDuplicate} {
			rec = append(rec, strconv.Itoa(n))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeDrones(w io.Writer, rows []DroneRow) error {
	cw := csv.NewWriter(w)
	if _, err := io.WriteString(w, DronesHeader+"\n"); err != nil {
		return err
	}
	for _, d := range rows {
		rec := []string{strconv.Itoa(d.Replication), d.Layout, d.Variant, d.Threshold, d.Drone,
			d.Entry, d.Class, d.Group, d.Zone, fmtFloat(d.ApproachBearingDeg), d.FirstSensor, fmtFloat(d.EntryS), fmtFloat(d.FirstDetectionS), fmtFloat(d.FirstTrackS), fmtFloat(d.FirstAlertS), fmtFloat(d.WarningS), d.Outcome,
			fmtFloat(d.ObserveS), d.ObserveZone, fmtFloat(d.LeadS)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvReader reads a CSV file with a known header, reporting errors with
// the file name and line.
type csvReader struct {
	name string
	r    *csv.Reader
	line int
	err  error
}

func newCSVReader(name string, r io.Reader, header string) (*csvReader, error) {
	cr := &csvReader{name: name, r: csv.NewReader(r)}
	rec, err := cr.r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: reading the header: %w", name, err)
	}
	if got := joinComma(rec); got != header {
		return nil, fmt.Errorf("%s:1: expected the header %q, found %q", name, header, got)
	}
	cr.line = 1
	return cr, nil
}

func joinComma(rec []string) string {
	s := ""
	for i, f := range rec {
		if i > 0 {
			s += ","
		}
		s += f
	}
	return s
}

// next returns the next record, or nil at the end or after an error.
func (cr *csvReader) next() []string {
	if cr.err != nil {
		return nil
	}
	rec, err := cr.r.Read()
	if err == io.EOF {
		return nil
	}
	cr.line++
	if err != nil {
		cr.err = fmt.Errorf("%s:%d: %w", cr.name, cr.line, err)
		return nil
	}
	return rec
}

func (cr *csvReader) int(field string, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil && cr.err == nil {
		cr.err = fmt.Errorf("%s:%d: %s: expected a whole number, found %q", cr.name, cr.line, field, s)
	}
	return n
}

func (cr *csvReader) float(field string, s string) float64 {
	if s == "" {
		return math.NaN()
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil && cr.err == nil {
		cr.err = fmt.Errorf("%s:%d: %s: expected a number, found %q", cr.name, cr.line, field, s)
	}
	return x
}

func readRows(name string, r io.Reader) ([]Row, error) {
	cr, err := newCSVReader(name, r, ResultsHeader)
	if err != nil {
		return nil, err
	}
	var rows []Row
	for rec := cr.next(); rec != nil; rec = cr.next() {
		seed, err := strconv.ParseUint(rec[1], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: seed: expected a whole number, found %q", name, cr.line, rec[1])
		}
		row := Row{Replication: cr.int("replication", rec[0]), Seed: seed, Layout: rec[2], Variant: rec[3], Threshold: rec[4],
			Hours: cr.float("hours", rec[5])}
		for i, p := range []*int{&row.Entered, &row.Timely, &row.Short, &row.Late, &row.Missed, &row.OutsideAlerted, &row.Watchers, &row.WatchersAlerted, &row.Incidents,
			&row.FalseAlerts, &row.FalseBird, &row.FalseClutter, &row.FalseRFGhost, &row.FalseDuplicate} {
			*p = cr.int("count", rec[6+i])
		}
		rows = append(rows, row)
	}
	return rows, cr.err
}

func readDrones(name string, r io.Reader) ([]DroneRow, error) {
	cr, err := newCSVReader(name, r, DronesHeader)
	if err != nil {
		return nil, err
	}
	var rows []DroneRow
	for rec := cr.next(); rec != nil; rec = cr.next() {
		rows = append(rows, DroneRow{Replication: cr.int("replication", rec[0]), Layout: rec[1], Variant: rec[2], Threshold: rec[3],
			Drone: rec[4], Entry: rec[5], Class: rec[6], Group: rec[7], Zone: rec[8],
			ApproachBearingDeg: cr.float("approach_bearing_deg", rec[9]), FirstSensor: rec[10],
			EntryS: cr.float("entry_s", rec[11]), FirstDetectionS: cr.float("first_detection_s", rec[12]),
			FirstTrackS: cr.float("first_track_s", rec[13]), FirstAlertS: cr.float("first_alert_s", rec[14]),
			WarningS: cr.float("warning_s", rec[15]), Outcome: rec[16], ObserveS: cr.float("observe_s", rec[17]), ObserveZone: rec[18],
			LeadS: cr.float("lead_s", rec[19])})
	}
	return rows, cr.err
}

// CurveRow is one point of one replication's threshold curve for a layout
// and variant (metrics.CurvePoint): its figures at every P(drone)
// threshold t with AboveP < t ≤ the next row's AboveP, the line of
// curve.csv.
type CurveRow struct {
	Replication     int
	Layout, Variant string
	metrics.CurvePoint
}

// CurveHeader is the header of curve.csv.
const CurveHeader = "replication,layout,variant,above_p_drone,timely,entered,incidents,false_alerts"

func writeCurves(w io.Writer, rows []CurveRow) error {
	cw := csv.NewWriter(w)
	if _, err := io.WriteString(w, CurveHeader+"\n"); err != nil {
		return err
	}
	for _, c := range rows {
		rec := []string{strconv.Itoa(c.Replication), c.Layout, c.Variant, strconv.FormatFloat(c.AboveP, 'g', -1, 64),
			strconv.Itoa(c.Timely), strconv.Itoa(c.Entered), strconv.Itoa(c.Incidents), strconv.Itoa(c.FalseAlerts)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func readCurves(name string, r io.Reader) ([]CurveRow, error) {
	cr, err := newCSVReader(name, r, CurveHeader)
	if err != nil {
		return nil, err
	}
	var rows []CurveRow
	for rec := cr.next(); rec != nil; rec = cr.next() {
		c := CurveRow{Replication: cr.int("replication", rec[0]), Layout: rec[1], Variant: rec[2]}
		c.AboveP = cr.float("above_p_drone", rec[3])
		c.Timely, c.Entered = cr.int("timely", rec[4]), cr.int("entered", rec[5])
		c.Incidents, c.FalseAlerts = cr.int("incidents", rec[6]), cr.int("false_alerts", rec[7])
		if cr.err == nil && (c.Timely < 0 || c.Entered < c.Timely || c.Incidents < 0 || c.FalseAlerts < 0 || c.FalseAlerts > c.Incidents || math.IsNaN(c.AboveP)) {
			cr.err = fmt.Errorf("%s:%d: counts out of order: expected 0 <= timely <= entered and 0 <= false_alerts <= incidents, and a threshold, found %v", name, cr.line, rec[3:])
		}
		rows = append(rows, c)
	}
	return rows, cr.err
}
