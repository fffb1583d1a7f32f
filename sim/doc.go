// Package sim is cuasim's discrete-time world: the site's geometry, the
// drones and birds that move over it, and the clock that steps them.
//
// A World is built from a validated scenario. Every entity (a drone from a
// scripted flight or a random generator, or a bird) is known from the start,
// with the time it appears and the motion model that moves it: a flight-plan
// follower (goto, orbit and hover legs within the type's turn-rate, climb and
// acceleration limits) for drones, a correlated random walk for birds.
// Motion is scripted or statistical only.
//
// Randomness comes from streams derived from one master seed and a purpose
// key (see Stream). Each generator and each bird flock draws from its own
// stream, and sensors draw from theirs, so that adding, removing or moving a
// sensor leaves every trajectory bit-for-bit unchanged: layouts compared on
// the same seed see the same traffic (common random numbers).
//
// Coordinates are local East-North-Up metres (X east, Y north, Z up above the
// site's ground); angles are radians, azimuths clockwise from north.
package sim
