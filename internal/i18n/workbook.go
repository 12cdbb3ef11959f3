package i18n

// The workbook's problems (internal/workbook), keyed "wb.<code>" by the
// problem's code, or "wb.<code>.<variant>" when one code has several texts.
// A problem holds its key and arguments; its text is rendered in the reader's
// language. An argument that differs by language is an i18n.Name (a column:
// its key in English, its Chinese name in Chinese) or a nested note; a
// format may take its arguments in another order ("%[2]d").
func init() {
	Register(map[string]Message{
		// Cells and headers (table.go, fund.go).
		// Tables continued on numbered sheets.
		"wb.continuation_name":          {"工作表“%[1]s”像是%[3]s表的第 %[2]d 部分，但该表的第一张工作表名为“%[4]s”；请改名为“%[5]s”以便读取（现已忽略）", "sheet %[1]q looks like part %[2]d of the %[3]s table, whose first sheet is %[4]q; rename it %[5]q to be read (it is ignored)"},
		"wb.duplicate_sheet.names":      {"工作表 %[1]s 以不同名称表示%[2]s表的各部分；请统一命名（%[3]s、%[4]s……）", "sheets %[1]s all name parts of the %[2]s table under different names; keep one name (%[3]s, %[4]s, …)"},
		"wb.duplicate_sheet.part":       {"工作表“%[1]s”和“%[2]s”都是%[4]s表的第 %[3]d 部分，请只保留一个（后者已忽略）", "sheets %[1]q and %[2]q are both part %[3]d of the %[4]s table; keep one (the second is ignored)"},
		"wb.continuation_without_first": {"工作表“%[1]s”是%[3]s表的第 %[2]d 部分，但工作簿没有第一部分（%[4]s）：是否缺失或名称有误？", "sheet %[1]q is part %[2]d of the %[3]s table, but the workbook has no first sheet (%[4]s): is it missing or misnamed?"},
		"wb.continuation_gap":           {"工作表“%[1]s”是%[3]s表的第 %[2]d 部分，但没有第 %[4]d 部分：是否缺少工作表或名称有误？", "sheet %[1]q is part %[2]d of the %[3]s table, but no sheet is part %[4]d: is a sheet missing or misnamed?"},
		"wb.continuation_header":        {"表头与第一张工作表（%s）不同：找到“%s”，应为%s；续表须与第一张表的列相同、顺序相同（本表数据未读取）", "the header differs from the first sheet's (%s): found %q, expected %s; a continuation sheet has the first sheet's columns in the same places (its rows are not read)"},
		"wb.continued_sheet":            {"%[1]s表由 %[2]d 张工作表依次读取：%[3]s", "the %[1]s table is read from %[2]d sheets, in this order: %[3]s"},
		"wb.continuation_copy":          {"本表第一行与工作表“%s”的第一行相同：是其副本？其数据会被重复计算；请删除或改名（本表数据未读取）", "the sheet's first row repeats the first row of sheet %q: a copy of it? Its rows would be counted twice; delete the sheet or rename it (its rows are not read)"},
		"wb.term.not_a_term":            {"“%s”不是可设置的计划条款；应为 %s 之一", "%q is not a plan term that can be set; expected one of %s"},
		"wb.term.expected":              {"应为%s", "expected %s"},
		"wb.header_row":                 {"表头在第 %d 行；其上方 %d 行（标题？）已忽略", "the header is in row %d; the %d row(s) above it (a title?) are ignored"},
		"wb.too_many_rows":              {"超过 %d 行，拒绝读取", "more than %d rows: refused"},
		"wb.empty_sheet":                {"工作表为空：需要表头行和数据行", "the sheet is empty: it needs a header row and data rows"},
		"wb.required":                   {"%s不能为空（应为%s）", "%s is required (%s)"},
		"wb.required.fund":              {"必须填写%[2]s（%[1]s），单位元", "%[1]s (%[2]s) is required: the risk reserve at the start of the priced year, in yuan"},
		"wb.formula_without_value":      {"公式没有计算结果（文件由不计算公式的程序保存，如 openpyxl、pandas）；请在 Excel、WPS 或 LibreOffice 中打开、重新计算并保存", "the formula has no calculated value (the file was saved by a program that does not calculate, such as openpyxl or pandas); open the workbook in Excel, WPS or LibreOffice, let it calculate and save it"},
		"wb.bad_value":                  {"%s：找到“%s”%s，应为%s", "%s: found %q%s, expected %s"},
		"wb.bad_value.percent":          {"（即 %s%%）", " (= %s%%)"},
		"wb.bad_value.comma":            {"（逗号只能作千位分隔符，如 1,234.50；小数请用小数点，如 50.5）", " (a comma separates thousands, 1,234.50; write a decimal with a point: 50.5)"},
		"wb.bad_value.range":            {"（超过 %s，不合常理）", " (above %s, more than any real fund's)"},
		"wb.duplicate_column":           {"“%s”列重复（另见 %s）", "column %s appears twice (also %s)"},
		"wb.missing_column":             {"表头缺少“%[2]s”（%[1]s）列，本表数据无法读取", "the header row has no %[1]s column (%[2]s); the sheet's rows cannot be read"},
		"wb.unrecognised_column":        {"无法识别“%s”列；是否应为 %s？请修改表头（否则该列数据被忽略、使用默认值）", "column %q is not recognised; did you mean %s? Rename the header (its figures would otherwise be ignored and the default used)"},
		"wb.unknown_column.like":        {"“%s”列不属于%s表，已忽略（与已有的 %s 列相似）", "column %q is not part of the %s sheet and is ignored (it looks like %s, which is already there)"},
		"wb.unknown_column":             {"“%s”列不属于%s表，已忽略", "column %q is not part of the %s sheet and is ignored"},
		"wb.total_without_value":        {"合计行：公式没有计算结果，无法核对合计；请在 Excel、WPS 或 LibreOffice 中打开、重新计算并保存", "total row: the formula has no calculated value, so the total cannot be checked; open the workbook in Excel, WPS or LibreOffice, let it calculate and save it"},
		"wb.bad_total":                  {"合计行：%s：找到“%s”，应为%s；合计已忽略", "total row: %s: found %q, expected %s; the total is ignored"},
		"wb.total_mismatch":             {"%s合计为 %s，但上方各行之和为 %s（相差 %s）；使用各行数据，不使用合计", "total of %s is %s but the rows above add up to %s (difference %s); the rows are used, the total is not"},

		// What a column accepts (the argument "expected" of the messages above).
		"wb.expect.int":     {"整数", "a whole number"},
		"wb.expect.money":   {"金额（元）", "an amount in yuan"},
		"wb.expect.ratio":   {"0 到 1 之间的比例，如 0.7 或 70%", "a ratio between 0 and 1, such as 0.7 or 70%"},
		"wb.expect.rate":    {"比率，如 0.05 或 5%（超过 100% 须带百分号）", "a rate such as 0.05 or 5% (above 100% only with a percent sign)"},
		"wb.expect.date":    {"日期，如 2025-03-05", "a date such as 2025-03-05"},
		"wb.expect.one_of":  {"以下之一：%s", "one of %s"},
		"wb.expect.text":    {"不超过 %d 个字符的文本", "text of at most %d characters"},
		"wb.expect.min":     {"%s，不小于 %s", "%s ≥ %s"},
		"wb.expect.max":     {"%s，不大于 %s", "%s ≤ %s"},
		"wb.expect.min_max": {"%s，不小于 %s 且 不大于 %s", "%s ≥ %s and ≤ %s"},

		// Sheets (read.go).
		"wb.missing_sheet":      {"工作簿缺少“%[2]s”（%[1]s）工作表", "the workbook has no %[1]s sheet (%[2]s)"},
		"wb.no_claims":          {"工作簿有参保数据但没有给付记录（%[2]s表）：按各计划均无给付处理", "the workbook has enrolment but no claim rows (%[1]s sheet, %[2]s): every plan is taken to have had no claims"},
		"wb.duplicate_sheet":    {"工作表“%s”和“%s”都是%s表，请只保留一个", "sheets %q and %q both name the %s sheet; keep one"},
		"wb.sheet_read_as":      {"工作表“%[1]s”按%[3]s表（%[2]s）读取", "sheet %[1]q is read as the %[2]s sheet (%[3]s)"},
		"wb.unrecognised_sheet": {"工作表“%s”不属于工作簿格式，已忽略；是否应为 %s？请改名以便读取", "sheet %q is not part of the workbook format and is ignored; did you mean %s? Rename it to be read"},
		"wb.unknown_sheet":      {"工作表“%s”不属于工作簿格式，已忽略", "sheet %q is not part of the workbook format and is ignored"},

		// The Fund sheet (fund.go).
		"wb.duplicate_fund_key":     {"%s重复填写（另见第 %d 行）", "%s is given twice (also row %d)"},
		"wb.unknown_fund_key.title": {"参数上方的一行（标题？）已忽略", "a row above the parameters (a title?) is ignored"},
		"wb.unknown_fund_key.like":  {"“%s”不是基金参数，已忽略；是否应为 %s？", "%q is not a Fund parameter and is ignored; did you mean %s?"},
		"wb.unknown_fund_key":       {"“%s”不是基金参数，已忽略", "%q is not a Fund parameter and is ignored"},
		"wb.fund.not_a_key":         {"“%s”不是基金参数", "%q is not a Fund parameter"},
		"wb.fund.expected":          {"应为%s", "expected %s"},

		// The checks across sheets (check.go).
		"wb.unknown_plan":             {"计划“%s”不在计划表中", "plan %q is not on the Plans sheet"},
		"wb.plan_with_errors":         {"计划“%s”在计划表中有错误（第 %d 行：%s）：修正前本表中依赖这些字段的检查对该计划跳过", "plan %q has errors on the Plans sheet (row %d: %s): this sheet's checks that depend on them are skipped for the plan until they are fixed"},
		"wb.no_plans":                 {"计划表没有任何计划", "the Plans sheet has no plan rows"},
		"wb.duplicate_plan":           {"计划编号“%s”重复（另见 %s）", "plan %q is listed twice (also %s)"},
		"wb.default_ratio":            {"计划“%s”未填第一次给付比例：起付线以上费用全额给付", "plan %q has no ratio_1: medical costs above the deductible are paid in full"},
		"wb.ratio_gap":                {"填了第二次/第三次给付比例但未填第一次：第一次住院按全额给付", "ratio_2/ratio_3 given without ratio_1: the first admission is paid in full"},
		"wb.bad_schedule_benefit":     {"给付标准只适用于伤残（disability）或确诊（diagnosis），不是 %s", "a schedule is for disability or diagnosis, not %s"},
		"wb.benefit_not_allowed":      {"计划“%s”（%s）没有%s给付", "plan %q of kind %s does not pay %s"},
		"wb.bad_grade.range":          {"伤残等级“%s”：应为 1 到 10", "disability grade %q: expected 1 to 10"},
		"wb.bad_grade.schedule":       {"伤残等级“%s”不在该计划的给付标准中", "disability grade %q is not in the plan's schedule"},
		"wb.duplicate_schedule":       {"%s %s“%s”重复（另见 %s）", "%s %s %q is listed twice (also %s)"},
		"wb.duplicate_enrolment":      {"%d 年度、计划“%s”、单位“%s”重复（另见 %s）", "year %d, plan %q, group %q is listed twice (also %s)"},
		"wb.shares_above_max":         {"%[2]d 人参保 %[1]d 份，超过每人最多 %[3]d 份", "%[1]d shares for %[2]d members is more than max_shares %[3]d each"},
		"wb.shares_above_max.claim":   {"%d 份，超过计划最多份数 %d", "%d shares, more than the plan's max_shares %d"},
		"wb.shares_below_members":     {"%[2]d 人只有 %[1]d 份：每位参保人至少一份", "%[1]d shares for %[2]d members: every member holds at least one share"},
		"wb.new_above_members":        {"新参保人数 %d 多于参保人数 %d", "%d new members, more than the %d members"},
		"wb.duplicate_claim_id":       {"给付编号“%s”重复（另见 %s）", "claim id %q is used twice (also %s)"},
		"wb.report_before_event":      {"报案日期 %s 早于出险日期 %s", "reported %s, before the event on %s"},
		"wb.event_outside_year":       {"出险日期 %s 不在保障年度 %d 内", "event on %s is outside the cover year %d"},
		"wb.paid_above_terms":         {"已给付 %.2f 超过按条款本笔最多可给付的 %.2f：%s", "paid %.2f is more than the plan's terms allow for this claim (%.2f): %s"},
		"wb.paid_above_terms.earlier": {"以前年度条款可能不同", "an earlier year's terms may have differed"},
		"wb.paid_above_terms.last":    {"上年条款不可能给付这么多", "last year's terms cannot pay that much"},
		"wb.claims_without_enrolment": {"计划“%s”%d 年度有给付记录但没有参保数据，无法计算发生率", "plan %q has claims in %d but no enrolment that year: incidence cannot be computed"},
		"wb.paid_above_annual_cap":    {"会员 %[1]s 在计划“%[2]s”%[4]d 年度共获给付 %.2[3]f，超过年度最高给付 %.2[5]f", "member %[1]s of plan %[2]q was paid %.2[3]f in %[4]d, more than the annual cap %.2[5]f"},
		"wb.claims_above_enrolments":  {"救助人次 %d 多于参保人次 %d：请核对两个数字", "%d claims, more than the %d enrolments: check both figures"},
		"wb.paid_without_claims":      {"救助人次为 0，但救助金额为 %s", "paid %s with zero claims"},
		"wb.no_experience":            {"工作簿没有经验数据：请填写参保表（和给付明细表）或汇总表", "the workbook has no experience: fill the Enrolment sheet (with Claims) or the Summary sheet"},
		"wb.priced_year_in_data":      {"测算年度 %d 不晚于最后数据年度 %d", "the priced year %d is not after the last data year %d"},
		"wb.reserve_below_floor":      {"期初储备金 %s 已低于储备金下限 %s", "the opening reserve %s is already below the floor %s"},
		"wb.bad_target":               {"目标赤字概率 %s：应大于 0 且小于 0.5（如 0.05）", "target deficit probability %s: it must be above 0 and below 0.5 (e.g. 0.05)"},
		"wb.claims_without_members":   {"计划“%[1]s”%[3]d 年度有 %[2]d 笔给付，但参保人数为 0，无法计算发生率", "plan %[1]q has %[2]d claims in %[3]d but 0 members enrolled that year: incidence cannot be computed"},

		// The file as a whole (open.go, read.go: FileError).
		"wb.file.open":          {"无法打开工作簿", "cannot open the workbook"},
		"wb.file.read":          {"无法读取工作簿", "cannot read the workbook"},
		"wb.file.damaged_maybe": {"无法读取工作簿（已损坏？）", "cannot read the workbook (damaged?)"},
		"wb.file.dir":           {"是目录，不是工作簿", "is a directory, not a workbook"},
		"wb.file.too_big":       {"文件有 %d MB，超过工作簿上限 %d MB", "the file is %d MB, more than the %d MB a workbook may have"},
		"wb.file.zip_bomb":      {"部件 %[1]s 由 %[3]d KB 解压为 %[2]d MB（压缩比超过 %[4]d）：疑为压缩炸弹，拒绝读取", "part %[1]s unzips to %[2]d MB from %[3]d KB (ratio over %[4]d): refused as a possible zip bomb"},
		"wb.file.unzip_too_big": {"工作簿解压后 %d MB，超过上限 %d MB：过大或疑为压缩炸弹，拒绝读取", "the workbook unzips to %d MB, more than the limit of %d MB: refused as too large or a zip bomb"},
		"wb.file.no_workbook":   {"是 zip 文件但不是 Excel 工作簿（没有 xl/workbook.xml）；请另存为 .xlsx", "is a zip file but not an Excel workbook (no xl/workbook.xml); save it as .xlsx"},
		"wb.file.xls":           {"是旧版 .xls 工作簿或有密码保护；请在 Excel 或 WPS 中打开并另存为不带密码的 .xlsx", "is an old .xls workbook or a password-protected one; open it in Excel or WPS and save it as .xlsx without a password"},
		"wb.file.empty":         {"是空文件，不是 .xlsx 工作簿", "is empty, not an .xlsx workbook"},
		"wb.file.not_xlsx":      {"不是 .xlsx 工作簿（CSV 或已损坏？）；请在 Excel 或 WPS 中打开并另存为 .xlsx", "is not an .xlsx workbook (a CSV or damaged file?); open it in Excel or WPS and save it as .xlsx"},
		"wb.file.limits":        {"拒绝读取：工作簿超出读取上限（单个文本超过 4 MB，或共享字符串之多不似真实工作簿：压缩炸弹？）", "refused: the workbook is beyond the reader's limits (a text of more than 4 MB, or shared strings of a size no real workbook has: a zip bomb?)"},
		"wb.file.damaged":       {"文件已损坏（%s），不能使用：请从备份恢复，或在 Excel、WPS 中重新保存", "the file is damaged (%s); it cannot be trusted: restore it from a copy or save it again from Excel or WPS"},
		"wb.file.not_exist":     {"文件不存在", "the file does not exist"},
		"wb.file.permission":    {"没有读取权限", "permission denied"},
	})
}
