package model

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/internal/example"
)

// Reproducible to the bit: the same book fitted twice (from two generated
// copies) and priced by Exact gives bit-identical lattices, whatever the
// number of workers (1 or 8). Float sums in map order used to move the
// fund's figures by ~1e-10 between runs.
func TestExactBitIdentical(t *testing.T) {
	run := func(workers int) *FundDist {
		wb, _, err := example.Generate(example.Config{Members: 60000, Seed: 9})
		if err != nil {
			t.Fatal(err)
		}
		ps, _, err := FromBook(&wb.Book, nil)
		if err != nil {
			t.Fatal(err)
		}
		fd, err := Exact(ps, ScenarioFromFund(wb.Fund, wb.LastYear()), &ExactOptions{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		return fd
	}
	same := func(name string, a, b *aggregate.Lattice) {
		if a.Step != b.Step || a.Origin != b.Origin || len(a.PMF) != len(b.PMF) ||
			math.Float64bits(a.Above) != math.Float64bits(b.Above) || math.Float64bits(a.Below) != math.Float64bits(b.Below) {
			t.Fatalf("%s: lattices differ in shape", name)
		}
		for k := range a.PMF {
			if math.Float64bits(a.PMF[k]) != math.Float64bits(b.PMF[k]) {
				t.Fatalf("%s: point %d differs: %v vs %v", name, k, a.PMF[k], b.PMF[k])
			}
		}
	}
	a, b, c := run(1), run(1), run(8)
	for _, o := range []*FundDist{b, c} {
		same("fund", a.Total, o.Total)
		same("fund central", a.Central, o.Central)
		for i := range a.Plans {
			same(a.Plans[i].Plan, a.Plans[i].Total, o.Plans[i].Total)
			same(a.Plans[i].Plan+" member", a.Plans[i].Member, o.Plans[i].Member)
			if a.Plans[i].VarParameter != o.Plans[i].VarParameter || a.Plans[i].VarTrend != o.Plans[i].VarTrend {
				t.Fatalf("%s: variance split differs", a.Plans[i].Plan)
			}
		}
	}
}
