package refvalues

import "testing"

// TestEveryLineParses reads the whole file: a malformed line fails here,
// not in the test that happens to read it first.
func TestEveryLineParses(t *testing.T) {
	if got := Value(t, "marcum_q(1,1,1)"); got != 0.732880 {
		t.Errorf("marcum_q(1,1,1) = %g", got)
	}
	if len(values) < 37 {
		t.Errorf("%d values, want the 37 or more the file lists", len(values))
	}
}
