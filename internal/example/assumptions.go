package example

import (
	"strconv"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// The numbers below are the example's assumptions; docs/example.md gives the
// reasoning and sources of each. Incidences are claimants per member-year
// (ground-up: before the deductible or the first paid day truncates what the
// association records), for a group of relativity 1.

const (
	memberGrowth = 0.05 // association members grow 5% a year
	leaveRate    = 0.07 // 7% of last year's members leave (retirement, job change)
	femaleShare  = 0.46 // share of women among members
	medicalTrend = 0.06 // yearly growth of medical costs (self-paid costs)
	groupSizeSD  = 0.4  // sd of log group weight
	groupRelSD   = 0.1  // sd of log group incidence relativity
	reserveRatio = 0.4  // opening reserve / last year's contributions
	floorRatio   = 0.1  // reserve floor / last year's contributions
)

// defaultGroups are the districts and counties of a mid-size prefecture-level
// city (those of Huzhou, whose 2014 enrolment of 211,198 is of the default size).
var defaultGroups = []string{"市直", "吴兴区", "南浔区", "德清县", "长兴县", "安吉县"}

// Disability grade mix of accident claims, grades 1 (worst) to 10.
var gradeMix = []CategoryShare{
	{"1", 0.01}, {"2", 0.01}, {"3", 0.02}, {"4", 0.03}, {"5", 0.04},
	{"6", 0.06}, {"7", 0.10}, {"8", 0.15}, {"9", 0.23}, {"10", 0.35},
}

// Female special diseases: incidence per 10,000 women-years and the
// diagnosis schedule (percentage of the lump sum).
var femaleClasses = []struct {
	class   string
	per10k  float64
	percent string
}{
	{"乳腺癌", 3.0, "1"},
	{"宫颈癌", 1.5, "1"},
	{"子宫内膜癌", 0.7, "1"},
	{"卵巢癌", 0.6, "1"},
	{"输卵管癌", 0.05, "1"},
	{"外阴癌及阴道癌", 0.1, "1"},
	{"乳腺原位癌", 0.4, "0.3"},
	{"宫颈原位癌", 1.0, "0.3"},
}

// Critical illnesses: mix of diagnoses (no schedule: every class pays 100%).
var criticalMix = []CategoryShare{
	{"恶性肿瘤", 0.62}, {"急性心肌梗死", 0.10}, {"脑中风后遗症", 0.12}, {"冠状动脉搭桥术", 0.04},
	{"终末期肾病", 0.05}, {"重大器官移植术", 0.02}, {"其他重大疾病", 0.05},
}

// benefitSpec is the true law of one benefit of a plan.
type benefitSpec struct {
	benefit    plans.Benefit
	per10k     float64 // claimants per 10,000 member-years
	count      string  // claims per claimant, zero-truncated; "" = exactly 1
	meanlog    float64 // lognormal severity in the last year (with sdlog)
	sdlog      float64
	trend      float64 // yearly growth of the cost scale
	days       string  // law of days − daysShift ("" = none)
	daysShift  int
	categories []CategoryShare
	lagBase    int // report lag: lagBase + exp(mean lagMean) days after the event (after discharge for stays)
	lagMean    float64
}

// planSpec is one plan of the example: terms, who joins, and its benefits.
type planSpec struct {
	terms         plans.Terms
	participation float64 // share of eligible members enrolled in the last year
	drift         float64 // participation grows by this much a year (absolute)
	femaleOnly    bool
	child         bool    // covers members' children (one child per enrolled member)
	twoShares     float64 // share of enrolled members with 2 shares
	benefits      []benefitSpec
	// pastContribution, when set, is the yearly price per share of the data
	// years (a preset whose price has since changed; preset.go).
	pastContribution decimal.NullDecimal
}

// yearlyPrice is what a share brought a year in the data years.
func (s *planSpec) yearlyPrice() decimal.Decimal {
	if s.pastContribution.Valid {
		return s.pastContribution.Decimal
	}
	return s.terms.YearlyContribution()
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }
func nd(s string) decimal.NullDecimal {
	return decimal.NewNullDecimal(decimal.RequireFromString(s))
}

func lnormSpec(meanlog, sdlog float64) string {
	return "lnorm(meanlog=" + ff(meanlog) + ",sdlog=" + ff(sdlog) + ")"
}

func ff(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// planSpecs returns the seven plans of the example, in the order of DOMAIN.md.
func planSpecs() []planSpec {
	disabilitySchedule := map[string]decimal.Decimal{}
	for g := 1; g <= 10; g++ {
		disabilitySchedule[strconv.Itoa(g)] = decimal.New(int64(11-g), -1)
	}
	femaleSchedule := map[string]decimal.Decimal{}
	var femaleMix []CategoryShare
	femaleTotal := 0.0
	for _, c := range femaleClasses {
		femaleSchedule[c.class] = d(c.percent)
		femaleTotal += c.per10k
	}
	for _, c := range femaleClasses {
		femaleMix = append(femaleMix, CategoryShare{c.class, c.per10k / femaleTotal})
	}
	return []planSpec{
		{
			terms: plans.Terms{
				Plan: "female_disease", Name: "在职女职工特殊疾病互助保障计划", Kind: plans.FemaleDisease,
				Contribution: d("11"), PeriodYears: 1, MaxShares: 2, WaitingDays: 90,
				LumpSum:   nd("15000"),
				Schedules: map[plans.Benefit]map[string]decimal.Decimal{plans.Diagnosis: femaleSchedule},
			},
			participation: 0.65, drift: 0.02, femaleOnly: true, twoShares: 0.25,
			benefits: []benefitSpec{
				{benefit: plans.Diagnosis, per10k: femaleTotal, categories: femaleMix, lagMean: 45},
			},
		},
		{
			terms: plans.Terms{
				Plan: "accident", Name: "在职职工意外伤害互助保障计划", Kind: plans.Accident,
				Contribution: d("30"), PeriodYears: 1, MaxShares: 1, WaitingDays: 0,
				LumpSum: nd("60000"), DisabilitySum: nd("60000"),
				DailyAmount: nd("50"), FromDay: 1, MaxDays: 180,
				Schedules: map[plans.Benefit]map[string]decimal.Decimal{plans.Disability: disabilitySchedule},
			},
			participation: 0.45, drift: 0.01,
			benefits: []benefitSpec{
				{benefit: plans.Death, per10k: 1.0, lagMean: 30},
				{benefit: plans.Disability, per10k: 8.0, categories: gradeMix, lagBase: 90, lagMean: 60},
				{benefit: plans.Day, per10k: 200, count: "ztrunc-pois(lambda=0.1)", days: "nbinom(size=1.5,mu=11)", daysShift: 1, lagMean: 20},
			},
		},
		{
			terms: plans.Terms{
				Plan: "critical_illness", Name: "在职职工重大疾病互助保障计划", Kind: plans.CriticalIllness,
				Contribution: d("22"), PeriodYears: 3, MaxShares: 2, WaitingDays: 90,
				LumpSum: nd("5000"), AnnualCap: nd("5000"),
			},
			participation: 0.40, drift: 0.02, twoShares: 0.30,
			benefits: []benefitSpec{
				{benefit: plans.Diagnosis, per10k: 15, categories: criticalMix, lagMean: 45},
			},
		},
		{
			terms: plans.Terms{
				Plan: "hospital", Name: "在职职工住院医疗互助保障计划", Kind: plans.Hospital,
				Contribution: d("45"), PeriodYears: 1, MaxShares: 1, WaitingDays: 30,
				Deductible: nd("800"),
				Ratios:     [3]decimal.NullDecimal{nd("0.7"), nd("0.6"), nd("0.5")},
				ClaimCap:   nd("10000"), AnnualCap: nd("15000"),
			},
			participation: 0.70, drift: 0.02,
			benefits: []benefitSpec{
				{benefit: plans.Medical, per10k: 400, count: "ztrunc-nbinom(size=1,mu=0.3)",
					meanlog: 6.9, sdlog: 1.15, trend: medicalTrend, days: "nbinom(size=1.5,mu=8)", daysShift: 1, lagMean: 30},
			},
		},
		{
			terms: plans.Terms{
				Plan: "child_accident", Name: "在职职工子女意外伤害互助保障计划", Kind: plans.ChildAccident,
				Contribution: d("12"), PeriodYears: 1, MaxShares: 1, WaitingDays: 0,
				LumpSum: nd("10000"), DisabilitySum: nd("10000"),
				Deductible: nd("100"), Ratios: [3]decimal.NullDecimal{nd("0.8")}, ClaimCap: nd("3000"),
			},
			participation: 0.18, drift: 0.005, child: true,
			benefits: []benefitSpec{
				{benefit: plans.Death, per10k: 0.2, lagMean: 30},
				{benefit: plans.Disability, per10k: 1.0, categories: gradeMix, lagBase: 90, lagMean: 60},
				{benefit: plans.Medical, per10k: 150, count: "ztrunc-pois(lambda=0.15)",
					meanlog: 6.5, sdlog: 1.0, trend: medicalTrend, lagMean: 20},
			},
		},
		{
			terms: plans.Terms{
				Plan: "hospital_cash", Name: "在职职工住院津贴互助保障计划", Kind: plans.HospitalCash,
				Contribution: d("33"), PeriodYears: 1, MaxShares: 1, WaitingDays: 30,
				DailyAmount: nd("40"), FromDay: 4, MaxDays: 180,
			},
			participation: 0.25, drift: 0.02,
			benefits: []benefitSpec{
				{benefit: plans.Day, per10k: 700, count: "ztrunc-nbinom(size=1,mu=0.35)", days: "nbinom(size=1.2,mu=10)", daysShift: 1, lagMean: 20},
			},
		},
		{
			terms: plans.Terms{
				Plan: "nonwork_accident_fire", Name: "非工伤意外伤害及家财火灾损失互助保障计划", Kind: plans.NonworkAccidentFire,
				Contribution: d("2"), PeriodYears: 1, MaxShares: 1, WaitingDays: 0,
				LumpSum: nd("20000"), DisabilitySum: nd("5000"),
				FireRatio: nd("0.1"), FireCap: nd("10000"),
			},
			participation: 1.0, drift: 0,
			benefits: []benefitSpec{
				{benefit: plans.Death, per10k: 0.6, lagMean: 30},
				{benefit: plans.Disability, per10k: 0.4, categories: gradeMix, lagBase: 90, lagMean: 60},
				{benefit: plans.Fire, per10k: 1.2, meanlog: 9.6, sdlog: 1.2, categories: []CategoryShare{{"火灾", 1}}, lagMean: 7},
			},
		},
	}
}

// bandedHospital is the default city's hospital plan paid by cost bands
// (Config.Banded): instead of the deductible of 800 and the ratios by
// admission, nothing below 1,000 yuan of the member's self-paid inpatient
// cost summed over the plan year, 60% from 1,000 to 8,000, 75% above; the
// annual cap 15,000 kept and the claim cap dropped (a claim cap below the
// annual cap makes a banded payment depend on how the year's cost falls
// into claims, which the exact method does not price: model.CheckBandTerms). An outpatient benefit
// (门诊规定病种) is added: 3% of members a year have chronic-disease
// outpatient costs, 1 + a few bills each (zero-truncated nbinom, mean
// about 2.4), lognormal cost with median 1,100 yuan, paid 50% above 1,500
// yuan of the year's outpatient cost, sharing the annual cap.
func bandedHospital(s planSpec) planSpec {
	t := s.terms
	t.Deductible = decimal.NullDecimal{}
	t.Ratios = [3]decimal.NullDecimal{}
	t.ClaimCap = decimal.NullDecimal{}
	t.Bands = plans.Bands{{From: 0, Ratio: 0}, {From: 1000, Ratio: 0.6}, {From: 8000, Ratio: 0.75}}
	t.OutpatientBands = plans.Bands{{From: 0, Ratio: 0}, {From: 1500, Ratio: 0.5}}
	s.terms = t
	s.benefits = append(append([]benefitSpec(nil), s.benefits...), benefitSpec{
		benefit: plans.Outpatient, per10k: 300, count: "ztrunc-nbinom(size=2,mu=2)",
		meanlog: 7.0, sdlog: 0.9, trend: medicalTrend, lagMean: 20,
	})
	return s
}
