package record

import (
	"encoding/json"
	"io"
)

// Summary is the content of summary.json: the run's settings and, per sensor
// and per entity, what was detected. Its fields are documented in
// docs/output.md.
type Summary struct {
	Scenario  string          `json:"scenario"`
	File      string          `json:"file"`
	Version   string          `json:"cuasim_version"`
	Seed      uint64          `json:"seed"`
	DurationS float64         `json:"duration_s"`
	StepS     float64         `json:"step_s"`
	Sensors   []SensorSummary `json:"sensors"`
	Entities  []EntitySummary `json:"entities"`
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
	StartS          float64          `json:"start_s"`
	EndS            *float64         `json:"end_s"` // null when present to the end of the run
	FirstDetections []FirstDetection `json:"first_detections"`
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
