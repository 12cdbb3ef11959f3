package report

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/huzhu-fund/huzhu/actuarial/fit"
	"github.com/huzhu-fund/huzhu/internal/calreport"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// FitJSON is one fitted distribution as scripts see it; parameter names are R's.
type FitJSON struct {
	Distribution string              `json:"distribution"`
	Params       map[string]*float64 `json:"params"`
	SE           map[string]*float64 `json:"se"`
	LogLik       *float64            `json:"loglik"`
	AIC          *float64            `json:"aic"`
	BIC          *float64            `json:"bic"`
	KS           *float64            `json:"ks,omitempty"`
	CvM          *float64            `json:"cvm,omitempty"`
	AD           *float64            `json:"ad,omitempty"`
	ChiSq        *float64            `json:"chisq,omitempty"`
	DF           *int                `json:"df,omitempty"`
	PValue       *float64            `json:"p_value,omitempty"`
	Converged    bool                `json:"converged"`
	Chosen       bool                `json:"chosen"`
	Rank         int                 `json:"rank,omitempty"` // 1 = lowest AIC; absent for a failed fit
	Message      string              `json:"message,omitempty"`
	N            float64             `json:"n"`

	ParamNames []string `json:"-"` // in R's order
}

// ParamMap names the values of a fit's parameters (null when absent).
func ParamMap(names []string, vals []float64) map[string]*float64 {
	m := make(map[string]*float64, len(names))
	for i, n := range names {
		if i < len(vals) {
			m[n] = Num(vals[i])
		} else {
			m[n] = nil
		}
	}
	return m
}

// AltJSON is an alternative model, with its AIC above the best.
type AltJSON struct {
	Distribution string   `json:"distribution"`
	AIC          *float64 `json:"aic"`
	DeltaAIC     *float64 `json:"delta_aic"`
	Converged    bool     `json:"converged"`
}

// Alternatives lists ranked fits with their ΔAIC.
func Alternatives[T fit.Fitted](ranked []T) []AltJSON {
	var out []AltJSON
	best := math.NaN()
	for _, r := range ranked {
		in := r.Info()
		a := AltJSON{Distribution: in.Family, Converged: in.Converged, AIC: Num(in.AIC)}
		if in.Converged {
			if math.IsNaN(best) {
				best = in.AIC
			}
			a.DeltaAIC = Num(in.AIC - best)
		}
		out = append(out, a)
	}
	return out
}

// FreqJSON is a benefit's count model.
type FreqJSON struct {
	Family     string   `json:"family"`
	RecordedMu float64  `json:"recorded_mu"`
	Thinning   float64  `json:"thinning"`
	Mu         float64  `json:"mu"`
	Size       *float64 `json:"size"`
	// P0 and BaseMu are the hurdle's (family zmod-nbinom or zmod-pois):
	// the fitted share of member-years without recorded events and the
	// claimants' base mu (lambda).
	P0           *float64  `json:"p0,omitempty"`
	BaseMu       *float64  `json:"base_mu,omitempty"`
	RelSE        float64   `json:"rel_se"`
	Reason       string    `json:"reason,omitempty"`
	Alternatives []AltJSON `json:"alternatives,omitempty"`
}

// SevJSON is a benefit's severity model.
type SevJSON struct {
	FitJSON
	Truncation   float64   `json:"truncation"`
	Years        []int     `json:"years"`
	ScaleSE      float64   `json:"scale_se"`
	Trended      bool      `json:"trended"`
	Reason       string    `json:"reason"`
	Alternatives []AltJSON `json:"alternatives"`
}

// DaysJSON is a benefit's hospital-days model.
type DaysJSON struct {
	Family     string             `json:"family"`
	Params     map[string]float64 `json:"params"`
	SE         map[string]float64 `json:"se"`
	Truncation int                `json:"truncation"`
	N          int                `json:"n"`
}

// BenefitJSON is the models of one benefit of a plan.
type BenefitJSON struct {
	Benefit    string             `json:"benefit"`
	Claims     int64              `json:"claims"`
	Frequency  FreqJSON           `json:"frequency"`
	Severity   *SevJSON           `json:"severity,omitempty"`
	Payment    map[string]float64 `json:"payment,omitempty"`
	Days       *DaysJSON          `json:"days,omitempty"`
	Categories map[string]float64 `json:"categories,omitempty"`
}

