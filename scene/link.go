package scene

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cuasim/cuasim/coverage"
	"github.com/cuasim/cuasim/scenarios"
)

// Link is a moment of a live run as a teacher shares it: what to run
// (scenario, seed, layout, the tracker's M-of-N rule), when (the
// simulated time) and how to look at it (layers, zoom and centre, the
// selected object, paused or playing). It reads from and writes to a URL
// query,
//
//	?scenario=base&seed=7&at=10m&layers=tracks,labels&layout=rf-ring
//
// which the browser viewer takes from its address and the desktop viewer
// from --link or its flags. Query writes the canonical form: opening a
// canonical link and taking the link of the view it opens gives the same
// link back.
type Link struct {
	// Scenario is a built-in scenario's name or, on the desktop, a file.
	Scenario string
	// Seed is the run's seed; without HasSeed, the scenario's run.seed.
	Seed    uint64
	HasSeed bool
	// AtS is the simulated time to open at, seconds.
	AtS float64
	// Layers are the layers shown.
	Layers Layers
	// AltitudeM is the altitude the pdmap layer maps, metres; 0 is
	// coverage.PlanAltitudeM.
	AltitudeM float64
	// Layout is the scenario's layout ("" or scenarios.BaseLayout for
	// its listed sensors).
	Layout string
	// ConfirmM and ConfirmN are the tracker's M-of-N confirmation rule;
	// 0 keeps the scenario's.
	ConfirmM, ConfirmN int
	// Moves are the sensors dragged away from where the layout puts
	// them, in the layout's order.
	Moves []SensorMove
	// Zoom is the scale relative to the view framed on the site (2 shows
	// half the width); 0 is the framed view. With HasCenter, the view is
	// centred on (CenterE, CenterN) metres, else on the framed view's
	// centre.
	Zoom             float64
	CenterE, CenterN float64
	HasCenter        bool
	// Select names the selected object: "track:12", "sensor:rf-ne" or
	// "object:gulls-2.4" (a drone or bird by name); "" for none.
	Select string
	// Paused opens the moment paused.
	Paused bool
	// Lesson shows lesson Lesson's question and keys (LessonMode); 0 for
	// none. A link with lesson=N and no other key opens the lesson's view.
	Lesson int
}

// atoiOr is s as a whole number, or def.
func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}

// SensorMove is a sensor of the layout put elsewhere: its id and its new
// position, metres east and north of the site's origin.
type SensorMove struct {
	ID            string
	EastM, NorthM float64
}

// DefaultLink is what the viewer opens with no link and no flags: the
// airport from the start, every layer shown.
func DefaultLink() Link { return Link{Scenario: "airport", Layers: AllLayers()} }

// linkKeys are the query's keys in the canonical order.
var linkKeys = []string{"scenario", "seed", "at", "layers", "layout", "confirm", "move", "zoom", "center", "select", "paused", "lesson", "altitude"}

