package i18n

// The rate classes (档次): the workbook's problems with the class column and
// the Rates sheet (internal/workbook/rates.go), and the labels of the
// classes' recommendations.
func init() {
	Register(map[string]Message{
		"wb.duplicate_rate":       {"计划“%s”的档次“%s”重复（另见 %s）", "plan %q class %q is listed twice (also %s)"},
		"wb.rate_not_positive":    {"计划“%s”档次“%s”的互助费为 %s，应大于 0", "plan %q class %q has contribution %s; expected above 0"},
		"wb.class_without_rate":   {"计划“%s”的档次“%s”在%s表中没有互助费；该计划按档次定价，每个档次都需要一行", "plan %q class %q has no row on the %s sheet; the plan is priced by class and each of its classes needs one"},
		"wb.rate_without_class":   {"计划“%s”的档次“%s”在本表有互助费，但该计划在%s表中没有此档次的行；计划的档次来自该表的档次列，本行不会被使用", "plan %q class %q has a contribution here, but no row of the plan on the %s sheet has that class; a plan's classes come from that sheet's class column, and this row would price nothing"},
		"wb.class_missing":        {"计划“%s”的其他参保行填写了档次（如 %s），本行未填写；同一计划的参保行须全部填写档次或全部不填", "the plan %q's other Enrolment rows have a class (e.g. %s) and this row has none; a plan's rows all have a class or none has"},
		"wb.unknown_class":        {"档次“%s”不是计划“%s”在%s表中的档次", "class %q is not a class of plan %q on the %s sheet"},
		"wb.claim_without_class":  {"计划“%s”按档次参保，但有给付未填写档次（首个见此行）；这些给付计入计划，不计入档次的相对系数", "plan %q has classes, but some of its claims have none (the first is this row); they count for the plan, not for a class's relativity"},
		"calibrate.classes_title": {"按档次的互助费（计划的建议收入按各档次期望成本分摊）", "contributions by rate class (the plan's recommended income split by the classes' expected cost)"},
		"col.class":               {"档次", "class"},
		"rpt.sheet.classes":       {"档次", "Classes"},
		"rpt.title.classes":       {"%d 年度按档次的互助费（计划的建议收入按各档次每份期望成本分摊）", "Contributions by rate class for %d (the plan's recommended income split by each class's expected cost per share)"},
		"rpt.col.class":           {"档次", "class"},
		"rpt.col.cost_per_member": {"人均期望给付", "expected cost per member"},
		"rpt.col.relativity":      {"成本相对系数", "cost relativity"},
		"rpt.col.incidence_rel":   {"发生率相对系数", "incidence relativity"},
		"rpt.col.severity_rel":    {"费用相对系数", "severity relativity"},
		"rpt.col.credibility":     {"可信度", "credibility"},
		"col.expected_per_member": {"人均期望给付", "expected/member"},
		"col.relativity":          {"相对系数", "relativity"},
		"col.credibility_z":       {"可信度", "credibility"},
	})
	pattern("cal.classes_short", `plan (\S+): max_change keeps its classes' prices (\S+) short of the plan's recommended income per period (\S+)`,
		Message{"计划 %s：受最大调整幅度限制，各档次互助费合计比计划的建议收入（每期 %[3]s）少 %[2]s", "plan %s: max_change keeps its classes' prices %s short of the plan's recommended income per period %s"})
}
