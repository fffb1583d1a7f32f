package sim

import "gonum.org/v1/gonum/spatial/r3"

// Kind says what an entity is.
type Kind uint8

// The kinds of entity.
const (
	Drone Kind = iota
	Bird
)

// String returns "drone" or "bird".
func (k Kind) String() string {
	switch k {
	case Drone:
		return "drone"
	case Bird:
		return "bird"
	}
	return "unknown"
}

// Link is a radio link an entity emits on.
type Link struct {
	Name        string
	FrequencyHz float64
	EIRPdBm     float64
	BandwidthHz float64
	DutyCycle   float64 // fraction of time transmitting, in (0, 1]
}

// Signature is what sensors can sense of an entity.
type Signature struct {
	RCSM2    float64 // mean radar cross-section, m²
	Swerling int     // RCS fluctuation model, 0 to 4
	Links    []Link  // radio emissions; empty for birds and RF-silent drones
	RFSilent bool    // a drone that emits nothing by design
}

// Entity is one drone or bird: its identity, signature and current truth
// state. Truth is for the engine, sensors and scoring only: nothing
// downstream of the sensors may use it to estimate.
type Entity struct {
	ID     int    // index in World.Entities; stable for a scenario and seed
	Name   string // e.g. "inbound-north-3", "gulls-2.4" (flock 2, bird 4)
	Kind   Kind
	Type   string // uav_types name, or the birds entry name
	Source string // the traffic or birds entry that made it
	// Group names the group a drone flies in (its flight, or its
	// generator's arrival: "fpv", "swarm-2"), empty for a drone alone.
	Group string

	Signature

	StartS, EndS float64 // when it appears and disappears (EndS is +Inf until known)
	Active       bool    // between StartS and EndS

	Pos r3.Vec // position, m (ENU)
	Vel r3.Vec // velocity, m/s (ENU)
}
