package e2e

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestBrowserCourse: the browser viewer's page links to the course, and
// the course is served with it by cuasim serve, offline: headless
// Chromium, with no network beyond the test's server, renders the
// course's contents page (docs/course/README.md) with a link to every
// lesson of docs/course, and a lesson with its figure; each lesson and
// figure linked is served.
func TestBrowserCourse(t *testing.T) {
	chromium := chromiumPath(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base := serveWeb(t, ctx)
	direct := strings.Replace(base, "classroom.test", "127.0.0.1", 1) // for Go's client
	get := func(path string) (string, string) {
		t.Helper()
		resp, err := http.Get(direct + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", path, resp.Status)
		}
		return string(b), resp.Header.Get("Content-Type")
	}
	if page, _ := get(""); !strings.Contains(page, `href="course.html"`) {
		t.Error("the viewer's page has no link to course.html")
	}
	dump := func(query string) string {
		t.Helper()
		run, stop := context.WithTimeout(ctx, 2*time.Minute)
		defer stop()
		args := append(chromiumFlags(filepath.Join(t.TempDir(), "profile")), "--virtual-time-budget=5000", "--dump-dom", base+"course.html"+query)
		out, err := exec.CommandContext(run, chromium, args...).Output()
		if err != nil {
			t.Fatalf("chromium --dump-dom: %v", err)
		}
		// The rendered page, without the script that renders it.
		dom := string(out)
		i, j := strings.Index(dom, `<div id="page">`), strings.Index(dom, "</main>")
		if i < 0 || j < i {
			t.Fatalf("no rendered page in course.html%s:\n%.2000s", query, dom)
		}
		return dom[i:j]
	}

	contents := dump("")
	lessons, err := filepath.Glob("../docs/course/0*.md")
	if err != nil || len(lessons) == 0 {
		t.Fatalf("no lessons in docs/course: %v", err)
	}
	for _, l := range lessons {
		p := "docs/course/" + filepath.Base(l)
		if !strings.Contains(contents, `href="course.html?p=`+url.QueryEscape(p)+`"`) {
			t.Errorf("the course's contents page links to no %s", p)
		}
		md, _ := get(p)
		want, err := os.ReadFile(l)
		if err != nil {
			t.Fatal(err)
		}
		if md != string(want) {
			t.Errorf("%s served is not docs/course's", p)
		}
	}

	lesson := dump("?p=docs/course/04-tracking.md")
	if !strings.Contains(lesson, "<h1") || !strings.Contains(lesson, "Lesson 4") {
		t.Errorf("lesson 4 not rendered:\n%.2000s", lesson)
	}
	imgs := regexp.MustCompile(`<img[^>]* src="([^"]+)"`).FindAllStringSubmatch(lesson, -1)
	if len(imgs) == 0 {
		t.Errorf("lesson 4 shows no figure")
	}
	for _, m := range imgs {
		if _, ct := get(m[1]); ct != "image/png" {
			t.Errorf("figure %s served as %q", m[1], ct)
		}
	}
}
