package report

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/record"
	"github.com/cuasim/cuasim/scenarios"
)

// TestMain draws the PNGs of the tests at a third of the files'
// resolution: the rasteriser is the same, at a ninth of the cost.
// TestFullResolution draws one figure as the files have it.
func TestMain(m *testing.M) {
	pngDPI = PNGDPI / 3
	os.Exit(m.Run())
}

func TestFullResolution(t *testing.T) {
	res := fixture([]string{"base", "rf-ring"}, 1, 4)
	f := FalseAlerts(compare.Summarise(res))
	defer func(dpi int) { pngDPI = dpi }(pngDPI)
	pngDPI = PNGDPI
	var b bytes.Buffer
	if err := f.WritePNG(&b); err != nil {
		t.Fatal(err)
	}
	checkPNG(t, "false-alerts.png", b.Bytes(), f)
	if w := int(math.Round(float64(f.Width.Dots(PNGDPI)))); w != 1920 {
		t.Errorf("a figure is %d pixels wide, want 1920 (10 inches at %d dpi)", w, PNGDPI)
	}
}

func airport(t *testing.T) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Open("airport")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// writeDir writes a comparison's report into a new directory and returns
// the files by name.
func writeDir(t *testing.T, sc *scenarios.Scenario, res *compare.Results, s *compare.Summary) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	d, err := record.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(d, sc, res, s); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func names(files map[string][]byte) []string {
	var n []string
	for k := range files {
		n = append(n, k)
	}
	slices.Sort(n)
	return n
}

// checkPNG decodes a PNG and checks its size against the figure's, at
// the resolution drawn, and that it is not blank.
func checkPNG(t *testing.T, name string, b []byte, f *Figure) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: not a PNG: %v", name, err)
	}
	dpi := float64(pngDPI)
	wantW, wantH := int(math.Round(float64(f.Width.Dots(dpi)))), int(math.Round(float64(f.Height.Dots(dpi))))
	if bd := img.Bounds(); bd.Dx() != wantW || bd.Dy() != wantH {
		t.Errorf("%s is %dx%d, want %dx%d", name, bd.Dx(), bd.Dy(), wantW, wantH)
	}
	// Something drawn in most bands of rows.
	bd := img.Bounds()
	inked := 0
	for band := range 10 {
		found := false
		for y := bd.Min.Y + band*bd.Dy()/10; y < bd.Min.Y+(band+1)*bd.Dy()/10 && !found; y++ {
			for x := bd.Min.X; x < bd.Max.X; x += 2 {
				if r, g, b, _ := img.At(x, y).RGBA(); r < 0xc000 || g < 0xc000 || b < 0xc000 {
					found = true
					break
				}
			}
		}
		if found {
			inked++
		}
	}
	if inked < 8 {
		t.Errorf("%s: ink in %d of 10 bands of rows: blank?", name, inked)
	}
}

// checkSVG parses an SVG document as XML and checks its root and fonts.
func checkSVG(t *testing.T, name string, b []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	root := ""
	texts := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if root == "" {
				root = se.Name.Local
			}
			if se.Name.Local == "text" {
				texts++
			}
		}
	}
	if root != "svg" {
		t.Errorf("%s: root element %q, want svg", name, root)
	}
	if texts < 10 {
		t.Errorf("%s: %d text elements; the labels are missing?", name, texts)
	}
	if bytes.Contains(b, []byte("font-family:Liberation Sans;")) {
		t.Errorf("%s: the font has no fallback", name)
	}
}

// TestFigures draws every figure of made-up comparisons, with one and with
// several simulation variants, and checks the PNG and SVG files.
func TestFigures(t *testing.T) {
	sc := airport(t)
	for _, variants := range []int{1, 3} {
		res := fixture([]string{"base", "no-k-band", "rf-ring"}, variants, 12)
		s := compare.Summarise(res)
		figs, err := Figures(sc, res, s)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range figs {
			got = append(got, f.Name)
			var p, v bytes.Buffer
			if err := f.WritePNG(&p); err != nil {
				t.Fatal(err)
			}
			if err := f.WriteSVG(&v); err != nil {
				t.Fatal(err)
			}
			checkPNG(t, f.Name+".png", p.Bytes(), f)
			checkSVG(t, f.Name+".svg", v.Bytes())
			if f.Title == "" {
				t.Errorf("%s has no title", f.Name)
			}
		}
		if want := []string{"tradeoff", "warning", "false-alerts", "layouts"}; !slices.Equal(got, want) {
			t.Errorf("figures %q, want %q", got, want)
		}
	}
}

