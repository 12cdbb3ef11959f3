package i18n

// The messages of the scenario batch (huzhu scenarios), the tornado (huzhu
// sensitivity) and the stress tests (huzhu stress).
func init() {
	Register(map[string]Message{
		"args.scen_workbook":      {"一个工作簿（.xlsx）", "one workbook (.xlsx)"},
		"scen.file_problems":      {"情景文件 %s 有 %d 处问题：", "the scenario file %s has %d problem(s):"},
		"scen.heading":            {"情景对比：%s，情景文件 %s，%d 个情景（各自测算建议方案）", "scenarios: %s, scenario file %s, %d scenarios (each calibrated)"},
		"scen.heading_simulate":   {"情景对比：%s，情景文件 %s，%d 个情景（现行或拟议条款下的给付分布）", "scenarios: %s, scenario file %s, %d scenarios (the benefits' distribution under the terms given)"},
		"scen.row.recommended":    {"%s 建议互助费", "%s recommended contribution"},
		"scen.row.change":         {"%s 调整", "%s change"},
		"scen.row.cap":            {"%s 给付项（现行→建议）", "%s benefit term (current → recommended)"},
		"scen.row.expected_plan":  {"%s 期望给付", "%s expected benefits"},
		"scen.row.p_deficit_plan": {"%s 入不敷出概率", "%s P(shortfall)"},
		"scen.row.contributions":  {"互助费收入", "contributions"},
		"scen.row.income":         {"建议互助费收入", "income (recommended)"},
		"scen.row.expected":       {"期望给付", "expected benefits"},
		"scen.row.margin":         {"风险附加（基金）", "risk margin (fund)"},
		"scen.row.planned_draw":   {"计划动用储备金", "planned reserve draw"},
		"scen.row.p_deficit":      {"入不敷出概率", "P(shortfall)"},
		"scen.row.reserve":        {"年末储备金（中位数）", "reserve at year end (median)"},
		"scen.row.backstop":       {"工会兜底金额 99%", "union backstop 99%"},
		"scen.row.feasible":       {"目标可达", "target met"},
		"scen.row.refit":          {"重新拟合模型", "models refitted"},
		"scen.row.var":            {"给付 VaR %s%%", "benefits VaR %s%%"},
		"scen.infeasible":         {"不可行", "infeasible"},
		"scen.infeasible_note":    {"情景“%s”：%s", "scenario %q: %s"},
		"scen.sheet_comparison":   {"情景对比", "comparison"},
		"scen.chart_recommended":  {"各情景建议互助费（元/份）", "recommended contribution by scenario (yuan a share)"},
		"scen.chart_expected":     {"各情景期望给付（元）", "expected benefits by scenario (yuan)"},
		"scen.wrote":              {"已写入情景对比：%s", "wrote the comparison: %s"},
		"scen.progress":           {"情景", "scenarios"},
	})
}
