package scene

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/cuasim/cuasim/scenarios"
)

// SaveLayout is the viewer's prompt for saving the sensors as they are
// now — dragged, in the layout shown — as a named layout in a scenario
// file (the s key), so that `cuasim compare FILE --layouts NAME` runs
// them: drag, save, compare. It proposes a free name (dragged-1, ...)
// and the file: the scenario's own when it was opened from a file on
// this computer; otherwise (a built-in scenario, a file dropped on the
// window) a copy in the current directory, named after the scenario.
// In the browser there is no file to write: Download is set and the
// file with the layout added is handed to the page to download.
type SaveLayout struct {
	// Name is the layout's name as typed; Path the file it goes into.
	Name, Path string
	// Field is the field typed into: 0 the name, 1 the path.
	Field int
	// Download is set in the browser: Path is the name of the file the
	// page downloads.
	Download bool
	// Moves lists the sensors moved, as the layout will have them.
	Moves string
	// Note says what saving does (which file, a copy or not).
	Note string
	// Problem is why the last attempt saved nothing; "" before one.
	Problem string
	// Replace is the name of the layout the file already has that the
	// user was told of: saving it again with this name replaces it.
	Replace string

	sess   *Session
	src    []byte // the scenario a copy or a download starts from
	copied bool   // Path is a copy of the scenario, not its own file
}

