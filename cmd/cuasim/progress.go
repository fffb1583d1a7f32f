package main

import (
	"cmp"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how much simulated time has run, on a terminal only: piped
// or redirected output stays clean.
type progress struct {
	bar *progressbar.ProgressBar
}

// newProgress returns a progress bar over totalS simulated seconds, or a
// silent one when quiet or when w is not a terminal.
func newProgress(w io.Writer, totalS float64, quiet bool) *progress {
	f, ok := w.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions64(int64(totalS),
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("simulating"),
		progressbar.OptionSetItsString("sim s"),
		progressbar.OptionShowIts(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100e6),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p *progress) set(s float64) {
	if p.bar != nil {
		p.bar.Set64(int64(s))
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// abandon clears the bar after an interruption.
func (p *progress) abandon() {
	if p.bar != nil {
		p.bar.Clear()
	}
}

// countProgress counts completed work units on a terminal only.
type countProgress struct {
	w    io.Writer
	bar  *progressbar.ProgressBar
	what string // what is counted; "replications" when empty
}

// newCountProgress returns a progress bar over work units whose total is
// learnt from the first count, or a silent one when quiet or when w is not
// a terminal.
func newCountProgress(w io.Writer, quiet bool) *countProgress {
	f, ok := w.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return &countProgress{}
	}
	return &countProgress{w: w}
}

func (p *countProgress) count(done, total int) {
	if p.w == nil {
		return
	}
	if p.bar == nil || p.bar.GetMax() != total {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(cmp.Or(p.what, "replications")),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100e6),
			progressbar.OptionClearOnFinish(),
		)
	}
	p.bar.Set(done)
}

func (p *countProgress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

func (p *countProgress) abandon() {
	if p.bar != nil {
		p.bar.Clear()
	}
}
