package i18n

// The messages of the backtest (回溯检验): every data year after the first
// priced from the years before it, against what it paid (plans/calibrate
// RunBacktest; the report's sheet in internal/calreport).
func init() {
	Register(map[string]Message{
		"backtest.sheet": {"回溯检验", "Backtest"},
		"backtest.title": {"回溯检验：每个数据年度（第一年除外）仅用此前各年数据测算，与当年实际给付比较",
			"Backtest: every data year after the first priced from the years before it, against what it paid"},
		"backtest.col.year":       {"年度", "year"},
		"backtest.col.fitted":     {"所用数据年度", "years fitted"},
		"backtest.col.plan":       {"计划", "plan"},
		"backtest.col.members":    {"参保人数", "members"},
		"backtest.col.expected":   {"期望给付", "expected benefits"},
		"backtest.col.p5":         {"5% 分位数", "5% quantile"},
		"backtest.col.p95":        {"95% 分位数", "95% quantile"},
		"backtest.col.reported":   {"已报案给付", "reported paid"},
		"backtest.col.ibnr":       {"未报案估计", "IBNR estimate"},
		"backtest.col.actual":     {"实际给付（最终估计）", "actual (ultimate)"},
		"backtest.col.ratio":      {"实际/期望", "actual/expected"},
		"backtest.col.percentile": {"实际所处分位", "percentile of actual"},
		"backtest.col.inside":     {"在 90% 区间内", "inside the 90% interval"},
		"backtest.fund":           {"基金合计", "fund"},
		"backtest.yes":            {"是", "yes"},
		"backtest.no":             {"否", "no"},
		"backtest.summary": {"%d 个计划年度中有 %d 个（%s）落在 90%% 区间之外；方法成立时约为 10%%（二项分布 95%% 范围：%d 至 %d 个）。基金：%d 个年度中有 %d 个落在区间之外。",
			"%d plan-years compared, %d (%s) outside the 90%% interval; about 10%% when the method holds (binomial 95%% range: %d to %d). Fund: %d of %d years outside."},
		"backtest.explain": {"期望与分位数：用该年之前各年数据拟合的模型（同一测算方法，含未报案补足与信度），按该年实际参保人数、份数和现行条款，计入过程、参数和医疗费用趋势风险。实际给付：截至数据截止日期已报案的给付加上未报案估计（最终估计）。",
			"Expected and quantiles: the models fitted on the years before (the same method, with completion and credibility), for the year's members and shares as recorded under the current terms, with process, parameter and medical-trend risk. Actual: the benefits reported by the valuation date plus the estimate of those not yet reported (the ultimate)."},
		"backtest.note.one_year":   {"工作簿只有一个数据年度，无法进行回溯检验。", "The workbook has a single data year: there is nothing to backtest."},
		"backtest.note.new_plan":   {"%d 年：计划 %s 此前没有数据，未检验。", "%d: plan %s has no data before that year and is not tested."},
		"backtest.note.unfitted":   {"%d 年：计划 %s 此前数据不足以拟合模型，未检验。", "%d: plan %s cannot be fitted on the years before and is not tested."},
		"backtest.note.no_members": {"%d 年：计划 %s 当年没有参保人，未检验。", "%d: plan %s has no members that year and is not tested."},
		"backtest.notes":           {"说明", "notes"},
		"backtest.none":            {"没有可检验的计划年度。", "No plan-year could be tested."},
	})
}
