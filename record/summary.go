package record

import (
	"encoding/json"
	"io"

	"github.com/cuasim/cuasim/scenarios"
)

// Summary is the content of summary.json: the run's settings and, per sensor
// and per entity, what was detected. Its fields are documented in
// docs/output.md.
type Summary struct {
	Scenario  string          `json:"scenario"`
	File      string          `json:"file"`
	Layout    string          `json:"layout"`
	Version   string          `json:"cuasim_version"`
	Seed      uint64          `json:"seed"`
	DurationS float64         `json:"duration_s"`
	StepS     float64         `json:"step_s"`
	Sensors   []SensorSummary `json:"sensors"`
	Entities  []EntitySummary `json:"entities"`
	Tracking  TrackingSummary `json:"tracking"`
	Alerts    AlertSummary    `json:"alerts"`
}

// AlertSummary is how the run's alerts served the operators (see
// metrics.AlertResult): the rules they followed, the incidents (a track's
// spell of alerts on any zones) by cause, the false ones per hour, and how
// many drones entered a zone, were alerted on before they did, or never.
type AlertSummary struct {
	Rules                    scenarios.Alerting `json:"rules"`
	Incidents                int                `json:"incidents"`
	ByCause                  map[string]int     `json:"incidents_by_cause"` // intruder, outside, bird, clutter, rf-ghost, duplicate
	FalseAlerts              int                `json:"false_alerts"`
	FalseAlertsPerHour       float64            `json:"false_alerts_per_hour"`
	DronesEntered            int                `json:"drones_entered"`
	DronesAlertedBeforeEntry int                `json:"drones_alerted_before_entry"`
	DronesMissed             int                `json:"drones_missed"`
}

// DroneAlertSummary is one drone's alerting: when it first entered a zone
// and which, when an alert first held a track on it, and the warning that
// gave (entry − first alert; negative when late). Null where it did not
// happen.
type DroneAlertSummary struct {
	EntryS      *float64 `json:"entry_s"`
	EntryZone   string   `json:"entry_zone,omitempty"`
	FirstAlertS *float64 `json:"first_alert_s"`
	WarningS    *float64 `json:"warning_s"`
}

// TrackingSummary is the tracker's performance over the run, scored once
// a second against truth (see metrics.TrackStats).
type TrackingSummary struct {
	GateM           float64        `json:"gate_m"`
	MeanOSPAM       float64        `json:"mean_ospa_m"`
	MeanGOSPAM      float64        `json:"mean_gospa_m"`
	RMSEM           *float64       `json:"rmse_m"`    // null when no track was ever on a truth
	MeanNEES        *float64       `json:"mean_nees"` // position, 3 dof
	DroneRMSEM      *float64       `json:"drone_rmse_m"`
	DroneMeanNEES   *float64       `json:"drone_mean_nees"`
	ConfirmedTracks int            `json:"confirmed_tracks"`
	ByCause         map[string]int `json:"tracks_by_cause"`           // drone, bird, duplicate, clutter
	DroneClassified map[string]int `json:"classified_drone_by_cause"` // of those, how many ended classified drone
	// Deleted counts the tracks that ended during the run by why
	// (track.EndNotConfirmed and the other End values), and
	// ConfirmedDeleted those of them that had been confirmed.
	Deleted          map[string]int `json:"deleted_by_reason"`
	ConfirmedDeleted map[string]int `json:"confirmed_deleted_by_reason"`
}

// SensorSummary is one sensor's totals.
type SensorSummary struct {
	ID          string `json:"id"`
	Type        string `json:"type"`
	Detections  int    `json:"detections"`
	FalseAlarms int    `json:"false_alarms"`
}

// EntitySummary is one drone or bird and its first detection by each sensor
// that detected it (sensors that never did are absent).
type EntitySummary struct {
	ID              int              `json:"id"`
	Name            string           `json:"name"`
	Kind            string           `json:"kind"`
	Type            string           `json:"type"`
	RFSilent        bool             `json:"rf_silent,omitempty"`
	Group           string           `json:"group,omitempty"` // the group a drone flies in, if any
	StartS          float64          `json:"start_s"`
	EndS            *float64         `json:"end_s"` // null when present to the end of the run
	FirstDetections []FirstDetection `json:"first_detections"`
	// Tracking: when a confirmed track first held it and its distance from
	// the site origin then (null if never), the tracks that held it, how
	// often it passed from one track to another (breaks) and of those how
	// often because its track jumped to another object (swaps), and the
	// fraction of its time present that a confirmed track held it.
	FirstTrackS      *float64 `json:"first_track_s"`
	FirstTrackRangeM *float64 `json:"first_track_range_m"`
	Tracks           int      `json:"tracks"`
	Breaks           int      `json:"breaks"`
	Swaps            int      `json:"swaps"`
	HeldFraction     float64  `json:"held_fraction"`
	// Alerting is set for drones.
	Alerting *DroneAlertSummary `json:"alerting,omitempty"`
}

// FirstDetection is when a sensor first detected an entity, and the entity's
// true range from the sensor then.
type FirstDetection struct {
	Sensor string  `json:"sensor"`
	TimeS  float64 `json:"time_s"`
	RangeM float64 `json:"range_m"`
}

// WriteJSON writes the summary as indented JSON.
func (s *Summary) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}
