package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// browser is headless Chromium driven through the DevTools protocol over
// a pipe (--remote-debugging-pipe: commands on its fd 3, answers on its
// fd 4, JSON messages ended by a NUL byte), enough to open a page, run
// JavaScript in it, press keys and drop files on it as a user would.
type browser struct {
	cmd     *exec.Cmd
	in      *os.File // our end of its fd 3
	mu      sync.Mutex
	nextID  int
	waiting map[int]chan cdpReply
	session string // the page's, once attached
	stderr  *lockedBuffer
}

type cdpReply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
}

type lockedBuffer struct {
	mu sync.Mutex
	b  []byte
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b = append(l.b, p...)
	return len(p), nil
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return string(l.b)
}

// chromiumPath returns Chromium, or skips the test (fails it when
// CUASIM_REQUIRE_BROWSER is set, as scripts/test.sh does).
func chromiumPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CUASIM_REQUIRE_BROWSER") != "" {
			t.Fatal("chromium not found; install Debian's chromium (scripts/test.sh does)")
		}
		t.Skip("chromium not found")
	}
	return p
}

// chromiumFlags are those of every headless run here: software WebGL, no
// network beyond the test's server, a private profile. The classroom
// host name maps to the loopback, so pages load from
// http://classroom.test:PORT/ as from a teacher's machine on the LAN
// (browsers treat localhost differently: they ask it for brotli, for
// one) while every byte stays on this machine.
func chromiumFlags(profile string) []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu",
		"--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--host-resolver-rules=MAP classroom.test 127.0.0.1",
		"--user-data-dir=" + profile}
}

// startBrowser starts headless Chromium with a w × h window and opens url
// in a page it attaches to.
func startBrowser(t *testing.T, ctx context.Context, url string, w, h int) *browser {
	t.Helper()
	chromium := chromiumPath(t)
	toChrome, ourIn, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	ourOut, fromChrome, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	args := append(chromiumFlags(filepath.Join(t.TempDir(), "profile")),
		"--remote-debugging-pipe", fmt.Sprintf("--window-size=%d,%d", w, h), "about:blank")
	b := &browser{cmd: exec.CommandContext(ctx, chromium, args...), in: ourIn, waiting: map[int]chan cdpReply{}, stderr: &lockedBuffer{}}
	b.cmd.ExtraFiles = []*os.File{toChrome, fromChrome} // its fds 3 and 4
	b.cmd.Stderr = b.stderr
	if err := b.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	toChrome.Close()
	fromChrome.Close()
	t.Cleanup(func() {
		ourIn.Close() // Chromium exits when its pipe closes
		done := make(chan struct{})
		go func() { b.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			b.cmd.Process.Kill()
			<-done
		}
		ourOut.Close()
	})
	go b.read(ourOut)

	var target struct{ TargetID string }
	b.call(t, "", "Target.createTarget", map[string]any{"url": url}, &target)
	var att struct{ SessionID string }
	b.call(t, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att)
	b.session = att.SessionID
	return b
}

// read hands each answer to the call waiting for it; events are dropped.
func (b *browser) read(f *os.File) {
	r := bufio.NewReaderSize(f, 1<<20)
	for {
		msg, err := r.ReadBytes(0)
		if err != nil {
			b.mu.Lock()
			for id, ch := range b.waiting {
				close(ch)
				delete(b.waiting, id)
			}
			b.mu.Unlock()
			return
		}
		var m struct {
			ID int `json:"id"`
			cdpReply
		}
		if json.Unmarshal(msg[:len(msg)-1], &m) != nil || m.ID == 0 {
			continue
		}
		b.mu.Lock()
		ch := b.waiting[m.ID]
		delete(b.waiting, m.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- m.cdpReply
		}
	}
}

// call sends a command (to the page's session unless session is "" for
// the browser's) and decodes its result into out, if not nil.
func (b *browser) call(t *testing.T, session, method string, params any, out any) {
	t.Helper()
	if err := b.try(session, method, params, out); err != nil {
		t.Fatalf("%s: %v\nchromium's stderr:\n%s", method, err, b.stderr.String())
	}
}

func (b *browser) try(session, method string, params any, out any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan cdpReply, 1)
	b.waiting[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method, "params": params}
	if session != "" {
		msg["sessionId"] = session
	}
	data, _ := json.Marshal(msg)
	if _, err := b.in.Write(append(data, 0)); err != nil {
		return err
	}
	select {
	case r, ok := <-ch:
		if !ok {
			return fmt.Errorf("chromium closed its pipe")
		}
		if r.Error != nil {
			return fmt.Errorf("%s", r.Error.Message)
		}
		if out != nil {
			return json.Unmarshal(r.Result, out)
		}
		return nil
	case <-time.After(2 * time.Minute):
		return fmt.Errorf("no answer in 2 minutes")
	}
}

// eval runs a JavaScript expression in the page and decodes its value
// into out.
func (b *browser) eval(t *testing.T, expr string, out any) {
	t.Helper()
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	b.call(t, b.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &r)
	if r.ExceptionDetails != nil {
		t.Fatalf("%s: %s", expr, r.ExceptionDetails.Text)
	}
	if out != nil {
		if err := json.Unmarshal(r.Result.Value, out); err != nil {
			t.Fatalf("%s: %v (%s)", expr, err, r.Result.Value)
		}
	}
}

// waitFor evaluates a JavaScript condition every half second until it
// is true, for at most d.
func (b *browser) waitFor(t *testing.T, what, cond string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		var ok bool
		b.eval(t, "!!("+cond+")", &ok)
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v, still not %s (%s)\nchromium's stderr:\n%s", d, what, cond, b.stderr.String())
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// press types a key as a keyboard does: down, up.
func (b *browser) press(t *testing.T, key, code string, vk int) {
	t.Helper()
	for _, typ := range []string{"keyDown", "keyUp"} {
		b.call(t, b.session, "Input.dispatchKeyEvent", map[string]any{"type": typ, "key": key, "code": code, "windowsVirtualKeyCode": vk}, nil)
		time.Sleep(100 * time.Millisecond) // a frame or more: ebiten reads keys once an update
	}
}

// dropFile drags the file at path from outside and drops it at (x, y),
// as a user dragging it from the file manager does.
func (b *browser) dropFile(t *testing.T, path string, x, y float64) {
	t.Helper()
	data := map[string]any{"items": []any{}, "files": []string{path}, "dragOperationsMask": 1}
	for _, typ := range []string{"dragEnter", "dragOver", "drop"} {
		b.call(t, b.session, "Input.dispatchDragEvent", map[string]any{"type": typ, "x": x, "y": y, "data": data}, nil)
	}
}

// screenshot saves the page as a PNG.
func (b *browser) screenshot(t *testing.T, path string) {
	t.Helper()
	var r struct{ Data []byte }
	b.call(t, b.session, "Page.captureScreenshot", map[string]any{"format": "png"}, &r)
	if err := os.WriteFile(path, r.Data, 0o644); err != nil {
		t.Fatal(err)
	}
}
