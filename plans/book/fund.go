package book

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Fund holds the fund's policy parameters, with the defaults of FundKeys
// applied. Given records which keys the source set.
type Fund struct {
	Year                     int
	OpeningReserve           decimal.Decimal
	ReserveFloor             decimal.Decimal
	TargetDeficitProbability float64
	// PlanDeficitProbability bounds each plan's own chance of 入不敷出; 0
	// when not applied.
	PlanDeficitProbability float64
	// PlannedReserveDraw is what the board takes from the reserve to lower
	// the year's contributions.
	PlannedReserveDraw  decimal.Decimal
	SolvencyProbability float64
	ExpenseRatio        float64
	MedicalTrend        float64
	TrendSD             float64
	EnrolmentGrowth     float64
	// AsOf is the valuation date (as_of): claims reported after it are left
	// out. Zero means the latest report_date of the Claims.
	AsOf time.Time
	// MaxPriorWeight caps the weight of a Reference prior in the credibility
	// blend (max_prior_weight).
	MaxPriorWeight float64
	// FrequencyTrend is the yearly growth of event rates when the source
	// gives it (nil: estimated, used only when significant).
	FrequencyTrend *float64
	SetAsideRatio  float64
	MaxChange      float64
	// MaxTermChange bounds each benefit term's change; 0 = MaxChange.
	MaxTermChange float64
	Rounding      decimal.Decimal
	HorizonYears  int
	Given         map[string]bool
}

// FundKind is how a Fund key's value is written.
type FundKind int

// Fund value kinds.
const (
	FundInt   FundKind = iota // a whole number
	FundMoney                 // yuan, kept to the fen
	FundRatio                 // 0 to 1: 0.05 or 5%
	FundRate                  // a growth rate: may be negative or above 1 (above −1, at most 10)
	FundDate                  // a date: 2026-01-20, 2026/1/20 or 2026年1月20日
)

// FundValue is a parsed Fund value: Num for every kind, Dec for money (to
// the fen) and whole numbers.
type FundValue struct {
	Num  float64
	Dec  decimal.Decimal
	Date time.Time // FundDate
}

// FundKey is one key of the Fund sheet: the one description of it that the
// workbook's schema, reader and writer, the defaults, the example generator
// and the command line's flags are made from.
type FundKey struct {
	Key  string // English key and, with '-' for '_', the flag's name
	Zh   string // Chinese name
	Kind FundKind
	// Required: the sheet must give it (no default).
	Required bool
	Min, Max *float64
	// Default is the value when the sheet leaves the key empty, as text
	// ParseFundText reads ("" = no value: the key is not applied, or its
	// default is DefaultZh's rule).
	Default string
	// DefaultZh and DefaultEn state a default that is a rule rather than a
	// value ("" = Default).
	DefaultZh, DefaultEn string
	Unit                 string // unit in Chinese, e.g. 元
	Doc, DocEn           string // meaning in Chinese and English (the flag's usage)
	// Set stores a value; Get returns the value the fund holds, nil when it
	// holds none (an unset optional key, year 0, an opening reserve neither
	// given nor positive).
	Set func(f *Fund, v FundValue)
	Get func(f *Fund) any // int, float64 or decimal.Decimal
}

func fptr(x float64) *float64 { return &x }

