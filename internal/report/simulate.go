package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/record"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// QuantileOut is a VaR and TVaR of a distribution of benefits (with their
// standard errors for Monte Carlo).
type QuantileOut struct {
	P      float64  `json:"p"`
	VaR    string   `json:"var"`
	TVaR   string   `json:"tvar"`
	VaRSE  *float64 `json:"var_se,omitempty"`
	TVaRSE *float64 `json:"tvar_se,omitempty"`
}

// VarianceShares splits a variance into process, parameter and trend parts.
type VarianceShares struct {
	Process   float64 `json:"process"`
	Parameter float64 `json:"parameter"`
	Trend     float64 `json:"trend"`
}

// NewVarianceShares is the parts as shares of their sum (nil when it is 0).
func NewVarianceShares(proc, param, trend float64) *VarianceShares {
	t := proc + param + trend
	if !(t > 0) {
		return nil
	}
	return &VarianceShares{Process: proc / t, Parameter: param / t, Trend: trend / t}
}

// SimLine is the distribution of a plan's or the fund's benefits.
type SimLine struct {
	Plan             string          `json:"plan,omitempty"`
	Name             string          `json:"name,omitempty"`
	Members          int64           `json:"members"`
	Shares           int64           `json:"shares"`
	Contributions    string          `json:"contributions"`
	Expected         string          `json:"expected"`
	SD               string          `json:"sd"`
	ExpectedPerShare string          `json:"expected_per_share,omitempty"`
	LossRatio        *float64        `json:"loss_ratio"`
	PDeficit         *float64        `json:"p_deficit"`
	PDeficitSE       *float64        `json:"p_deficit_se,omitempty"`
	ExpectedSE       *float64        `json:"expected_se,omitempty"`
	Quantiles        []QuantileOut   `json:"quantiles"`
	VarianceShares   *VarianceShares `json:"variance_shares,omitempty"`
}

// Simulation is the result of simulate: next year's benefits per plan and
// for the fund.
type Simulation struct {
	File          string    `json:"file"`
	Year          int       `json:"year"`
	Method        string    `json:"method"`
	ParameterRisk bool      `json:"parameter_risk"`
	TrendRisk     bool      `json:"trend_risk"`
	Seed          *uint64   `json:"seed,omitempty"`
	Paths         int       `json:"paths,omitempty"`
	Plans         []SimLine `json:"plans"`
	Fund          SimLine   `json:"fund"`

	Models      []*model.Plan       `json:"-"` // the plans' models, for the audit record
	Assumptions []record.Assumption `json:"-"` // the Fund keys with their sources, for the audit record
}

func (s *Simulation) JSON() any { return s }

// CSV is the long form (LongCSV): every plan's figures and the fund's (plan
// ""), VaR and TVaR as var_95, tvar_99.5, …, and the fund's variance shares;
// the same in every language.
func (s *Simulation) CSV(w io.Writer, l i18n.Lang) error {
	var o LongCSV
	line := func(section, plan string, sl SimLine) {
		y := s.Year
		o.Int(section, plan, y, "members", sl.Members)
		o.Int(section, plan, y, "shares", sl.Shares)
		o.Add(section, plan, y, "contributions", sl.Contributions)
		o.Add(section, plan, y, "expected", sl.Expected)
		o.Add(section, plan, y, "sd", sl.SD)
		if sl.ExpectedPerShare != "" {
			o.Add(section, plan, y, "expected_per_share", sl.ExpectedPerShare)
		}
		o.Num(section, plan, y, "loss_ratio", sl.LossRatio)
		o.Num(section, plan, y, "p_deficit", sl.PDeficit)
		if sl.PDeficitSE != nil {
			o.Num(section, plan, y, "p_deficit_se", sl.PDeficitSE)
		}
		for _, q := range sl.Quantiles {
			p := pLabel(q.P)
			o.Add(section, plan, y, "var_"+p, q.VaR)
			o.Add(section, plan, y, "tvar_"+p, q.TVaR)
			if q.VaRSE != nil {
				o.Num(section, plan, y, "var_se_"+p, q.VaRSE)
				o.Num(section, plan, y, "tvar_se_"+p, q.TVaRSE)
			}
		}
		if vs := sl.VarianceShares; vs != nil {
			o.F(section, plan, y, "variance_process", vs.Process)
			o.F(section, plan, y, "variance_parameter", vs.Parameter)
			o.F(section, plan, y, "variance_trend", vs.Trend)
		}
	}
	for _, sl := range s.Plans {
		line("plan", sl.Plan, sl)
	}
	line("fund", "", s.Fund)
	return o.Write(w)
}

func (s *Simulation) table(l i18n.Lang) *Table {
	cols := []Column{
		Col("plan", "col.plan"), RCol("members", "col.members"), RCol("shares", "col.shares"), RCol("contributions", "col.contributions"),
		RCol("expected", "col.expected"), RCol("sd", "col.sd"), RCol("per_share", "col.per_share"), RCol("loss_ratio", "col.loss_ratio"),
		RCol("p_deficit", "col.p_shortfall"),
	}
	for _, q := range s.Fund.Quantiles {
		p := strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", 100*q.P), "0"), ".")
		cols = append(cols, Column{Key: "var_" + p, Text: "VaR " + p + "%", Align: Right}, Column{Key: "tvar_" + p, Text: "TVaR " + p + "%", Align: Right})
	}
	t := &Table{Columns: cols}
	add := func(name string, sl SimLine) {
		cells := []string{name, Int(sl.Members), Int(sl.Shares), MoneyText(sl.Contributions), MoneyText(sl.Expected), MoneyText(sl.SD), sl.ExpectedPerShare,
			Pct(sl.LossRatio, 1), Pct(sl.PDeficit, 2)}
		for _, q := range sl.Quantiles {
			cells = append(cells, MoneyText(q.VaR), MoneyText(q.TVaR))
		}
		t.Add(cells...)
	}
	for _, sl := range s.Plans {
		add(PlanLabel(l, sl.Plan, sl.Name), sl)
	}
	add(l.T("fund_total"), s.Fund)
	return t
}

func (s *Simulation) Table(w io.Writer, l i18n.Lang) error {
	how := l.T("simulate.exact")
	if s.Method == "mc" {
		how = l.T("simulate.mc", s.Paths, *s.Seed)
	}
	risk := l.T("simulate.process_risk")
	if s.ParameterRisk {
		risk += l.T("simulate.plus_parameter_risk")
	}
	if s.TrendRisk {
		risk += l.T("simulate.plus_trend_risk")
	}
	fmt.Fprintln(w, l.T("simulate.heading", s.Year, how, risk))
	fmt.Fprintln(w)
	if err := s.table(l).Render(w, l); err != nil {
		return err
	}
	if vs := s.Fund.VarianceShares; vs != nil {
		fmt.Fprintln(w)
		fmt.Fprintln(w, l.T("simulate.variance", 100*vs.Process, 100*vs.Parameter, 100*vs.Trend))
	}
	return nil
}
