package i18n

// The workbook's problems about plan years and claim deadlines
// (internal/workbook/planyear.go).
func init() {
	Register(map[string]Message{
		"wb.event_outside_year.plan_year": {"出险日期 %[1]s 不在 %[2]d 保障年度（%[3]s 至 %[4]s）内，应属 %[5]d 年度", "event on %[1]s is outside plan year %[2]d (%[3]s to %[4]s); it is of plan year %[5]d"},
		"err.preset":                      {"--preset %s：应为 %s 之一", "--preset %s: expected one of %s"},
		"err.preset_zhejiang":             {"--preset 与 --zhejiang 不能同时使用", "--preset and --zhejiang cannot be used together"},
		"example.preset":                  {"（%s 预设，种子 %d）", " (preset %s, seed %d)"},
		"wb.reported_after_deadline":      {"报案日期 %[1]s 晚于 %[2]d 年度的报案截止日 %[3]s（保障期结束后 %[4]d 个月）：逾期报案不予给付", "reported on %[1]s, after plan year %[2]d's claim deadline %[3]s (%[4]d months after the period ends): a late claim is not payable"},
	})
}
