package action

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/huzhu-fund/huzhu/internal/record"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// Assumptions are the Fund keys a run used, each with its value (as the
// JSON's policy gives it) and where it came from: "flag" (an option of the
// command line), "sheet" (the Fund sheet, with its cell), "estimated" (from
// the data: enrolment_growth left empty) or "default".
func Assumptions(m *Models, over map[string]string) []record.Assumption {
	vals := report.PolicyMap(m.Book.Fund, m.Growth)
	out := make([]record.Assumption, 0, len(book.FundKeys))
	for _, k := range book.FundKeys {
		a := record.Assumption{Key: k.Key, Value: vals[k.Key], Source: "default"}
		if _, ok := over[k.Key]; ok {
			a.Source = "flag"
		} else if cell := m.Book.FundCell(k.Key); cell != "" {
			a.Source, a.Cell = "sheet", cell
		} else if k.Key == "enrolment_growth" && m.Growth != nil {
			a.Source = "estimated"
		}
		out = append(out, a)
	}
	return out
}

// inputs hashes the files a run read, by role.
func inputs(files ...string) ([]record.Input, error) {
	var out []record.Input
	for i := 0; i+1 < len(files); i += 2 {
		if files[i+1] == "" {
			continue
		}
		in, err := record.HashFile(files[i], files[i+1])
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

// resultJSON is a result's JSON as --format json writes it.
func resultJSON(o report.Output) (json.RawMessage, error) {
	var b bytes.Buffer
	if err := report.WriteJSON(&b, o.JSON()); err != nil {
		return nil, err
	}
	return json.RawMessage(bytes.TrimSpace(b.Bytes())), nil
}

// parts are what a record holds of a run's outcome: its result's JSON as
// --format json prints it, and its models' as fit's JSON gives them.
func parts(out report.Output, file string, ps []*model.Plan, ae []model.AE) (res, models json.RawMessage, err error) {
	if res, err = resultJSON(out); err != nil {
		return nil, nil, err
	}
	models, err = resultJSON(report.NewFits(file, ps, ae))
	return res, models, err
}

// newRecord is the audit record of a run of action with the options opts
// (their Workers already cleared: the results do not depend on them).
func newRecord(action, file, terms string, seed uint64, opts any, out report.Output, ps []*model.Plan, ae []model.AE,
	as []record.Assumption, args []string, now time.Time) (*record.Record, error) {
	in, err := inputs("book", file, "terms", terms)
	if err != nil {
		return nil, err
	}
	replay, err := json.Marshal(opts)
	if err != nil {
		return nil, err
	}
	res, models, err := parts(out, file, ps, ae)
	if err != nil {
		return nil, err
	}
	return &record.Record{Schema: record.Schema, Build: record.BuildInfo(), Command: args, RunAt: now.UTC().Truncate(time.Second),
		Inputs: in, Assumptions: as, Seed: seed, Action: action, Replay: replay, Models: models, Result: res}, nil
}

// CalibrateRecord is the audit record of a calibrate run: args are the
// command line after the program's name, now the run's time.
func CalibrateRecord(o CalibrateOptions, c *report.Calibration, args []string, now time.Time) (*record.Record, error) {
	o.Workers = 0
	return newRecord("calibrate", o.File, o.Terms, o.Seed, o, c, c.Models, c.AE, c.Assumptions, args, now)
}

// SimulateRecord is the audit record of a simulate run.
func SimulateRecord(o SimulateOptions, s *report.Simulation, args []string, now time.Time) (*record.Record, error) {
	o.Workers = 0
	return newRecord("simulate", o.File, o.Terms, o.Seed, o, s, s.Models, nil, s.Assumptions, args, now)
}

// ScenariosRecord is the audit record of a scenarios run: its inputs the
// book, the proposed terms and the scenario file; its assumptions and
// models the book's, as every scenario starts from them; its result the
// batch's JSON.
func ScenariosRecord(o ScenariosOptions, s *report.Scenarios, args []string, now time.Time) (*record.Record, error) {
	o.Workers, o.Progress = 0, nil
	r, err := newRecord("scenarios", o.File, o.Terms, o.Seed, o, s, s.Models, nil, s.Assumptions, args, now)
	if err != nil {
		return nil, err
	}
	sc, err := inputs("scenarios", o.Scenarios)
	if err != nil {
		return nil, err
	}
	r.Inputs = append(r.Inputs, sc...)
	return r, nil
}

// Verify replays the run of the record at path: it checks every input
// against its hash, runs the action again with the recorded options and
// compares the models and the result with the record's. The error satisfies
// errors.Is(err, record.ErrChanged) when an input changed (the run is not
// replayed) and errors.Is(err, record.ErrDiffers) when the replay differs;
// the Verification says which.
func Verify(path string) (*report.Verification, error) {
	r, err := record.Read(path)
	if err != nil {
		return nil, Input(err)
	}
	v := &report.Verification{Record: path, Action: r.Action, Recorded: r.Build, Now: record.BuildInfo(), Inputs: r.Inputs, Changes: []record.Change{}}
	if changed, err := r.CheckInputs(); err != nil {
		v.Changed = changed
		return v, err
	}
	var models, res json.RawMessage
	switch r.Action {
	case "calibrate":
		var o CalibrateOptions
		if err := json.Unmarshal(r.Replay, &o); err != nil {
			return nil, Inputf("%s: replay: %v", path, err)
		}
		c, err := Calibrate(o)
		if c == nil {
			return nil, err
		}
		if res, models, err = parts(c, o.File, c.Models, c.AE); err != nil {
			return nil, err
		}
	case "simulate":
		var o SimulateOptions
		if err := json.Unmarshal(r.Replay, &o); err != nil {
			return nil, Inputf("%s: replay: %v", path, err)
		}
		s, err := Simulate(o)
		if err != nil {
			return nil, err
		}
		if res, models, err = parts(s, o.File, s.Models, nil); err != nil {
			return nil, err
		}
	case "scenarios":
		var o ScenariosOptions
		if err := json.Unmarshal(r.Replay, &o); err != nil {
			return nil, Inputf("%s: replay: %v", path, err)
		}
		s, err := Scenarios(o)
		if err != nil {
			return nil, err
		}
		if res, models, err = parts(s, o.File, s.Models, nil); err != nil {
			return nil, err
		}
	default:
		return nil, Inputf("%s: action %q cannot be replayed (calibrate, simulate, scenarios)", path, r.Action)
	}
	for _, part := range []struct {
		name     string
		old, new json.RawMessage
	}{{"models", r.Models, models}, {"result", r.Result, res}} {
		ch, err := record.Diff(part.old, part.new)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, part.name, err)
		}
		for _, c := range ch {
			c.Path = part.name + "." + c.Path
			v.Changes = append(v.Changes, c)
		}
	}
	v.Identical = len(v.Changes) == 0
	if !v.Identical {
		return v, record.ErrDiffers
	}
	return v, nil
}

