package calreport

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"
)

// The 图表 / Charts sheet: the charts on its first printed page (two
// columns, at A and F), and from
// row dataRow the data the distribution and the variance charts refer to
// (the others refer to the 建议, 预测 and 实际与期望 tables), labelled.
const (
	dataRow  = 56 // the chart data's title
	distBins = 60 // bins of the distribution chart
	chartW   = 560
	chartH   = 300
)

// chartData writes the 图表 sheet's title and the charts' own data:
// columns A–B the fund's benefit distribution (bin midpoint, probability),
// D–E and G–H the two vertical markers (the net contributions plus the
// planned draw; that plus the reserve above its floor), J–K the variance
// split.
func chartData(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	l := in.lang()
	if err := f.SetCellValue(sheet, "A1", l.T("rpt.title.charts")); err != nil {
		return 0, err
	}
	_ = f.SetCellStyle(sheet, "A1", "A1", st.title)
	set := func(col string, row int, v any, style int) {
		c := fmt.Sprintf("%s%d", col, row)
		_ = f.SetCellValue(sheet, c, v)
		if style != 0 {
			_ = f.SetCellStyle(sheet, c, c, style)
		}
	}
	set("A", dataRow, l.T("rpt.title.chart_data"), st.sub)
	h := dataRow + 2
	for _, c := range []struct{ col, code string }{{"A", "amount"}, {"B", "prob"}, {"D", "amount"}, {"E", "height"}, {"G", "amount"}, {"H", "height"},
		{"J", "component"}, {"K", "share"}} {
		set(c.col, h, l.T("rpt.col."+c.code), st.head)
	}
	set("D", h-1, l.T("rpt.chart.net_income"), st.bold)
	set("G", h-1, l.T("rpt.chart.with_reserve"), st.bold)
	r := in.Result
	if d := r.Dist; d != nil && d.Total != nil {
		xs, ps := distribution(d.Total.CDF, d.Total.VaR(0.0005), d.Total.VaR(0.9995))
		top := 0.0
		for i := range xs {
			set("A", h+1+i, round2(xs[i]), st.money)
			set("B", h+1+i, ps[i], st.pct)
			top = math.Max(top, ps[i])
		}
		net := r.NetIncome.Add(r.PlannedDraw).InexactFloat64()
		res := net + r.Policy.OpeningReserve.Sub(r.Policy.ReserveFloor).InexactFloat64()
		for i, y := range []float64{0, top} {
			set("D", h+1+i, round2(net), st.money)
			set("E", h+1+i, y, st.pct)
			set("G", h+1+i, round2(res), st.money)
			set("H", h+1+i, y, st.pct)
		}
	}
	// M–N: the line actual = expected across the data years of the A/E chart.
	if lo, hi := aeYears(aeRows(in)); hi > 0 {
		set("M", h, l.T("rpt.col.year"), st.head)
		set("N", h, l.T("rpt.chart.ae_one"), st.head)
		for i, y := range []int{lo, hi} {
			set("M", h+1+i, y, 0)
			set("N", h+1+i, 1.0, st.ratio)
		}
	}
	if shares := varianceShares(r.Dist); shares != nil {
		for i, k := range []string{"process", "parameter", "trend"} {
			set("J", h+1+i, l.T("rpt.var."+k), 0)
			set("K", h+1+i, shares[i], st.pct)
		}
	}
	_ = f.SetColWidth(sheet, "A", "N", 16)
	return 0, nil
}

// distribution bins the law of cdf between lo and hi into distBins bins:
// the midpoints and the probability of each.
func distribution(cdf func(float64) float64, lo, hi float64) (xs, ps []float64) {
	if !(hi > lo) {
		return nil, nil
	}
	w := (hi - lo) / distBins
	prev := cdf(lo)
	for i := range distBins {
		b := lo + float64(i+1)*w
		c := cdf(b)
		xs = append(xs, b-w/2)
		ps = append(ps, math.Max(c-prev, 0))
		prev = c
	}
	return xs, ps
}

// ref is an absolute range of a sheet: ref("建议", "J", 4, 10) =
// '建议'!$J$4:$J$10.
func ref(sheet, col string, from, to int) string {
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, col, from, col, to)
}

func cellRef(sheet, col string, row int) string { return fmt.Sprintf("'%s'!$%s$%d", sheet, col, row) }

func title(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Bold: true, Size: 11}}}}
}