// FundKeys are the Fund sheet's keys, in the template's order.
var FundKeys = []FundKey{
	{Key: "year", Zh: "测算年度", Kind: FundInt, Min: fptr(1990), Max: fptr(2100),
		DefaultZh: "最后数据年度 + 1", DefaultEn: "last data year + 1",
		Doc: "测算（定价）年度", DocEn: "the year being priced; default last data year + 1",
		Set: func(f *Fund, v FundValue) { f.Year = int(v.Num) },
		Get: func(f *Fund) any {
			if f.Year == 0 {
				return nil
			}
			return f.Year
		}},
	{Key: "opening_reserve", Zh: "期初风险储备金", Kind: FundMoney, Required: true, Min: fptr(0), Unit: "元",
		Doc: "测算年度期初的风险储备金", DocEn: "risk reserve at the start of the priced year, yuan",
		Set: func(f *Fund, v FundValue) { f.OpeningReserve = v.Dec },
		Get: func(f *Fund) any {
			if f.OpeningReserve.IsZero() && !f.Given["opening_reserve"] {
				return nil
			}
			return f.OpeningReserve
		}},
	{Key: "reserve_floor", Zh: "储备金下限", Kind: FundMoney, Min: fptr(0), Default: "0", Unit: "元",
		Doc: "储备金不得低于此数", DocEn: "the reserve must stay above it, yuan",
		Set: func(f *Fund, v FundValue) { f.ReserveFloor = v.Dec },
		Get: func(f *Fund) any { return f.ReserveFloor }},
	{Key: "target_deficit_probability", Zh: "目标赤字概率", Kind: FundRatio, Default: "0.05", Unit: "比例",
		Doc:   "基金入不敷出的允许概率：测算年度的给付超过净互助费收入（互助费 − 管理费用 + 计划动用储备金）的概率不超过此数",
		DocEn: "allowed chance of a shortfall: that the fund's benefits of the priced year exceed its net contributions (contributions − expenses + planned_reserve_draw)",
		Set:   func(f *Fund, v FundValue) { f.TargetDeficitProbability = v.Num },
		Get:   func(f *Fund) any { return f.TargetDeficitProbability }},
	{Key: "plan_deficit_probability", Zh: "单项计划赤字概率上限", Kind: FundRatio, Unit: "比例",
		DefaultZh: "不适用", DefaultEn: "not applied",
		Doc:   "可选：每个计划单独入不敷出的概率上限（不允许计划之间互相补贴时填写）；不填则不适用",
		DocEn: "optional: the same bound for each plan on its own (forbids cross-subsidy between plans); empty = not applied",
		Set:   func(f *Fund, v FundValue) { f.PlanDeficitProbability = v.Num },
		Get: func(f *Fund) any {
			if f.PlanDeficitProbability == 0 {
				return nil
			}
			return f.PlanDeficitProbability
		}},
	{Key: "planned_reserve_draw", Zh: "计划动用储备金", Kind: FundMoney, Min: fptr(0), Default: "0", Unit: "元",
		Doc:   "理事会决定从储备金中动用、用于降低测算年度互助费的金额",
		DocEn: "what the board takes from the reserve to lower the year's contributions, yuan",
		Set:   func(f *Fund, v FundValue) { f.PlannedReserveDraw = v.Dec },
		Get:   func(f *Fund) any { return f.PlannedReserveDraw }},
	{Key: "solvency_probability", Zh: "储备金不足概率上限", Kind: FundRatio, Default: "0.01", Unit: "比例",
		Doc:   "年末储备金低于下限的允许概率（储备金检验）",
		DocEn: "allowed chance that the reserve ends the year below reserve_floor (the reserve test)",
		Set:   func(f *Fund, v FundValue) { f.SolvencyProbability = v.Num },
		Get:   func(f *Fund) any { return f.SolvencyProbability }},
	{Key: "expense_ratio", Zh: "管理费用率", Kind: FundRatio, Default: "0", Unit: "比例",
		Doc: "用于管理费用的互助费比例", DocEn: "share of contributions spent on administration",
		Set: func(f *Fund, v FundValue) { f.ExpenseRatio = v.Num },
		Get: func(f *Fund) any { return f.ExpenseRatio }},
	{Key: "medical_trend", Zh: "医疗费用增长率", Kind: FundRate, Default: "0.05", Unit: "比例/年",
		Doc: "每次给付费用的年增长率", DocEn: "yearly growth of cost per claim",
		Set: func(f *Fund, v FundValue) { f.MedicalTrend = v.Num },
		Get: func(f *Fund) any { return f.MedicalTrend }},
	{Key: "trend_sd", Zh: "增长率标准差", Kind: FundRatio, Default: "0.03", Unit: "比例",
		Doc: "增长率的不确定性（标准差）", DocEn: "uncertainty (sd) of that growth",
		Set: func(f *Fund, v FundValue) { f.TrendSD = v.Num },
		Get: func(f *Fund) any { return f.TrendSD }},
	{Key: "enrolment_growth", Zh: "参保人数增长率", Kind: FundRate, Unit: "比例/年",
		DefaultZh: "由参保数据估计（各年参保人数的对数线性趋势）", DefaultEn: "estimated from the Enrolment history (log-linear trend of members by year)",
		Doc: "参保人数的年增长率", DocEn: "yearly growth of members",
		Set: func(f *Fund, v FundValue) { f.EnrolmentGrowth = v.Num },
		Get: func(f *Fund) any {
			if !f.Given["enrolment_growth"] && f.EnrolmentGrowth == 0 {
				return nil
			}
			return f.EnrolmentGrowth
		}},
	{Key: "frequency_trend", Zh: "发生率增长率", Kind: FundRate, Unit: "比例/年",
		DefaultZh: "数据显示显著趋势时按数据估计，否则为 0", DefaultEn: "estimated from the data when significant, else 0",
		Doc:   "可选：各给付项发生率的年增长率；不填则仅在数据显示显著趋势时使用估计值",
		DocEn: "optional: yearly growth of every benefit's event rate; empty = the estimate, used only when significant",
		Set:   func(f *Fund, v FundValue) { f.FrequencyTrend = &v.Num },
		Get: func(f *Fund) any {
			if f.FrequencyTrend == nil {
				return nil
			}
			return *f.FrequencyTrend
		}},
	{Key: "as_of", Zh: "数据截止日期", Kind: FundDate,
		DefaultZh: "给付明细中最晚的报案日期", DefaultEn: "the latest report date in Claims",
		Doc:   "估值日：此日之后报案的给付视为尚未发生；用于估计已发生未报案（IBNR）",
		DocEn: "valuation date: claims reported after it are left out; late claims (IBNR) are completed from it",
		Set:   func(f *Fund, v FundValue) { f.AsOf = v.Date },
		Get: func(f *Fund) any {
			if f.AsOf.IsZero() {
				return nil
			}
			return f.AsOf
		}},
	{Key: "max_prior_weight", Zh: "参考数据最大权重", Kind: FundRatio, Default: "0.9", Unit: "比例",
		Doc:   "信度加权中参考表（先验）数据的最大权重",
		DocEn: "largest weight of the Reference sheet's prior in the credibility blend",
		Set:   func(f *Fund, v FundValue) { f.MaxPriorWeight = v.Num },
		Get:   func(f *Fund) any { return f.MaxPriorWeight }},
	{Key: "set_aside_ratio", Zh: "结余提取比例", Kind: FundRatio, Default: "0.3", Unit: "比例",
		Doc: "结余中提取进入风险储备金的比例", DocEn: "share of a surplus moved into the reserve",
		Set: func(f *Fund, v FundValue) { f.SetAsideRatio = v.Num },
		Get: func(f *Fund) any { return f.SetAsideRatio }},
	{Key: "max_change", Zh: "互助费最大调整幅度", Kind: FundRatio, Default: "0.2", Unit: "比例",
		Doc: "互助费一年内最大调整幅度", DocEn: "largest change of a contribution in one year (0.2 = 20%)",
		Set: func(f *Fund, v FundValue) { f.MaxChange = v.Num },
		Get: func(f *Fund) any { return f.MaxChange }},
	{Key: "max_term_change", Zh: "给付项最大调整幅度", Kind: FundRatio, Unit: "比例",
		DefaultZh: "同 max_change", DefaultEn: "max_change",
		Doc:   "互助费不变时（--fix contributions）每个给付项（封顶、津贴、比例、一次性给付）一年内最大调整幅度",
		DocEn: "largest change of a benefit term in one year when contributions are kept (--fix contributions)",
		Set:   func(f *Fund, v FundValue) { f.MaxTermChange = v.Num },
		Get: func(f *Fund) any {
			if f.MaxTermChange == 0 {
				return nil
			}
			return f.MaxTermChange
		}},
	{Key: "rounding", Zh: "取整单位", Kind: FundMoney, Min: fptr(0.01), Default: "1", Unit: "元",
		Doc: "互助费向上取整到此单位", DocEn: "contributions are rounded up to this many yuan",
		Set: func(f *Fund, v FundValue) { f.Rounding = v.Dec },
		Get: func(f *Fund) any { return f.Rounding }},
	{Key: "horizon_years", Zh: "预测年数", Kind: FundInt, Min: fptr(1), Max: fptr(30), Default: "5", Unit: "年",
		Doc: "储备金预测的年数", DocEn: "years of the reserve projection",
		Set: func(f *Fund, v FundValue) { f.HorizonYears = int(v.Num) },
		Get: func(f *Fund) any { return f.HorizonYears }},
}

