package action

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/shopspring/decimal"
)

// calibrate with the Excel report backtests the book: the small
// association's three years (infeasible under its policy: the backtest is
// there all the same) give two backtest years of its seven plans,
// the JSON has them under "backtest" (money strings, the fund's actual the
// plans' to the fen, the outside count that of the rows not inside), the
// same with one worker as with two; without the report there is none.
func TestCalibrateBacktest(t *testing.T) {
	const book = "../../examples/small-association.xlsx"
	var first []byte
	for _, workers := range []int{1, 2} {
		c, err := Calibrate(CalibrateOptions{File: book, Paths: 200, Seed: 1, Workers: workers, Report: true})
		if err != nil && !errors.Is(err, calibrate.ErrInfeasible) || c == nil {
			t.Fatal(err)
		}
		if c.Backtest == nil || c.Backtest.Result == nil {
			t.Fatal("no backtest with the report")
		}
		j, err := json.Marshal(c.Backtest)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = j
		} else if string(j) != string(first) {
			t.Errorf("the backtest depends on the workers:\n%s\n%s", first, j)
		}
		bt := c.Backtest
		if bt.PlanYears != 14 || len(bt.Years) != 2 || bt.FundYears != 2 || bt.Level != 0.9 {
			t.Fatalf("backtest %d plan-years, %d years, %d fund years", bt.PlanYears, len(bt.Years), bt.FundYears)
		}
		outside := 0
		for _, y := range bt.Years {
			sum := decimal.Zero
			for _, r := range y.Plans {
				if !r.Inside {
					outside++
				}
				sum = sum.Add(decimal.RequireFromString(r.Actual))
			}
			if d := sum.Sub(decimal.RequireFromString(y.Fund.Actual)).Abs(); d.GreaterThan(decimal.New(1, -2).Mul(decimal.NewFromInt(int64(len(y.Plans))))) {
				t.Errorf("%d: the plans' actual %s, the fund's %s", y.Year, sum, y.Fund.Actual)
			}
			if y.From != 2023 || y.To != y.Year-1 {
				t.Errorf("%d: fitted on %d–%d", y.Year, y.From, y.To)
			}
		}
		if outside != bt.Outside || bt.OutsideLo > bt.OutsideHi {
			t.Errorf("outside %d, rows outside %d, range %d–%d", bt.Outside, outside, bt.OutsideLo, bt.OutsideHi)
		}
		all, _ := json.Marshal(c)
		if !strings.Contains(string(all), `"backtest":{"level":0.9,"plan_years":14,`) {
			t.Errorf("calibrate's JSON has no backtest: %.300s…", all)
		}
	}
	c, err := Calibrate(CalibrateOptions{File: book, Paths: 200, Seed: 1})
	if err != nil && !errors.Is(err, calibrate.ErrInfeasible) || c == nil {
		t.Fatal(err)
	}
	if all, _ := json.Marshal(c); c.Backtest != nil || strings.Contains(string(all), `"backtest"`) {
		t.Error("a backtest without the report")
	}
}
