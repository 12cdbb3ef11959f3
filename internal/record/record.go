// Package record is the audit record of a run: what a supervisory board
// needs to replay it and to see what changed between two runs. A record
// names huzhu's version and commit, the command line, the run's time, the
// SHA-256 of every input file, every resolved assumption with its source,
// the seeds, and the result's figures.
package record

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"time"
)

// Schema is the record format's version.
const Schema = 1

// Input is an input file as it was read.
type Input struct {
	Role   string `json:"role"` // "book", "terms", "scenarios", …
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Assumption is one resolved assumption: its value and where it came from.
type Assumption struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Source string `json:"source"` // "sheet", "flag", "default", "estimated", "scenario"
	Cell   string `json:"cell,omitempty"`
}

// Build is what the binary says of itself.
type Build struct {
	Version  string `json:"version"`
	Commit   string `json:"commit,omitempty"`
	Time     string `json:"commit_time,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Go       string `json:"go"`
}

// Record is the audit record of one run.
type Record struct {
	Schema      int          `json:"schema"`
	Build       Build        `json:"build"`
	Command     []string     `json:"command"` // the arguments after the program's name
	RunAt       time.Time    `json:"run_at"`
	Inputs      []Input      `json:"inputs"`
	Assumptions []Assumption `json:"assumptions"`
	Seed        uint64       `json:"seed"`
	// Action and Replay are what verify runs again: the command
	// ("calibrate", "simulate") and its options as JSON.
	Action string          `json:"action"`
	Replay json.RawMessage `json:"replay"`
	Models json.RawMessage `json:"models,omitempty"`
	Result json.RawMessage `json:"result"`
}

// BuildInfo reads the binary's build information (FromBuildInfo).
func BuildInfo() Build {
	bi, _ := debug.ReadBuildInfo()
	return FromBuildInfo(bi)
}

// FromBuildInfo is what bi says of the build: the module version when built
// from a released module ("dev" for a build from a source tree, as under go
// test), the VCS commit, its time and whether the tree had uncommitted
// changes, and the Go version.
func FromBuildInfo(bi *debug.BuildInfo) Build {
	b := Build{Version: "dev", Go: runtime.Version()}
	if bi == nil {
		return b
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		b.Version = v
	}
	if bi.GoVersion != "" {
		b.Go = bi.GoVersion
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Commit = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// HashFile reads path and returns its input entry.
func HashFile(role, path string) (Input, error) {
	f, err := os.Open(path)
	if err != nil {
		return Input{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return Input{}, fmt.Errorf("reading %s: %w", path, err)
	}
	return Input{Role: role, Path: path, SHA256: hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}

// ErrChanged is wrapped when an input's content no longer matches its hash.
var ErrChanged = errors.New("input changed since the run")

// ErrDiffers is returned when a run replayed from its record gives a
// different result.
var ErrDiffers = errors.New("the replayed run differs from the record")

// CheckInputs re-hashes every input and returns the paths of those whose
// content differs (or that cannot be read), with, joined, an ErrChanged for
// each.
func (r *Record) CheckInputs() (changed []string, err error) {
	var errs []error
	for _, in := range r.Inputs {
		now, err := HashFile(in.Role, in.Path)
		if err != nil {
			changed = append(changed, in.Path)
			errs = append(errs, fmt.Errorf("%w: %s: %v", ErrChanged, in.Path, err))
			continue
		}
		if now.SHA256 != in.SHA256 {
			changed = append(changed, in.Path)
			errs = append(errs, fmt.Errorf("%w: %s (sha256 %s, recorded %s)", ErrChanged, in.Path, now.SHA256[:12], in.SHA256[:12]))
		}
	}
	return changed, errors.Join(errs...)
}

// Marshal is the record as indented JSON with a final newline.
func (r *Record) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Hash is the SHA-256 of the record's JSON (for a report's page footer).
func (r *Record) Hash() (string, error) {
	b, err := r.Marshal()
	if err != nil {
		return "", err
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:]), nil
}

// Read reads a record written by Marshal.
func Read(path string) (*Record, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Record
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("%s is not a huzhu record: %w", path, err)
	}
	if r.Schema != Schema {
		return nil, fmt.Errorf("%s: record schema %d, this huzhu reads %d", path, r.Schema, Schema)
	}
	return &r, nil
}

// Change is one difference between two JSON documents: the path of the
// value (e.g. result.plans[hospital].contribution) and its old and new
// values as JSON text ("" when absent on that side).
type Change struct {
	Path string `json:"path"`
	Old  string `json:"old"`
	New  string `json:"new"`
}

// Diff lists every leaf that differs between two JSON values, in a stable
// order (object keys sorted; array elements matched by their "plan", "key"
// or "name" field when every element has one, else by position).
func Diff(old, new json.RawMessage) ([]Change, error) {
	var a, b any
	if len(old) > 0 {
		if err := json.Unmarshal(old, &a); err != nil {
			return nil, err
		}
	}
	if len(new) > 0 {
		if err := json.Unmarshal(new, &b); err != nil {
			return nil, err
		}
	}
	var out []Change
	diff("", a, b, &out)
	return out, nil
}

func text(v any) string {
	if v == nil {
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func diff(path string, a, b any, out *[]Change) {
	switch x := a.(type) {
	case map[string]any:
		if y, ok := b.(map[string]any); ok {
			keys := map[string]bool{}
			for k := range x {
				keys[k] = true
			}
			for k := range y {
				keys[k] = true
			}
			ks := make([]string, 0, len(keys))
			for k := range keys {
				ks = append(ks, k)
			}
			sort.Strings(ks)
			for _, k := range ks {
				p := k
				if path != "" {
					p = path + "." + k
				}
				diff(p, x[k], y[k], out)
			}
			return
		}
	case []any:
		if y, ok := b.([]any); ok {
			if id := idField(x, y); id != "" {
				diffByID(path, id, x, y, out)
				return
			}
			for i := 0; i < max(len(x), len(y)); i++ {
				var u, v any
				if i < len(x) {
					u = x[i]
				}
				if i < len(y) {
					v = y[i]
				}
				diff(path+"["+strconv.Itoa(i)+"]", u, v, out)
			}
			return
		}
	}
	if ta, tb := text(a), text(b); ta != tb {
		*out = append(*out, Change{Path: path, Old: ta, New: tb})
	}
}

// idField is the field that names every element of both arrays ("" if none).
func idField(x, y []any) string {
	for _, f := range []string{"plan", "key", "name", "path"} {
		ok := len(x)+len(y) > 0
		for _, arr := range [][]any{x, y} {
			for _, e := range arr {
				m, isMap := e.(map[string]any)
				if !isMap {
					ok = false
					break
				}
				if _, has := m[f].(string); !has {
					ok = false
					break
				}
			}
		}
		if ok {
			return f
		}
	}
	return ""
}

func diffByID(path, id string, x, y []any, out *[]Change) {
	index := func(arr []any) (map[string]any, []string) {
		m := map[string]any{}
		var order []string
		for _, e := range arr {
			k := e.(map[string]any)[id].(string)
			if _, dup := m[k]; !dup {
				order = append(order, k)
			}
			m[k] = e
		}
		return m, order
	}
	mx, ox := index(x)
	my, oy := index(y)
	seen := map[string]bool{}
	for _, k := range append(ox, oy...) {
		if seen[k] {
			continue
		}
		seen[k] = true
		diff(path+"["+k+"]", mx[k], my[k], out)
	}
}
