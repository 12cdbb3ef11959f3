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
	// Outpatient is the outpatient benefit of a hospital plan (门诊规定病种,
	// named chronic and special diseases treated as outpatients): a
	// self-paid cost paid by the plan's outpatient bands (Terms.OutpatientBands).
	Outpatient Benefit = "outpatient"
)

// Schedule keys of the Schedules sheet that are not benefits paid on claims:
// the rows of a cost-band schedule (Terms.Bands, Terms.OutpatientBands).
const (
	BandSchedule           Benefit = "band"            // 分段: inpatient medical cost bands
	OutpatientBandSchedule Benefit = "outpatient_band" // 门诊分段: outpatient cost bands
)

// BandLabel is the Chinese name of a band schedule key ("" for any other key).
func BandLabel(b Benefit) string {
	switch b {
	case BandSchedule:
		return "分段"
	case OutpatientBandSchedule:
		return "门诊分段"
	}
	return ""
}

// KindSpec is everything the code knows of one plan kind: the benefits its
// claims may carry and its names. Adding a kind is adding one entry to
// kindSpecs (and its rules, if it pays a new benefit type).
type KindSpec struct {
	Kind     Kind
	Benefits []Benefit // in the order of DOMAIN.md
	Zh, En   string
}

// kindSpecs are the seven kinds, in the order of DOMAIN.md.
var kindSpecs = []KindSpec{
	{FemaleDisease, []Benefit{Diagnosis}, "女职工特殊疾病", "female special disease"},
	{Accident, []Benefit{Death, Disability, Medical, Day}, "意外伤害", "accident"},
	{CriticalIllness, []Benefit{Diagnosis}, "重大疾病", "critical illness"},
	{Hospital, []Benefit{Medical, Outpatient}, "住院医疗", "hospital reimbursement"},
	{ChildAccident, []Benefit{Death, Disability, Medical, Day}, "子女意外伤害", "child accident"},
	{HospitalCash, []Benefit{Day}, "住院津贴", "hospital cash"},
	{NonworkAccidentFire, []Benefit{Death, Disability, Fire}, "非工伤意外及家财火灾", "non-work accident and household fire"},
}

// benefitSpec is one benefit type and its Chinese name.
type benefitSpec struct {
	benefit Benefit
	zh      string
}

var benefitSpecs = []benefitSpec{
	{Medical, "医疗费用"}, {Day, "住院津贴"}, {Diagnosis, "确诊给付"}, {Death, "身故"}, {Disability, "伤残"}, {Fire, "财产损失"},
	{Outpatient, "门诊规定病种"},
}

// Spec returns the kind's spec (ok false for an unknown kind).
func (k Kind) Spec() (KindSpec, bool) {
	for _, s := range kindSpecs {
		if s.Kind == k {
			return s, true
		}
	}
	return KindSpec{}, false
}

func benefitIndex(b Benefit) int {
	for i, s := range benefitSpecs {
		if s.benefit == b {
			return i
		}
	}
	return -1
}

// Kinds lists the seven plan kinds in the order of DOMAIN.md.
func Kinds() []Kind {
	out := make([]Kind, len(kindSpecs))
	for i, s := range kindSpecs {
		out[i] = s.Kind
	}
	return out
}

// Benefits lists every benefit type.
func Benefits() []Benefit {
	out := make([]Benefit, len(benefitSpecs))
	for i, s := range benefitSpecs {
		out[i] = s.benefit
	}
	return out
}

// ParseKind reads a kind key, case and surrounding spaces ignored.
func ParseKind(s string) (Kind, bool) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	_, ok := k.Spec()
	return k, ok
}

// ParseBenefit reads a benefit key, case and surrounding spaces ignored.
func ParseBenefit(s string) (Benefit, bool) {
	b := Benefit(strings.ToLower(strings.TrimSpace(s)))
	return b, benefitIndex(b) >= 0
}

// Allows reports whether a claim of a plan of kind k may carry benefit b.
func (k Kind) Allows(b Benefit) bool {
	s, _ := k.Spec()
	for _, x := range s.Benefits {
		if x == b {
			return true
		}
	}
	return false
}

// Benefits lists the benefit types a plan of kind k pays.
func (k Kind) Benefits() []Benefit {
	s, _ := k.Spec()
	return append([]Benefit(nil), s.Benefits...)
}

// Label is the kind's name in Chinese ("zh") or English (anything else).
func (k Kind) Label(lang string) string {
	s, _ := k.Spec()
	if lang == "zh" {
		return s.Zh
	}
	return s.En
}

// Label is the benefit type's name in Chinese ("zh") or its English key.
func (b Benefit) Label(lang string) string {
	if i := benefitIndex(b); lang == "zh" && i >= 0 {
		return benefitSpecs[i].zh
	}
	if l := BandLabel(b); lang == "zh" && l != "" {
		return l
	}
	return string(b)
}
