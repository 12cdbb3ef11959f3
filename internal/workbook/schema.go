// Package workbook reads and writes huzhu's input workbook (WORKBOOK.md, version 1):
// the sheets Plans (计划), Schedules (给付标准), Enrolment (参保), Claims (给付明细),
// Summary (汇总) and Fund (基金). Its schema is data (Sheets), shared by the reader,
// the template writer, the example generator and the docs.
package workbook

import (
	"fmt"
	"strings"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
)

// Version is the workbook format version.
const Version = 1

// Type is the type of a column's cells.
type Type int

// Column types.
const (
	Text        Type = iota // free text
	Int                     // whole number; 2.5 is an error
	Money                   // yuan, may have fen
	Ratio                   // decimal 0.7, an Excel percentage cell, or text "70%"
	Rate                    // like Ratio but may be negative or above 1 (growth rates)
	Date                    // Excel date cell or text 2025-03-05
	KindEnum                // a plan kind key
	BenefitEnum             // a benefit type key
)

// Column describes one column of a sheet.
type Column struct {
	Key      string   // English key, e.g. "members"
	Zh       string   // Chinese label, e.g. "参保人数"
	Aliases  []string // other accepted headers (Chinese or English)
	Type     Type
	Required bool   // a row must have a value
	Unit     string // unit in Chinese for the instructions sheet, e.g. "元/份"
	Doc      string // explanation in Chinese for the instructions sheet
	DocEn    string // explanation in English for docs
	Min, Max *float64
	Default  string // default in words ("" = none)
	// Choices, for a BenefitEnum column, are the keys its drop-down lists
	// and its message names (nil: every benefit type).
	Choices []plans.Benefit
}

// Sheet describes one sheet of the workbook.
type Sheet struct {
	Key      string // English name, e.g. "Plans"
	Zh       string // Chinese name, e.g. "计划"
	Optional bool
	KeyValue bool     // the Fund sheet: two columns 项目/key and 数值/value, one row per Fund key
	Aliases  []string // other accepted names, e.g. 给付记录 for 给付明细
	Doc      string
	DocEn    string
	Columns  []Column
}

// Header is the template's header for a column: `中文 (key)`.
func (c Column) Header() string { return c.Zh + " (" + c.Key + ")" }

// Matches reports whether a header cell names this column: the Chinese label, the
// English key, an alias or the template form `中文 (key)`, case and spaces ignored.
func (c Column) Matches(header string) bool {
	h := normHeader(header)
	if h == "" {
		return false
	}
	for _, n := range append([]string{c.Key, c.Zh, c.Header()}, c.Aliases...) {
		if normHeader(n) == h {
			return true
		}
	}
	// `标签 (key)` with any label: the key in parentheses decides; `key (标签)`
	// and `标签 (key)` with either part naming the column are accepted too.
	if i := strings.LastIndex(h, "("); i > 0 && strings.HasSuffix(h, ")") {
		inner, outer := strings.TrimSpace(h[i+1:len(h)-1]), strings.TrimSpace(h[:i])
		if inner == normHeader(c.Key) {
			return true
		}
		for _, n := range append([]string{c.Key, c.Zh}, c.Aliases...) {
			if nn := normHeader(n); nn == outer || nn == inner {
				return true
			}
		}
	}
	return false
}

// Matches reports whether a sheet name names this sheet: its Chinese or
// English name, an alias or `中文 (Key)`, case and surrounding spaces ignored.
func (s Sheet) Matches(name string) bool {
	n := normHeader(name)
	if n == normHeader(s.Zh+" ("+s.Key+")") {
		return true
	}
	for _, m := range s.names() {
		if n == m {
			return true
		}
	}
	return false
}

// MatchesLoosely reports whether a sheet name is this sheet's name with a
// year or a trailing 表 around it (`2025年给付明细`, `给付明细表`).
func (s Sheet) MatchesLoosely(name string) bool {
	core := sheetCore(name)
	if core == "" || s.Matches(name) {
		return false
	}
	for _, m := range s.names() {
		if core == m {
			return true
		}
	}
	return false
}

// Column returns the column with the given key.
func (s Sheet) Column(key string) (Column, bool) {
	for _, c := range s.Columns {
		if c.Key == key {
			return c, true
		}
	}
	return Column{}, false
}

