package scenarios

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
)

// Relocated returns the scenario's YAML as it must be written at path file
// to mean the same: the paths it gives relative to its own file (the
// terrain's tiles) rewritten relative to file's directory (absolute when
// there is no relative way), everything else as written. cuasim search
// writes the scenario it found layouts for into another directory.
func (s *Scenario) Relocated(file string) ([]byte, error) {
	src := string(s.src)
	t := s.Site.Terrain
	if t == nil || s.root == nil {
		return []byte(src), nil
	}
	from, to := filepath.Dir(s.file), filepath.Dir(file)
	lines := strings.SplitAfter(src, "\n")
	// Later nodes first, so that a change does not move the ones before.
	for i := len(t.HGT) - 1; i >= 0; i-- {
		p := t.HGT[i]
		if filepath.IsAbs(p) {
			continue
		}
		n := resolveAlias(s.pos[fmt.Sprintf("site.terrain.hgt[%d]", i)])
		if n == nil || n.Kind != yaml.ScalarNode || n.Line < 1 || n.Line > len(lines) {
			return nil, fmt.Errorf("%s: site.terrain.hgt[%d]: cannot find where it is written", s.file, i)
		}
		abs, err := filepath.Abs(filepath.Join(from, p))
		if err != nil {
			return nil, err
		}
		np := abs
		if toAbs, err := filepath.Abs(to); err == nil {
			if rel, err := filepath.Rel(toAbs, abs); err == nil {
				np = rel
			}
		}
		line := lines[n.Line-1]
		start := n.Column - 1
		end := start + rawLen(line[start:], n)
		if start < 0 || end > len(line) {
			return nil, fmt.Errorf("%s:%d:%d: site.terrain.hgt[%d]: cannot find the path's text", s.file, n.Line, n.Column, i)
		}
		lines[n.Line-1] = line[:start] + strconv.Quote(filepath.ToSlash(np)) + line[end:]
	}
	return []byte(strings.Join(lines, "")), nil
}

// rawLen returns the length of a scalar's text as written at the start of
// s: its value for a plain scalar, through the closing quote for a quoted
// one.
func rawLen(s string, n *yaml.Node) int {
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
	case n.Style&yaml.SingleQuotedStyle != 0:
		for i := 1; i < len(s); i++ {
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
	default:
		return len(n.Value)
	}
	return len(s)
}
