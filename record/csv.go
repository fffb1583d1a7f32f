package record

import (
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
)

// TruthHeader is the header row of truth.csv. Positions are ENU metres,
// velocities m/s, time seconds from the start of the run.
const TruthHeader = "time_s,id,name,kind,type,source,e_m,n_m,u_m,ve_mps,vn_mps,vu_mps"

// DetectionsHeader is the header row of detections.csv. Angles are degrees
// (azimuth clockwise from north); a measurement the sensor does not make is
// left empty; truth_id is -1 for a false alarm and link is empty for radar;
// class is a radar's micro-Doppler label (drone, bird) or empty.
const DetectionsHeader = "time_s,sensor,kind,truth_id,link,range_m,azimuth_deg,elevation_deg,radial_velocity_mps," +
	"range_std_m,azimuth_std_deg,elevation_std_deg,radial_velocity_std_mps,snr_db,power_dbm,frequency_hz,bandwidth_hz," +
	"origin_e_m,origin_n_m,origin_u_m,class"

// rows is what every CSV writer shares: the destination and one line
// buffer, reused so that writing a row allocates nothing.
type rows struct {
	w   io.Writer
	buf []byte
}

// newRows writes the header line and returns rows for the lines after it.
func newRows(w io.Writer, header string, lineCap int) (rows, error) {
	_, err := io.WriteString(w, header+"\n")
	return rows{w: w, buf: make([]byte, 0, lineCap)}, err
}

// emit ends the line b (built on buf[:0]), keeps its storage and writes it.
func (r *rows) emit(b []byte) error {
	b = append(b, '\n')
	r.buf = b
	_, err := r.w.Write(b)
	return err
}

// TruthWriter writes truth.csv rows without allocating.
type TruthWriter struct{ rows }

// NewTruthWriter writes the header and returns a writer for the rows.
func NewTruthWriter(w io.Writer) (*TruthWriter, error) {
	r, err := newRows(w, TruthHeader, 256)
	return &TruthWriter{r}, err
}

// Write writes one entity's state at time t.
func (tw *TruthWriter) Write(t float64, e *sim.Entity) error {
	b := tw.buf[:0]
	b = appendFixed(b, t, 3)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(e.ID), 10)
	b = appendString(b, e.Name)
	b = appendString(b, e.Kind.String())
	b = appendString(b, e.Type)
	b = appendString(b, e.Source)
	for _, x := range [...]float64{e.Pos.X, e.Pos.Y, e.Pos.Z, e.Vel.X, e.Vel.Y, e.Vel.Z} {
		b = append(b, ',')
		b = appendFixed(b, x, 2)
	}
	return tw.emit(b)
}

// DetectionWriter writes detections.csv rows without allocating.
type DetectionWriter struct {
	rows
	sensors []string
}

// NewDetectionWriter writes the header and returns a writer for the rows;
// sensorIDs maps a detection's Sensor index to its id.
func NewDetectionWriter(w io.Writer, sensorIDs []string) (*DetectionWriter, error) {
	r, err := newRows(w, DetectionsHeader, 512)
	return &DetectionWriter{rows: r, sensors: sensorIDs}, err
}

// Write writes one detection.
func (dw *DetectionWriter) Write(d *sensors.Detection) error {
	const deg = 180 / math.Pi
	radar := d.Kind == sensors.RadarPlot
	b := dw.buf[:0]
	b = appendFixed(b, d.TimeS, 3)
	b = appendString(b, dw.sensors[d.Sensor])
	b = appendString(b, d.Kind.String())
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(d.TruthID), 10)
	b = append(b, ',')
	if !radar && d.Link >= 0 {
		b = strconv.AppendInt(b, int64(d.Link), 10)
	}
	b = appendOpt(b, d.RangeM, 2, radar)
	b = appendOpt(b, d.AzimuthRad*deg, 4, true)
	b = appendOpt(b, d.ElevationRad*deg, 4, d.HasElevation)
	b = appendOpt(b, d.RadialMPS, 3, d.HasVelocity)
	b = appendOpt(b, d.RangeStdM, 3, radar)
	b = appendOpt(b, d.AzimuthStdRad*deg, 4, true)
	b = appendOpt(b, d.ElevationStdRad*deg, 4, d.HasElevation)
	b = appendOpt(b, d.RadialStdMPS, 3, d.HasVelocity)
	b = appendOpt(b, d.SNRdB, 2, true)
	b = appendOpt(b, d.PowerDBm, 2, !radar)
	b = appendOpt(b, d.FrequencyHz, 0, !radar)
	b = appendOpt(b, d.BandwidthHz, 0, !radar)
	b = appendOpt(b, d.Origin.X, 2, true)
	b = appendOpt(b, d.Origin.Y, 2, true)
	b = appendOpt(b, d.Origin.Z, 2, true)
	b = append(b, ',')
	b = append(b, d.Class.String()...)
	return dw.emit(b)
}

// appendOpt appends a comma and, when ok, the number with prec decimals.
func appendOpt(b []byte, x float64, prec int, ok bool) []byte {
	b = append(b, ',')
	if ok {
		b = appendFixed(b, x, prec)
	}
	return b
}

// appendString appends a comma and a CSV field, quoted when it must be (RFC 4180).
func appendString(b []byte, s string) []byte {
	b = append(b, ',')
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := range len(s) {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// appendFixed appends x with prec decimals, writing a value that rounds to
// zero as 0 rather than -0.00.
func appendFixed(b []byte, x float64, prec int) []byte {
	if math.Abs(x) < 0.5*math.Pow10(-prec) {
		x = 0
	}
	return strconv.AppendFloat(b, x, 'f', prec, 64)
}
