// Package refvalues reads testdata/reference-values.txt, the published and
// independently computed values that cuasim's tests check the models
// against, each with its source. It is for tests only.
package refvalues

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// File is the reference file's path from the module root.
const File = "testdata/reference-values.txt"

var (
	once   sync.Once
	values map[string]float64
	err    error
)

// Value returns the value listed under key, failing the test when the file
// or the key is missing. The file is found from the working directory,
// which go test sets to the package being tested, by walking up to the
// module root.
func Value(t testing.TB, key string) float64 {
	t.Helper()
	once.Do(func() {
		var root string
		if root, err = moduleRoot(); err == nil {
			values, err = read(filepath.Join(root, File))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	v, ok := values[key]
	if !ok {
		t.Fatalf("%s lists no %q", File, key)
	}
	return v
}

// moduleRoot is the nearest directory at or above the working directory
// that holds go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("refvalues: no go.mod above the working directory")
		}
		dir = parent
	}
}

// read parses lines "KEY = VALUE [SOURCE]", skipping comments and blank
// lines.
func read(path string) (map[string]float64, error) {
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
		if !ok || len(fields) != 2 || !strings.HasPrefix(fields[1], "[") || !strings.HasSuffix(fields[1], "]") {
			return nil, fmt.Errorf("%s:%d: expected KEY = VALUE [SOURCE], found %q", path, line, s)
		}
		v, err := strconv.ParseFloat(fields[0], 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		vals[strings.TrimSpace(key)] = v
	}
	return vals, sc.Err()
}