// AEJSON is last year's actual benefits against the expected.
type AEJSON struct {
	Year     int      `json:"year"`
	Actual   string   `json:"actual"`
	Expected string   `json:"expected"`
	SD       string   `json:"sd"`
	Lo90     string   `json:"lo90"`
	Hi90     string   `json:"hi90"`
	Ratio    *float64 `json:"ratio"`
	Within   bool     `json:"within"`
}

// PlanFitJSON is a plan's fitted models.
type PlanFitJSON struct {
	Plan     string             `json:"plan"`
	Name     string             `json:"name,omitempty"`
	Kind     string             `json:"kind"`
	Source   string             `json:"source"`
	LastYear int                `json:"last_year"`
	Members  float64            `json:"members"`
	Exposure float64            `json:"exposure"`
	ShareMix map[string]float64 `json:"share_mix"`
	Benefits []BenefitJSON      `json:"benefits"`
	Notes    []string           `json:"notes"`
	AE       *AEJSON            `json:"actual_expected"`
	// Completion is the completion of late-reported claims at the valuation
	// date (docs/model.md §6); nil when the plan has no claim detail.
	Completion *CompletionJSON `json:"completion,omitempty"`
	// Credibility is each benefit's credibility blend and, where the book
	// has groups, Bühlmann–Straub across them (docs/model.md §6);
	// Outliers the claims far beyond the caps or the fitted severity.
	Credibility []CredibilityJSON `json:"credibility,omitempty"`
	Outliers    []OutlierJSON     `json:"outliers,omitempty"`
	// Classes are the plan's rate classes with their relativities and
	// count dispersions (model.RateClass; docs/model.md §7); absent
	// without a class column.
	Classes []ClassFitJSON `json:"classes,omitempty"`
}

// ClassFitJSON is one rate class as fitted (model.RateClass).
type ClassFitJSON struct {
	Class        string           `json:"class"`
	Mix          float64          `json:"mix"`
	Members      float64          `json:"members"`
	Exposure     float64          `json:"exposure"`
	Events       float64          `json:"events"`
	IncidenceRaw float64          `json:"incidence_raw"`
	IncidenceZ   float64          `json:"incidence_z"`
	Incidence    float64          `json:"incidence"`
	CostClaims   int              `json:"cost_claims"`
	SeverityRaw  float64          `json:"severity_raw"`
	SeverityZ    float64          `json:"severity_z"`
	Severity     float64          `json:"severity"`
	Counts       []ClassCountJSON `json:"counts,omitempty"`
}

// ClassCountJSON is a class's dispersion of one benefit's event counts
// (model.ClassCount): the class's own estimate of 1/size with its standard
// error (null when the class's fit failed), the credibility, and the
// dispersion and size used (size null for Poisson).
type ClassCountJSON struct {
	Benefit    string   `json:"benefit"`
	Raw        *float64 `json:"raw"`
	SE         *float64 `json:"se"`
	Z          float64  `json:"z"`
	Dispersion float64  `json:"dispersion"`
	Size       *float64 `json:"size"`
	Claimants  float64  `json:"claimants"`
	Events     float64  `json:"events"`
}

// classesJSON are p's rate classes as fitted (nil without classes).
func classesJSON(p *model.Plan) []ClassFitJSON {
	var out []ClassFitJSON
	for _, c := range p.Classes {
		cj := ClassFitJSON{Class: c.Class, Mix: c.Mix, Members: c.Members, Exposure: c.Exposure, Events: c.Events,
			IncidenceRaw: c.IncidenceRaw, IncidenceZ: c.IncidenceZ, Incidence: c.Incidence,
			CostClaims: c.CostClaims, SeverityRaw: c.SeverityRaw, SeverityZ: c.SeverityZ, Severity: c.Severity}
		for _, k := range c.Counts {
			cj.Counts = append(cj.Counts, ClassCountJSON{Benefit: string(k.Benefit), Raw: Num(k.Raw), SE: Num(k.SE), Z: k.Z,
				Dispersion: k.Dispersion, Size: Num(k.Size), Claimants: k.Claimants, Events: k.Events})
		}
		out = append(out, cj)
	}
	return out
}

