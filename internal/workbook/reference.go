package workbook

import (
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
)

// reportingLagCol is the Plans column that overrides the reporting delays
// estimated from the claims.
var reportingLagCol = Column{Key: "reporting_lag_months", Zh: "报案延迟(月)", Aliases: []string{"报案延迟"}, Type: Int, Min: f(1), Max: f(60), Unit: "月",
	Doc:   "可选：给付在出险后几个月内报齐；填写后代替根据出险日期和报案日期估计的报案延迟",
	DocEn: "optional: claims are all reported within so many months of the event; replaces the delays estimated from event_date and report_date"}

// referenceSheet is the optional Reference sheet: benchmarks that serve as
// the prior of the credibility blend.
var referenceSheet = Sheet{
	Key: SheetReference, Zh: "参考", Optional: true,
	Doc:   "可选：参考数据（其他基金或公开统计的发生率和件均给付），作为经验不足时的先验",
	DocEn: "optional: benchmarks (another fund's or a published incidence and mean benefit), the prior where experience is thin",
	Columns: []Column{
		{Key: "kind", Zh: "类型", Type: KindEnum, Required: true, Doc: "计划类型", DocEn: "plan kind"},
		{Key: "benefit", Zh: "给付类型", Type: BenefitEnum, Required: true, Doc: "给付类型", DocEn: "benefit type"},
		{Key: "incidence", Zh: "发生率", Type: Rate, Required: true, Unit: "次/人年", Doc: "每人每年的出险次数（未经起付线筛选）", DocEn: "events per member-year, ground-up (before the deductible or first paid day)"},
		{Key: "mean_paid", Zh: "件均给付", Type: Money, Min: f(0), Unit: "元/份", Doc: "可选：每次出险的平均给付（每份）", DocEn: "optional: mean benefit per event, yuan per share"},
		{Key: "exposure", Zh: "参考人年数", Type: Int, Required: true, Min: f(1), Unit: "人年", Doc: "参考数据所依据的人年数，决定先验的权重", DocEn: "member-years the benchmark rests on; decides the prior's weight"},
		{Key: "source", Zh: "来源", Type: Text, Doc: "数据来源", DocEn: "source of the benchmark"},
	},
}

// buildReference turns the Reference sheet's rows into the book's.
func (r *reader) buildReference(s Sheet, data []row) {
	get := func(rw row, key string) value { return rw.get(s.mustIndex(key)) }
	for _, rw := range data {
		r.book.References = append(r.book.References, book.ReferenceRow{Row: rw.n,
			Kind: plans.Kind(get(rw, "kind").Text), Benefit: plans.Benefit(get(rw, "benefit").Text),
			Incidence: get(rw, "incidence").Num, MeanPaid: get(rw, "mean_paid").Num,
			Exposure: get(rw, "exposure").Num, Source: get(rw, "source").Text})
	}
}

// referenceCells are the cells of a Reference row.
func referenceCells(x *book.ReferenceRow) func(string) any {
	return func(key string) any {
		switch key {
		case "kind":
			return string(x.Kind)
		case "benefit":
			return string(x.Benefit)
		case "incidence":
			return x.Incidence
		case "mean_paid":
			if x.MeanPaid > 0 {
				return x.MeanPaid
			}
		case "exposure":
			return x.Exposure
		case "source":
			return text(x.Source)
		}
		return nil
	}
}
