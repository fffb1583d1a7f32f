package scene

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
)

// TestLessonModes: every lesson of the course (docs/course/0N-*.md) has
// its lesson mode and no mode names a lesson the course lacks; each mode's
// title is the one the course's contents page gives its file, and its
// view opens (the scenario, layout, M-of-N rule and time of its link).
// A link of lesson=N alone opens that view with the lesson's panel, and
// the link of the view it opens reads back the same.
func TestLessonModes(t *testing.T) {
	files, err := filepath.Glob("../docs/course/0*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no lessons in docs/course: %v", err)
	}
	contents, err := os.ReadFile("../docs/course/README.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(LessonModes()) != len(files) {
		t.Errorf("%d lesson modes for the course's %d lessons", len(LessonModes()), len(files))
	}
	for i, f := range files {
		lm, ok := Lesson(i + 1)
		if !ok {
			t.Errorf("no lesson mode for %s", f)
			continue
		}
		if lm.File != filepath.Base(f) {
			t.Errorf("lesson %d's mode names %s, the course's file is %s", lm.Lesson, lm.File, filepath.Base(f))
		}
		if !strings.Contains(string(contents), "["+lm.Title+"]("+lm.File+")") {
			t.Errorf("lesson %d's title %q is not the contents page's for %s", lm.Lesson, lm.Title, lm.File)
		}
		if lm.Question == "" || len(lm.Try) == 0 {
			t.Errorf("lesson %d has no question or nothing to try", lm.Lesson)
		}
		l, err := ParseLink("lesson=" + string(rune('0'+lm.Lesson)))
		if err != nil {
			t.Errorf("lesson %d: %v", lm.Lesson, err)
			continue
		}
		want, err := ParseLink(lm.Query)
		if err != nil {
			t.Errorf("lesson %d's view %q: %v", lm.Lesson, lm.Query, err)
			continue
		}
		want.Lesson = lm.Lesson
		if l.Query() != want.Query() {
			t.Errorf("lesson=%d opens %q, want its view %q", lm.Lesson, l.Query(), want.Query())
		}
		s, v, err := l.Open(scenarios.Open, 1280, 800, 4)
		if err != nil {
			t.Errorf("lesson %d's view does not open: %v", lm.Lesson, err)
			continue
		}
		if v.Lesson != lm.Lesson {
			t.Errorf("lesson %d opens a view of lesson %d", lm.Lesson, v.Lesson)
		}
		if s.TimeS() != want.AtS {
			t.Errorf("lesson %d opens at %g s, want %g s", lm.Lesson, s.TimeS(), want.AtS)
		}
		back := LinkOf(s, l.Scenario, &v).Query()
		again, err := ParseLink(back)
		if err != nil || again.Query() != back || again.Lesson != lm.Lesson {
			t.Errorf("lesson %d: the view's link %q reads back as %q (%v)", lm.Lesson, back, again.Query(), err)
		}
	}
	if _, err := ParseLink("lesson=9"); err == nil || !strings.Contains(err.Error(), "expected a lesson of the course, 1 to 8") {
		t.Errorf("lesson=9: %v", err)
	}
}