// CompletionYear is one data year's claims as reported by as_of and
// completed to ultimate.
type CompletionYear struct {
	Year            int     `json:"year"`
	ReportedCount   float64 `json:"reported_count"`
	IBNRCount       float64 `json:"ibnr_count"`
	UltimateCount   float64 `json:"ultimate_count"`
	CompletionCount float64 `json:"completion_count"`
	ReportedPaid    string  `json:"reported_paid"`
	IBNRPaid        string  `json:"ibnr_paid"`
	UltimatePaid    string  `json:"ultimate_paid"`
	CompletionPaid  float64 `json:"completion_paid"`
}

// WarningJSON is a model warning: a code and its arguments.
type WarningJSON struct {
	Code string   `json:"code"`
	Args []string `json:"args"`
}

// CompletionJSON is a plan's completion and its warnings.
type CompletionJSON struct {
	AsOf     string           `json:"as_of"`
	Later    int              `json:"reported_after_as_of"`
	NoDates  int              `json:"without_dates"`
	Override bool             `json:"lag_override"`
	Years    []CompletionYear `json:"years"`
	Warnings []WarningJSON    `json:"warnings"`
}

// Fits is the result of fit: every plan's models and last year's actual
// against expected.
type Fits struct {
	File  string        `json:"file"`
	Plans []PlanFitJSON `json:"plans"`
}

// NewFits describes the plans' models.
func NewFits(file string, ps []*model.Plan, ae []model.AE) *Fits {
	out := &Fits{File: file}
	for i, p := range ps {
		pj := PlanFitJSON{Plan: p.Terms.Plan, Name: p.Terms.Name, Kind: string(p.Terms.Kind), Source: p.Source, LastYear: p.LastYear,
			Members: p.Members, Exposure: p.Exposure, ShareMix: map[string]float64{}, Notes: append([]string{}, p.Notes...)}
		for k, w := range p.ShareMix {
			pj.ShareMix[fmt.Sprint(k)] = w
		}
		for _, b := range p.Benefits {
			bj := BenefitJSON{Benefit: string(b.Benefit), Claims: b.Claims, Categories: b.Categories,
				Frequency: FreqJSON{Family: b.Freq.Family, RecordedMu: b.Freq.RecordedMu, Thinning: b.Freq.Thinning, Mu: b.Freq.Mu,
					Size: Num(b.Freq.Size), RelSE: b.Freq.RelSE, Reason: b.Freq.Reason}}
			if b.Freq.Alternatives != nil {
				bj.Frequency.Alternatives = Alternatives(b.Freq.Alternatives)
			}
			if b.Freq.Hurdle() && b.Freq.Fit != nil {
				bj.Frequency.P0, bj.Frequency.BaseMu = Num(b.Freq.Fit.Params[0]), Num(b.Freq.BaseMu)
			}
			if s := b.Sev; s != nil && s.Fit != nil {
				r := s.Fit
				bj.Severity = &SevJSON{FitJSON: FitJSON{Distribution: r.Family, Params: ParamMap(r.ParamNames, r.Params), SE: ParamMap(r.ParamNames, r.SE),
					LogLik: Num(r.LogLik), AIC: Num(r.AIC), BIC: Num(r.BIC), KS: Num(r.KS), CvM: Num(r.CvM), AD: Num(r.AD),
					Converged: r.Converged, Chosen: true, Rank: 1, Message: r.Message, N: r.N},
					Truncation: s.Truncation, Years: s.Years, ScaleSE: s.ScaleSE, Trended: s.Trended, Reason: s.Reason, Alternatives: Alternatives(s.Alternatives)}
			}
			if b.Payment != nil {
				bj.Payment = b.Payment.Params()
			}
			if d := b.Days; d != nil && d.Fit != nil {
				dj := &DaysJSON{Family: d.Fit.Family, Params: map[string]float64{}, SE: map[string]float64{}, Truncation: d.Truncation, N: d.N}
				for k, n := range d.Fit.ParamNames {
					dj.Params[n] = d.Fit.Params[k]
					if k < len(d.Fit.SE) {
						dj.SE[n] = d.Fit.SE[k]
					}
				}
				bj.Days = dj
			}
			pj.Benefits = append(pj.Benefits, bj)
		}
		if e := p.Experience; e != nil {
			c := &CompletionJSON{Later: e.Later, NoDates: e.NoDates, Override: e.Override, Years: []CompletionYear{}, Warnings: []WarningJSON{}}
			if !e.AsOf.IsZero() {
				c.AsOf = e.AsOf.Format("2006-01-02")
			}
			for _, y := range e.Completion {
				c.Years = append(c.Years, CompletionYear{Year: y.Year, ReportedCount: y.ReportedCount, IBNRCount: y.IBNRCount, UltimateCount: y.UltimateCount,
					CompletionCount: y.CompletionCount(), ReportedPaid: M2(Fen(y.ReportedPaid)), IBNRPaid: M2(Fen(y.IBNRPaid)),
					UltimatePaid: M2(Fen(y.UltimatePaid)), CompletionPaid: y.CompletionPaid()})
			}
			for _, w := range e.Warnings {
				c.Warnings = append(c.Warnings, WarningJSON{Code: w.Code, Args: append([]string{}, w.Args...)})
			}
			pj.Completion = c
			pj.Credibility, pj.Outliers = credibilityJSON(e)
		}
		pj.Classes = classesJSON(p)
		if i < len(ae) {
			a := ae[i]
			pj.AE = &AEJSON{Year: a.Year, Actual: M2(Fen(a.Actual)), Expected: M2(Fen(a.Expected)), SD: M2(Fen(a.SD)),
				Lo90: M2(Fen(a.Lo)), Hi90: M2(Fen(a.Hi)), Ratio: Num(a.Ratio), Within: a.Within}
		}
		out.Plans = append(out.Plans, pj)
	}
	return out
}

