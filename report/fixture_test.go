package report

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/scenarios"
)

// fixture builds the results of a made-up comparison, without simulating:
// layouts that differ in how early they alert and how many false alerts
// they raise, thresholds that trade one for the other, drones never
// alerted on, cells without a false alert, and optionally simulation
// variants.
func fixture(layouts []string, variants int, reps int) *compare.Results {
	d := &compare.Design{Version: "test", Scenario: "airport", ScenarioSHA256: "0123", Layouts: layouts,
		Replications: reps, FirstSeed: 1, DurationS: 3600, RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95}
	d.Variants = []compare.Variant{{}}
	if variants > 1 {
		d.Variants = nil
		for v := range variants {
			val := fmt.Sprint([]float64{1e-7, 1e-6, 1e-5, 1e-4}[v%4])
			d.Variants = append(d.Variants, compare.Variant{Label: "sensors[radar-main].pfa=" + val,
				Overrides: []scenarios.Override{{Path: "sensors[radar-main].pfa", Value: val}}})
		}
	}
	ths := []string{"0.5", "0.7", "0.8", "0.9", "0.95"}
	for _, th := range ths {
		d.Thresholds = append(d.Thresholds, compare.Variant{Label: "p_drone=" + th,
			Overrides: []scenarios.Override{{Path: "alerting.p_drone", Value: th}}})
	}
	res := &compare.Results{Design: d}
	rng := rand.New(rand.NewPCG(1, 2))
	for r := range reps {
		res.Replications = append(res.Replications, r)
		for li, l := range layouts {
			for vi, v := range d.Variants {
				for ti, th := range d.Thresholds {
					row := compare.Row{Replication: r, Seed: uint64(r + 1), Layout: l, Variant: v.Label, Threshold: th.Label, Hours: 1}
					// Higher thresholds: fewer false alerts, later alerts.
					strict := float64(ti) / float64(len(ths)-1)
					for k := range 6 {
						name := fmt.Sprintf("inbound-%d", k+1)
						dr := compare.DroneRow{Replication: r, Layout: l, Variant: v.Label, Threshold: th.Label, Drone: name,
							EntryS: 600 + 100*float64(k), FirstDetectionS: 300, FirstTrackS: 400}
						w := 140 - 40*strict - 25*float64(li) - 10*float64(vi) + 30*rng.NormFloat64()
						switch {
						case k == 5 && li == len(layouts)-1 && rng.Float64() < 0.5+0.4*strict:
							dr.FirstAlertS, dr.WarningS, dr.Outcome = math.NaN(), math.NaN(), metrics.OutcomeMissed
							row.Missed++
						case w < 0:
							dr.FirstAlertS, dr.WarningS, dr.Outcome = dr.EntryS-w, w, metrics.OutcomeLate
							row.Late++
						case w < 60:
							dr.FirstAlertS, dr.WarningS, dr.Outcome = dr.EntryS-w, w, metrics.OutcomeShort
							row.Short++
						default:
							dr.FirstAlertS, dr.WarningS, dr.Outcome = dr.EntryS-w, w, metrics.OutcomeTimely
							row.Timely++
						}
						dr.FirstAlertS, dr.WarningS = math.Round(dr.FirstAlertS*10)/10, math.Round(dr.WarningS*10)/10
						row.Entered++
						res.Drones = append(res.Drones, dr)
					}
					res.Drones = append(res.Drones, compare.DroneRow{Replication: r, Layout: l, Variant: v.Label, Threshold: th.Label,
						Drone: "transit-1", EntryS: math.NaN(), FirstDetectionS: 100, FirstTrackS: math.NaN(), FirstAlertS: math.NaN(),
						WarningS: math.NaN(), Outcome: metrics.OutcomeNoEntry})
					rate := 3 * math.Pow(20, 1-2*strict) * float64(1+li)
					n := func(m float64) int {
						k := 0
						for t := rng.ExpFloat64() / (m * rate / 24); t < 1; t += rng.ExpFloat64() / (m * rate / 24) {
							k++
						}
						return k
					}
					row.FalseBird, row.FalseClutter, row.FalseRFGhost = n(0.6), n(0.3), n(0.1)
					if li == 0 {
						row.FalseRFGhost = 0
					}
					row.FalseAlerts = row.FalseBird + row.FalseClutter + row.FalseRFGhost
					row.Incidents = row.FalseAlerts + row.Entered - row.Missed
					res.Rows = append(res.Rows, row)
				}
			}
		}
	}
	return res
}
