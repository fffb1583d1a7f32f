package track

import (
	"fmt"

	"github.com/cuasim/cuasim/scenarios"
)

// Config holds the tracker's settings; scenarios.Tracker documents each.
type Config struct {
	IMM                bool    // IMM of CV and Hover, else CV alone
	JPDA               bool    // JPDA association, else GNN
	CVAccelPSD         float64 // m²/s³
	HoverAccelPSD      float64 // m²/s³
	HoverTauS          float64 // s
	IMMSwitchPerS      float64 // per second
	GateProbability    float64
	ConfirmM, ConfirmN int
	// ExistenceConfirm confirms by the track's existence probability
	// instead of M of N: at ConfirmExistence, after two hits; a tentative
	// track is deleted under DeleteExistence or after ConfirmN cycles.
	ExistenceConfirm                  bool
	ConfirmExistence, DeleteExistence float64
	DeleteMisses                      int
	DeletePositionStdM                float64
	InitVelocityStdMPS                float64
	AssumedPd                         float64
	TriangulationWindowS              float64
	// DronePrior is the probability that a tracked object is a drone
	// rather than a bird before any evidence.
	DronePrior float64
	// The prior over the tracked objects' altitude (m above ground) and
	// vertical speed (m/s); see VerticalPrior.
	AltitudeMeanM, AltitudeStdM, VerticalSpeedStdMPS float64
}

// ConfigFrom converts a scenario's tracker section.
func ConfigFrom(t scenarios.Tracker) (Config, error) {
	if t.Association != "gnn" && t.Association != "jpda" {
		return Config{}, fmt.Errorf("tracker.association: %q is not an association; use gnn or jpda", t.Association)
	}
	if t.Confirmation != "m_of_n" && t.Confirmation != "existence" {
		return Config{}, fmt.Errorf("tracker.confirmation: %q is not a confirmation rule; use m_of_n or existence", t.Confirmation)
	}
	return Config{
		IMM: t.Filter == "imm", JPDA: t.Association == "jpda", CVAccelPSD: t.CVAccelPSD, HoverAccelPSD: t.HoverAccelPSD, HoverTauS: t.HoverVelocityTauS,
		IMMSwitchPerS: t.IMMSwitchPerS, GateProbability: t.GateProbability,
		ConfirmM: t.ConfirmM, ConfirmN: t.ConfirmN, DeleteMisses: t.DeleteMisses,
		ExistenceConfirm: t.Confirmation == "existence", ConfirmExistence: t.ConfirmExistence, DeleteExistence: t.DeleteExistence,
		DeletePositionStdM: t.DeletePositionStdM, InitVelocityStdMPS: t.InitVelocityStdMPS,
		AssumedPd: t.AssumedPd, TriangulationWindowS: t.TriangulationWindowS,
		AltitudeMeanM: t.AltitudeMeanM, AltitudeStdM: t.AltitudeStdM, VerticalSpeedStdMPS: t.VerticalSpeedStdMPS,
		DronePrior: t.DronePrior,
	}, nil
}

// DefaultConfig returns the defaults of a scenario's tracker section.
func DefaultConfig() Config {
	return Config{IMM: true, CVAccelPSD: 4, HoverAccelPSD: 25, HoverTauS: 0.2, IMMSwitchPerS: 0.01, GateProbability: 0.999,
		ConfirmM: 3, ConfirmN: 5, ConfirmExistence: 0.99, DeleteExistence: 0.01, DeleteMisses: 6, DeletePositionStdM: 1000, InitVelocityStdMPS: 25, AssumedPd: 0.8,
		TriangulationWindowS: 2, AltitudeMeanM: 75, AltitudeStdM: 45, VerticalSpeedStdMPS: 5,
		DronePrior: 0.1}
}

// models returns the motion models the configuration asks for.
func (c *Config) models() []MotionModel {
	cv := CV{AccelPSD: c.CVAccelPSD}
	if !c.IMM {
		return []MotionModel{cv}
	}
	return []MotionModel{cv, Hover{AccelPSD: c.HoverAccelPSD, TauS: c.HoverTauS}}
}

// vertical returns the prior the tracks' filters bound their vertical
// belief with.
func (c *Config) vertical() VerticalPrior {
	return VerticalPrior{AltitudeMeanM: c.AltitudeMeanM, AltitudeStdM: c.AltitudeStdM, SpeedStdMPS: c.VerticalSpeedStdMPS}
}
