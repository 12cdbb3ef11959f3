package example

import (
	"encoding/json"
	"flag"
	"math"
	"os"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans"
)

var writeSmall = flag.Bool("write-small", false, "rewrite examples/small-association.xlsx and its truth")

// The small association of examples/: 3,000 members, seed 5, a Reference
// sheet with sdlog 0.2. Its Reference rows are the truth's incidence within
// a factor e^{±4·0.2} and rest on ReferenceExposure member-years; the same
// config gives the same rows. With -write-small the example files are
// rewritten.
func TestSmallAssociation(t *testing.T) {
	cfg := Config{Members: 3000, Seed: 5, ReferenceSpread: 0.2}
	b, tr, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b2, _, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.References) < 10 || len(b.References) != len(b2.References) {
		t.Fatalf("%d Reference rows", len(b.References))
	}
	rel := 0.0
	for _, g := range tr.Groups {
		rel += g.Weight * g.Relativity
	}
	for i, r := range b.References {
		if r != b2.References[i] {
			t.Errorf("row %d differs between runs", i)
		}
		var want float64
		for _, p := range tr.Plans {
			if p.Kind != r.Kind {
				continue
			}
			bt, ok := p.Benefit(r.Benefit)
			if !ok {
				continue
			}
			per := 1.0
			if bt.ClaimsPerClaimant != "" {
				n, _ := bt.Count()
				per = n.Mean()
			}
			want = bt.Incidence * per * rel
			break
		}
		if !(want > 0) || math.Abs(math.Log(r.Incidence/want)) > 0.8 || r.Exposure > ReferenceExposure || r.Exposure < math.Round(math.Min(ReferenceExposure, 1/(0.04*r.Incidence)))-0.5 {
			t.Errorf("%s %s: incidence %v, truth %v", r.Kind, r.Benefit, r.Incidence, want)
		}
		if (r.Benefit == plans.Medical || r.Benefit == plans.Fire || r.Benefit == plans.Death) && !(r.MeanPaid > 0) {
			t.Errorf("%s %s: no mean_paid", r.Kind, r.Benefit)
		}
	}
	if *writeSmall {
		if err := workbook.Save("../../examples/small-association.xlsx", b, true); err != nil {
			t.Fatal(err)
		}
		j, err := json.MarshalIndent(tr, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("../../examples/small-association-truth.json", append(j, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
