package report

import (
	"fmt"
	"io"
	"strconv"

	"github.com/huzhu-fund/huzhu/internal/i18n"
)

// AggQuantile is a VaR and TVaR of a total (with standard errors for Monte
// Carlo and the discretisation bracket with --bracket).
type AggQuantile struct {
	P          float64    `json:"p"`
	VaR        *float64   `json:"var"`
	TVaR       *float64   `json:"tvar"`
	VaRSE      *float64   `json:"var_se,omitempty"`
	TVaRSE     *float64   `json:"tvar_se,omitempty"`
	VaRBracket []*float64 `json:"var_bracket,omitempty"`
}

// AggCDF is P(S ≤ x).
type AggCDF struct {
	X float64  `json:"x"`
	P *float64 `json:"p"`
}

// AggStopLoss is E[(S − d)+].
type AggStopLoss struct {
	D     float64  `json:"d"`
	Value *float64 `json:"value"`
}

// AggStdError is the Monte Carlo standard error of the mean.
type AggStdError struct {
	Mean float64 `json:"mean"`
}

// Aggregate is the result of aggregate: the distribution of a total.
type Aggregate struct {
	Method      string        `json:"method"`
	Approximate bool          `json:"approximate"`
	Step        *float64      `json:"step,omitempty"`
	Seed        *uint64       `json:"seed,omitempty"`
	Paths       int           `json:"paths,omitempty"`
	Mean        *float64      `json:"mean"`
	SD          *float64      `json:"sd"`
	Skewness    *float64      `json:"skewness"`
	ExactMean   *float64      `json:"exact_mean"`
	ExactSD     *float64      `json:"exact_sd"`
	MissingMass float64       `json:"missing_mass"`
	Quantiles   []AggQuantile `json:"quantiles"`
	CDF         []AggCDF      `json:"cdf"`
	StopLoss    []AggStopLoss `json:"stop_loss"`
	StdError    *AggStdError  `json:"std_error,omitempty"`

	Bracket bool `json:"-"` // the quantiles carry VaR brackets
}

func (a *Aggregate) JSON() any { return a }

func (a *Aggregate) mc() bool { return a.StdError != nil }

func (a *Aggregate) CSV(w io.Writer, l i18n.Lang) error {
	t := &Table{Columns: []Column{{Key: "measure"}, {Key: "at"}, {Key: "value"}, {Key: "std_error"}}}
	se := ""
	if a.mc() {
		se = strconv.FormatFloat(a.StdError.Mean, 'g', 6, 64)
	}
	t.Add("mean", "", FV(a.Mean, 6), se)
	t.Add("sd", "", FV(a.SD, 6), "")
	t.Add("skewness", "", FV(a.Skewness, 6), "")
	t.Add("missing_mass", "", strconv.FormatFloat(a.MissingMass, 'g', 6, 64), "")
	for _, q := range a.Quantiles {
		t.Add("var", G(q.P), FV(q.VaR, 6), G6(q.VaRSE))
		t.Add("tvar", G(q.P), FV(q.TVaR, 6), G6(q.TVaRSE))
	}
	for _, c := range a.CDF {
		t.Add("cdf", G(c.X), FV(c.P, 10), "")
	}
	for _, s := range a.StopLoss {
		t.Add("stop_loss", G(s.D), FV(s.Value, 6), "")
	}
	return t.WriteCSV(w)
}

func (a *Aggregate) Table(w io.Writer, l i18n.Lang) error {
	mc := a.mc()
	label := a.Method
	if a.Approximate {
		label += l.T("aggregate.approximation")
	}
	fmt.Fprint(w, l.T("aggregate.method", label))
	if a.Step != nil {
		fmt.Fprint(w, l.T("aggregate.step", G(*a.Step)))
	}
	if mc {
		fmt.Fprint(w, l.T("aggregate.paths", a.Paths, *a.Seed))
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, l.T("aggregate.moments", FV(a.Mean, 4), FV(a.SD, 4), FV(a.Skewness, 4)))
	if mc {
		fmt.Fprint(w, l.T("aggregate.se_mean", Float(a.StdError.Mean, 4)))
	}
	fmt.Fprintln(w)
	if !a.Approximate && !mc {
		fmt.Fprintln(w, l.T("aggregate.missing_mass", strconv.FormatFloat(a.MissingMass, 'g', 3, 64)))
	}
	fmt.Fprintln(w)
	t := &Table{Columns: []Column{RCol("p", "col.p"), {Key: "var", Text: "VaR", Align: Right}, {Key: "tvar", Text: "TVaR", Align: Right}}}
	if mc {
		t.Columns = append(t.Columns, RCol("var_se", "col.var_se"), RCol("tvar_se", "col.tvar_se"))
	}
	if a.Bracket {
		t.Columns = append(t.Columns, RCol("var_bracket", "col.var_bracket"))
	}
	for _, q := range a.Quantiles {
		cells := []string{G(q.P), FV(q.VaR, 4), FV(q.TVaR, 4)}
		if mc {
			cells = append(cells, FV(q.VaRSE, 4), FV(q.TVaRSE, 4))
		}
		if a.Bracket {
			cells = append(cells, "["+FV(q.VaRBracket[0], 4)+", "+FV(q.VaRBracket[1], 4)+"]")
		}
		t.Add(cells...)
	}
	if err := t.Render(w, l); err != nil {
		return err
	}
	if len(a.CDF) > 0 {
		fmt.Fprintln(w)
		ct := &Table{Columns: []Column{{Key: "x", Text: "x", Align: Right}, {Key: "p", Text: "P(S ≤ x)", Align: Right}}}
		for _, c := range a.CDF {
			ct.Add(G(c.X), FV(c.P, 10))
		}
		if err := ct.Render(w, l); err != nil {
			return err
		}
	}
	if len(a.StopLoss) > 0 {
		fmt.Fprintln(w)
		st := &Table{Columns: []Column{{Key: "d", Text: "d", Align: Right}, {Key: "value", Text: "E[(S − d)+]", Align: Right}}}
		for _, s := range a.StopLoss {
			st.Add(G(s.D), FV(s.Value, 6))
		}
		return st.Render(w, l)
	}
	return nil
}
