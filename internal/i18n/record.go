package i18n

// The messages of the audit record: calibrate/simulate --record, verify and
// diff.
func init() {
	Register(map[string]Message{
		"args.record":                 {"一份审计记录（.json）", "one audit record (.json)"},
		"args.records":                {"两份审计记录（原、新）", "two audit records (old, new)"},
		"record.wrote":                {"已写入审计记录：%s", "wrote the audit record: %s"},
		"verify.head":                 {"审计记录 %s（%s；记录时 huzhu %s，现在 huzhu %s）", "audit record %s (%s; recorded by huzhu %s, now huzhu %s)"},
		"verify.input_same":           {"与记录一致", "as recorded"},
		"verify.input_changed":        {"内容已改变", "changed"},
		"verify.not_replayed":         {"输入文件已改变：未重新运行；结果无法核对", "an input changed: the run was not replayed and cannot be confirmed"},
		"verify.identical":            {"重新运行的结果与记录完全一致", "the replayed run is identical to the record"},
		"verify.different":            {"重新运行的结果与记录不同（%d 处）：", "the replayed run differs from the record (%d values):"},
		"diff.head":                   {"比较审计记录 %s → %s", "comparing audit records %s → %s"},
		"diff.commands":               {"命令行：%s → %s", "command lines: %s → %s"},
		"diff.texts":                  {"另有 %d 处拟合说明文字随上述数字改变（见 --format json）", "and %d fitting messages that follow the numbers above (see --format json)"},
		"diff.none":                   {"两次运行的假设、数据、模型和结果均相同", "the two runs have the same assumptions, data, models and results"},
		"col.role":                    {"用途", "role"},
		"col.path":                    {"路径", "path"},
		"col.sha256":                  {"SHA-256", "SHA-256"},
		"col.status":                  {"状态", "status"},
		"col.old":                     {"原值", "old"},
		"col.new":                     {"新值", "new"},
		"col.section":                 {"部分", "section"},
		"role.book":                   {"工作簿", "workbook"},
		"role.terms":                  {"拟议条款", "proposed terms"},
		"role.scenarios":              {"情景文件", "scenario file"},
		"assumption_source.sheet":     {"工作表", "sheet"},
		"assumption_source.flag":      {"命令行参数", "flag"},
		"assumption_source.default":   {"默认值", "default"},
		"assumption_source.estimated": {"估计值", "estimated"},
		"assumption_source.scenario":  {"情景", "scenario"},
		"section.build":               {"程序版本", "build"},
		"section.inputs":              {"输入文件", "inputs"},
		"section.assumptions":         {"假设", "assumptions"},
		"section.models":              {"模型", "models"},
		"section.result":              {"结果", "result"},
		"err.record_extension":        {"--record %q：应为 .json 文件", "--record %q: expected a .json file"},
	})
}
