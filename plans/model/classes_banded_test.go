package model

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
)

// ClassExpectations on a plan paid by cost bands (the Weihai preset: bands
// on the year's inpatient cost, an outpatient benefit with its own bands,
// two age classes) against ExpectedBenefits, the peer that prices the
// bands: with every other class's mix set to 0, ExpectedBenefits is class
// c's expected benefits alone, on the same lattice step and members
// (maxSeverity still sees every class), so the class's share of E[S] must
// equal it to rounding (1e-9). Before the bands reached ClassExpectations it
// failed on the outpatient benefit ("no model of its amount").
func TestClassExpectationsBanded(t *testing.T) {
	b, _, err := example.Generate(example.Config{Preset: "weihai", Members: 20000, Years: 2, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	ps, _, err := FromBook(&b.Book, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	if len(p.Classes) != 2 || len(p.Terms.Bands) == 0 || len(p.Terms.OutpatientBands) == 0 {
		t.Fatalf("plan %s: %d classes, bands %v / %v", p.Terms.Plan, len(p.Classes), p.Terms.Bands, p.Terms.OutpatientBands)
	}
	sc := &Scenario{Years: 1, MedicalTrend: 0.06}
	want := make([]float64, len(p.Classes))
	total := 0.0
	for c := range p.Classes {
		mix := make([]float64, len(p.Classes))
		for i := range p.Classes {
			mix[i] = p.Classes[i].Mix
			if i != c {
				p.Classes[i].Mix = 0
			}
		}
		want[c], err = ExpectedBenefits(p, p.Terms, sc, false, nil)
		for i := range p.Classes {
			p.Classes[i].Mix = mix[i]
		}
		if err != nil {
			t.Fatal(err)
		}
		total += want[c]
	}
	got, err := ClassExpectations(p, sc, total, nil)
	if err != nil {
		t.Fatal(err)
	}
	for c := range want {
		if math.Abs(got[c].Expected-want[c]) > 1e-9*want[c] {
			t.Errorf("class %s: expected %.4f, ExpectedBenefits of the class alone %.4f", got[c].Class, got[c].Expected, want[c])
		}
		t.Logf("class %s: %.0f members, expected %.0f (%.2f a member)", got[c].Class, got[c].Members, got[c].Expected, got[c].Expected/got[c].Members)
	}
}
