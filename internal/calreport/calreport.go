// Package calreport writes the calibration's Excel report for the board:
// 建议 (recommendations per plan), 基金 (the fund and the reserve), 预测 (the
// reserve projection), 分位数 (quantiles of every plan's and the fund's
// benefits), 模型 (the fitted models), 实际与期望 (last year's actual
// against expected) and, for books with claim detail, 数据完整性 / Completion
// (late-reported claims completed at the valuation date, and the warnings). Money cells are numbers with two decimals, taken from
// the decimal figures of the result, so the sheets add up to the fen. The
// report is in Chinese for the board, with the English keys in its headings;
// the models' notes are rendered in Chinese from the message catalogue.
package calreport

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/mattn/go-runewidth"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Input is what the report shows.
type Input struct {
	File   string
	Result *calibrate.Result
	Plans  []*model.Plan
	AE     []model.AE
	Seed   uint64
	Paths  int
	// Lang is the language of the 数据完整性 / Completion sheet (Chinese
	// unless En; the other sheets are Chinese with English keys).
	Lang i18n.Lang
}

type styles struct{ head, money, pct, title, text int }

// Write writes the report.
func Write(w io.Writer, in *Input) error {
	f := excelize.NewFile()
	defer f.Close()
	var st styles
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	num := func(s string) *string { return &s }
	st.head = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	st.money = mk(&excelize.Style{CustomNumFmt: num("#,##0.00")})
	st.pct = mk(&excelize.Style{CustomNumFmt: num("0.00%")})
	st.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	st.text = mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	r := in.Result
	sheets := []struct {
		name  string
		write func(*excelize.File, string, *Input, styles) error
	}{
		{"建议", recommendations}, {"基金", fund}, {"预测", projection}, {"分位数", quantiles}, {"模型", models}, {"实际与期望", actualExpected},
	}
	if hasCompletion(in) {
		sheets = append(sheets, struct {
			name  string
			write func(*excelize.File, string, *Input, styles) error
		}{in.lang().T("report.completion_sheet"), completion})
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		if err := s.write(f, s.name, in, st); err != nil {
			return fmt.Errorf("calreport: sheet %s: %w", s.name, err)
		}
	}
	f.SetActiveSheet(0)
	_ = f.SetDocProps(&excelize.DocProperties{Creator: "huzhu", Title: fmt.Sprintf("互助保障 %d 年度测算报告", r.Year)})
	return f.Write(w)
}

// cell is one value with its style.
type cell struct {
	v     any
	style int
}

func dec(d decimal.Decimal, st styles) cell { return cell{d.Round(2).InexactFloat64(), st.money} }
func pctc(x float64, st styles) cell {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return cell{nil, 0}
	}
	return cell{x, st.pct}
}
func txt(s string) cell { return cell{s, 0} }

// table writes a title, a header row and rows from row 1, with widths that
// fit Chinese text.
func table(f *excelize.File, sheet, title string, head []string, rows [][]cell, st styles) error {
	row := 1
	if title != "" {
		if err := f.SetCellValue(sheet, "A1", title); err != nil {
			return err
		}
		_ = f.SetCellStyle(sheet, "A1", "A1", st.title)
		row = 3
	}
	widths := make([]int, len(head))
	for j, h := range head {
		c, _ := excelize.CoordinatesToCellName(j+1, row)
		if err := f.SetCellValue(sheet, c, h); err != nil {
			return err
		}
		_ = f.SetCellStyle(sheet, c, c, st.head)
		widths[j] = runewidth.StringWidth(h)
	}
	for i, r := range rows {
		for j, c := range r {
			if c.v == nil {
				continue
			}
			name, _ := excelize.CoordinatesToCellName(j+1, row+1+i)
			if err := f.SetCellValue(sheet, name, c.v); err != nil {
				return err
			}
			if c.style != 0 {
				_ = f.SetCellStyle(sheet, name, name, c.style)
			}
			w := runewidth.StringWidth(fmt.Sprint(c.v))
			if c.style == st.money {
				w = 16
			}
			if j < len(widths) && w > widths[j] {
				widths[j] = w
			}
		}
	}
	for j, w := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		_ = f.SetColWidth(sheet, col, col, math.Min(float64(w)+2, 60))
	}
	top, _ := excelize.CoordinatesToCellName(1, row+1)
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: row, TopLeftCell: top, ActivePane: "bottomLeft"})
}