// ParseLink reads a link: a whole URL, or its query with or without the
// leading "?". Keys it does not set keep DefaultLink's values. Every
// problem is reported, one per line, naming the key.
func ParseLink(s string) (Link, error) {
	l := DefaultLink()
	q := s
	if i := strings.IndexByte(s, '?'); i >= 0 {
		q = s[i+1:]
	} else if strings.Contains(s, "://") {
		q = "" // a URL without a query: the default view
	}
	if i := strings.IndexByte(q, '#'); i >= 0 {
		q = q[:i]
	}
	vals, err := url.ParseQuery(q)
	if err != nil {
		return l, fmt.Errorf("link: %v", err)
	}
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("link: %s: "+format, append([]any{key}, args...)...))
	}
	if vs := vals["lesson"]; len(vs) == 1 && len(vals) == 1 {
		// The lesson alone: its view.
		if lm, ok := Lesson(atoiOr(vs[0], -1)); ok {
			if l, err = ParseLink(lm.Query); err != nil {
				return l, fmt.Errorf("lesson %d: %w", lm.Lesson, err)
			}
		}
	}
	for key, vs := range vals {
		if !slices.Contains(linkKeys, key) {
			bad(key, "unknown; a link sets %s", strings.Join(linkKeys, ", "))
			continue
		}
		if len(vs) > 1 {
			bad(key, "given %d times; give it once", len(vs))
			continue
		}
		v := vs[0]
		switch key {
		case "scenario":
			if v == "" {
				bad(key, "expected a scenario's name, found nothing")
			}
			l.Scenario = v
		case "seed":
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				bad(key, "expected a whole number, found %q", v)
			}
			l.Seed, l.HasSeed = n, true
		case "at":
			t, err := ParseTime(v)
			if err != nil {
				bad(key, "%v", err)
			}
			l.AtS = t
		case "layers":
			ls, err := ParseLayers(v)
			if err != nil {
				bad(key, "%v", err)
			}
			l.Layers = ls
		case "layout":
			l.Layout = v
		case "confirm":
			m, n, err := ParseConfirm(v)
			if err != nil {
				bad(key, "%v", err)
			}
			l.ConfirmM, l.ConfirmN = m, n
		case "move":
			moves, err := parseMoves(v)
			if err != nil {
				bad(key, "%v", err)
			}
			l.Moves = moves
		case "zoom":
			z, err := strconv.ParseFloat(v, 64)
			if err != nil || !(z > 0) || math.IsInf(z, 0) {
				bad(key, "expected a factor > 0 (2 shows half the width), found %q", v)
			}
			l.Zoom = z
		case "center":
			e, n, err := ParseCenter(v)
			if err != nil {
				bad(key, "%v", err)
			}
			l.CenterE, l.CenterN, l.HasCenter = e, n, err == nil
		case "select":
			if _, _, err := parseSelect(v); err != nil {
				bad(key, "%v", err)
			}
			l.Select = v
		case "paused":
			b, err := strconv.ParseBool(v)
			if err != nil {
				bad(key, "expected 1 or 0, found %q", v)
			}
			l.Paused = b
		case "lesson":
			n := atoiOr(v, -1)
			if _, ok := Lesson(n); !ok {
				bad(key, "expected a lesson of the course, 1 to %d, found %q", len(lessonModes), v)
			}
			l.Lesson = n
		case "altitude":
			a, err := strconv.ParseFloat(v, 64)
			if err != nil || !(a > 0 && a <= 20000) {
				bad(key, "expected the pdmap layer's altitude, metres above ground, > 0 and at most 20000, found %q", v)
			}
			l.AltitudeM = a
		}
	}
	// Map order is random: report in the canonical order of the keys.
	sortErrs(errs)
	return l, errors.Join(errs...)
}

func sortErrs(errs []error) {
	rank := func(e error) int {
		for i, k := range linkKeys {
			if strings.HasPrefix(e.Error(), "link: "+k+":") {
				return i
			}
		}
		return len(linkKeys)
	}
	slices.SortStableFunc(errs, func(a, b error) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a.Error(), b.Error()))
	})
}

// Query returns the link's canonical query, without the "?": the keys
// in a fixed order, and only those that differ from opening the
// scenario (the seed and time are always given).
func (l Link) Query() string {
	var b strings.Builder
	add := func(k, v string) {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(k)
		b.WriteByte('=')
		// Keep the separators of lists and selections readable: a
		// query allows ',' and ':' unescaped.
		b.WriteString(strings.NewReplacer("%2C", ",", "%3A", ":").Replace(url.QueryEscape(v)))
	}
	add("scenario", l.Scenario)
	if l.HasSeed {
		add("seed", strconv.FormatUint(l.Seed, 10))
	}
	add("at", FormatTime(l.AtS))
	if l.Layers != AllLayers() {
		add("layers", l.Layers.String())
	}
	if l.Layout != "" && l.Layout != scenarios.BaseLayout {
		add("layout", l.Layout)
	}
	if l.ConfirmM > 0 {
		add("confirm", fmt.Sprintf("%dof%d", l.ConfirmM, l.ConfirmN))
	}
	if len(l.Moves) > 0 {
		add("move", formatMoves(l.Moves))
	}
	if l.Zoom > 0 {
		add("zoom", formatZoom(l.Zoom))
	}
	if l.HasCenter {
		add("center", formatMetres(l.CenterE)+","+formatMetres(l.CenterN))
	}
	if l.Select != "" {
		add("select", l.Select)
	}
	if l.Paused {
		add("paused", "1")
	}
	if l.Lesson > 0 {
		add("lesson", strconv.Itoa(l.Lesson))
	}
	if l.AltitudeM > 0 {
		add("altitude", formatMetres(l.AltitudeM))
	}
	return b.String()
}

