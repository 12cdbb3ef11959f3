package report

import (
	"fmt"
	"io"
	"strconv"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// CredibilityJSON is the credibility of one benefit's frequency
// (docs/model.md §6): the plan's own rate, the prior, the weight Z of the own
// experience and the blended rate, events per member-year (ground-up).
type CredibilityJSON struct {
	Benefit  string  `json:"benefit"`
	Events   float64 `json:"events"`   // completed events, all years
	Exposure float64 `json:"exposure"` // member-years
	Own      float64 `json:"own_rate"`
	// Prior is "reference", "jeffreys" or "none" (the own experience alone).
	Prior         string   `json:"prior"`
	PriorRate     *float64 `json:"prior_rate"`
	PriorExposure *float64 `json:"prior_exposure"`
	PriorSource   string   `json:"prior_source,omitempty"`
	Z             float64  `json:"z"`
	Rate          float64  `json:"rate"`
	RelSE         float64  `json:"rel_se"`
	// Groups is Bühlmann–Straub across the groups (单位) and years; absent
	// without groups.
	Groups *GroupsJSON `json:"groups,omitempty"`
}

// GroupsJSON is Bühlmann–Straub across groups: the structural parameters
// and each group's rate and credibility.
type GroupsJSON struct {
	Within     float64     `json:"within"`  // s²
	Between    float64     `json:"between"` // a
	K          *float64    `json:"k"`       // s²/a; null when a = 0
	Collective float64     `json:"collective"`
	Groups     []GroupJSON `json:"groups"`
}

// GroupJSON is one group's experience of a benefit.
type GroupJSON struct {
	Group    string  `json:"group"`
	Exposure float64 `json:"exposure"`
	Events   float64 `json:"events"`
	Rate     float64 `json:"rate"`
	Z        float64 `json:"z"`
	Estimate float64 `json:"estimate"` // Z·rate + (1 − Z)·collective
}

// OutlierJSON is a claim far beyond the plan's caps or the fitted severity:
// listed, kept in the fit.
type OutlierJSON struct {
	Row     int      `json:"row"`
	ClaimID string   `json:"claim_id,omitempty"`
	Benefit string   `json:"benefit"`
	Paid    string   `json:"paid"`
	Cost    *float64 `json:"cost"`
	Code    string   `json:"code"` // over_cap or tail
	Limit   string   `json:"limit"`
}

func credibilityJSON(e *model.Experience) (cs []CredibilityJSON, os []OutlierJSON) {
	for _, c := range e.Credibility {
		cj := CredibilityJSON{Benefit: string(c.Benefit), Events: c.Events, Exposure: c.Exposure, Own: c.Own, Prior: c.Prior,
			PriorSource: c.Source, Z: c.Z, Rate: c.Rate, RelSE: c.RelSE}
		if cj.Prior == "" {
			cj.Prior = "none"
		} else {
			cj.PriorRate = Num(c.PriorRate)
			if c.Prior == "reference" {
				cj.PriorExposure = Num(c.PriorExposure)
			}
		}
		if g := c.Groups; g != nil {
			gj := &GroupsJSON{Within: g.Within, Between: g.Between, K: Num(g.K), Collective: g.Collective, Groups: []GroupJSON{}}
			for _, r := range g.Groups {
				gj.Groups = append(gj.Groups, GroupJSON{Group: r.Group, Exposure: r.Exposure, Events: r.Events, Rate: r.Rate, Z: r.Z, Estimate: r.Estimated})
			}
			cj.Groups = gj
		}
		cs = append(cs, cj)
	}
	for _, o := range e.Outliers {
		os = append(os, OutlierJSON{Row: o.Row, ClaimID: o.ClaimID, Benefit: string(o.Benefit), Paid: M2(Fen(o.Paid)), Cost: Num(o.Cost),
			Code: o.Code, Limit: M2(Fen(o.Limit))})
	}
	return cs, os
}

// credibilityOf is the plan's credibility of benefit b (nil when none).
func (pj *PlanFitJSON) credibilityOf(b string) *CredibilityJSON {
	for i := range pj.Credibility {
		if pj.Credibility[i].Benefit == b {
			return &pj.Credibility[i]
		}
	}
	return nil
}

// priorLabel is a prior's name in l: the Reference row, Jeffreys' prior, or none.
func priorLabel(l i18n.Lang, prior string) string {
	return l.T("cred.prior." + prior)
}

// credibilityTable is, per plan and benefit, the plan's own rate, the prior
// and its source, the weight of the own experience and the blended rate.
func (f *Fits) credibilityTable(l i18n.Lang) *Table {
	t := &Table{Title: l.T("cred.title"), Columns: []Column{
		Col("plan", "col.plan"), Col("benefit", "col.benefit"), RCol("events", "col.cred_events"), RCol("exposure", "col.cred_exposure"),
		RCol("own_rate", "col.own_rate"), Col("prior", "col.prior"), RCol("prior_rate", "col.prior_rate"),
		RCol("prior_exposure", "col.prior_exposure"), RCol("z", "col.z"), RCol("rate", "col.blended_rate"),
	}}
	for _, pj := range f.Plans {
		for _, c := range pj.Credibility {
			pe := "—"
			if c.PriorExposure != nil {
				pe = Float(*c.PriorExposure, 0)
			}
			t.Add(PlanLabel(l, pj.Plan, pj.Name), i18n.BenefitLabel(l, c.Benefit), Float(c.Events, 1), Float(c.Exposure, 0), Percent(c.Own, 3), priorLabel(l, c.Prior),
				Pct(c.PriorRate, 3), pe, Float(c.Z, 3), Percent(c.Rate, 3))
		}
	}
	return t
}

// groupTables are Bühlmann–Straub across groups: the structural parameters
// per plan and benefit, then each group's rate, Z and credibility estimate
// for the benefits whose groups differ beyond chance (a > 0; the JSON has
// every benefit's).
func (f *Fits) groupTables(l i18n.Lang) (params, groups *Table) {
	params = &Table{Title: l.T("cred.groups_title"), Columns: []Column{
		Col("plan", "col.plan"), Col("benefit", "col.benefit"), RCol("within", "col.bs_within"), RCol("between", "col.bs_between"),
		RCol("k", "col.bs_k"), RCol("collective", "col.bs_collective"),
	}}
	groups = &Table{Title: l.T("cred.group_rates_title"), Columns: []Column{
		Col("plan", "col.plan"), Col("benefit", "col.benefit"), Col("group", "col.group"), RCol("exposure", "col.cred_exposure"),
		RCol("events", "col.cred_events"), RCol("rate", "col.own_rate"), RCol("z", "col.z"), RCol("estimate", "col.bs_estimate"),
	}}
	for _, pj := range f.Plans {
		for _, c := range pj.Credibility {
			g := c.Groups
			if g == nil {
				continue
			}
			k := "∞"
			if g.K != nil {
				k = Float(*g.K, 0)
			}
			params.Add(PlanLabel(l, pj.Plan, pj.Name), i18n.BenefitLabel(l, c.Benefit), strconv.FormatFloat(g.Within, 'g', 4, 64), strconv.FormatFloat(g.Between, 'g', 4, 64), k, Percent(g.Collective, 3))
			if g.K == nil {
				continue // a = 0: no group differs beyond chance, every Z is 0
			}
			for _, r := range g.Groups {
				groups.Add(PlanLabel(l, pj.Plan, pj.Name), i18n.BenefitLabel(l, c.Benefit), r.Group, Float(r.Exposure, 0), Float(r.Events, 1), Percent(r.Rate, 3), Float(r.Z, 3), Percent(r.Estimate, 3))
			}
		}
	}
	return params, groups
}

// outlierTable lists the claims far beyond the caps or the fitted severity.
func (f *Fits) outlierTable(l i18n.Lang) *Table {
	t := &Table{Title: l.T("outlier.title"), Columns: []Column{
		Col("plan", "col.plan"), Col("cell", "col.cell"), Col("claim_id", "col.claim_id"), Col("benefit", "col.benefit"),
		RCol("paid", "col.paid"), RCol("cost", "col.cost"), Col("reason", "col.outlier_reason"), RCol("limit", "col.outlier_limit"),
	}}
	for _, pj := range f.Plans {
		for _, o := range pj.Outliers {
			cell := "—"
			if o.Row > 0 {
				cell = l.T("outlier.row", o.Row)
			}
			cost := "—"
			if o.Cost != nil {
				cost = Float(*o.Cost, 2)
			}
			t.Add(PlanLabel(l, pj.Plan, pj.Name), cell, o.ClaimID, i18n.BenefitLabel(l, o.Benefit), MoneyText(o.Paid), cost, l.T("outlier."+o.Code), MoneyText(o.Limit))
		}
	}
	return t
}

// writeCredibility writes the credibility sections of fit's table: the
// blend per benefit, Bühlmann–Straub across groups where the book has them,
// and the outliers.
func (f *Fits) writeCredibility(w io.Writer, l i18n.Lang) error {
	t := f.credibilityTable(l)
	if len(t.Rows) > 0 {
		if err := t.Render(w, l); err != nil {
			return err
		}
		fmt.Fprintln(w, l.T("cred.note"))
		fmt.Fprintln(w)
	}
	params, groups := f.groupTables(l)
	if len(params.Rows) > 0 {
		if err := params.Render(w, l); err != nil {
			return err
		}
		fmt.Fprintln(w, l.T("cred.groups_note"))
		fmt.Fprintln(w)
		if len(groups.Rows) > 0 {
			if err := groups.Render(w, l); err != nil {
				return err
			}
			fmt.Fprintln(w)
		}
	}
	if o := f.outlierTable(l); len(o.Rows) > 0 {
		if err := o.Render(w, l); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	return nil
}

// credibilityCells are the credibility columns of the models table's CSV
// for one benefit (empty cells when the benefit has no credibility).
func credibilityCells(c *CredibilityJSON) []string {
	if c == nil {
		return []string{"", "", "", "", ""}
	}
	pr := ""
	if c.PriorRate != nil {
		pr = strconv.FormatFloat(*c.PriorRate, 'g', 6, 64)
	}
	return []string{strconv.FormatFloat(c.Own, 'g', 6, 64), c.Prior, pr, strconv.FormatFloat(c.Z, 'g', 6, 64), strconv.FormatFloat(c.Rate, 'g', 6, 64)}
}

// credibilityColumns are the CSV's credibility columns (keys only).
var credibilityColumns = []Column{{Key: "own_rate", Align: Right}, {Key: "prior"}, {Key: "prior_rate", Align: Right}, {Key: "z", Align: Right}, {Key: "blended_rate", Align: Right}}
