package model

import (
	"math"

	"github.com/huzhu-fund/huzhu/plans"
)

// Scenario is what the priced year looks like: how far it is from the data,
// how costs and enrolment move, which uncertainty is included, and the terms
// each plan is priced under.
type Scenario struct {
	// Years from the last data year to the priced year: 1 for next year; 0
	// re-prices the last data year itself (actual against expected).
	Years int
	// MedicalTrend is the expected yearly growth of medical costs, TrendSD its
	// uncertainty (sd of one year's growth); EnrolmentGrowth the yearly growth
	// of members.
	MedicalTrend, TrendSD, EnrolmentGrowth float64
	// Parameter includes the uncertainty of the estimates (incidence and
	// severity); Trend the uncertainty of the trend (a factor common to every
	// plan with medical costs). Both false: process risk only.
	Parameter, Trend bool
	// Terms maps a plan key to the terms it is priced under; plans not in it
	// keep the terms of the book.
	Terms map[string]*plans.Terms
	// Incidence and Severity are shocks to the fitted experience, per plan
	// key: factors on every benefit's event rate (Mu) and on the scale of
	// the fitted severities (costs and a summary book's payment law; days
	// and lump sums are not amounts the shock scales). A plan not in a map
	// keeps factor 1. Enrolment is a factor on every plan's members in the
	// priced year; 0 (unset) means 1. A shock is exactly a parameter change:
	// Incidence 1.3 prices as Mu×1.3 would.
	Incidence, Severity map[string]float64
	Enrolment           float64
}

// IncidenceOf is the incidence shock factor of plan p (1 when none).
func (s *Scenario) IncidenceOf(p *Plan) float64 { return factorOf(s.Incidence, p) }

// SeverityOf is the severity shock factor of plan p (1 when none).
func (s *Scenario) SeverityOf(p *Plan) float64 { return factorOf(s.Severity, p) }

// EnrolmentFactor is the factor on members (1 when Enrolment is unset).
func (s *Scenario) EnrolmentFactor() float64 {
	if s.Enrolment == 0 {
		return 1
	}
	return s.Enrolment
}

func factorOf(m map[string]float64, p *Plan) float64 {
	if f, ok := m[p.Terms.Plan]; ok {
		return f
	}
	return 1
}

// TermsOf is the terms plan p is priced under.
func (s *Scenario) TermsOf(p *Plan) *plans.Terms {
	if t, ok := s.Terms[p.Terms.Plan]; ok && t != nil {
		return t
	}
	return p.Terms
}

// MembersNext is the number of members of the plan in the priced year:
// last year's grown by EnrolmentGrowth a year, times the enrolment shock.
func (s *Scenario) MembersNext(p *Plan) float64 {
	return p.Members * math.Pow(1+s.EnrolmentGrowth, float64(max(s.Years, 0))) * s.EnrolmentFactor()
}

// TrendFactor is the factor on medical costs from the last data year to the
// priced year when the yearly trend's standard normal shock is z:
// (1 + t + sd·z/√g)^g over g years (one shock for the whole horizon, its sd
// that of a g-year sum of independent yearly shocks, to first order).
func (s *Scenario) TrendFactor(z float64) float64 {
	if s.Years <= 0 {
		return 1
	}
	g := float64(s.Years)
	sd := 0.0
	if s.Trend {
		sd = s.TrendSD
	}
	return math.Pow(math.Max(1+s.MedicalTrend+sd*z/math.Sqrt(g), 1e-6), g)
}

// LognormalFactor is exp(σz − σ²/2): a factor of mean 1 and log-sd σ, the form
// of the incidence and severity-scale parameter factors.
func LognormalFactor(sigma, z float64) float64 {
	return math.Exp(sigma*z - sigma*sigma/2)
}