// FundKeyByName returns the Fund key with the given English key.
func FundKeyByName(key string) (FundKey, bool) {
	for _, k := range FundKeys {
		if k.Key == key {
			return k, true
		}
	}
	return FundKey{}, false
}

// DefaultFund is the Fund with every key's default (Year and OpeningReserve
// unset, the optional keys not applied).
func DefaultFund() Fund {
	f := Fund{Given: map[string]bool{}}
	for _, k := range FundKeys {
		if k.Default == "" {
			continue
		}
		v, err := ParseFundText(k, k.Default)
		if err != nil {
			panic("book: the default of " + k.Key + ": " + err.Error())
		}
		k.Set(&f, v)
	}
	return f
}

// ParseFundText reads a value of key k written as text (a flag's value, a
// default): a number, with thousands separators, ¥ or 元 allowed; a ratio or
// rate may be written as a percentage (5%). The kind's range and the key's
// bounds apply. The workbook reads cells with the same rules.
func ParseFundText(k FundKey, raw string) (FundValue, error) {
	s := strings.TrimSpace(raw)
	if k.Kind == FundDate {
		for _, layout := range []string{"2006-01-02", "2006-1-2", "2006/1/2", "2006年1月2日", "2006.1.2"} {
			if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1990 && t.Year() <= 2100 {
				return FundValue{Date: t}, nil
			}
		}
		return FundValue{}, fmt.Errorf("expected %s", k.Expected())
	}
	pct := false
	if k.Kind == FundRatio || k.Kind == FundRate {
		for _, suf := range []string{"%", "％"} {
			if strings.HasSuffix(s, suf) {
				pct = true
				s = strings.TrimSpace(strings.TrimSuffix(s, suf))
			}
		}
	}
	s = strings.NewReplacer(",", "", "，", "", "¥", "", "￥", "", "元", "", " ", "").Replace(s)
	var v FundValue
	d, err := decimal.NewFromString(s)
	if err != nil || d.Abs().GreaterThan(decimal.New(1, 15)) {
		return v, fmt.Errorf("expected %s", k.Expected())
	}
	if pct {
		d = d.Div(decimal.NewFromInt(100))
	}
	v.Num = d.InexactFloat64()
	switch k.Kind {
	case FundInt:
		if !d.Equal(d.Truncate(0)) {
			return v, fmt.Errorf("expected %s", k.Expected())
		}
		v.Dec = d
	case FundMoney:
		v.Dec = d.Round(2)
		v.Num = v.Dec.InexactFloat64()
	case FundRatio:
		if v.Num < 0 || v.Num > 1 {
			return v, fmt.Errorf("expected %s", k.Expected())
		}
	case FundRate:
		if v.Num <= -1 || v.Num > 10 {
			return v, fmt.Errorf("expected %s", k.Expected())
		}
	}
	if k.Min != nil && v.Num < *k.Min || k.Max != nil && v.Num > *k.Max {
		return v, fmt.Errorf("expected %s", k.Expected())
	}
	return v, nil
}

