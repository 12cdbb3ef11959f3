package example

import (
	"fmt"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans"
)

// Truth records the true parameters an example book was generated from, so
// that fits and calibrations can be checked against them. It encodes to JSON
// (huzhu example --truth).
type Truth struct {
	Seed         uint64       `json:"seed"`
	FirstYear    int          `json:"first_year"`
	LastYear     int          `json:"last_year"`
	Members      []YearCount  `json:"members"`       // association members per year (every plan draws from them)
	MemberGrowth float64      `json:"member_growth"` // yearly growth of members
	LeaveRate    float64      `json:"leave_rate"`    // share of last year's members who leave
	FemaleShare  float64      `json:"female_share"`  // share of women among members
	MedicalTrend float64      `json:"medical_trend"` // yearly growth of medical costs
	Groups       []GroupTruth `json:"groups"`
	Plans        []PlanTruth  `json:"plans"`
	// Preset is the city preset the book was made for ("" = the default
	// city); Provisional says which of its published terms the book only
	// approximates, and Published holds them (preset.go).
	Preset      string `json:"preset,omitempty"`
	Provisional string `json:"provisional,omitempty"`
	Assumed     string `json:"assumed,omitempty"`
	Published   any    `json:"published_terms,omitempty"`
}

// YearCount is a count in one year.
type YearCount struct {
	Year  int   `json:"year"`
	Count int64 `json:"count"`
}

// GroupTruth is one group (district): its share of members and the
// relativity multiplying every incidence of its members.
type GroupTruth struct {
	Name       string  `json:"name"`
	Weight     float64 `json:"weight"`
	Relativity float64 `json:"relativity"`
}

// PlanTruth is the truth of one plan: who joins it and the law of each benefit.
type PlanTruth struct {
	Plan string     `json:"plan"`
	Kind plans.Kind `json:"kind"`
	// Participation is the share of eligible members (women for the female
	// plan) enrolled in the last year; it was Drift lower for every year before.
	Participation float64 `json:"participation"`
	Drift         float64 `json:"participation_drift"`
	FemaleOnly    bool    `json:"female_only"`
	Children      bool    `json:"children"` // covers one child per enrolled member
	// TwoShares is the share of enrolled members holding 2 shares (others 1).
	TwoShares float64 `json:"two_shares"`
	// PeriodStartMonth and ClaimDeadlineMonths are the plan year's first
	// month and the claim deadline (0 = January, none): events fall in
	// the plan year, claims reported after the deadline are not in the book.
	PeriodStartMonth    int              `json:"period_start_month,omitempty"`
	ClaimDeadlineMonths int              `json:"claim_deadline_months,omitempty"`
	Enrolment           []EnrolmentTruth `json:"enrolment"`
	Benefits            []BenefitTruth   `json:"benefits"`
	// Classes are the plan's rate classes when it is priced by class
	// (Config.Classes; classes.go).
	Classes []ClassTruth `json:"classes,omitempty"`
}

// EnrolmentTruth is a plan's enrolment in one year, all groups together.
type EnrolmentTruth struct {
	Year          int     `json:"year"`
	Participation float64 `json:"participation"`
	Members       int64   `json:"members"`
	Shares        int64   `json:"shares"`
	NewMembers    int64   `json:"new_members"`
	Exposure      float64 `json:"exposure"` // member-years: plans.Exposure
}

// BenefitTruth is the true law of one benefit of a plan.
type BenefitTruth struct {
	Benefit plans.Benefit `json:"benefit"`
	// Incidence is claimants per member-year, ground-up (before the
	// deductible or the first paid day decide what is recorded), for a group
	// of relativity 1. A new member's chance is Incidence × (1 − waiting/365).
	Incidence float64 `json:"incidence"`
	// ClaimsPerClaimant is the zero-truncated law of the number of events of a
	// claimant in a year (dist.ParseDiscrete spec); "" means exactly one.
	ClaimsPerClaimant string `json:"claims_per_claimant,omitempty"`
	// Severity is the ground-up cost law in the last year (dist.ParseContinuous
	// spec), "" when the benefit has no cost; SeverityByYear gives every year
	// (the scale grows by Trend a year).
	Severity       string     `json:"severity,omitempty"`
	SeverityByYear []YearSpec `json:"severity_by_year,omitempty"`
	Trend          float64    `json:"trend,omitempty"`
	// Days: hospital days = DaysShift + a draw of Days (dist.ParseDiscrete spec).
	Days      string `json:"days,omitempty"`
	DaysShift int    `json:"days_shift,omitempty"`
	// Categories is the mix of disability grades or disease classes.
	Categories  []CategoryShare `json:"categories,omitempty"`
	ReportDelay string          `json:"report_delay"`
	// Recorded says which events reach the association's records.
	Recorded string `json:"recorded"`
}

// YearSpec is a distribution spec for one year.
type YearSpec struct {
	Year int    `json:"year"`
	Spec string `json:"spec"`
}

// CategoryShare is the probability of one category.
type CategoryShare struct {
	Category string  `json:"category"`
	Share    float64 `json:"share"`
}

// Plan returns the truth of a plan by key.
func (t *Truth) Plan(id string) (*PlanTruth, bool) {
	for i := range t.Plans {
		if t.Plans[i].Plan == id {
			return &t.Plans[i], true
		}
	}
	return nil, false
}

// Group returns the truth of a group by name.
func (t *Truth) Group(name string) (*GroupTruth, bool) {
	for i := range t.Groups {
		if t.Groups[i].Name == name {
			return &t.Groups[i], true
		}
	}
	return nil, false
}

// Benefit returns the truth of a benefit of the plan.
func (p *PlanTruth) Benefit(b plans.Benefit) (*BenefitTruth, bool) {
	for i := range p.Benefits {
		if p.Benefits[i].Benefit == b {
			return &p.Benefits[i], true
		}
	}
	return nil, false
}

// Count returns the law of the number of events per claimant (nil for
// exactly one).
func (b *BenefitTruth) Count() (dist.Discrete, error) {
	if b.ClaimsPerClaimant == "" {
		return nil, nil
	}
	return dist.ParseDiscrete(b.ClaimsPerClaimant)
}

// MeanCount is E[events per claimant] (1 for exactly one).
func (b *BenefitTruth) MeanCount() (float64, error) {
	c, err := b.Count()
	if err != nil || c == nil {
		return 1, err
	}
	return c.Mean(), nil
}

// SeverityIn returns the ground-up cost law of a year.
func (b *BenefitTruth) SeverityIn(year int) (dist.Continuous, error) {
	for _, s := range b.SeverityByYear {
		if s.Year == year {
			return dist.ParseContinuous(s.Spec)
		}
	}
	return nil, fmt.Errorf("example: %s has no severity in %d", b.Benefit, year)
}

// DaysLaw returns the law of days − DaysShift (nil when the benefit has no days).
func (b *BenefitTruth) DaysLaw() (dist.Discrete, error) {
	if b.Days == "" {
		return nil, nil
	}
	return dist.ParseDiscrete(b.Days)
}