// URL returns the link on base (such as http://host:8080/), replacing
// base's query and fragment.
func (l Link) URL(base string) string {
	if i := strings.IndexAny(base, "?#"); i >= 0 {
		base = base[:i]
	}
	return base + "?" + l.Query()
}

// ParseTime reads a simulated time: seconds ("600") or a duration
// ("10m", "5m30s").
func ParseTime(s string) (float64, error) {
	if x, err := strconv.ParseFloat(s, 64); err == nil && x >= 0 && !math.IsInf(x, 0) {
		return x, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("expected seconds or a duration such as 300s or 5m, found %q", s)
	}
	return d.Seconds(), nil
}

// FormatTime writes a simulated time as ParseTime reads it, to the
// millisecond: "10m", "5m30s", "1h0m2.5s", "0s".
func FormatTime(t float64) string {
	ms := int64(math.Round(t * 1000))
	if ms <= 0 {
		return "0s"
	}
	h, m, s := ms/3600000, ms/60000%60, ms%60000
	var b strings.Builder
	if h > 0 {
		fmt.Fprintf(&b, "%dh", h)
	}
	if m > 0 || h > 0 && s > 0 {
		fmt.Fprintf(&b, "%dm", m)
	}
	if s > 0 {
		b.WriteString(strconv.FormatFloat(float64(s)/1000, 'f', -1, 64) + "s")
	}
	return b.String()
}

// formatZoom writes a zoom factor to three significant figures.
func formatZoom(z float64) string {
	if z >= 100 {
		return strconv.FormatFloat(math.Round(z), 'f', -1, 64)
	}
	return strconv.FormatFloat(z, 'g', 3, 64)
}