func recommendations(f *excelize.File, sheet string, in *Input, st styles) error {
	r := in.Result
	head := []string{"计划 (plan)", "名称 (name)", "保障期(年)", "份数 (shares)", "现行互助费 (current)", "建议互助费 (recommended)", "所需互助费 (required)",
		"调整 (change)", "受 max_change 限制", "期望给付 (expected)", "每份期望给付 (per share)", "风险附加 (margin)", "附加分摊比例 (margin share)",
		"互助费收入 (income)", "赔付率 (loss ratio)", "计划赤字概率 (P deficit)", "给付项 (lever)", "现行 (current)", "建议 (recommended)"}
	var rows [][]cell
	var inc, exp, mar decimal.Decimal
	for _, p := range r.Plans {
		limited := "否"
		if p.Limited {
			limited = "是"
		}
		row := []cell{txt(p.Plan), txt(p.Name), {p.PeriodYears, 0}, {math.Round(p.Shares), 0}, dec(p.Current, st), dec(p.Recommended, st), dec(p.Required, st),
			pctc(p.Change, st), txt(limited), dec(p.Expected, st), dec(p.ExpectedPerShare, st), dec(p.Margin, st), pctc(p.AllocShare, st),
			dec(p.Income, st), pctc(p.LossRatio, st), pctc(p.PDeficit, st)}
		if p.CapLever != "" {
			row = append(row, txt(p.CapLever), cell{p.CapCurrent.InexactFloat64(), 0}, cell{p.CapRecommended.InexactFloat64(), 0})
		}
		rows = append(rows, row)
		inc, exp, mar = inc.Add(p.Income), exp.Add(p.Expected), mar.Add(p.Margin)
	}
	rows = append(rows, []cell{txt("合计"), txt(""), {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0},
		dec(exp, st), {nil, 0}, dec(mar, st), {nil, 0}, dec(inc, st)})
	title := fmt.Sprintf("%d 年度互助费建议（目标赤字概率 %.1f%%，来源 %s）", r.Year, 100*r.Policy.TargetDeficitProbability, in.File)
	if r.Lever == calibrate.Caps {
		title = fmt.Sprintf("%d 年度给付项建议（互助费不变，目标赤字概率 %.1f%%，来源 %s）", r.Year, 100*r.Policy.TargetDeficitProbability, in.File)
	}
	return table(f, sheet, title, head, rows, st)
}

func fund(f *excelize.File, sheet string, in *Input, st styles) error {
	r := in.Result
	row := func(zh, en string, c cell) []cell { return []cell{txt(zh), txt(en), c} }
	rows := [][]cell{
		row("现行条款互助费收入", "income at current terms", dec(r.CurrentIncome, st)),
		row("建议互助费收入", "income at recommended terms", dec(r.Income, st)),
		row("管理费用", "expenses", dec(r.Expenses, st)),
		row("净收入", "net income", dec(r.NetIncome, st)),
		row("期望给付", "expected benefits", dec(r.Expected, st)),
		row("风险附加", "risk margin", dec(r.Margin, st)),
		row(fmt.Sprintf("给付 VaR %.1f%%", 100*(1-r.Policy.TargetDeficitProbability)), "benefits VaR", dec(r.VaR, st)),
		row("赤字概率（现行条款）", "P(deficit) at current terms", pctc(r.PDeficitBefore, st)),
		row("赤字概率（建议条款）", "P(deficit) at recommended terms", pctc(r.PDeficitAfter, st)),
		row("期初储备金", "opening reserve", dec(r.Policy.OpeningReserve, st)),
		row("储备金下限", "reserve floor", dec(r.Policy.ReserveFloor, st)),
		row("最大可动用储备金", "largest draw keeping the target", dec(r.MaxDraw, st)),
		row("预计动用储备金", "expected draw", dec(r.Draw, st)),
		row("建议结余提取", "recommended set-aside", dec(r.SetAside, st)),
		row("年末储备金 5%", "reserve at year end, 5%", dec(r.Reserve5, st)),
		row("年末储备金 50%", "reserve at year end, 50%", dec(r.Reserve50, st)),
		row("年末储备金 95%", "reserve at year end, 95%", dec(r.Reserve95, st)),
	}
	if d := r.Dist; d != nil {
		tot := d.VarProcess + d.VarParameter + d.VarTrend
		if tot > 0 {
			rows = append(rows, row("方差构成：过程风险", "variance share: process", pctc(d.VarProcess/tot, st)),
				row("方差构成：参数风险", "variance share: parameter", pctc(d.VarParameter/tot, st)),
				row("方差构成：趋势风险", "variance share: trend", pctc(d.VarTrend/tot, st)))
		}
	}
	for _, n := range r.Notes {
		rows = append(rows, []cell{txt("说明"), txt(i18n.Translate(i18n.Zh, n))})
	}
	return table(f, sheet, fmt.Sprintf("%d 年度基金收支与风险储备金", r.Year), []string{"项目", "item", "金额 / 概率 (value)"}, rows, st)
}

func projection(f *excelize.File, sheet string, in *Input, st styles) error {
	var rows [][]cell
	for _, y := range in.Result.Projection {
		rows = append(rows, []cell{{y.Year, 0}, dec(y.Income, st), dec(y.ExpectedBenefit, st), pctc(y.PBelowFloor, st), dec(y.P5, st), dec(y.P50, st), dec(y.P95, st)})
	}
	return table(f, sheet, fmt.Sprintf("储备金预测（建议条款不变，%d 次模拟，种子 %d）", in.Paths, in.Seed),
		[]string{"年度 (year)", "互助费收入 (income)", "期望给付 (expected)", "低于下限概率 (P below floor)", "储备金 5%", "储备金 50%", "储备金 95%"}, rows, st)
}

