package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// sheetName makes a valid, unique sheet name of at most 31 characters.
func sheetName(name string, used map[string]bool) string {
	r := strings.NewReplacer("[", "(", "]", ")", ":", "-", "*", "-", "?", "-", "/", "-", "\\", "-", "'", "")
	base := []rune(r.Replace(name))
	if len(base) > 28 {
		base = base[:28]
	}
	s := string(base)
	if s == "" {
		s = "-"
	}
	for i := 2; used[strings.ToLower(s)]; i++ {
		s = fmt.Sprintf("%s~%d", string(base), i)
	}
	used[strings.ToLower(s)] = true
	return s
}

// xlsxValue is a cell's value: a number when the text is one (grouping and
// a percent sign removed), else the text.
func xlsxValue(s string) any {
	t := strings.ReplaceAll(s, ",", "")
	pct := strings.HasSuffix(t, "%")
	t = strings.TrimSuffix(t, "%")
	x, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return s
	}
	if pct {
		return x / 100
	}
	return x
}

// Excel writes the comparison as a workbook in l: a comparison sheet (the
// table, then a block of each plan's recommended contribution, or expected
// benefits with --simulate, by scenario, with a clustered bar chart of it)
// and one detail sheet per scenario.
func (s *Scenarios) Excel(w io.Writer, l i18n.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	used := map[string]bool{}
	main := sheetName(l.T("scen.sheet_comparison"), used)
	if err := f.SetSheetName("Sheet1", main); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	set := func(sheet string, col, row int, v any) error {
		c, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		return f.SetCellValue(sheet, c, v)
	}
	t := s.table(l)
	for j, c := range t.Columns {
		if err := set(main, j+1, 1, c.Heading(l)); err != nil {
			return err
		}
	}
	for i, r := range t.Rows {
		for j, v := range r {
			var x any = v
			if j > 0 {
				x = xlsxValue(v)
			}
			if err := set(main, j+1, i+2, x); err != nil {
				return err
			}
		}
	}
	if err := f.SetRowStyle(main, 1, 1, bold); err != nil {
		return err
	}
	_ = f.SetColWidth(main, "A", "A", 34)
	// The chart's block: plans down, scenarios across.
	top := len(t.Rows) + 4
	title := l.T("scen.chart_recommended")
	if s.Simulate {
		title = l.T("scen.chart_expected")
	}
	if err := set(main, 1, top, title); err != nil {
		return err
	}
	var plans []string
	if s.Simulate {
		for _, p := range s.Scenarios[0].Simulation.Plans {
			plans = append(plans, p.Plan)
		}
	} else {
		for _, p := range s.Scenarios[0].Calibration.Plans {
			plans = append(plans, p.Plan)
		}
	}
	for j, x := range s.Scenarios {
		if err := set(main, j+2, top, x.Name); err != nil {
			return err
		}
		for i := range plans {
			var v string
			if s.Simulate {
				v = x.Simulation.Plans[i].Expected
			} else {
				v = x.Calibration.Plans[i].RecommendedContribution
			}
			if err := set(main, j+2, top+1+i, xlsxValue(v)); err != nil {
				return err
			}
		}
	}
	for i, p := range plans {
		if err := set(main, 1, top+1+i, p); err != nil {
			return err
		}
	}
	ref := func(col, row int) string {
		c, _ := excelize.CoordinatesToCellName(col, row, true)
		return "'" + main + "'!" + c
	}
	var series []excelize.ChartSeries
	for j := range s.Scenarios {
		series = append(series, excelize.ChartSeries{Name: ref(j+2, top),
			Categories: ref(1, top+1) + ":" + strings.TrimPrefix(ref(1, top+len(plans)), "'"+main+"'!"),
			Values:     ref(j+2, top+1) + ":" + strings.TrimPrefix(ref(j+2, top+len(plans)), "'"+main+"'!")})
	}
	anchor, _ := excelize.CoordinatesToCellName(1, top+len(plans)+2)
	if err := f.AddChart(main, anchor, &excelize.Chart{Type: excelize.Col, Series: series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 960, Height: 400}}); err != nil {
		return err
	}
	// One detail sheet per scenario.
	for _, x := range s.Scenarios {
		name := sheetName(x.Name, used)
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
		var dt *Table
		if x.Calibration != nil {
			dt = x.Calibration.plansTable(l)
			dt.Add(l.T("fund_total"), "", "", "", "", "", MoneyText(x.Calibration.Fund.Margin), MoneyText(x.Calibration.Fund.Income), "", Pct(x.Calibration.Fund.PDeficitAfter, 2), "")
		} else {
			dt = x.Simulation.table(l)
		}
		for j, c := range dt.Columns {
			if err := set(name, j+1, 1, c.Heading(l)); err != nil {
				return err
			}
		}
		for i, r := range dt.Rows {
			for j, v := range r {
				var xv any = v
				if j > 0 {
					xv = xlsxValue(v)
				}
				if err := set(name, j+1, i+2, xv); err != nil {
					return err
				}
			}
		}
		if err := f.SetRowStyle(name, 1, 1, bold); err != nil {
			return err
		}
		_ = f.SetColWidth(name, "A", "A", 24)
	}
	_ = f.SetDocProps(&excelize.DocProperties{Creator: "huzhu", Title: l.T("scen.sheet_comparison")})
	return writeCanonical(w, f)
}

// writeCanonical writes f to w in its canonical form (canonicalXLSX): the
// same content, the same bytes.
func writeCanonical(w io.Writer, f *excelize.File) error {
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	out, err := canonicalXLSX(buf.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// canonicalXLSX rewrites a workbook so that the same content gives the same
// bytes: the parts in name order and [Content_Types].xml's overrides
// sorted (excelize writes both in map order once a chart is added).
func canonicalXLSX(b []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	files := append([]*zip.File{}, zr.File...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range files {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if zf.Name == "[Content_Types].xml" {
			data = sortOverrides(data)
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

var overrideRE = regexp.MustCompile(`<(?:Override|Default) [^>]*></(?:Override|Default)>|<(?:Override|Default) [^>]*/>`)

// sortOverrides sorts the <Default> and <Override> elements of
// [Content_Types].xml (their order has no meaning; Defaults sort first).
func sortOverrides(x []byte) []byte {
	locs := overrideRE.FindAllIndex(x, -1)
	if len(locs) < 2 {
		return x
	}
	var parts []string
	for _, l := range locs {
		parts = append(parts, string(x[l[0]:l[1]]))
	}
	sort.Strings(parts)
	var b bytes.Buffer
	b.Write(x[:locs[0][0]])
	for i, l := range locs {
		b.WriteString(parts[i])
		end := len(x)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		b.Write(x[l[1]:end])
	}
	return b.Bytes()
}
