package calibrate

import (
	"fmt"
	"math"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// ClassRec is one rate class's recommendation (档次): the plan's priced
// result split by class.
type ClassRec struct {
	Class string
	// Members and Shares in the priced year (the last data year's class
	// mix of the plan's members).
	Members, Shares float64
	// Current and Recommended contribution per share per period; Change
	// Recommended/Current − 1; Limited says max_change bound the class.
	Current, Recommended decimal.Decimal
	Change               float64
	Limited              bool
	// ExpectedCostPerMember is the class's expected benefits of the year
	// over its members; Relativity its expected cost per share over the
	// plan's.
	ExpectedCostPerMember decimal.Decimal
	Relativity            float64
	// Incidence and Severity are the model's relativities of the class,
	// Credibility the incidence relativity's credibility Z (model.RateClass).
	Incidence, Severity, Credibility float64
}

// currentByClass is the plan's current price per share when it is priced by
// class (model.ClassPrice: the classes' current prices averaged over their
// shares in the priced year, the same price model.Exact's contributions
// take); ok false when the plan has no classes, a class has no current
// price, or the scenario sets the plan's contribution.
func currentByClass(p *model.Plan, sc *model.Scenario) (decimal.Decimal, bool) {
	return model.ClassPrice(p, sc)
}

// splitClasses fills each plan's Classes: the plan's recommended price per
// share P split in proportion to the classes' expected cost per share,
//
//	price_c = P · e_c/ē,  e_c = E[S_c]/shares_c,  ē = E[S]/shares,
//
// (E[S_c] from model.ClassExpectations, adding up to the plan's E[S]), so
// that Σ_c shares_c·price_c = P·shares: the plan's expected cost times its
// loading, class by class. A class's price is kept within max_change of its
// current price (rounded inward to the rounding unit, as a plan's); what a
// bound class loses or gains is spread over the free classes in the same
// proportion, until no further class is bound; each free price is then
// rounded up to the rounding unit. Under the caps and reserve levers the
// contributions are fixed: each class keeps its current price. The classes'
// expectations are those at the plan's recommended terms (after a caps or
// band lever moved them).
func splitClasses(res *Result, ps []*model.Plan, sc *model.Scenario, o Options) error {
	pol := res.Policy
	for i, p := range ps {
		if len(p.Classes) == 0 || i >= len(res.Plans) || i >= len(res.Dist.Plans) {
			continue
		}
		pd := res.Dist.Plans[i]
		rec := &res.Plans[i]
		mean := pd.Total.Mean()
		ex, err := model.ClassExpectations(p, atTerms(sc, p, rec.Terms), mean, o.Exact)
		if err != nil {
			return fmt.Errorf("plan %s: classes: %w", p.Terms.Plan, err)
		}
		var shares float64
		for _, x := range ex {
			shares += x.Shares
		}
		ebar := 0.0
		if shares > 0 {
			ebar = mean / shares
		}
		cs := make([]ClassRec, len(ex))
		rel := make([]float64, len(ex))
		for k, x := range ex {
			c := p.Classes[k]
			cs[k] = ClassRec{Class: x.Class, Members: x.Members, Shares: x.Shares, Current: rec.Current,
				Incidence: c.Incidence, Severity: c.Severity, Credibility: c.IncidenceZ}
			if c.Current.Valid {
				cs[k].Current = c.Current.Decimal
			}
			rel[k] = 1
			if x.Shares > 0 && ebar > 0 {
				rel[k] = x.Expected / x.Shares / ebar
			}
			cs[k].Relativity = rel[k]
			if x.Members > 0 {
				cs[k].ExpectedCostPerMember = fen(x.Expected / x.Members)
			}
		}
		if res.Lever != Contributions {
			for k := range cs {
				cs[k].Recommended = cs[k].Current
			}
		} else {
			split(cs, rel, rec.Recommended.InexactFloat64()*shares, pol.Rounding, pol.MaxChange)
			var got float64
			for _, c := range cs {
				got += c.Shares * c.Recommended.InexactFloat64()
			}
			if want := rec.Recommended.InexactFloat64() * shares; got < want-0.005 {
				res.Notes = append(res.Notes, fmt.Sprintf("plan %s: max_change keeps its classes' prices %.2f short of the plan's recommended income per period %.2f", p.Terms.Plan, want-got, want))
			}
		}
		for k := range cs {
			if cs[k].Current.IsPositive() {
				cs[k].Change = cs[k].Recommended.Div(cs[k].Current).InexactFloat64() - 1
			}
		}
		rec.Classes = cs
	}
	return nil
}

// atTerms is sc with plan p's terms set to t (the lever's recommended
// terms: a caps or band lever moves them, and the classes' expectations
// are those of the plan as priced); sc itself when t is nil.
func atTerms(sc *model.Scenario, p *model.Plan, t *plans.Terms) *model.Scenario {
	if t == nil {
		return sc
	}
	sc2 := *sc
	sc2.Terms = make(map[string]*plans.Terms, len(sc.Terms)+1)
	for k, v := range sc.Terms {
		sc2.Terms[k] = v
	}
	sc2.Terms[p.Terms.Plan] = t
	return &sc2
}

// split sets the classes' recommended prices: target income per period T
// over Σ shares_c·price_c, price_c = λ·rel_c for the free classes, the
// bound ones at their band's edge (see splitClasses).
func split(cs []ClassRec, rel []float64, target float64, unit decimal.Decimal, maxChange float64) {
	n := len(cs)
	fixed := make([]bool, n)
	price := make([]float64, n)
	lo, hi := make([]float64, n), make([]float64, n)
	for k, c := range cs {
		lo[k], hi[k] = math.Inf(-1), math.Inf(1)
		if c.Current.IsPositive() {
			hi[k] = decimal.Max(c.Current, c.Current.Mul(decimal.NewFromFloat(1+maxChange)).Div(unit).Floor().Mul(unit)).InexactFloat64()
			lo[k] = decimal.Min(c.Current, c.Current.Mul(decimal.NewFromFloat(math.Max(0, 1-maxChange))).Div(unit).Ceil().Mul(unit)).InexactFloat64()
		}
	}
	for range n + 1 {
		rest, w := target, 0.0
		for k := range cs {
			if fixed[k] {
				rest -= cs[k].Shares * price[k]
			} else {
				w += cs[k].Shares * rel[k]
			}
		}
		if !(w > 0) {
			break
		}
		lambda := rest / w
		changed := false
		for k := range cs {
			if fixed[k] {
				continue
			}
			price[k] = lambda * rel[k]
			if price[k] > hi[k] {
				price[k], fixed[k], changed = hi[k], true, true
			} else if price[k] < lo[k] {
				price[k], fixed[k], changed = lo[k], true, true
			}
		}
		if !changed {
			break
		}
	}
	for k := range cs {
		p := decimal.NewFromFloat(math.Max(price[k], 0))
		if fixed[k] {
			cs[k].Recommended = p.Round(2)
			cs[k].Limited = true
			continue
		}
		// Rounded up, but not past the band's top.
		r := p.Div(unit).Ceil().Mul(unit)
		if h := hi[k]; !math.IsInf(h, 1) && r.InexactFloat64() > h {
			r = decimal.NewFromFloat(h)
		}
		cs[k].Recommended = r
	}
}
