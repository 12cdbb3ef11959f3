package report

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/huzhu-fund/huzhu/internal/i18n"
)

// StressName names a stress: a built-in one by its message code, one of a
// scenario file by its name.
type StressName struct {
	Code string `json:"code,omitempty"`
	Name string `json:"name,omitempty"`
}

// In is the stress's name in l.
func (n StressName) In(l i18n.Lang) string {
	if n.Code != "" {
		return l.T(n.Code)
	}
	return n.Name
}

// StressLine is one stress's year on the recommended terms.
type StressLine struct {
	StressName
	Income          string  `json:"income"`
	NetIncome       string  `json:"net_income"`
	Expected        string  `json:"expected_benefits"`
	ExpectedDeficit string  `json:"expected_deficit"` // E[(benefits − net income − planned draw)+]
	PDeficit        float64 `json:"p_deficit"`
	PBelowFloor     float64 `json:"p_below_floor"`
	Reserve5        string  `json:"reserve_p5"`
	Reserve50       string  `json:"reserve_p50"`
	Reserve95       string  `json:"reserve_p95"`
	Backstop95      string  `json:"backstop_p95"`
	Backstop99      string  `json:"backstop_p99"`
}

// Stress is the result of huzhu stress (docs/scenarios.md).
type Stress struct {
	File        string            `json:"file"`
	Scenarios   string            `json:"scenario_file,omitempty"`
	Year        int               `json:"year"`
	Feasible    bool              `json:"feasible"` // the calibration met its target
	Plans       []string          `json:"-"`        // the plans' keys, in the book's order
	Names       []string          `json:"-"`        // and their names (the Plans sheet's)
	Recommended map[string]string `json:"recommended_contributions"`
	Stresses    []StressLine      `json:"stresses"`
}

func (s *Stress) JSON() any { return s }

func (s *Stress) table(l i18n.Lang) *Table {
	t := &Table{Columns: []Column{Col("stress", "col.stress"), RCol("income", "col.income"), RCol("expected", "col.expected_benefits"),
		RCol("expected_deficit", "col.expected_deficit"), RCol("p_deficit", "col.p_deficit_short"), RCol("p_below_floor", "col.p_below_floor"),
		RCol("reserve_p5", "col.reserve_p5"), RCol("reserve_p50", "col.reserve_p50"), RCol("backstop_p95", "col.backstop_p95"), RCol("backstop_p99", "col.backstop_p99")}}
	for _, x := range s.Stresses {
		t.Add(x.In(l), MoneyText(x.Income), MoneyText(x.Expected), MoneyText(x.ExpectedDeficit), Percent(x.PDeficit, 2), Percent(x.PBelowFloor, 2),
			MoneyText(x.Reserve5), MoneyText(x.Reserve50), MoneyText(x.Backstop95), MoneyText(x.Backstop99))
	}
	return t
}

func (s *Stress) Table(w io.Writer, l i18n.Lang) error {
	fmt.Fprintln(w, l.T("stress.heading", s.File, s.Year))
	var rec []string
	for i, p := range s.Plans {
		name := ""
		if i < len(s.Names) {
			name = s.Names[i]
		}
		rec = append(rec, PlanLabel(l, p, name)+" "+s.Recommended[p])
	}
	fmt.Fprintln(w, l.T("stress.recommended", joinComma(rec, l)))
	if !s.Feasible {
		fmt.Fprintln(w, l.T("stress.infeasible"))
	}
	fmt.Fprintln(w)
	return s.table(l).Render(w, l)
}

func joinComma(xs []string, l i18n.Lang) string {
	sep := "，"
	if l == i18n.En {
		sep = ", "
	}
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += sep
		}
		out += x
	}
	return out
}

// CSV is one row per stress, plain numbers, probabilities as fractions; the
// stress is its code (built-in) or its name.
func (s *Stress) CSV(w io.Writer, l i18n.Lang) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"stress", "income", "net_income", "expected_benefits", "expected_deficit", "p_deficit", "p_below_floor",
		"reserve_p5", "reserve_p50", "reserve_p95", "backstop_p95", "backstop_p99"}); err != nil {
		return err
	}
	for _, x := range s.Stresses {
		name := x.Name
		if x.Code != "" {
			name = x.Code
		}
		if err := cw.Write([]string{name, x.Income, x.NetIncome, x.Expected, x.ExpectedDeficit, G(x.PDeficit), G(x.PBelowFloor),
			x.Reserve5, x.Reserve50, x.Reserve95, x.Backstop95, x.Backstop99}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