func (f *Fits) JSON() any { return f }

// CSV is the models table with each benefit's credibility columns.
func (f *Fits) CSV(w io.Writer, l i18n.Lang) error {
	t := f.modelsTable(l, true)
	t.Columns = append(t.Columns, credibilityColumns...)
	k := 0
	for i := range f.Plans {
		pj := &f.Plans[i]
		for _, b := range pj.Benefits {
			t.Rows[k] = append(t.Rows[k], credibilityCells(pj.credibilityOf(b.Benefit))...)
			k++
		}
	}
	return t.WriteCSV(w)
}

// modelsTable is the fitted models; csv: for CSV, the same in every language
// (plan keys, the English texts of the models).
func (f *Fits) modelsTable(l i18n.Lang, csv bool) *Table {
	if csv {
		l = i18n.En
	}
	models := &Table{Title: l.T("fit.models_title"), Columns: []Column{
		Col("plan", "col.plan"), Col("benefit", "col.benefit"), RCol("claims", "col.claims"),
		RCol("recorded", "col.recorded_rate"), RCol("thinning", "col.thinning"), RCol("mu", "col.mu"), RCol("rel_se", "col.rel_se"),
		Col("count_model", "col.count_model"), Col("amount_model", "col.amount_model"),
	}}
	for _, pj := range f.Plans {
		for _, b := range pj.Benefits {
			count := b.Frequency.Family
			switch {
			case b.Frequency.P0 != nil && b.Frequency.BaseMu != nil && b.Frequency.Size != nil:
				count += fmt.Sprintf("(p0=%.4g, size=%.3g, mu=%.3g)", *b.Frequency.P0, *b.Frequency.Size, *b.Frequency.BaseMu)
			case b.Frequency.P0 != nil && b.Frequency.BaseMu != nil: // zmod-pois
				count += fmt.Sprintf("(p0=%.4g, lambda=%.3g)", *b.Frequency.P0, *b.Frequency.BaseMu)
			case b.Frequency.Size != nil && !math.IsInf(*b.Frequency.Size, 1):
				count += fmt.Sprintf("(size=%.3g)", *b.Frequency.Size)
			}
			amount := ""
			switch {
			case b.Severity != nil:
				amount = b.Severity.Distribution + "(" + FormatParams(b.Severity.Params, SortedKeys(b.Severity.Params)) + ")"
				if b.Severity.Truncation > 0 {
					amount += l.T("fit.truncated_at", b.Severity.Truncation)
				}
			case b.Days != nil:
				amount = l.T("fit.days") + b.Days.Family + "(" + formatFloatMap(b.Days.Params) + ")"
			case b.Payment != nil:
				amount = l.T("fit.paid_assumed", formatFloatMap(b.Payment))
			case len(b.Categories) > 0:
				amount = l.T("fit.classes", len(b.Categories))
			}
			plan := PlanLabel(l, pj.Plan, pj.Name)
			if csv {
				plan = pj.Plan
			}
			models.Add(plan, i18n.BenefitLabel(l, b.Benefit), Int(b.Claims), Percent(b.Frequency.RecordedMu, 3), Percent(b.Frequency.Thinning, 1),
				Percent(b.Frequency.Mu, 3), Percent(b.Frequency.RelSE, 1), count, amount)
		}
	}
	return models
}

