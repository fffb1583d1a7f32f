// Package docblock keeps generated blocks of the Markdown documentation in
// step with the tests that compute them: a block sits between the lines
//
//	<!-- begin NAME -->
//	<!-- end NAME -->
//
// and a test either checks that the file holds what it computed or, run
// with its -update flag, writes it there.
package docblock

import (
	"fmt"
	"os"
	"strings"
)

// Sync checks that the block called name in the file at path holds
// content, or, with update, replaces the block's content with it. It
// returns an error saying how to regenerate a block that differs.
func Sync(path, name, content string, update bool, regenerate string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(b)
	begin, end := "<!-- begin "+name+" -->\n", "<!-- end "+name+" -->"
	i := strings.Index(s, begin)
	j := strings.Index(s, end)
	if i < 0 || j < i {
		return fmt.Errorf("%s: no block %q (lines %q and %q)", path, name, strings.TrimSpace(begin), end)
	}
	i += len(begin)
	if !strings.HasSuffix(content, "\n") {
		content += "\n"
	}
	if s[i:j] == content {
		return nil
	}
	if !update {
		return fmt.Errorf("%s: block %q is out of date; regenerate it with %s", path, name, regenerate)
	}
	return os.WriteFile(path, []byte(s[:i]+content+s[j:]), 0o644)
}
