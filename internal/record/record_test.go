package record

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestDiff(t *testing.T) {
	old := `{"policy":{"medical_trend":0.05,"seed":1},"plans":[{"plan":"hospital","contribution":"40.00"},{"plan":"accident","contribution":"20.00"}],"notes":["a"]}`
	new := `{"policy":{"medical_trend":0.1,"seed":1},"plans":[{"plan":"accident","contribution":"20.00"},{"plan":"hospital","contribution":"44.00"},{"plan":"fire","contribution":"5.00"}],"notes":["a","b"]}`
	got, err := Diff(json.RawMessage(old), json.RawMessage(new))
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Path: "notes[1]", Old: "", New: `"b"`},
		{Path: "plans[hospital].contribution", Old: `"40.00"`, New: `"44.00"`},
		{Path: "plans[fire]", Old: "", New: `{"contribution":"5.00","plan":"fire"}`},
		{Path: "policy.medical_trend", Old: "0.05", New: "0.1"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diff\n got %+v\nwant %+v", got, want)
	}
	if same, _ := Diff(json.RawMessage(old), json.RawMessage(old)); len(same) != 0 {
		t.Errorf("a document differs from itself: %+v", same)
	}
}

// A record survives its JSON, and a changed input is named.
func TestRecordRoundTripAndInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "book.xlsx")
	if err := os.WriteFile(in, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := HashFile("book", in)
	if err != nil {
		t.Fatal(err)
	}
	// sha256("one"), by `printf one | sha256sum`.
	if h.SHA256 != "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed" || h.Size != 3 {
		t.Fatalf("hash %+v", h)
	}
	r := &Record{Schema: Schema, Build: BuildInfo(), Command: []string{"calibrate", in}, RunAt: time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC),
		Inputs: []Input{h}, Assumptions: []Assumption{{Key: "medical_trend", Value: "0.05", Source: "default"}}, Seed: 7,
		Result: json.RawMessage(`{"a":1}`)}
	b, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "run.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := Read(p)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := back.Marshal()
	if string(b) != string(b2) {
		t.Errorf("round trip changed the record:\n%s\n%s", b, b2)
	}
	if _, err := back.CheckInputs(); err != nil {
		t.Errorf("unchanged input reported: %v", err)
	}
	if err := os.WriteFile(in, []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ch, err := back.CheckInputs(); !errors.Is(err, ErrChanged) || len(ch) != 1 || ch[0] != in {
		t.Errorf("changed input not reported: %v", err)
	}
	if err := os.WriteFile(p, []byte(`{"schema":1,"extra":true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(p); err == nil {
		t.Errorf("a record with an unknown field was read")
	}
}