func (f *Fits) Table(w io.Writer, l i18n.Lang) error {
	if err := f.modelsTable(l, false).Render(w, l); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, pj := range f.Plans {
		for _, b := range pj.Benefits {
			if b.Severity != nil && len(b.Severity.Alternatives) > 1 {
				var alts []string
				for _, a := range b.Severity.Alternatives[1:] {
					if a.DeltaAIC != nil {
						alts = append(alts, fmt.Sprintf("%s +%.1f", a.Distribution, *a.DeltaAIC))
					}
				}
				fmt.Fprintln(w, l.T("fit.severity_choice", PlanLabel(l, pj.Plan, pj.Name), b.Benefit, b.Severity.Distribution, i18n.Translate(l, b.Severity.Reason), strings.Join(alts, ", ")))
			}
		}
		for _, n := range pj.Notes {
			fmt.Fprintln(w, l.T("fit.plan_note", PlanLabel(l, pj.Plan, pj.Name), i18n.Translate(l, n)))
		}
	}
	fmt.Fprintln(w)
	if err := f.completionTable(w, l); err != nil {
		return err
	}
	if err := f.writeCredibility(w, l); err != nil {
		return err
	}
	aet := &Table{Title: l.T("fit.ae_title"), Columns: []Column{
		Col("plan", "col.plan"), Col("year", "col.year"), RCol("actual", "col.actual"), RCol("expected", "col.expected"),
		RCol("interval", "col.interval90"), RCol("ratio", "col.ae_ratio"), Col("within", "col.within"),
	}}
	for _, pj := range f.Plans {
		a := pj.AE
		in := l.T("yes")
		if !a.Within {
			in = l.T("fit.outside")
		}
		aet.Add(PlanLabel(l, pj.Plan, pj.Name), fmt.Sprint(a.Year), MoneyText(a.Actual), MoneyText(a.Expected), MoneyText(a.Lo90)+" – "+MoneyText(a.Hi90), FV(a.Ratio, 3), in)
	}
	return aet.Render(w, l)
}

// completionTable writes, per plan and data year, the claims reported by the
// valuation date, the estimate of those still to be reported (IBNR), the
// ultimate and the completion factor, then the completion's warnings.
func (f *Fits) completionTable(w io.Writer, l i18n.Lang) error {
	asOf := ""
	for _, pj := range f.Plans {
		if pj.Completion != nil && pj.Completion.AsOf != "" {
			asOf = pj.Completion.AsOf
		}
	}
	if asOf == "" {
		return nil
	}
	t := &Table{Title: l.T("fit.completion_title", asOf), Columns: []Column{
		Col("plan", "col.plan"), Col("year", "col.year"), RCol("reported", "col.reported"), RCol("ibnr", "col.ibnr"),
		RCol("ultimate", "col.ultimate"), RCol("completion", "col.completion"), RCol("reported_paid", "col.reported_paid"),
		RCol("ultimate_paid", "col.ultimate_paid"), RCol("completion_paid", "col.completion_paid"),
	}}
	var warns []string
	for _, pj := range f.Plans {
		c := pj.Completion
		if c == nil {
			continue
		}
		for _, y := range c.Years {
			t.Add(PlanLabel(l, pj.Plan, pj.Name), fmt.Sprint(y.Year), Int(int64(math.Round(y.ReportedCount))), fmt.Sprintf("%.1f", y.IBNRCount), fmt.Sprintf("%.1f", y.UltimateCount),
				Percent(y.CompletionCount, 1), MoneyText(y.ReportedPaid), MoneyText(y.UltimatePaid), Percent(y.CompletionPaid, 1))
		}
		for _, wj := range c.Warnings {
			warns = append(warns, calreport.WarningText(l, wj.Code, wj.Args))
		}
	}
	if err := t.Render(w, l); err != nil {
		return err
	}
	for _, s := range warns {
		fmt.Fprintln(w, s)
	}
	fmt.Fprintln(w)
	return nil
}

