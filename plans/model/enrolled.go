package model

// Enrolled returns a plan's members and shares in the scenario's priced year
// (whole members per share count, as Exact and Simulate price them) and its
// yearly contribution income: shares × contribution ÷ period years.
func Enrolled(p *Plan, sc *Scenario) (members, shares, contributions float64) {
	members = sc.MembersNext(p)
	for _, c := range shareClasses(p.ShareMix, members) {
		shares += float64(c.members * c.shares)
	}
	return members, shares, shares * sc.TermsOf(p).YearlyContribution().InexactFloat64()
}
