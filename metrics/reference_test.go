package metrics_test

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// referenceFile holds the published and independently computed values the
// tests check against, each with its source.
const referenceFile = "../testdata/reference-values.txt"

var (
	refOnce   sync.Once
	refValues map[string]float64
	refErr    error
)

// refValue returns the value listed under key in testdata/reference-values.txt,
// failing the test when the file or the key is missing.
func refValue(t testing.TB, key string) float64 {
	t.Helper()
	refOnce.Do(func() { refValues, refErr = readReferenceValues(referenceFile) })
	if refErr != nil {
		t.Fatal(refErr)
	}
	v, ok := refValues[key]
	if !ok {
		t.Fatalf("%s lists no %q", referenceFile, key)
	}
	return v
}

// readReferenceValues parses lines "KEY = VALUE [SOURCE]", skipping
// comments and blank lines.
func readReferenceValues(path string) (map[string]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	vals := make(map[string]float64)
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		key, rest, ok := strings.Cut(s, "=")
		fields := strings.Fields(rest)
		if !ok || len(fields) != 2 || !strings.HasPrefix(fields[1], "[") {
			return nil, &os.PathError{Op: "parse line " + strconv.Itoa(line), Path: path, Err: strconv.ErrSyntax}
		}
		v, err := strconv.ParseFloat(fields[0], 64)
		if err != nil {
			return nil, err
		}
		vals[strings.TrimSpace(key)] = v
	}
	return vals, sc.Err()
}