// TestDeterministic writes the same results twice, and draws each figure
// twice: every file is the same, byte for byte. The page embeds the PNGs,
// so this also covers gonum/plot's rasteriser and PNG encoder.
func TestDeterministic(t *testing.T) {
	sc := airport(t)
	res := fixture([]string{"base", "no-k-band", "rf-ring"}, 2, 8)
	a := writeDir(t, sc, res, compare.Summarise(res))
	b := writeDir(t, sc, res, compare.Summarise(res))
	want := []string{"false-alerts.png", "false-alerts.svg", "layouts.png", "layouts.svg", "report.html",
		"tradeoff.png", "tradeoff.svg", "warning.png", "warning.svg"}
	if got := names(a); !slices.Equal(got, want) {
		t.Fatalf("files %q, want %q", got, want)
	}
	for name, content := range a {
		if !bytes.Equal(content, b[name]) {
			t.Errorf("%s differs between two writes of the same results", name)
		}
	}
	// A figure drawn twice (the layout map fits its axes as it draws).
	figs, err := Figures(sc, res, compare.Summarise(res))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		var p1, p2, s1, s2 bytes.Buffer
		f.WritePNG(&p1)
		f.WriteSVG(&s1)
		f.WritePNG(&p2)
		f.WriteSVG(&s2)
		if !bytes.Equal(p1.Bytes(), p2.Bytes()) || !bytes.Equal(s1.Bytes(), s2.Bytes()) {
			t.Errorf("%s drawn twice differs", f.Name)
		}
		if !bytes.Equal(p1.Bytes(), a[f.Name+".png"]) {
			t.Errorf("%s.png differs from the file Write wrote", f.Name)
		}
	}
}

// TestPage checks report.html: self-contained, with the tables, the
// inlined figures, the command and the explanations.
func TestPage(t *testing.T) {
	sc := airport(t)
	res := fixture([]string{"base", "no-k-band", "rf-ring"}, 1, 12)
	s := compare.Summarise(res)
	files := writeDir(t, sc, res, s)
	page := string(files[PageFile])
	for _, want := range []string{
		"<!DOCTYPE html>", "Sensor layouts compared: airport", "Regional airport (generic)",
		// The tables, as on the terminal.
		"RANK", "MEDIAN WARNING", "FALSE ALERTS/DAY", "A − B", "base − no-k-band", "RF GHOST", "DUPLICATE",
		FormatProbability(s.Cell("base", "", "p_drone=0.5").PTimely),
		// The findings, the layouts and their descriptions.
		"Ranked first: base", "no-k-band</strong>: Without the K-band staring radar",
		// The design.
		html(Command(s.Design, "")), "sha256 <code>0123</code>", "p_drone=0.5, p_drone=0.7",
		// How to read it.
		"Korn–Graubard interval", "order statistics", "ratio estimator", "Garwood", "paired bootstrap", "An incident",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	// Every figure inlined, and the very PNG written beside it.
	imgs := regexp.MustCompile(`<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"`).FindAllStringSubmatch(page, -1)
	if len(imgs) != 4 {
		t.Fatalf("%d inlined images, want 4", len(imgs))
	}
	for i, name := range []string{"tradeoff", "warning", "false-alerts", "layouts"} {
		b, err := base64.StdEncoding.DecodeString(imgs[i][1])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, files[name+".png"]) {
			t.Errorf("inlined image %d is not %s.png", i, name)
		}
	}
	// Nothing fetched from elsewhere, nothing run.
	for _, bad := range []string{"<script", "<link", `src="http`, "url(", "@import"} {
		if strings.Contains(page, bad) {
			t.Errorf("report.html holds %q: not self-contained", bad)
		}
	}
	if strings.Contains(page, `<div class="notice">`) {
		t.Error("a complete comparison's page carries a notice")
	}
}