// mustIndex is index for the readers, which ask for their own sheet's
// columns: a key the sheet does not have is a programming error.
func (s Sheet) mustIndex(key string) int {
	i, ok := s.index(key)
	if !ok {
		panic("workbook: no column " + key + " in " + s.Key)
	}
	return i
}

func normHeader(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "（", "(")
	s = strings.ReplaceAll(s, "）", ")")
	s = strings.ReplaceAll(s, "\u3000", " ")
	return strings.Join(strings.Fields(s), " ")
}

func f(v float64) *float64 { return &v }

// TotalLabels are the labels of a total row (合计 / 总计 / Total), in any text cell of the row.
var TotalLabels = []string{"合计", "总计", "总计:", "total", "sum", "小计"}

// IsTotalLabel reports whether a text cell marks a total row (spaces inside
// ignored: `合  计` is 合计).
func IsTotalLabel(s string) bool {
	// Numbers, ids and dates are the cells of almost every row: cheap out.
	if len(s) == 0 || len(s) > 40 || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	if !strings.Contains(s, "计") {
		t := strings.TrimRight(strings.TrimSpace(s), ":：")
		return strings.EqualFold(t, "total") || strings.EqualFold(t, "sum")
	}
	n := strings.TrimRight(strings.Join(strings.Fields(normHeader(s)), ""), ":：")
	for _, t := range TotalLabels {
		if n == strings.TrimRight(t, ":") {
			return true
		}
	}
	return false
}

// Sheet keys.
const (
	SheetPlans     = "Plans"
	SheetSchedules = "Schedules"
	SheetEnrolment = "Enrolment"
	SheetClaims    = "Claims"
	SheetSummary   = "Summary"
	SheetFund      = "Fund"
	SheetReference = "Reference"
)

var planCol = Column{Key: "plan", Zh: "计划编号", Type: Text, Required: true, Doc: "计划的编号，与计划表一致，如 hospital", DocEn: "plan key, as on the Plans sheet"}
var yearCol = Column{Key: "year", Zh: "年度", Type: Int, Required: true, Min: f(1990), Max: f(2100), Doc: "数据所属年度，如 2025", DocEn: "data year"}
var groupCol = Column{Key: "group", Zh: "单位/地区", Aliases: []string{"单位", "地区", "单位 / 地区"}, Type: Text, Doc: "可选：单位、区县或城市", DocEn: "optional: a unit, district or city"}

