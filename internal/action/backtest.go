package action

import (
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// backtest prices every data year of m's book after the first from the
// years before it, fitted as LoadModels fits the whole book (model.FromBook
// with the Fund as resolved, flags included), and compares it with what the
// year paid (calibrate.RunBacktest): the report's 回溯检验 / Backtest sheet
// and the JSON's "backtest".
func backtest(m *Models, workers int) (*report.Backtest, error) {
	bt, err := calibrate.RunBacktest(&m.Book.Book, m.Plans, m.Data, calibrate.BacktestOptions{Exact: &model.ExactOptions{Workers: workers}})
	if err != nil {
		return nil, err
	}
	return report.NewBacktest(bt), nil
}