func html(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

// TestPageNotices: partial results, a shard and a missing scenario are
// said on the page; without the scenario there is no map.
func TestPageNotices(t *testing.T) {
	res := fixture([]string{"base", "rf-ring"}, 1, 4)
	res.Partial, res.Shard = true, "1/3"
	s := compare.Summarise(res)
	files := writeDir(t, nil, res, s)
	if _, ok := files["layouts.png"]; ok {
		t.Error("layouts.png drawn without the scenario")
	}
	page := string(files[PageFile])
	for _, want := range []string{"Partial results", "One shard (1/3)", "--shard 1/3", "was not at hand", "Sensor layouts compared: airport"} {
		if !strings.Contains(page, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	if n := strings.Count(page, "<img "); n != 3 {
		t.Errorf("%d images without the scenario, want 3", n)
	}
}

func TestCommand(t *testing.T) {
	d := &compare.Design{Scenario: "sites/my site.yaml", Layouts: []string{"base", "east"}, Replications: 50, FirstSeed: 7,
		DurationS: 1800, RequiredWarningS: 90, BudgetPerDay: 0.5, Confidence: 0.9, Precision: 0.03, MaxReplications: 400}
	d.Variants = []compare.Variant{
		{Label: "sensors[radar-main].pfa=1e-7", Overrides: []scenarios.Override{{Path: "sensors[radar-main].pfa", Value: "1e-7"}}},
		{Label: "sensors[radar-main].pfa=1e-6", Overrides: []scenarios.Override{{Path: "sensors[radar-main].pfa", Value: "1e-6"}}},
	}
	for _, p := range []string{"0.6", "0.9"} {
		for _, h := range []string{"30", "60"} {
			d.Thresholds = append(d.Thresholds, compare.Variant{Overrides: []scenarios.Override{
				{Path: "alerting.p_drone", Value: p}, {Path: "alerting.horizon_s", Value: h}}})
		}
	}
	want := "cuasim compare 'sites/my site.yaml' --layouts base,east --replications 50 --duration 30m --seed 7" +
		" --sweep 'sensors[radar-main].pfa=1e-7,1e-6' --sweep alerting.p_drone=0.6,0.9 --sweep alerting.horizon_s=30,60" +
		" --required-warning 90s --false-alert-budget 0.5/day --confidence 0.9 --precision 0.03 --max-replications 400 --shard 2/4"
	if got := Command(d, "2/4"); got != want {
		t.Errorf("Command =\n%s\nwant\n%s", got, want)
	}
}

func TestFormat(t *testing.T) {
	inf := compare.Num(math.Inf(1))
	for _, c := range []struct{ got, want string }{
		{FormatDifference(compare.Interval{Estimate: -0.2, Lo: -0.4, Hi: 0.3}, 0, " s"), "0 s [-1, +1]"},
		// A starred interval never prints a zero end (issue 16's cases).
		{FormatPoints(compare.Interval{Estimate: 0.011, Lo: 0.0004, Hi: 0.021}), "+1.1 pp [+0.04, +2.1] *"},
		{FormatDifference(compare.Interval{Estimate: 0.5, Lo: 0.1, Hi: 1.2}, 0, " s"), "+0.5 s [+0.1, +2] *"},
		// Outward: the printed interval holds the computed one.
		{FormatProbability(compare.Interval{Estimate: 0.63, Lo: 0.6049, Hi: 0.6501}), "0.63 [0.60, 0.66]"},
		{FormatProbability(compare.Interval{Estimate: 0.63, Lo: 0.61, Hi: 0.65}), "0.63 [0.61, 0.65]"},
		{FormatDifference(compare.Interval{Estimate: 0.12, Lo: 0.04, Hi: 0.2}, 2, ""), "+0.12 [+0.04, +0.20] *"},
		{FormatPoints(compare.Interval{Estimate: -0.004, Lo: -0.008, Hi: -0.001}), "-0.4 pp [-0.8, -0.1] *"},
		{FormatDifference(compare.Interval{Estimate: -inf, Lo: -inf, Hi: -3}, 0, " s"), "−∞ s [−∞, -3] *"},
		{FormatDifference(compare.Interval{Estimate: inf, Lo: 5, Hi: inf}, 0, " s"), "+∞ s [+5, +∞] *"},
		{FormatSeconds(compare.Interval{Estimate: -inf, Lo: -inf, Hi: 12}), "missed [−∞, 12]"},
		{FormatSeconds(compare.Interval{Estimate: 84, Lo: 80, Hi: 86}), "84 s [80, 86]"},
		{FormatProbability(compare.Interval{Estimate: compare.Num(math.NaN()), Lo: 0, Hi: 1}), "no entries"},
		{FormatRate(compare.Interval{Estimate: 1.25, Lo: 0, Hi: 3.04}), "1.2 [0.0, 3.1]"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestSeedRanges(t *testing.T) {
	for _, c := range []struct {
		reps []int
		want string
	}{
		{nil, "none complete"},
		{[]int{0, 1, 2, 3}, "1 to 4"},
		{[]int{1, 4, 7}, "2, 5, 8"},
		{[]int{0, 1, 3, 4, 5, 9}, "1, 2, 4 to 6, 10"},
	} {
		if got := seedRanges(1, c.reps); got != c.want {
			t.Errorf("seedRanges(1, %v) = %q, want %q", c.reps, got, c.want)
		}
	}
}

// TestNoReplications: a run interrupted before any replication completed
// still gets its figures and page, which say there is nothing yet.
func TestNoReplications(t *testing.T) {
	res := fixture([]string{"base", "rf-ring"}, 1, 0)
	res.Partial = true
	files := writeDir(t, nil, res, compare.Summarise(res))
	if !strings.Contains(string(files[PageFile]), "No replication is complete") {
		t.Error("the page of an empty comparison does not say so")
	}
	if len(files) != 7 {
		t.Errorf("files %q", names(files))
	}
}