// Sheets is the schema of the workbook, in the order of the template.
var Sheets = []Sheet{
	{
		Key: SheetPlans, Zh: "计划", Aliases: []string{"保障计划", "互助计划", "计划条款"}, Doc: "每个互助保障计划一行，填写现行条款", DocEn: "one row per plan, with the terms in force now",
		Columns: []Column{
			{Key: "plan", Zh: "计划编号", Type: Text, Required: true, Doc: "唯一编号，英文或拼音，如 hospital", DocEn: "unique key, e.g. hospital"},
			{Key: "name", Zh: "计划名称", Type: Text, Doc: "计划全称", DocEn: "plan name"},
			{Key: "kind", Zh: "类型", Type: KindEnum, Required: true, Doc: "计划类型，决定可给付的类型：female_disease 女职工特殊疾病、accident 意外伤害、critical_illness 重大疾病、hospital 住院医疗、child_accident 子女意外伤害、hospital_cash 住院津贴、nonwork_accident_fire 非工伤意外及家财火灾", DocEn: "plan kind; decides which benefit types its claims may carry"},
			{Key: "contribution", Zh: "互助费", Type: Money, Required: true, Min: f(0), Max: f(1e6), Unit: "元/份/期", Doc: "每份每个保障期的互助费", DocEn: "yuan per share per period"},
			{Key: "period_years", Zh: "保障期(年)", Aliases: []string{"保障期"}, Type: Int, Min: f(1), Max: f(3), Default: "1", Unit: "年", Doc: "保障期长度：1、2 或 3 年", DocEn: "period: 1, 2 or 3 years"},
			{Key: "max_shares", Zh: "最多份数", Type: Int, Min: f(1), Max: f(100), Default: "1", Unit: "份", Doc: "每人最多可参加的份数", DocEn: "most shares per member"},
			{Key: "waiting_days", Zh: "等待期(天)", Aliases: []string{"等待期", "观察期", "观察期(天)"}, Type: Int, Min: f(0), Max: f(3660), Default: "0", Unit: "天", Doc: "新参保人员的等待期（观察期）", DocEn: "waiting period of new members, days"},
			{Key: "deductible", Zh: "起付线", Aliases: []string{"免赔额", "起付标准"}, Type: Money, Min: f(0), Max: f(1e8), Unit: "元", Doc: "医疗费用低于此数不予给付", DocEn: "deductible of medical benefits, yuan"},
			{Key: "ratio_1", Zh: "第一次给付比例", Type: Ratio, Unit: "比例", Doc: "年度内第一次住院的给付比例，如 0.7 或 70%", DocEn: "ratio of the first admission of the year"},
			{Key: "ratio_2", Zh: "第二次给付比例", Type: Ratio, Unit: "比例", Doc: "年度内第二次住院的给付比例", DocEn: "ratio of the second admission"},
			{Key: "ratio_3", Zh: "第三次及以后给付比例", Type: Ratio, Unit: "比例", Doc: "年度内第三次及以后住院的给付比例", DocEn: "ratio of the third and later admissions"},
			{Key: "claim_cap", Zh: "单次最高给付", Aliases: []string{"单次封顶", "每次最高给付"}, Type: Money, Min: f(0), Max: f(1e8), Unit: "元/份", Doc: "每次给付的最高金额", DocEn: "most paid per claim, yuan per share"},
			{Key: "annual_cap", Zh: "年度最高给付", Aliases: []string{"年度封顶", "年度封顶线", "年度限额"}, Type: Money, Min: f(0), Max: f(1e8), Unit: "元/份", Doc: "每人每年本计划全部给付的最高金额", DocEn: "most paid per member per year, all benefits, yuan per share"},
			{Key: "daily_amount", Zh: "每日津贴", Type: Money, Min: f(0), Max: f(1e5), Unit: "元/份/天", Doc: "住院津贴或意外伤害津贴每天金额", DocEn: "daily allowance, yuan per share per day"},
			{Key: "from_day", Zh: "起付天数", Type: Int, Min: f(1), Max: f(366), Unit: "天", Doc: "从第几天开始给付津贴，如 4 表示从第4天起", DocEn: "first paid day (4 = from the 4th day)"},
			{Key: "max_days", Zh: "最多给付天数", Type: Int, Min: f(1), Max: f(1100), Unit: "天", Doc: "每个保障期最多给付的天数", DocEn: "most paid days per period"},
			{Key: "lump_sum", Zh: "一次性给付", Type: Money, Min: f(0), Max: f(1e8), Unit: "元/份", Doc: "确诊（疾病类计划）或身故（意外类计划）的一次性给付金额", DocEn: "lump sum on diagnosis or death, yuan per share"},
			{Key: "disability_sum", Zh: "伤残给付基数", Type: Money, Min: f(0), Max: f(1e8), Unit: "元/份", Doc: "伤残给付 = 基数 × 伤残等级对应比例", DocEn: "disability base, paid × the grade's percentage"},
			{Key: "fire_ratio", Zh: "财产损失给付比例", Type: Ratio, Unit: "比例", Doc: "家财火灾、水管爆裂损失的给付比例，如 10%", DocEn: "share of a property loss paid"},
			{Key: "fire_cap", Zh: "财产损失最高给付", Type: Money, Min: f(0), Max: f(1e8), Unit: "元", Doc: "每次财产损失的最高给付", DocEn: "most paid per property loss, yuan"},
			reportingLagCol, periodStartCol, claimDeadlineCol,
		},
	},
	{
		Key: SheetSchedules, Zh: "给付标准", Aliases: []string{"给付比例标准"}, Optional: true, Doc: "可选：伤残等级或病种的给付比例表，或住院、门诊费用的分段给付比例；未填伤残表时按一级100%、二级90%……十级10%", DocEn: "optional: disability-grade or disease-class schedules, or the cost bands of medical and outpatient benefits; default disability schedule grade 1 = 100% … 10 = 10%",
		Columns: []Column{
			planCol,
			{Key: "benefit", Zh: "给付类型", Type: BenefitEnum, Required: true, Choices: []plans.Benefit{plans.Disability, plans.Diagnosis, plans.BandSchedule, plans.OutpatientBandSchedule},
				Doc:   "disability（伤残）、diagnosis（确诊）、band（分段：住院医疗费用按年度累计自付费用分段给付）或 outpatient_band（门诊分段：门诊规定病种费用的分段）",
				DocEn: "disability, diagnosis, band (the medical benefit paid by bands of the member's cumulative cost in the plan year) or outpatient_band (the same for the outpatient benefit)"},
			{Key: "category", Zh: "类别", Type: Text, Required: true, Doc: "伤残等级 1–10，或病种名称；分段行填该段起点（元，会员本保障年度累计自付费用），如 0、10000、40000", DocEn: "disability grade 1–10, or a disease class; for band rows the band's lower edge in yuan of the member's cumulative cost in the plan year, e.g. 0, 10000, 40000"},
			{Key: "percent", Zh: "给付比例", Type: Ratio, Required: true, Unit: "比例", Doc: "占伤残给付基数或一次性给付的比例；分段行为该段内费用的给付比例", DocEn: "share of disability_sum / lump_sum; for band rows the ratio paid inside the band"},
		},
	},
	{
		Key: SheetEnrolment, Zh: "参保", Aliases: []string{"参保情况", "参保人数", "参保统计", "参保明细"}, Optional: true, Doc: "按年度、计划（和单位）填写参保人数", DocEn: "members covered, by year, plan and group",
		Columns: []Column{
			yearCol, planCol, groupCol,
			{Key: "members", Zh: "参保人数", Type: Int, Required: true, Min: f(0), Max: f(1e8), Unit: "人", Doc: "参保人数", DocEn: "members"},
			{Key: "shares", Zh: "份数", Aliases: []string{"参保份数"}, Type: Int, Min: f(0), Max: f(1e9), Default: "参保人数", Unit: "份", Doc: "参保总份数；不填等于参保人数", DocEn: "shares; default = members"},
			{Key: "new_members", Zh: "新参保人数", Type: Int, Min: f(0), Max: f(1e8), Unit: "人", Doc: "可选：本年新参保（处于等待期）人数", DocEn: "optional: new members, inside a waiting period"},
			{Key: "contributions", Zh: "互助费收入", Type: Money, Min: f(0), Max: f(1e11), Default: "份数 × 互助费 ÷ 保障期", Unit: "元/年", Doc: "可选：本年度实收互助费；不填按份数 × 互助费 ÷ 保障期（2、3 年期计划的互助费按年分摊；按档次定价的计划用本行档次的互助费）", DocEn: "optional: contributions of the year; default shares × contribution ÷ period_years (a 2- or 3-year plan's contribution is spread over its years; a plan priced by class takes the row's class contribution from the Rates sheet)"},
			{Key: "start_year", Zh: "起保年度", Aliases: []string{"保障期起始年度"}, Type: Int, Min: f(1990), Max: f(2100), Default: "年度", Doc: "可选：2、3 年期计划中本行会员本期保障开始的年度（同一计划按起保年度分行填写）；不填等于年度。填写后，测算年度仍在保障期内的各期按原缴费计入当年已赚互助费，只有新一期按新缴费", DocEn: "optional: for a 2- or 3-year plan, the year the row's members' current period began (one row per start year); default = year. When given, the periods still running in the priced year bring their earned contributions at their own price, and only the new period pays the new contribution"},
			classCol, // rates.go
		},
	},
	{
		Key: SheetClaims, Zh: "给付明细", Aliases: []string{"给付记录", "给付清单", "理赔明细", "赔付明细", "救助明细"}, Optional: true, Doc: "互助会自己的给付记录，每笔给付一行", DocEn: "one row per paid or reported claim",
		Columns: []Column{
			{Key: "claim_id", Zh: "给付编号", Type: Text, Required: true, Doc: "唯一编号", DocEn: "unique id"},
			yearCol, planCol,
			{Key: "member_id", Zh: "会员编号", Type: Text, Doc: "脱敏后的会员编号，用于识别同一人的多次给付（住院次数、年度封顶）", DocEn: "anonymised member id; links claims of one member"},
			groupCol,
			{Key: "benefit", Zh: "给付类型", Type: BenefitEnum, Required: true, Doc: "medical 医疗费用、day 住院津贴、diagnosis 确诊、death 身故、disability 伤残、fire 财产损失、outpatient 门诊规定病种（住院医疗计划，按门诊分段给付）", DocEn: "medical, day, diagnosis, death, disability, fire or outpatient (hospital plans with outpatient bands)"},
			{Key: "event_date", Zh: "出险日期", Aliases: []string{"入院日期"}, Type: Date, Doc: "出险日期或入院日期", DocEn: "event or admission date"},
			{Key: "report_date", Zh: "报案日期", Type: Date, Doc: "可选：报案日期，不早于出险日期", DocEn: "optional: report date, not before event_date"},
			{Key: "days", Zh: "住院天数", Type: Int, Min: f(0), Max: f(1100), Unit: "天", Doc: "住院天数（day 与 medical 类）", DocEn: "hospital days (day and medical)"},
			{Key: "cost", Zh: "费用", Aliases: []string{"损失金额", "费用/损失金额", "费用 / 损失金额"}, Type: Money, Min: f(0), Max: f(1e8), Unit: "元", Doc: "基本医保报销后的个人自付费用，或财产损失金额（未经本计划起付线、比例、封顶调整的原始金额）", DocEn: "ground-up amount: self-paid cost after basic insurance, or the property loss"},
			{Key: "category", Zh: "类别", Type: Text, Doc: "伤残等级或病种", DocEn: "disability grade or disease class"},
			{Key: "shares", Zh: "份数", Aliases: []string{"参保份数"}, Type: Int, Min: f(1), Max: f(100), Default: "1", Unit: "份", Doc: "该会员在本计划的份数", DocEn: "the member's shares in this plan"},
			{Key: "paid", Zh: "已给付金额", Aliases: []string{"给付金额", "实际给付金额", "实付金额"}, Type: Money, Min: f(0), Max: f(1e8), Unit: "元", Doc: "按上年条款实际给付的金额", DocEn: "what the plan paid under last year's terms"},
			classCol, // rates.go
		},
	},
	{
		Key: SheetSummary, Zh: "汇总", Aliases: []string{"汇总统计"}, Optional: true, Doc: "可选：汇总历史数据（如公开统计表）", DocEn: "optional: aggregated history, e.g. a published table",
		Columns: []Column{
			yearCol,
			{Key: "plan", Zh: "计划编号", Type: Text, Doc: "可选：表格覆盖全部计划时可不填", DocEn: "optional when the table covers all plans together"},
			groupCol,
			{Key: "enrolments", Zh: "参保人次", Type: Int, Min: f(0), Max: f(1e9), Required: true, Unit: "人次", Doc: "参保人次", DocEn: "enrolments"},
			{Key: "claims", Zh: "救助人次", Aliases: []string{"给付人次"}, Type: Int, Min: f(0), Max: f(1e9), Unit: "人次", Doc: "救助（给付）人次", DocEn: "beneficiaries / claims"},
			{Key: "paid", Zh: "救助金额", Aliases: []string{"给付金额"}, Type: Money, Min: f(0), Max: f(1e12), Unit: "元", Doc: "救助（给付）金额", DocEn: "benefit paid, yuan"},
		},
	},
	referenceSheet,
	ratesSheet, // rates.go
	{
		Key: SheetFund, Zh: "基金", Aliases: []string{"基金参数"}, KeyValue: true, Doc: "基金参数：两列，项目 (key) 与 数值 (value)", DocEn: "fund parameters: two columns, key and value",
		Columns: fundColumns(),
	},
}

// SheetByKey returns the schema of a sheet by its English key.
func SheetByKey(key string) Sheet {
	for _, s := range Sheets {
		if s.Key == key {
			return s
		}
	}
	panic(fmt.Sprintf("workbook: no sheet %q in the schema", key))
}

// fundColumns are the Fund sheet's rows, made from the one table of Fund
// keys (book.FundKeys).
func fundColumns() []Column {
	types := map[book.FundKind]Type{book.FundInt: Int, book.FundMoney: Money, book.FundRatio: Ratio, book.FundRate: Rate, book.FundDate: Date}
	var cs []Column
	for _, k := range book.FundKeys {
		c := Column{Key: k.Key, Zh: k.Zh, Type: types[k.Kind], Required: k.Required, Unit: k.Unit, Doc: k.Doc, DocEn: k.DocEn,
			Min: k.Min, Max: k.Max, Default: k.Default}
		if k.DefaultZh != "" {
			c.Default = k.DefaultZh
		}
		cs = append(cs, c)
	}
	return cs
}

// Fund key-value sheet headers.
var (
	FundKeyHeader   = Column{Key: "key", Zh: "项目"}
	FundValueHeader = Column{Key: "value", Zh: "数值"}
)