// formatMetres writes a distance to the decimetre.
func formatMetres(x float64) string {
	x = math.Round(x*10) / 10
	if x == 0 {
		x = 0 // no "-0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// parseMoves reads sensor moves "ID:E:N,ID:E:N" (metres east and north;
// an id may hold a colon; one with a comma cannot be moved by a link).
func parseMoves(s string) ([]SensorMove, error) {
	var moves []SensorMove
	for _, item := range strings.Split(s, ",") {
		rest, ns, ok1 := cutLast(item, ":")
		id, es, ok2 := cutLast(rest, ":")
		e, err1 := strconv.ParseFloat(es, 64)
		n, err2 := strconv.ParseFloat(ns, 64)
		if !ok1 || !ok2 || id == "" || err1 != nil || err2 != nil || math.IsNaN(e+n) || math.IsInf(e+n, 0) {
			return nil, fmt.Errorf("expected sensor moves ID:EAST:NORTH in metres, comma-separated, such as rf-ne:1200:-340, found %q", item)
		}
		for _, m := range moves {
			if m.ID == id {
				return nil, fmt.Errorf("sensor %q moved twice", id)
			}
		}
		moves = append(moves, SensorMove{ID: id, EastM: e, NorthM: n})
	}
	return moves, nil
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// formatMoves writes sensor moves as parseMoves reads them, to 0.1 m.
func formatMoves(moves []SensorMove) string {
	items := make([]string, len(moves))
	for i, m := range moves {
		items[i] = m.ID + ":" + formatMetres(m.EastM) + ":" + formatMetres(m.NorthM)
	}
	return strings.Join(items, ",")
}

// ParseCenter reads a point "E,N" in metres.
func ParseCenter(s string) (e, n float64, err error) {
	a, b, ok := strings.Cut(s, ",")
	if ok {
		e, err = strconv.ParseFloat(strings.TrimSpace(a), 64)
		if err == nil {
			n, err = strconv.ParseFloat(strings.TrimSpace(b), 64)
		}
	}
	if !ok || err != nil || math.IsNaN(e+n) || math.IsInf(e+n, 0) {
		return 0, 0, fmt.Errorf("expected east,north in metres such as 120,-340, found %q", s)
	}
	return e, n, nil
}

// ParseConfirm reads an M-of-N rule written "3of5".
func ParseConfirm(s string) (m, n int, err error) {
	a, b, ok := strings.Cut(s, "of")
	if ok {
		m, err = strconv.Atoi(a)
		if err == nil {
			n, err = strconv.Atoi(b)
		}
	}
	if !ok || err != nil || m < 1 || n < m || n > 50 {
		return 0, 0, fmt.Errorf("expected M of N written as 3of5, with 1 <= M <= N <= 50, found %q", s)
	}
	return m, n, nil
}

// layerNames are the layers in the order they are written.
var layerNames = []string{"coverage", "truth", "detections", "tracks", "labels", "legend", "pdmap"}

func (l *Layers) field(i int) *bool {
	return [...]*bool{&l.Coverage, &l.Truth, &l.Detections, &l.Tracks, &l.Labels, &l.Legend, &l.PdMap}[i]
}

// String writes the layers shown as ParseLayers reads them: "all",
// "none", or the names of those shown, comma-separated.
func (l Layers) String() string {
	switch l {
	case AllLayers():
		return "all"
	case Layers{}:
		return "none"
	}
	var on []string
	for i, name := range layerNames {
		if *l.field(i) {
			on = append(on, name)
		}
	}
	return strings.Join(on, ",")
}

// ParseLayers reads a comma-separated list of layers (coverage, truth,
// detections, tracks, labels, legend, pdmap), or "all" or "none".
func ParseLayers(list string) (Layers, error) {
	var l Layers
	switch list {
	case "all":
		return AllLayers(), nil
	case "", "none":
		return l, nil
	}
	for _, name := range strings.Split(list, ",") {
		i := -1
		for k, n := range layerNames {
			if strings.TrimSpace(name) == n {
				i = k
			}
		}
		if i < 0 {
			return l, fmt.Errorf("unknown layer %q; expected %s, all or none", name, strings.Join(layerNames, ", "))
		}
		*l.field(i) = true
	}
	return l, nil
}

// parseSelect splits a selection "kind:name" and checks its kind.
func parseSelect(s string) (kind, name string, err error) {
	kind, name, ok := strings.Cut(s, ":")
	switch {
	case !ok || name == "":
	case kind == "track":
		if _, err := strconv.Atoi(name); err != nil {
			return "", "", fmt.Errorf("expected a track's number after track:, found %q", name)
		}
		return kind, name, nil
	case kind == "sensor", kind == "object":
		return kind, name, nil
	}
	return "", "", fmt.Errorf("expected track:N, sensor:ID or object:NAME, found %q", s)
}

// Open starts the run a link describes and returns it with its view, w
// × h pixels, playing at speedX: the scenario (from open, which takes a
// built-in name or a file), its seed, layout and M-of-N rule, advanced
// to the link's time, seen with its layers, zoom, centre and selection.
func (l Link) Open(open func(string) (*scenarios.Scenario, error), w, h int, speedX float64) (*Session, View, error) {
	sc, err := open(l.Scenario)
	if err != nil {
		return nil, View{}, err
	}
	seed := sc.Run.Seed
	if l.HasSeed {
		seed = l.Seed
	}
	s, err := NewSession(sc, seed)
	if err != nil {
		return nil, View{}, fmt.Errorf("%s: %w", sc.File(), err)
	}
	if l.Layout != "" && l.Layout != s.Frame().Layout {
		if err := s.SetLayout(l.Layout); err != nil {
			return nil, View{}, fmt.Errorf("layout: %w", err)
		}
	}
	if l.ConfirmM > 0 {
		if err := s.SetConfirmation(l.ConfirmM, l.ConfirmN); err != nil {
			return nil, View{}, fmt.Errorf("confirm: %w", err)
		}
	}
	if len(l.Moves) > 0 {
		if err := s.MoveSensors(l.Moves); err != nil {
			return nil, View{}, fmt.Errorf("move: %w", err)
		}
	}
	s.AdvanceTo(l.AtS)
	v := NewView(s.Frame(), w, h, speedX)
	if err := l.Apply(s.Frame(), &v); err != nil {
		return nil, View{}, err
	}
	return s, v, nil
}

// Apply sets the parts of view v that the link holds — layers, zoom,
// centre, selection, pause — for frame f, from the view framed on f's
// site at v's size.
func (l Link) Apply(f *Frame, v *View) error {
	v.Layers, v.Paused, v.Lesson, v.PdMapAltM = l.Layers, l.Paused, l.Lesson, l.AltitudeM
	fit := NewView(f, v.Cam.W, v.Cam.H, 0).Cam
	v.Cam = fit
	if l.Zoom > 0 {
		v.Cam.Zoom(l.Zoom, float64(fit.W)/2, float64(fit.H)/2)
	}
	if l.HasCenter {
		v.Cam.CenterE, v.Cam.CenterN = l.CenterE, l.CenterN
	}
	v.Selected = Selection{}
	if l.Select == "" {
		return nil
	}
	kind, name, err := parseSelect(l.Select)
	if err != nil {
		return fmt.Errorf("select: %w", err)
	}
	switch kind {
	case "track":
		id, _ := strconv.Atoi(name)
		v.Selected = Selection{SelTrack, id}
		return nil
	case "sensor":
		for i, s := range f.Sensors {
			if s.ID == name {
				v.Selected = Selection{SelSensor, i}
				return nil
			}
		}
		return fmt.Errorf("select: no sensor %q in layout %s", name, f.Layout)
	default:
		for _, e := range f.Entities {
			if e.Name == name {
				v.Selected = Selection{SelEntity, e.ID}
				return nil
			}
		}
		return fmt.Errorf("select: no drone or bird %q at %s", name, FormatTime(f.TimeS))
	}
}

// LinkOf returns the link of what view v shows of session s: scenario
// names how it was opened (a built-in name or a file). Only what differs
// from opening the scenario is set, besides the seed and the time; zoom
// and centre are set when the view is not the one framed on the site.
func LinkOf(s *Session, scenario string, v *View) Link {
	f := s.Frame()
	l := Link{Scenario: scenario, Seed: f.Seed, HasSeed: true, AtS: f.TimeS, Layers: v.Layers, Paused: v.Paused, Lesson: v.Lesson}
	if f.Layout != scenarios.BaseLayout {
		l.Layout = f.Layout
	}
	if t := s.base.Tracker; f.ConfirmM != t.ConfirmM || f.ConfirmN != t.ConfirmN {
		l.ConfirmM, l.ConfirmN = f.ConfirmM, f.ConfirmN
	}
	l.Moves = s.Moved()
	if a := v.PdMapAltitudeM(); a != coverage.PlanAltitudeM {
		l.AltitudeM = a
	}
	fit := NewView(f, v.Cam.W, v.Cam.H, 0).Cam
	zoom, _ := strconv.ParseFloat(formatZoom(fit.MPerPx/v.Cam.MPerPx), 64)
	if zoom != 1 || formatMetres(v.Cam.CenterE) != formatMetres(fit.CenterE) || formatMetres(v.Cam.CenterN) != formatMetres(fit.CenterN) {
		l.Zoom, l.CenterE, l.CenterN, l.HasCenter = zoom, v.Cam.CenterE, v.Cam.CenterN, true
	}
	switch sel := v.Selected; sel.Kind {
	case SelTrack:
		l.Select = "track:" + strconv.Itoa(sel.Index)
	case SelSensor:
		if sel.Index >= 0 && sel.Index < len(f.Sensors) {
			l.Select = "sensor:" + f.Sensors[sel.Index].ID
		}
	case SelEntity:
		for _, e := range f.Entities {
			if e.ID == sel.Index {
				l.Select = "object:" + e.Name
			}
		}
	}
	return l
}