// charts adds the report's native charts to the 图表 sheet: the fund's
// benefit distribution with the net contributions and the reserve marked,
// the plans' expected benefits against their contributions, the reserve
// projection's fan, last year's actual against expected, and the variance
// split. Every series refers to a filled range.
func charts(f *excelize.File, in *Input, recSheet, projSheet, chartSheet, aeSheet string) error {
	l := in.lang()
	r := in.Result
	money := excelize.ChartNumFmt{CustomNumFmt: "#,##0"}
	dim := excelize.ChartDimension{Width: chartW, Height: chartH}
	legend := excelize.ChartLegend{Position: "bottom"}
	axisFont := excelize.Font{Color: "404040", Size: 8}
	h := dataRow + 2
	vary := false
	if r.Dist != nil && r.Dist.Total != nil {
		none := excelize.ChartMarker{Symbol: "none"}
		c := &excelize.Chart{Type: excelize.Scatter, Dimension: dim, Legend: legend, Title: title(l.T("rpt.chart.dist")),
			Series: []excelize.ChartSeries{
				{Name: cellRef(chartSheet, "B", h), Categories: ref(chartSheet, "A", h+1, h+distBins), Values: ref(chartSheet, "B", h+1, h+distBins),
					Marker: none, Line: excelize.LineOptions{Type: excelize.LineSolid, Width: 2}},
				{Name: cellRef(chartSheet, "D", h-1), Categories: ref(chartSheet, "D", h+1, h+2), Values: ref(chartSheet, "E", h+1, h+2),
					Marker: none, Line: excelize.LineOptions{Type: excelize.LineSolid, Width: 1.5, Dash: excelize.LineDashDash}},
				{Name: cellRef(chartSheet, "G", h-1), Categories: ref(chartSheet, "G", h+1, h+2), Values: ref(chartSheet, "H", h+1, h+2),
					Marker: none, Line: excelize.LineOptions{Type: excelize.LineSolid, Width: 1.5, Dash: excelize.LineDashSysDot}},
			},
			XAxis: excelize.ChartAxis{NumFmt: money, Font: axisFont, Title: title(l.T("rpt.chart.dist_x"))},
			YAxis: excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.0%"}, Font: axisFont, MajorGridLines: true},
		}
		if err := f.AddChart(chartSheet, "A3", c); err != nil {
			return err
		}
	}
	if n := len(r.Plans); n > 0 {
		c := &excelize.Chart{Type: excelize.Col, VaryColors: &vary, Dimension: dim, Legend: legend, Title: title(l.T("rpt.chart.plans")),
			Series: []excelize.ChartSeries{
				{Name: cellRef(recSheet, "J", 3), Categories: ref(recSheet, "A", 4, 3+n), Values: ref(recSheet, "J", 4, 3+n)},
				{Name: cellRef(recSheet, "N", 3), Categories: ref(recSheet, "A", 4, 3+n), Values: ref(recSheet, "N", 4, 3+n)},
			},
			XAxis: excelize.ChartAxis{Font: axisFont}, YAxis: excelize.ChartAxis{NumFmt: money, Font: axisFont, MajorGridLines: true},
		}
		if err := f.AddChart(chartSheet, "F3", c); err != nil {
			return err
		}
	}
	if n := len(r.Projection); n > 0 {
		var ser []excelize.ChartSeries
		for i, col := range []string{"F", "G", "H", "I"} {
			s := excelize.ChartSeries{Name: cellRef(projSheet, col, 3), Categories: ref(projSheet, "A", 4, 3+n), Values: ref(projSheet, col, 4, 3+n),
				Line: excelize.LineOptions{Width: 2}}
			if i != 1 {
				s.Line = excelize.LineOptions{Width: 1.5, Dash: excelize.LineDashDash}
			}
			ser = append(ser, s)
		}
		c := &excelize.Chart{Type: excelize.Line, Dimension: dim, Legend: legend, Title: title(l.T("rpt.chart.fan")), Series: ser,
			XAxis: excelize.ChartAxis{Font: axisFont}, YAxis: excelize.ChartAxis{NumFmt: money, Font: axisFont, MajorGridLines: true}}
		if err := f.AddChart(chartSheet, "A20", c); err != nil {
			return err
		}
	}
	// Actual/expected by plan over the data years: a line per plan (x the
	// year, y A/E) from its rows of 实际与期望, and the line A/E = 1.
	if rows := aeRows(in); len(rows) > 0 {
		var ser []excelize.ChartSeries
		for _, b := range aeBlocks(rows, 4) {
			if !b.finite {
				continue
			}
			ser = append(ser, excelize.ChartSeries{Name: cellRef(aeSheet, "A", b.first), Categories: ref(aeSheet, "B", b.first, b.last),
				Values: ref(aeSheet, "G", b.first, b.last), Marker: excelize.ChartMarker{Symbol: "circle", Size: 5}, Line: excelize.LineOptions{Type: excelize.LineSolid, Width: 1.5}})
		}
		lo, hi := aeYears(rows)
		ser = append(ser, excelize.ChartSeries{Name: cellRef(chartSheet, "N", h), Categories: ref(chartSheet, "M", h+1, h+2), Values: ref(chartSheet, "N", h+1, h+2),
			Marker: excelize.ChartMarker{Symbol: "none"}, Line: excelize.LineOptions{Type: excelize.LineSolid, Width: 1.5, Dash: excelize.LineDashDash}})
		x0, x1 := float64(lo), float64(hi)
		if hi == lo {
			x0, x1 = x0-1, x1+1
		}
		c := &excelize.Chart{Type: excelize.Scatter, Dimension: dim, Legend: legend, Title: title(l.T("rpt.chart.ae")), Series: ser,
			XAxis: excelize.ChartAxis{Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}, MajorUnit: 1, Minimum: &x0, Maximum: &x1},
			YAxis: excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.00"}, Font: axisFont, MajorGridLines: true}}
		if err := f.AddChart(chartSheet, "F20", c); err != nil {
			return err
		}
	}
	if varianceShares(r.Dist) != nil {
		c := &excelize.Chart{Type: excelize.Col, VaryColors: &vary, Dimension: dim, Legend: excelize.ChartLegend{Position: "none"}, Title: title(l.T("rpt.chart.variance")),
			Series:   []excelize.ChartSeries{{Name: cellRef(chartSheet, "K", h), Categories: ref(chartSheet, "J", h+1, h+3), Values: ref(chartSheet, "K", h+1, h+3)}},
			PlotArea: excelize.ChartPlotArea{ShowVal: true},
			YAxis:    excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}, MajorGridLines: true}}
		if err := f.AddChart(chartSheet, "A37", c); err != nil {
			return err
		}
	}
	return nil
}
