// Package report draws the pictures and writes the page of a comparison
// made by cuasim compare (package compare): what a planner looks at, and
// mails to a colleague.
//
// Write puts them all in a comparison's output directory:
//
//	tradeoff.png, .svg      P(timely) against false alerts per day, one
//	                        curve per layout through its alert thresholds,
//	                        the operating points ringed, the budget marked
//	warning.png, .svg       the warning-time distribution of each layout
//	                        at its operating point, missed drones included
//	false-alerts.png, .svg  false alerts per day by cause at the
//	                        operating points
//	layouts.png, .svg       the site from above, once per layout: zones,
//	                        obstacles, sensors and their nominal coverage
//	report.html             one self-contained page: the ranked operating
//	                        points, the paired differences, every cell, the
//	                        figures inlined, the exact command and how to
//	                        read it all
//
// Each figure is also a value (Tradeoff, Warning, FalseAlerts, Layouts)
// that draws itself as PNG or SVG, and the tables (OperatingTable,
// DifferencesTable, CellsTable) are what cuasim compare prints on the
// terminal, so the page and the terminal cannot disagree. Command
// reconstructs the command line that runs a design.
//
// Everything is deterministic: the same results give the same bytes in
// every file (no timestamps, no map order, gonum/plot's rasteriser and
// encoders are deterministic), so that a resumed or a sharded-and-merged
// comparison writes exactly the files of an uninterrupted one. The package
// uses gonum.org/v1/plot with its pure-Go back ends and fonts: it needs no
// cgo and no system fonts.
package report