// DiffRecords lists what changed between two runs' records: the inputs (by
// path), the assumptions (by key), the models and the result (plans by
// their key). The command line and the run's time are not compared; the
// build is, when it differs.
func DiffRecords(oldPath, newPath string) (*report.RecordDiff, error) {
	a, err := record.Read(oldPath)
	if err != nil {
		return nil, Input(err)
	}
	b, err := record.Read(newPath)
	if err != nil {
		return nil, Input(err)
	}
	d := &report.RecordDiff{Old: oldPath, New: newPath, Changes: []report.RecordChange{}}
	parts := []struct {
		section  string
		old, new any
	}{
		{"build", a.Build, b.Build},
		{"inputs", a.Inputs, b.Inputs},
		{"assumptions", a.Assumptions, b.Assumptions},
		{"models", a.Models, b.Models},
		{"result", a.Result, b.Result},
	}
	for _, p := range parts {
		x, err := json.Marshal(p.old)
		if err != nil {
			return nil, err
		}
		y, err := json.Marshal(p.new)
		if err != nil {
			return nil, err
		}
		ch, err := record.Diff(x, y)
		if err != nil {
			return nil, err
		}
		for _, c := range ch {
			// A top-level array's elements are named by their key:
			// "[medical_trend].value" reads "medical_trend.value".
			if rest, ok := strings.CutPrefix(c.Path, "["); ok {
				if k, tail, ok := strings.Cut(rest, "]"); ok {
					c.Path = k + tail
				}
			}
			d.Changes = append(d.Changes, report.RecordChange{Section: p.section, Change: c})
		}
	}
	if !slices.Equal(a.Command, b.Command) {
		d.OldCommand, d.NewCommand = a.Command, b.Command
	}
	return d, nil
}

// ErrDiffers reports whether err says a replay or an input differs from its
// record (exit code 4).
func ErrDiffers(err error) bool {
	return errors.Is(err, record.ErrDiffers) || errors.Is(err, record.ErrChanged)
}
