package record

import (
	"io"
	"math"
	"strconv"

	"github.com/cuasim/cuasim/alert"
)

// AlertsHeader is the header row of alerts.csv: one row per alert event.
// event is start (an alert is raised), change (its level changed) or end
// (it cleared, or its track ended: reason); alert_start_s is when the
// alert began; inside says whether the estimate was inside the zone,
// time_to_entry_s is when the prediction first reached the zone within the
// uncertainty allowance (0 inside or at the edge, empty when not within the
// horizon), distance_m the distance from the estimate to the zone, and
// position_std_m the horizontal standard deviation, at the last evaluation
// the alert's rules held; quality and p_drone are the track's at the event.
const AlertsHeader = "time_s,event,track,zone,level,alert_start_s,reason,inside,time_to_entry_s,distance_m,position_std_m,quality,p_drone"

// AlertWriter writes alerts.csv rows without allocating.
type AlertWriter struct {
	rows
	zones []string
}

// NewAlertWriter writes the header and returns a writer for the rows;
// zoneNames maps an event's zone index to its name.
func NewAlertWriter(w io.Writer, zoneNames []string) (*AlertWriter, error) {
	r, err := newRows(w, AlertsHeader, 256)
	return &AlertWriter{rows: r, zones: zoneNames}, err
}

// Write writes one alert event.
func (aw *AlertWriter) Write(e *alert.Event) error {
	b := aw.buf[:0]
	b = appendFixed(b, e.TimeS, 3)
	b = appendString(b, e.Kind.String())
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(e.Track), 10)
	b = appendString(b, aw.zones[e.Zone])
	b = appendString(b, e.Level.String())
	b = appendOpt(b, e.StartS, 3, true)
	b = appendString(b, e.Reason)
	b = append(b, ',')
	b = strconv.AppendBool(b, e.Inside)
	b = appendOpt(b, e.TimeToEntryS, 1, !math.IsInf(e.TimeToEntryS, 0))
	b = appendOpt(b, e.DistanceM, 1, true)
	b = appendOpt(b, e.PositionStdM, 1, true)
	b = appendOpt(b, e.Existence, 4, true)
	b = appendOpt(b, e.PDrone, 4, true)
	return aw.emit(b)
}
