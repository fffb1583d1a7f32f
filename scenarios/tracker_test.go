package scenarios

import (
	"os"
	"strings"
	"testing"
)

// defaultTracker is the tracker section every field of which takes its default.
var defaultTracker = Tracker{
	Filter:               "imm",
	CVAccelPSD:           4,
	HoverAccelPSD:        25,
	HoverVelocityTauS:    0.2,
	IMMSwitchPerS:        0.01,
	GateProbability:      0.999,
	Association:          "gnn",
	ConfirmM:             3,
	ConfirmN:             5,
	Confirmation:         "m_of_n",
	ConfirmExistence:     0.99,
	DeleteExistence:      0.01,
	DeleteMisses:         6,
	DeletePositionStdM:   1000,
	AltitudeMeanM:        75,
	AltitudeStdM:         45,
	VerticalSpeedStdMPS:  5,
	InitVelocityStdMPS:   25,
	AssumedPd:            0.8,
	TriangulationWindowS: 2,
	DronePrior:           0.1,
}

// withTracker returns the minimal scenario with a tracker section inserted
// before run.
func withTracker(t *testing.T, section string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Count(s, "\nrun:\n") != 1 {
		t.Fatal("testdata/minimal.yaml: no single run section to insert before")
	}
	return []byte(strings.Replace(s, "\nrun:\n", "\n"+section+"run:\n", 1))
}

// TestTrackerDefaults checks that a file without tracker:, and one with an
// empty tracker: {}, get every default.
func TestTrackerDefaults(t *testing.T) {
	s, err := Load("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if s.Tracker != defaultTracker {
		t.Errorf("tracker without a section =\n%+v\nwant\n%+v", s.Tracker, defaultTracker)
	}
	s, err = Parse("empty-tracker.yaml", withTracker(t, "tracker: {}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Tracker != defaultTracker {
		t.Errorf("tracker: {} =\n%+v\nwant\n%+v", s.Tracker, defaultTracker)
	}
}

// TestTrackerRoundTrip checks that every field of a full tracker section
// reaches the struct, none of them at its default.
func TestTrackerRoundTrip(t *testing.T) {
	const section = `tracker:
  filter: cv
  cv_accel_psd_m2_s3: 9.5
  hover_accel_psd_m2_s3: 0.2
  hover_velocity_tau_s: 1.5
  imm_switch_per_s: 0.1
  gate_probability: 0.99
  association: jpda
  confirm_m: 2
  confirm_n: 2
  confirmation: existence
  confirm_existence: 0.9
  delete_existence: 0.05
  delete_misses: 4
  delete_position_std_m: 500
  altitude_mean_m: 40
  altitude_std_m: 20
  vertical_speed_std_mps: 2
  init_velocity_std_mps: 30
  assumed_pd: 0.7
  triangulation_window_s: 0.5
  drone_prior: 0.3
`
	want := Tracker{
		Filter:               "cv",
		CVAccelPSD:           9.5,
		HoverAccelPSD:        0.2,
		HoverVelocityTauS:    1.5,
		IMMSwitchPerS:        0.1,
		GateProbability:      0.99,
		Association:          "jpda",
		ConfirmM:             2,
		ConfirmN:             2,
		Confirmation:         "existence",
		ConfirmExistence:     0.9,
		DeleteExistence:      0.05,
		DeleteMisses:         4,
		DeletePositionStdM:   500,
		AltitudeMeanM:        40,
		AltitudeStdM:         20,
		VerticalSpeedStdMPS:  2,
		InitVelocityStdMPS:   30,
		AssumedPd:            0.7,
		TriangulationWindowS: 0.5,
		DronePrior:           0.3,
	}
	s, err := Parse("full-tracker.yaml", withTracker(t, section))
	if err != nil {
		t.Fatal(err)
	}
	if s.Tracker != want {
		t.Errorf("tracker =\n%+v\nwant\n%+v", s.Tracker, want)
	}
	// The test is only as good as its coverage: every field is given, and
	// every one differs from its default.
	if n := len(fieldsOf(reflectValue(&want).Type())); n != strings.Count(section, "\n")-1 {
		t.Errorf("the section gives %d fields, Tracker has %d", strings.Count(section, "\n")-1, n)
	}
	w, d := reflectValue(&want), reflectValue(&defaultTracker)
	for i := range w.NumField() {
		if w.Field(i).Equal(d.Field(i)) {
			t.Errorf("Tracker.%s is given its default; give another value", w.Type().Field(i).Name)
		}
	}
}

// TestTrackerPartial checks that fields left out of a tracker section keep
// their defaults.
func TestTrackerPartial(t *testing.T) {
	s, err := Parse("partial-tracker.yaml", withTracker(t, "tracker:\n  association: jpda\n  confirm_n: 8\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := defaultTracker
	want.Association, want.ConfirmN = "jpda", 8
	if s.Tracker != want {
		t.Errorf("tracker =\n%+v\nwant\n%+v", s.Tracker, want)
	}
}

// TestLibraryTrackerDefaults keeps the airport scenario's explicit tracker
// section equal to the defaults it documents.
func TestLibraryTrackerDefaults(t *testing.T) {
	s, err := Embedded("airport")
	if err != nil {
		t.Fatal(err)
	}
	if s.Tracker != defaultTracker {
		t.Errorf("airport tracker =\n%+v\nwant the defaults\n%+v", s.Tracker, defaultTracker)
	}
}
