// Package alert decides when a track is a threat to a protected zone and
// tells the operators: it raises, escalates and clears alerts.
//
// It sits downstream of the tracker and never sees truth. What it reads of
// a track is a TrackState: the estimate (position, velocity and their
// covariance), its quality (existence probability), P(drone) and age. Each
// evaluation (Alerter.Update, once per update period) applies the rules to
// every confirmed track and every zone:
//
//   - a track raises an alert on a zone when its quality is at least
//     min_quality, its P(drone) at least p_drone, it is at least
//     min_track_age_s old, and it is inside the zone — its estimated
//     position inside the zone's footprint and its altitude inside the
//     zone's altitude band, give or take uncertainty_sigma standard
//     deviations — or predicted to enter it within horizon_s;
//   - the prediction is a straight line from the estimate, and a predicted
//     position counts as entering when it comes within
//     min(uncertainty_sigma·σ(t), max_margin_m) of the zone, where σ(t)² is
//     the largest eigenvalue of the horizontal position covariance
//     propagated t seconds ahead (P + t(Ppv + Pvp) + t²Pvv);
//   - an alert holds while both probabilities stay above their thresholds
//     less the hysteresis and the geometry holds; it clears after its
//     conditions have failed for clear_after_s in a row, or at once when
//     the track ends;
//   - a zone that follows a convoy moves with the convoy's schedule, which
//     those who protect it know in advance: the rules compare each
//     predicted position with where the zone will be at that time;
//   - its level follows the zone's severity (low 1, medium 2, high 3,
//     critical 4) less one when the entry is only predicted within
//     imminent_s, less two when it is predicted later, clamped to
//     advisory (1), warning (2) or critical (3).
//
// Every change is an Event: an alert starts, changes level, or ends.
// Alerter.Active lists the alerts in force, for display. CurveAlerter runs
// the rules at every P(drone) threshold at once: raising the threshold
// only ever removes alerts, so for each track one number, the highest
// threshold with an alert in force, says at which thresholds it has one.
package alert
