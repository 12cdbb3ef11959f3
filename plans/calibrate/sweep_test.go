package calibrate

import (
	"errors"
	"fmt"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// BenchmarkSizeSweep runs what huzhu calibrate runs (fit, the exact
// distributions, the contributions and the reserve projection) on
// generated books of 200 to 10,000,000 members: each must succeed or find
// its target infeasible (exit 3), never fail. A benchmark, not a test: the
// largest books take minutes to generate. Run with
//
//	go test ./plans/calibrate/ -run '^$' -bench SizeSweep -benchtime 1x
func BenchmarkSizeSweep(b *testing.B) {
	for _, n := range []int{200, 2000, 20000, 200000, 2000000, 5000000, 10000000} {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			wb, _, err := example.Generate(example.Config{Members: n, Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			bk := &wb.Book
			b.ResetTimer()
			for range b.N {
				ps, _, err := model.FromBook(bk, nil)
				if err != nil {
					b.Fatal(err)
				}
				sc := model.ScenarioFromFund(bk.Fund, bk.LastYear())
				res, err := Calibrate(ps, sc, PolicyFromFund(bk.Fund), Options{})
				switch {
				case errors.Is(err, ErrInfeasible):
					b.Logf("%d members: infeasible", n)
				case err != nil:
					b.Fatalf("%d members: %v", n, err)
				default:
					b.Logf("%d members: fund P(deficit) after %.4g", n, res.PDeficitAfter)
				}
			}
		})
	}
}
