// Package plans holds the benefit rules of the seven kinds of mutual-aid plan,
// plan terms as data, and (later) the models that turn experience into a
// per-plan claim-cost distribution.
package plans

import "strings"

// Kind is the kind of a plan; it decides which benefit types its claims may carry.
type Kind string

// The seven plan kinds of DOMAIN.md.
const (
	FemaleDisease       Kind = "female_disease"
	Accident            Kind = "accident"
	CriticalIllness     Kind = "critical_illness"
	Hospital            Kind = "hospital"
	ChildAccident       Kind = "child_accident"
	HospitalCash        Kind = "hospital_cash"
	NonworkAccidentFire Kind = "nonwork_accident_fire"
)

// Benefit is the type of a benefit paid on a claim.
type Benefit string

// Benefit types of the Claims sheet.
const (
	Medical    Benefit = "medical"    // reimbursement of a self-paid cost
	Day        Benefit = "day"        // daily allowance per hospital day
	Diagnosis  Benefit = "diagnosis"  // lump sum on diagnosis
	Death      Benefit = "death"      // lump sum on death
	Disability Benefit = "disability" // disability_sum × the grade's percentage
	Fire       Benefit = "fire"       // share of a household property loss, capped
)

var kinds = []Kind{FemaleDisease, Accident, CriticalIllness, Hospital, ChildAccident, HospitalCash, NonworkAccidentFire}

var benefits = []Benefit{Medical, Day, Diagnosis, Death, Disability, Fire}

var allowed = map[Kind][]Benefit{
	FemaleDisease:       {Diagnosis},
	Accident:            {Death, Disability, Medical, Day},
	CriticalIllness:     {Diagnosis},
	Hospital:            {Medical},
	ChildAccident:       {Death, Disability, Medical, Day},
	HospitalCash:        {Day},
	NonworkAccidentFire: {Death, Disability, Fire},
}

var kindZh = map[Kind]string{
	FemaleDisease:       "女职工特殊疾病",
	Accident:            "意外伤害",
	CriticalIllness:     "重大疾病",
	Hospital:            "住院医疗",
	ChildAccident:       "子女意外伤害",
	HospitalCash:        "住院津贴",
	NonworkAccidentFire: "非工伤意外及家财火灾",
}

var kindEn = map[Kind]string{
	FemaleDisease:       "female special disease",
	Accident:            "accident",
	CriticalIllness:     "critical illness",
	Hospital:            "hospital reimbursement",
	ChildAccident:       "child accident",
	HospitalCash:        "hospital cash",
	NonworkAccidentFire: "non-work accident and household fire",
}

var benefitZh = map[Benefit]string{
	Medical: "医疗费用", Day: "住院津贴", Diagnosis: "确诊给付", Death: "身故", Disability: "伤残", Fire: "财产损失",
}

// Kinds lists the seven plan kinds in the order of DOMAIN.md.
func Kinds() []Kind { return append([]Kind(nil), kinds...) }

// Benefits lists every benefit type.
func Benefits() []Benefit { return append([]Benefit(nil), benefits...) }

// ParseKind reads a kind key, case and surrounding spaces ignored.
func ParseKind(s string) (Kind, bool) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	_, ok := allowed[k]
	return k, ok
}

// ParseBenefit reads a benefit key, case and surrounding spaces ignored.
func ParseBenefit(s string) (Benefit, bool) {
	b := Benefit(strings.ToLower(strings.TrimSpace(s)))
	_, ok := benefitZh[b]
	return b, ok
}

// Allows reports whether a claim of a plan of kind k may carry benefit b.
func (k Kind) Allows(b Benefit) bool {
	for _, x := range allowed[k] {
		if x == b {
			return true
		}
	}
	return false
}

// Benefits lists the benefit types a plan of kind k pays.
func (k Kind) Benefits() []Benefit { return append([]Benefit(nil), allowed[k]...) }

// Label is the kind's name in Chinese ("zh") or English (anything else).
func (k Kind) Label(lang string) string {
	if lang == "zh" {
		return kindZh[k]
	}
	return kindEn[k]
}

// Label is the benefit type's name in Chinese ("zh") or its English key.
func (b Benefit) Label(lang string) string {
	if lang == "zh" {
		return benefitZh[b]
	}
	return string(b)
}
