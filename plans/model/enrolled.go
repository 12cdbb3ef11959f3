package model

import "github.com/shopspring/decimal"

// Enrolled returns a plan's members and shares in the scenario's priced year
// (whole members per share count, as Exact and Simulate price them) and its
// yearly contribution income: shares × contribution ÷ period years, the
// contribution the classes' prices averaged over their shares when the plan
// is priced by class (ClassPrice).
func Enrolled(p *Plan, sc *Scenario) (members, shares, contributions float64) {
	members = sc.MembersNext(p)
	classes := planClasses(p, members)
	for _, c := range classes {
		shares += float64(c.members * c.shares)
	}
	t := sc.TermsOf(p)
	yearly := t.YearlyContribution()
	if len(p.Classes) > 0 && t.Contribution.Equal(p.Terms.Contribution) {
		if c, ok := classPrice(p, classes); ok {
			yearly = c.Div(decimal.NewFromInt(int64(t.Period())))
		}
	}
	return members, shares, shares * yearly.InexactFloat64()
}
