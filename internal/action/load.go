package action

import (
	"fmt"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// Models are a workbook's experience and the models estimated from it.
type Models struct {
	Book  *workbook.Book
	Plans []*model.Plan
	Data  []*model.Data
	// Scenario is the priced year of the book's Fund (with the flags' keys);
	// Growth the enrolment growth estimated from the history when the Fund
	// leaves enrolment_growth empty (nil otherwise).
	Scenario *model.Scenario
	Growth   *model.Growth
	// Problems are the workbook's warnings and notices (it has no errors).
	Problems workbook.Problems
}

// LoadModels reads a workbook, refuses one with errors (a *BookError), sets
// the Fund keys of over (flags, parsed as the Fund sheet's cells: the fit
// reads as_of, frequency_trend and max_prior_weight), and estimates the
// plans' models: where a sheet becomes a model.
func LoadModels(file string, over map[string]string) (*Models, error) {
	book, probs, err := workbook.Read(file)
	if err != nil {
		return nil, Input(err)
	}
	if probs.HasErrors() {
		return nil, &BookError{File: file, Problems: probs}
	}
	if err := ApplyOverrides(&book.Fund, over); err != nil {
		return nil, err
	}
	ps, ds, err := model.FromBook(&book.Book, nil)
	if err != nil {
		return nil, Inputf("%s: %v", file, err)
	}
	if err := checkBandTerms(modelTerms(ps)...); err != nil { // bands.go
		return nil, err
	}
	sc, growth := model.ScenarioFromBook(&book.Book)
	return &Models{Book: book, Plans: ps, Data: ds, Scenario: sc, Growth: growth, Problems: probs}, nil
}

// ScenarioTerms reads proposed terms (--terms) for the plans ps: a workbook
// with a Plans sheet; nil when path is "".
func ScenarioTerms(path string, ps []*model.Plan) (map[string]*plans.Terms, error) {
	if path == "" {
		return nil, nil
	}
	rows, probs, err := workbook.ReadTerms(path)
	if err != nil {
		return nil, Input(err)
	}
	if probs.HasErrors() {
		return nil, &BookError{File: path, Terms: true, Problems: probs}
	}
	known := map[string]*model.Plan{}
	for _, p := range ps {
		known[p.Terms.Plan] = p
	}
	out := map[string]*plans.Terms{}
	var bad i18n.Clauses
	for i := range rows {
		t := rows[i].Terms
		p, ok := known[t.Plan]
		if !ok {
			bad = append(bad, i18n.N("err.terms_not_plan", t.Plan))
			continue
		}
		if t.Kind != p.Terms.Kind {
			bad = append(bad, i18n.N("err.terms_kind", t.Plan, t.Kind, p.Terms.Kind))
			continue
		}
		out[t.Plan] = &t
	}
	if len(bad) > 0 {
		return nil, Invalid("err.terms", path, bad)
	}
	for _, p := range ps {
		if t, ok := out[p.Terms.Plan]; ok {
			if err := checkBandTerms(t); err != nil { // bands.go
				return nil, err
			}
		}
	}
	return out, nil
}

// checkSims refuses a number of Monte Carlo paths outside [100, most].
func checkSims(flag string, n, most int) error {
	if n < 100 || n > most {
		return Invalid("err.sims", flag, n, groupInt(most))
	}
	return nil
}

func groupInt(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// checkProbabilities refuses a VaR level outside (0, 1).
func checkProbabilities(ps []float64) error {
	for _, p := range ps {
		if !(p > 0 && p < 1) {
			return Invalid("err.p", p)
		}
	}
	return nil
}
