// Package record writes and reads the files of a recorded run, the output of
// cuasim run --out DIR:
//
//	truth.csv       one row per entity present, every record interval
//	detections.csv  one row per detection, radar and RF, true and false
//	summary.json    the run's summary; written last
//
// Every file is written under a temporary name and renamed into place when
// the run completes, and summary.json is renamed last: a directory holding a
// summary.json holds a whole run, and an interrupted run leaves only files
// named *.partial, which no reader takes for results. The CSV columns are
// documented in docs/output.md and by the header row of each file.
package record