func quantiles(f *excelize.File, sheet string, in *Input, st styles) error {
	ps := []float64{0.01, 0.05, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999}
	head := []string{"计划 (plan)", "期望 (mean)", "标准差 (sd)"}
	for _, p := range ps {
		head = append(head, fmt.Sprintf("VaR %g%%", 100*p))
	}
	head = append(head, "TVaR 99%", "TVaR 99.5%")
	var rows [][]cell
	add := func(name string, l *aggregate.Lattice) {
		row := []cell{txt(name), {round2(l.Mean()), st.money}, {round2(l.SD()), st.money}}
		for _, p := range ps {
			row = append(row, cell{round2(l.VaR(p)), st.money})
		}
		row = append(row, cell{round2(l.TVaR(0.99)), st.money}, cell{round2(l.TVaR(0.995)), st.money})
		rows = append(rows, row)
	}
	d := in.Result.Dist
	for _, pd := range d.Plans {
		add(pd.Plan, pd.Total)
	}
	add("基金合计 (fund)", d.Total)
	return table(f, sheet, "给付总额分布的分位数（建议条款；含过程、参数和趋势风险）", head, rows, st)
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func models(f *excelize.File, sheet string, in *Input, st styles) error {
	head := []string{"计划 (plan)", "给付类型 (benefit)", "给付笔数 (claims)", "记录发生率 (recorded rate)", "记录比例 (P recorded)", "发生率 (ground-up rate)",
		"相对标准误 (rel. se)", "次数模型 (count model)", "金额/天数模型 (amount model)", "参数 (params)", "标准误 (se)", "AIC", "选择理由 (reason)"}
	var rows [][]cell
	for _, p := range in.Plans {
		for _, b := range p.Benefits {
			count := b.Freq.Family
			if !math.IsInf(b.Freq.Size, 1) {
				count += fmt.Sprintf("(size=%.4g)", b.Freq.Size)
			}
			row := []cell{txt(p.Terms.Plan), txt(string(b.Benefit)), {b.Claims, 0}, pctc(b.Freq.RecordedMu, st), pctc(b.Freq.Thinning, st), pctc(b.Freq.Mu, st),
				pctc(b.Freq.RelSE, st), txt(count)}
			switch {
			case b.Sev != nil && b.Sev.Fit != nil:
				r := b.Sev.Fit
				row = append(row, txt(fmt.Sprintf("%s（左截断于 %g）", r.Family, b.Sev.Truncation)), txt(kv(r.ParamNames, r.Params)), txt(kv(r.ParamNames, r.SE)),
					cell{round2(r.AIC), 0}, txt(i18n.Translate(i18n.Zh, b.Sev.Reason)))
			case b.Days != nil && b.Days.Fit != nil:
				r := b.Days.Fit
				row = append(row, txt(fmt.Sprintf("住院天数 1 + %s（左截断于 %d）", r.Family, b.Days.Truncation)), txt(kv(r.ParamNames, r.Params)), txt(kv(r.ParamNames, r.SE)),
					cell{round2(r.AIC), 0}, txt(""))
			case b.Payment != nil:
				row = append(row, txt("给付金额 lnorm（假设）"), txt(kvMap(b.Payment.Params())))
			case len(b.Categories) > 0:
				row = append(row, txt("构成 (mix)"), txt(kvMap(b.Categories)))
			}
			rows = append(rows, row)
		}
		for _, n := range p.Notes {
			rows = append(rows, []cell{txt(p.Terms.Plan), txt("说明"), {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0}, txt(i18n.Translate(i18n.Zh, n))})
		}
	}
	return table(f, sheet, "拟合的经验模型（每人每年）", head, rows, st)
}

func kv(names []string, vals []float64) string {
	var parts []string
	for i, n := range names {
		if i < len(vals) {
			parts = append(parts, fmt.Sprintf("%s=%.6g", n, vals[i]))
		}
	}
	return strings.Join(parts, ", ")
}

func kvMap(m map[string]float64) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var parts []string
	for _, k := range ks {
		parts = append(parts, fmt.Sprintf("%s=%.4g", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

func actualExpected(f *excelize.File, sheet string, in *Input, st styles) error {
	var rows [][]cell
	for _, a := range in.AE {
		within := "是"
		if !a.Within {
			within = "否"
		}
		rows = append(rows, []cell{txt(a.Plan), {a.Year, 0}, {round2(a.Actual), st.money}, {round2(a.Expected), st.money}, {round2(a.Lo), st.money},
			{round2(a.Hi), st.money}, {a.Ratio, 0}, txt(within)})
	}
	return table(f, sheet, "上年实际给付与模型期望（上年条款、上年参保人数）",
		[]string{"计划 (plan)", "年度 (year)", "实际 (actual)", "期望 (expected)", "90% 下限", "90% 上限", "实际/期望 (A/E)", "区间内 (within)"}, rows, st)
}
