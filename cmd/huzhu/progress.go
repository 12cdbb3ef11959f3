package main

import (
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress is a progress bar on the error stream when it is a terminal; a
// no-op otherwise (pipes, files, tests), so that output stays the same.
type progress struct {
	mu    sync.Mutex
	bar   *progressbar.ProgressBar
	timer *time.Timer
	ended bool
}

// terminalErr is the error stream when it is a terminal, else nil.
func (a *App) terminalErr() *os.File {
	f, ok := a.IO.ErrOut.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return f
}

func (a *App) progress(what string) *progress {
	f := a.terminalErr()
	if f == nil {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(-1, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())}
}

// busyAfter is how long a run without steps (calibrate, simulate) goes before
// its spinner shows: quick runs show nothing.
const busyAfter = time.Second

// busy is a spinner with the elapsed time for a run that reports no steps;
// it appears only once the run has taken busyAfter, and only on a terminal.
func (a *App) busy(what string) *progress {
	p := &progress{}
	f := a.terminalErr()
	if f == nil {
		return p
	}
	p.timer = time.AfterFunc(busyAfter, func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.ended {
			return
		}
		p.bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
			progressbar.OptionSetElapsedTime(true), progressbar.OptionSpinnerType(14), progressbar.OptionClearOnFinish(),
			progressbar.OptionSetRenderBlankState(true))
		_ = p.bar.Add(0) // started: the spinner turns by itself
	})
	return p
}

// step reports done of total.
func (p *progress) step(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil {
		return
	}
	p.bar.ChangeMax(total)
	_ = p.bar.Set(done)
}

// done clears the bar.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ended = true
	if p.timer != nil {
		p.timer.Stop()
	}
	if p.bar != nil {
		_ = p.bar.Finish()
		_ = p.bar.Exit() // stops the spinner's ticker
		_ = p.bar.Clear()
	}
}