// NewSaveLayout opens the prompt for saving session s's sensors, whose
// scenario was opened as opened (a built-in name or a file) and, if
// dropped, from a file dropped on the window. With download the file is
// downloaded rather than written, starting from src if not nil (the
// file of the previous download, so that layouts saved one after the
// other accumulate) or the scenario's own source. It returns an error,
// and no prompt, when there is nothing to save.
func NewSaveLayout(s *Session, opened string, dropped, download bool, src []byte) (*SaveLayout, error) {
	if len(s.Moved()) == 0 {
		return nil, errors.New("no sensor is moved: drag one, then s saves the sensors as a layout")
	}
	p := &SaveLayout{sess: s, Download: download, src: src}
	if p.src == nil {
		p.src = s.base.Source()
	}
	base := strings.TrimSuffix(filepath.Base(s.base.File()), filepath.Ext(s.base.File())) + ".yaml"
	switch {
	case download:
		p.Path, p.copied = base, true
		p.Note = "the browser cannot write files: it downloads " + base + " with the layout added"
	case !dropped && opened == s.base.File() && isFile(opened):
		p.Path = opened
		p.Note = "into the scenario's file; tab edits the file's name to write a copy elsewhere"
	default:
		p.Path, p.copied = base, true
		why := "the viewer does not know where a dropped file lives"
		if !dropped {
			why = s.base.Name + " is built in"
		}
		dir, _ := filepath.Abs(".")
		p.Note = "a copy in the current directory, " + dir + " (" + why + "); tab edits the file's name"
		if isFile(p.Path) {
			p.Note = "adds to " + filepath.Join(dir, p.Path) + ", the file of that name in the current directory (" + why + "); tab edits the file's name"
		}
	}
	var moves []string
	for _, m := range s.Moved() {
		moves = append(moves, fmt.Sprintf("%s to %g, %g m", m.ID, m.EastM, m.NorthM))
	}
	p.Moves = "layout " + s.Scenario.Layout() + " with " + strings.Join(moves, "; ")
	names := s.base.LayoutNames()
	if t, err := p.target(); err == nil {
		names = append(names, t.LayoutNames()...)
	}
	for n := 1; ; n++ {
		if name := fmt.Sprintf("dragged-%d", n); !slices.Contains(names, name) {
			p.Name = name
			break
		}
	}
	return p, nil
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// target is the scenario the layout is written into: the file at Path if
// there is one, else the source the copy starts from.
func (p *SaveLayout) target() (*scenarios.Scenario, error) {
	if !p.Download && isFile(p.Path) {
		return scenarios.Load(p.Path)
	}
	return scenarios.Parse(p.Path, p.src)
}

// Type adds what was typed to the field typed into; control characters
// are left out.
func (p *SaveLayout) Type(rs ...rune) {
	for _, r := range rs {
		if unicode.IsControl(r) {
			continue
		}
		*p.field() += string(r)
	}
}

// Backspace deletes the field's last character.
func (p *SaveLayout) Backspace() {
	f := p.field()
	rs := []rune(*f)
	if len(rs) > 0 {
		*f = string(rs[:len(rs)-1])
	}
}

// NextField moves to the other field; in the browser there is only the
// name.
func (p *SaveLayout) NextField() {
	if !p.Download {
		p.Field = 1 - p.Field
	}
}

func (p *SaveLayout) field() *string {
	if p.Field == 1 {
		return &p.Path
	}
	return &p.Name
}

// Layout is the layout to be saved: the session's sensors, written
// against the scenario's listed sensors, with a description naming the
// sensors moved.
func (p *SaveLayout) Layout() (scenarios.Layout, error) {
	listed, err := scenarios.Parse(p.sess.base.File(), p.sess.base.Source())
	if err != nil {
		return scenarios.Layout{}, err
	}
	l := scenarios.LayoutOf(strings.TrimSpace(p.Name), listed.Sensors, p.sess.Scenario.Sensors)
	l.Description = "Saved from cuasim-view: " + p.Moves + " (metres east, north of the origin)."
	return l, nil
}

// Save writes the layout: into the file at Path (or a copy of the
// scenario there), or, with Download, returns the file to download. It
// returns what the viewer says about it. A name the file already has is
// refused the first time (Problem says so, and Replace is set); saved
// again under the same name, it replaces that layout. On an error
// Problem says what went wrong and nothing is written.
func (p *SaveLayout) Save() (msg string, download []byte, err error) {
	defer func() {
		if err != nil {
			p.Problem = strings.ReplaceAll(err.Error(), "\n", "; ")
		}
	}()
	name := strings.TrimSpace(p.Name)
	path := strings.TrimSpace(p.Path)
	if name == "" || path == "" {
		return "", nil, errors.New("give the layout a name and the file a path")
	}
	l, err := p.Layout()
	if err != nil {
		return "", nil, err
	}
	replace := p.Replace != "" && p.Replace == name
	// The file's listed sensors must be those the viewer runs: a change
	// is written against them.
	if t, err := p.target(); err != nil {
		return "", nil, fmt.Errorf("%s does not load: %w", path, err)
	} else if listed, err := scenarios.Parse(p.sess.base.File(), p.sess.base.Source()); err == nil && !scenarios.SameSensors(t.Sensors, listed.Sensors) {
		return "", nil, fmt.Errorf("the sensors listed in %s are not those of %s as the viewer opened it; save into another file", path, p.sess.base.Name)
	}
	compare := fmt.Sprintf("cuasim compare %s --layouts %s,%s", shellWord(path), scenarios.BaseLayout, shellWord(name))
	if p.Download {
		out, err := scenarios.AddLayouts(path, p.src, []scenarios.Layout{l}, replace)
		if err = p.exists(err, name); err != nil {
			return "", nil, err
		}
		return fmt.Sprintf("layout %s: %s downloaded; then %s", name, path, compare), out, nil
	}
	var src []byte
	if p.copied {
		src = p.src
	}
	if err = p.exists(scenarios.SaveLayouts(path, src, []scenarios.Layout{l}, replace), name); err != nil {
		return "", nil, err
	}
	where, _ := filepath.Abs(path)
	msg = fmt.Sprintf("layout %s saved in %s; now %s", name, where, compare)
	if p.sess.adopt(path) {
		msg += "; l switches to it"
	}
	return msg, nil, nil
}

// adopt makes the scenario file at path, just saved into, the session's
// scenario to switch layouts in, when it is the file the session runs
// (and was opened in its base layout): l then cycles through the layout
// saved too. The run goes on as it is.
func (s *Session) adopt(path string) bool {
	if path != s.base.File() || s.base.Layout() != scenarios.BaseLayout {
		return false
	}
	sc, err := scenarios.Load(path)
	if err != nil {
		return false
	}
	s.base, s.layouts = sc, sc.LayoutNames()
	return true
}

// exists turns the refusal of an existing name into the question whether
// to replace it.
func (p *SaveLayout) exists(err error, name string) error {
	if errors.Is(err, scenarios.ErrLayoutExists) {
		p.Replace = name
		return fmt.Errorf("%s already has a layout %s: enter replaces it, or change the name", p.Path, name)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no such file", p.Path)
	}
	return err
}

// shellWord quotes s for a POSIX shell when it needs it.
func shellWord(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_./,:=+@%", r)))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