// FormatParams writes parameters as "name=value …" in the order given.
func FormatParams(m map[string]*float64, order []string) string {
	var parts []string
	for _, n := range order {
		v := m[n]
		s := "—"
		if v != nil {
			s = strconv.FormatFloat(*v, 'g', 7, 64)
		}
		parts = append(parts, n+"="+s)
	}
	return strings.Join(parts, " ")
}

// SortedKeys returns a map's keys in order.
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func formatFloatMap(m map[string]float64) string {
	var parts []string
	for _, k := range SortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%s=%.4g", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

// Fitdist is the result of fitdist: every distribution fitted to the data.
type Fitdist struct {
	Fits   []FitJSON
	Counts bool   // count data: chi-square columns instead of KS, CvM, AD
	Reason string // why the chosen fit was chosen ("" when none converged)
}

func (f *Fitdist) JSON() any { return f.Fits }

func (f *Fitdist) CSV(w io.Writer, l i18n.Lang) error { return f.table(i18n.En, true).WriteCSV(w) }

func (f *Fitdist) Table(w io.Writer, l i18n.Lang) error {
	if err := f.table(l, false).Render(w, l); err != nil {
		return err
	}
	fmt.Fprintln(w)
	if f.Reason != "" {
		for _, r := range f.Fits {
			if r.Chosen {
				fmt.Fprintln(w, l.T("fitdist.chosen", r.Distribution, i18n.Translate(l, f.Reason)))
			}
		}
	} else {
		fmt.Fprintln(w, l.T("fitdist.none"))
	}
	for _, r := range f.Fits {
		if r.Message != "" {
			fmt.Fprintln(w, l.T("fitdist.message", r.Distribution, i18n.Translate(l, r.Message)))
		}
	}
	return nil
}

// table is the fits ranked; csv: converged as true or false.
func (f *Fitdist) table(l i18n.Lang, csv bool) *Table {
	cols := []Column{
		RCol("rank", "col.rank"), Col("distribution", "col.distribution"), Col("params", "col.params"), Col("se", "col.se"),
		RCol("loglik", "col.loglik"), RCol("aic", "col.aic"), RCol("bic", "col.bic"),
	}
	if f.Counts {
		cols = append(cols, RCol("chisq", "col.chisq"), RCol("df", "col.df"), RCol("p_value", "col.p_value"))
	} else {
		cols = append(cols, RCol("ks", "col.ks"), RCol("cvm", "col.cvm"), RCol("ad", "col.ad"))
	}
	cols = append(cols, Col("converged", "col.converged"))
	t := &Table{Title: l.T("fitdist.title"), Columns: cols}
	sorted := append([]FitJSON(nil), f.Fits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		ri, rj := sorted[i].Rank, sorted[j].Rank
		if ri == 0 {
			ri = 1 << 30
		}
		if rj == 0 {
			rj = 1 << 30
		}
		return ri < rj
	})
	for _, r := range sorted {
		order := r.ParamNames
		if len(order) == 0 {
			order = SortedKeys(r.Params)
		}
		rank := "—"
		if r.Rank > 0 {
			rank = strconv.Itoa(r.Rank)
		}
		conv := l.T("yes")
		if !r.Converged {
			conv = l.T("no")
		}
		if csv {
			conv = strconv.FormatBool(r.Converged)
		}
		cells := []string{rank, r.Distribution, FormatParams(r.Params, order), FormatParams(r.SE, order), FV(r.LogLik, 4), FV(r.AIC, 4), FV(r.BIC, 4)}
		if f.Counts {
			df := "—"
			if r.DF != nil {
				df = strconv.Itoa(*r.DF)
			}
			cells = append(cells, FV(r.ChiSq, 4), df, FV(r.PValue, 4))
		} else {
			cells = append(cells, FV(r.KS, 4), FV(r.CvM, 4), FV(r.AD, 4))
		}
		t.Add(append(cells, conv)...)
	}
	return t
}
