package action

import (
	"errors"
	"strings"
	"testing"
)

// The default tornado holds the documented set (4 Fund keys, enrolment, and
// each plan's incidence and severity), with values around the book's; a bad
// --vary is a usage error naming it.
func TestSensitivityVariations(t *testing.T) {
	b, err := NewBatch(exampleBook, "")
	if err != nil {
		t.Fatal(err)
	}
	d := b.defaultVariations()
	if want := 5 + 2*len(b.Models.Plans); len(d) != want {
		t.Fatalf("%d default variations, want %d: %v", len(d), want, d)
	}
	f := b.Models.Book.Fund
	if f.TargetDeficitProbability != 0.05 || d[3] != "target_deficit_probability=0.025:0.1" {
		t.Errorf("target %v, variation %s; want 0.05 → 0.025:0.1", f.TargetDeficitProbability, d[3])
	}
	for _, s := range d {
		if _, err := b.parseVariation(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	for _, s := range []string{"medical_trend", "medical_trend=0.1", "nokey=1:2", "incidence.dental=-0.1:0.1", "enrolment=-1:0.1",
		"severity=x:0.1", "max_change=-5:0.3"} {
		_, err := b.parseVariation(s)
		if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "--vary") {
			t.Errorf("%s: got %v, want a --vary usage error", s, err)
		}
	}
	// A variation sets what a scenario would: incidence.hospital=+20% is the
	// factor 1.2 on hospital alone.
	v, _ := b.parseVariation("incidence.hospital=-20%:20%")
	r := b.NewRun("x")
	if err := v.apply(r, v.high); err != nil {
		t.Fatal(err)
	}
	if len(r.Incidence) != 1 || r.Incidence["hospital"] != 1.2 {
		t.Errorf("incidence %v, want hospital 1.2", r.Incidence)
	}
}
