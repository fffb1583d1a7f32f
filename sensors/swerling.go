package sensors

import "strconv"

// Swerling is a target's radar cross-section fluctuation model (P. Swerling,
// "Probability of detection for fluctuating targets", IRE Trans. IT 6(2),
// 1960; Richards, Fundamentals of Radar Signal Processing, §6.3). The zero
// value is the steady target.
type Swerling int

// The five Swerling models. "Scan to scan" models keep the RCS constant over
// the pulses integrated in one dwell and draw it anew each dwell; "pulse to
// pulse" models draw it for every pulse.
const (
	Swerling0 Swerling = iota // steady, non-fluctuating (also called Swerling 5)
	Swerling1                 // Rayleigh amplitude (RCS chi-square, 2 dof), scan to scan
	Swerling2                 // Rayleigh amplitude (RCS chi-square, 2 dof), pulse to pulse
	Swerling3                 // one dominant scatterer plus many small ones (RCS chi-square, 4 dof), scan to scan
	Swerling4                 // one dominant scatterer plus many small ones (RCS chi-square, 4 dof), pulse to pulse
)

// Valid reports whether s is one of the five models, Swerling0 to Swerling4.
func (s Swerling) Valid() bool { return s >= Swerling0 && s <= Swerling4 }

// String returns "Swerling 0" … "Swerling 4", or "Swerling(n)" for an
// invalid value n.
func (s Swerling) String() string {
	if !s.Valid() {
		return "Swerling(" + strconv.Itoa(int(s)) + ")"
	}
	return "Swerling " + strconv.Itoa(int(s))
}
