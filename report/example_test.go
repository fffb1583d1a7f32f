package report_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/report"
	"github.com/cuasim/cuasim/scenarios"
)

// A comparison run from Go rather than from the command line, then drawn:
// the figures and the page land in the output directory, and the page's
// tables can be printed as cuasim compare prints them.
func ExampleWrite() {
	sc, err := scenarios.Open("airport")
	if err != nil {
		log.Fatal(err)
	}
	design, err := compare.NewDesign("airport", sc, compare.Options{Version: "example",
		Layouts: []string{"base", "no-k-band"}, Replications: 1, DurationS: 300,
		Sweeps:           []compare.Sweep{{Path: "alerting.p_drone", Values: []string{"0.7", "0.9"}}},
		RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95})
	if err != nil {
		log.Fatal(err)
	}
	res, err := (&compare.Runner{Design: design, Scenario: sc}).Run(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	sum := compare.Summarise(res)

	out, err := os.MkdirTemp("", "comparison")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(out)
	dir, err := record.NewDir(out)
	if err != nil {
		log.Fatal(err)
	}
	if err := report.Write(dir, sc, res, sum); err != nil {
		log.Fatal(err)
	}
	if err := dir.Commit(); err != nil {
		log.Fatal(err)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		fmt.Println(e.Name())
	}
	fmt.Println(report.Command(design, ""))
	fmt.Println(report.OperatingTable(sum, "").Header[3])
	// Output:
	// false-alerts.png
	// false-alerts.svg
	// layouts.png
	// layouts.svg
	// report.html
	// tradeoff.png
	// tradeoff.svg
	// warning.png
	// warning.svg
	// cuasim compare airport --layouts base,no-k-band --replications 1 --duration 5m --seed 1 --thresholds 0.7,0.9 --required-warning 60s --false-alert-budget 2/day --confidence 0.95
	// P(TIMELY)
}
