package report

import (
	"fmt"
	"io"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
)

// Validation is what validate found in a workbook.
type Validation struct {
	File     string        `json:"file"`
	OK       bool          `json:"ok"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
	Notices  int           `json:"notices"`
	Problems []ProblemJSON `json:"problems"`
	Stats    []StatsJSON   `json:"stats"`

	ShowNotices bool                 `json:"-"` // --notices: list notices in the table and CSV output
	problems    workbook.Problems    // in the order found
	stats       []workbook.YearStats // per plan and year
}

// ProblemJSON is a problem as scripts see it: its message in English and in
// Chinese, whatever --lang (both rendered from the catalogue).
type ProblemJSON struct {
	Level     string `json:"level"`
	Code      string `json:"code"`
	Sheet     string `json:"sheet,omitempty"`
	Cell      string `json:"cell,omitempty"`
	Found     string `json:"found,omitempty"`
	Expected  string `json:"expected,omitempty"`
	Message   string `json:"message"`
	MessageZh string `json:"message_zh"`
}

// NewProblemJSON is p as scripts see it.
func NewProblemJSON(p workbook.Problem) ProblemJSON {
	return ProblemJSON{Level: p.Level.String(), Code: p.Code, Sheet: p.Sheet, Cell: p.Cell, Found: p.Found, Expected: p.Expected,
		Message: p.Text.In(i18n.En), MessageZh: p.Text.In(i18n.Zh)}
}

// StatsJSON is workbook.YearStats with NaN as null.
type StatsJSON struct {
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

// NewValidation builds the result of validating file.
func NewValidation(file string, probs workbook.Problems, stats []workbook.YearStats, notices bool) *Validation {
	v := &Validation{File: file, Errors: probs.Count(workbook.Error), Warnings: probs.Count(workbook.Warning), Notices: probs.Count(workbook.Notice),
		Problems: []ProblemJSON{}, Stats: []StatsJSON{}, ShowNotices: notices, problems: probs, stats: stats}
	v.OK = v.Errors == 0
	for _, p := range probs {
		v.Problems = append(v.Problems, NewProblemJSON(p))
	}
	for _, s := range stats {
		v.Stats = append(v.Stats, StatsJSON{Plan: s.Plan, Name: s.Name, Year: s.Year, Source: s.Source, Members: s.Members, Shares: s.Shares,
			Claims: s.Claims, Claimants: s.Claimants, Paid: s.Paid.StringFixed(2), Incidence: Num(s.Incidence), MeanCost: Num(s.MeanCost), MeanPaid: Num(s.MeanPaid)})
	}
	return v
}

// ProblemLine is a workbook problem as one line in l: its level, then where and what.
func ProblemLine(p workbook.Problem, l i18n.Lang, sep string) string {
	return p.Level.Label(l) + sep + p.Message(l)
}

func (v *Validation) JSON() any { return v }

// Diagnostics writes the problems of CSV output to the error stream, so that
// the CSV itself holds only the table.
func (v *Validation) Diagnostics(w io.Writer, l i18n.Lang) error {
	for _, p := range v.problems {
		if p.Level != workbook.Notice || v.ShowNotices {
			if _, err := fmt.Fprintln(w, ProblemLine(p, l, " ")); err != nil {
				return err
			}
		}
	}
	return nil
}

// CSV is the statistics with plan keys (empty: all plans) and the source as
// its code (claims, summary), the same in every language.
func (v *Validation) CSV(w io.Writer, l i18n.Lang) error { return v.statsTable(l, true).WriteCSV(w) }

func (v *Validation) Table(w io.Writer, l i18n.Lang) error {
	for _, p := range v.problems {
		if p.Level == workbook.Notice && !v.ShowNotices {
			continue
		}
		fmt.Fprintln(w, ProblemLine(p, l, "  "))
	}
	if len(v.problems) > 0 {
		fmt.Fprintln(w)
	}
	if len(v.stats) > 0 {
		if err := v.statsTable(l, false).Render(w, l); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	_, err := fmt.Fprintln(w, l.T("validate.summary", v.File, v.Errors, v.Warnings, v.Notices))
	return err
}

func (v *Validation) statsTable(l i18n.Lang, csv bool) *Table {
	t := &Table{
		Title: l.T("validate.title"),
		Columns: []Column{
			Col("plan", "col.plan"), Col("year", "col.year"), Col("source", "col.source"),
			RCol("members", "col.members_enrolled"), RCol("shares", "col.shares"), RCol("claims", "col.claims"),
			RCol("paid", "col.paid"), RCol("incidence", "col.incidence"), RCol("mean_cost", "col.mean_cost"), RCol("mean_paid", "col.mean_paid"),
		},
	}
	for _, s := range v.stats {
		plan := PlanLabel(l, s.Plan, s.Name)
		if plan == "" {
			plan = l.T("validate.all_plans")
		}
		src := l.T("source.claims")
		if s.Source == "summary" {
			src = l.T("source.summary")
		}
		if csv {
			plan, src = s.Plan, s.Source
		}
		t.Add(plan, fmt.Sprint(s.Year), src, Int(s.Members), Int(s.Shares), Int(s.Claims),
			Money(s.Paid), Percent(s.Incidence, 3), Float(s.MeanCost, 0), Float(s.MeanPaid, 0))
	}
	return t
}
