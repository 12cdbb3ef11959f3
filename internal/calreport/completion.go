package calreport

import (
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// hasCompletion says whether any plan has a completion or warnings to show
// (plans fitted on claim detail).
func hasCompletion(in *Input) bool {
	for _, p := range in.Plans {
		if e := p.Experience; e != nil && (len(e.Completion) > 0 || len(e.Warnings) > 0) {
			return true
		}
	}
	return false
}

// completion is the 数据完整性 / Completion sheet: per plan and data year the
// claims reported by the valuation date, the estimate of those still to be
// reported (IBNR), the ultimate and the completion factor, in counts and
// paid amounts (docs/model.md §6), then the warnings of the completion and
// the credibility, in the report's language.
func completion(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	l := in.lang()
	head := []string{}
	for _, k := range []string{"plan", "year", "reported", "ibnr", "ultimate", "completion", "reported_paid", "ibnr_paid", "ultimate_paid", "completion_paid"} {
		head = append(head, l.T("report.completion_col."+k))
	}
	var rows [][]cell
	asOf := ""
	for _, p := range in.Plans {
		e := p.Experience
		if e == nil {
			continue
		}
		if !e.AsOf.IsZero() {
			asOf = e.AsOf.Format("2006-01-02")
		}
		for _, y := range e.Completion {
			rows = append(rows, []cell{txt(p.Terms.Plan), {y.Year, 0}, {round2(y.ReportedCount), st.ratio}, {round2(y.IBNRCount), st.ratio}, {round2(y.UltimateCount), st.ratio},
				pctc(y.CompletionCount(), st), {round2(y.ReportedPaid), st.money}, {round2(y.IBNRPaid), st.money}, {round2(y.UltimatePaid), st.money},
				pctc(y.CompletionPaid(), st)})
		}
	}
	var warns [][]cell
	for _, p := range in.Plans {
		if p.Experience == nil {
			continue
		}
		for _, w := range p.Experience.Warnings {
			warns = append(warns, []cell{txt(p.Terms.Plan), txt(WarningText(l, w.Code, w.Args))})
		}
	}
	if len(warns) > 0 {
		rows = append(rows, []cell{}, []cell{txt(l.T("report.completion_warnings"))})
		rows = append(rows, warns...)
	}
	return table(f, sheet, l.T("report.completion_title", asOf), head, rows, st)
}

// WarningText is a model warning (plans/model Warning codes) in l: the
// prior's name of priced_on_assumption is translated too.
func WarningText(l i18n.Lang, code string, args []string) string {
	a := make([]any, len(args))
	for i, s := range args {
		a[i] = s
		if code == "priced_on_assumption" && i == 2 {
			a[i] = l.T("prior." + s) // reference or jeffreys
		}
	}
	return l.T("warn."+code, a...)
}

// lang is the report's language (Chinese unless English is asked for).
func (in *Input) lang() i18n.Lang {
	if in.Lang == i18n.En {
		return i18n.En
	}
	return i18n.Zh
}