// Expected says in English what key k accepts.
func (k FundKey) Expected() string {
	var s string
	switch k.Kind {
	case FundInt:
		s = "a whole number"
	case FundMoney:
		s = "an amount in yuan"
	case FundRatio:
		return "a ratio between 0 and 1, such as 0.05 or 5%"
	case FundRate:
		return "a rate such as 0.05 or 5%"
	case FundDate:
		return "a date such as 2026-01-20"
	}
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	if k.Min != nil {
		s += " ≥ " + num(*k.Min)
	}
	if k.Max != nil {
		if k.Min != nil {
			s += " and"
		}
		s += " ≤ " + num(*k.Max)
	}
	return s
}

// SetFundText parses raw as the value of key and sets it in f, marking it
// given: a flag overriding the Fund sheet.
func SetFundText(f *Fund, key, raw string) error {
	k, ok := FundKeyByName(key)
	if !ok {
		return fmt.Errorf("%q is not a Fund parameter", key)
	}
	v, err := ParseFundText(k, raw)
	if err != nil {
		return err
	}
	if f.Given == nil {
		f.Given = map[string]bool{}
	}
	k.Set(f, v)
	f.Given[key] = true
	return nil
}

// FlagName is the command-line flag of a Fund key: target-deficit-probability.
func (k FundKey) FlagName() string { return strings.ReplaceAll(k.Key, "_", "-") }
