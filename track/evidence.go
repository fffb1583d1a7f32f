package track

// EvidenceModel is the classifier's evidence model as numbers, for tools
// that predict what a track's P(drone) will be from what the sensors can
// see (the layout search's surrogate): the log-odds each kind of evidence
// adds and the bounds on each term (see classify.go).
type EvidenceModel struct {
	// RFPerSecond is the log-odds added for each second in which bearings
	// of two RF sensors update the track; MaxRF bounds their sum.
	RFPerSecond, MaxRF float64
	// MaxLabels bounds the sum of the micro-Doppler labels' log-likelihood
	// ratios (each label adds log P(label | drone)/P(label | bird)).
	MaxLabels float64
	// Kinematic evidence per second: hovering (under HoverMPS), flying
	// faster than FastMPS, or in the birds' cruising band [BirdMinMPS,
	// BirdMaxMPS]; MaxKinematic bounds the sum, either way.
	Hover, Fast, BirdSpeed                    float64
	HoverMPS, FastMPS, BirdMinMPS, BirdMaxMPS float64
	MaxKinematic                              float64
}

// Classifier returns the classifier's evidence model.
func Classifier() EvidenceModel {
	return EvidenceModel{
		RFPerSecond: rfEvidence, MaxRF: maxRFLogOdds, MaxLabels: maxLabelLogOdds,
		Hover: hoverEvidence, Fast: fastEvidence, BirdSpeed: birdSpeedEvidence,
		HoverMPS: hoverSpeedMPS, FastMPS: fastSpeedMPS, BirdMinMPS: birdMinMPS, BirdMaxMPS: birdMaxMPS,
		MaxKinematic: maxKinematicLogOdds,
	}
}
