package track

// SetWalkEast has the tracker's sweep walk every plot of its east window
// whatever the batch's size (the tests compare it with the spread classes).
func SetWalkEast(tr *Tracker, walk bool) { tr.walkEast = walk }

// ByClass reports whether the last radar batch was swept by spread class.
func ByClass(tr *Tracker) bool { return tr.byClass }

// SetPerPlot has the tracker's sweep compute what it keeps per antenna
// again for every plot (the tests compare the two).
func SetPerPlot(tr *Tracker, per bool) { tr.perPlot = per }
