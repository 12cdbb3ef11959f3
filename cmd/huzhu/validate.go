package main

import (
	"fmt"
	"math"

	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/spf13/cobra"
)

type validateOptions struct {
	File    string
	Notices bool
}

func newValidateCmd(app *App, runF func(*validateOptions) error) *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate FILE",
		Short: "检查工作簿并显示读取结果 / Check a workbook and show what was read",
		Long: `检查输入工作簿：一次列出全部错误和警告（工作表!单元格、找到的值、应为何值），再按计划和年度显示读取到的
数据：参保人数、份数、给付笔数、给付金额、发生率、平均费用。有错误时退出码为 2，只有警告时为 0。

Check an input workbook: every error and warning at once (sheet!cell, the value found, what was
expected), then what was read per plan and year: members, shares, claims, paid, incidence, mean cost.
Exit code 2 when there are errors, 0 when there are only warnings. Notices (an ignored column or sheet)
are shown with --notices. --format json prints {"file","ok","errors","warnings","notices","problems","stats"}.`,
		Example: `  huzhu validate examples/example.xlsx
  huzhu validate book.xlsx --format json | jq '.problems[] | select(.level=="error")'
  huzhu validate book.xlsx --lang en --notices`,
		GroupID: groupData,
		Args:    exactArgs(1, "the workbook"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runValidate(app, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Notices, "notices", false, "also show notices (ignored columns and sheets, defaults applied)")
	return cmd
}

// problemJSON is a problem as scripts see it.
type problemJSON struct {
	Level string `json:"level"`
	workbook.Problem
}

// statsJSON is workbook.YearStats with NaN as null.
type statsJSON struct {
	Plan      string   `json:"plan"`
	Name      string   `json:"name,omitempty"`
	Year      int      `json:"year"`
	Source    string   `json:"source"`
	Members   int64    `json:"members"`
	Shares    int64    `json:"shares"`
	Claims    int64    `json:"claims"`
	Claimants int64    `json:"claimants"`
	Paid      string   `json:"paid"`
	Incidence *float64 `json:"incidence"`
	MeanCost  *float64 `json:"mean_cost"`
	MeanPaid  *float64 `json:"mean_paid"`
}

func num(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

func runValidate(app *App, opts *validateOptions) error {
	book, probs, err := workbook.Read(opts.File)
	if err != nil {
		return inputError(err)
	}
	stats := workbook.Stats(book)
	nErr, nWarn, nNote := probs.Count(workbook.Error), probs.Count(workbook.Warning), probs.Count(workbook.Notice)
	switch app.Format {
	case FormatJSON:
		out := struct {
			File     string        `json:"file"`
			OK       bool          `json:"ok"`
			Errors   int           `json:"errors"`
			Warnings int           `json:"warnings"`
			Notices  int           `json:"notices"`
			Problems []problemJSON `json:"problems"`
			Stats    []statsJSON   `json:"stats"`
		}{File: opts.File, OK: nErr == 0, Errors: nErr, Warnings: nWarn, Notices: nNote, Problems: []problemJSON{}, Stats: []statsJSON{}}
		for _, p := range probs {
			out.Problems = append(out.Problems, problemJSON{Level: p.Level.String(), Problem: p})
		}
		for _, s := range stats {
			out.Stats = append(out.Stats, statsJSON{Plan: s.Plan, Name: s.Name, Year: s.Year, Source: s.Source, Members: s.Members, Shares: s.Shares,
				Claims: s.Claims, Claimants: s.Claimants, Paid: s.Paid.StringFixed(2), Incidence: num(s.Incidence), MeanCost: num(s.MeanCost), MeanPaid: num(s.MeanPaid)})
		}
		if err := report.WriteJSON(app.IO.Out, out); err != nil {
			return err
		}
	case FormatCSV:
		for _, p := range probs {
			if p.Level != workbook.Notice || opts.Notices {
				fmt.Fprintf(app.IO.ErrOut, "%s %s\n", p.Level.Label(app.Lang), p.Message(app.Lang))
			}
		}
		if err := statsTable(app, stats).WriteCSV(app.IO.Out); err != nil {
			return err
		}
	default:
		w := app.IO.Out
		for _, p := range probs {
			if p.Level == workbook.Notice && !opts.Notices {
				continue
			}
			fmt.Fprintf(w, "%s  %s\n", p.Level.Label(app.Lang), p.Message(app.Lang))
		}
		if len(probs) > 0 {
			fmt.Fprintln(w)
		}
		if len(stats) > 0 {
			if err := statsTable(app, stats).Render(w, app.Lang); err != nil {
				return err
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, app.T(
			fmt.Sprintf("%s：%d 个错误，%d 个警告，%d 个提示。", opts.File, nErr, nWarn, nNote),
			fmt.Sprintf("%s: %d error(s), %d warning(s), %d notice(s).", opts.File, nErr, nWarn, nNote)))
	}
	if nErr > 0 {
		return silentExit(ExitInput, fmt.Errorf("%d error(s) in %s", nErr, opts.File))
	}
	return nil
}

func statsTable(app *App, stats []workbook.YearStats) *report.Table {
	t := &report.Table{
		Title: app.T("读取结果（按计划和年度）", "What was read, per plan and year"),
		Columns: []report.Column{
			{Key: "plan", Zh: "计划", En: "plan"},
			{Key: "year", Zh: "年度", En: "year"},
			{Key: "source", Zh: "来源", En: "source"},
			{Key: "members", Zh: "参保人数", En: "members", Align: report.Right},
			{Key: "shares", Zh: "份数", En: "shares", Align: report.Right},
			{Key: "claims", Zh: "给付笔数", En: "claims", Align: report.Right},
			{Key: "paid", Zh: "给付金额", En: "paid", Align: report.Right},
			{Key: "incidence", Zh: "发生率", En: "incidence", Align: report.Right},
			{Key: "mean_cost", Zh: "平均费用", En: "mean cost", Align: report.Right},
			{Key: "mean_paid", Zh: "平均给付", En: "mean paid", Align: report.Right},
		},
	}
	for _, s := range stats {
		plan := s.Plan
		if plan == "" {
			plan = app.T("（全部计划）", "(all plans)")
		}
		src := app.T("明细", "claims")
		if s.Source == "summary" {
			src = app.T("汇总", "summary")
		}
		t.Add(plan, fmt.Sprint(s.Year), src, report.Int(s.Members), report.Int(s.Shares), report.Int(s.Claims),
			report.Money(s.Paid), report.Percent(s.Incidence, 3), report.Float(s.MeanCost, 0), report.Float(s.MeanPaid, 0))
	}
	return t
}
