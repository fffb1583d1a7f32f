package record

import (
	"io"
	"math"
	"strconv"

	"github.com/cuasim/cuasim/track"
)

// TracksHeader is the header row of tracks.csv: one row per track and
// simulation step in which a measurement updated the track, with its state
// after the step, and a last row with status "deleted" when it ends. Positions are ENU metres, velocities m/s, sd_* the
// square roots of the covariance's diagonal; quality is the existence
// probability; p_drone + p_bird + p_clutter = 1; p_hover is the IMM's
// probability of the near-hover model (empty with filter: cv); reason,
// on the deleted row only, says why the track ended (track.EndMissed and
// the other End values: "not confirmed", "missed", "unlikely",
// "uncertain", "merged").
const TracksHeader = "time_s,track,status,e_m,n_m,u_m,ve_mps,vn_mps,vu_mps," +
	"sd_e_m,sd_n_m,sd_u_m,sd_ve_mps,sd_vn_mps,sd_vu_mps,quality,p_drone,p_bird,p_clutter,p_hover,radar_updates,rf_updates,reason"

// TrackWriter writes tracks.csv rows without allocating.
type TrackWriter struct{ rows }

// NewTrackWriter writes the header and returns a writer for the rows.
func NewTrackWriter(w io.Writer) (*TrackWriter, error) {
	r, err := newRows(w, TracksHeader, 512)
	return &TrackWriter{r}, err
}

// Write writes one track's state at time t.
func (tw *TrackWriter) Write(t float64, tk *track.Track) error {
	b := tw.buf[:0]
	b = appendFixed(b, t, 3)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(tk.ID), 10)
	b = appendString(b, tk.Status.String())
	x, P := tk.State(), tk.Covariance()
	for _, v := range x {
		b = append(b, ',')
		b = appendFixed(b, v, 2)
	}
	for i := range x {
		b = append(b, ',')
		b = appendFixed(b, math.Sqrt(math.Max(0, P[i][i])), 2)
	}
	for _, p := range [...]float64{tk.Existence, tk.PDrone, tk.PBird, tk.PClutter} {
		b = append(b, ',')
		b = appendFixed(b, p, 4)
	}
	b = appendOpt(b, tk.HoverProbability(), 4, tk.Models() > 1)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(tk.RadarUpdates), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(tk.RFUpdates), 10)
	reason := ""
	if tk.Status == track.Deleted {
		reason = tk.Ended
	}
	b = appendString(b, reason)
	return tw.emit(b)
}
