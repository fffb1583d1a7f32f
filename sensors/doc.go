// Package sensors models cuasim's radars and passive RF detectors and the
// physics behind them.
//
// The physics is exported for students and tests, each function citing its
// source:
//
//   - detection theory for a square-law detector with noncoherent
//     integration: DetectionThreshold, DetectionProbability (exact, all five
//     Swerling models), RequiredSNR, AlbersheimSNR, MarcumQ, and PdCurve, a
//     fast tabulated Pd for hot loops;
//   - the radar equation (RadarEquation.SNRDB) and its reference-point
//     scaling (ReferenceSNRDB);
//   - propagation: FreeSpacePathLossDB, TwoRayPathLossDB,
//     LogDistancePathLossDB, ThermalNoiseDBm and the 4/3-earth
//     RadarHorizonM.
//
// The sensor models, Radar and RF, observe a sim.World and produce
// Detections: radar plots (range, azimuth, elevation, radial velocity, each
// with its noise standard deviation) and RF bearings (bearing, optional
// elevation, received power and band), true and false. A Network runs every
// sensor of a scenario. Each sensor draws from its own random streams, one
// per target and one for false alarms, so that changing one sensor changes
// nothing any other sensor draws, nor any trajectory.
//
// A Detection carries the id of the entity that caused it (TruthID, −1 for a
// false alarm) for scoring only; trackers must not read it.
package sensors
