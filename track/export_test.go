package track

// SetWalkEast has the tracker's sweep walk every plot of its east window
// whatever the batch's size (the tests compare it with the spread classes).
func SetWalkEast(tr *Tracker, walk bool) { tr.walkEast = walk }

// ByClass reports whether the last radar batch was swept by spread class.
func ByClass(tr *Tracker) bool { return tr.byClass }
