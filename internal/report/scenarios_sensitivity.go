package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// SensPlan is one plan's recommended and required contribution a share.
type SensPlan struct {
	Plan        string `json:"plan"`
	Name        string `json:"name,omitempty"` // the Plans sheet's name
	Recommended string `json:"recommended_contribution"`
	Required    string `json:"required_contribution"`
}

// SensLine is a calibration's figures the tornado compares.
type SensLine struct {
	RequiredNet string     `json:"required_net_income"`
	Income      string     `json:"income"`
	Plans       []SensPlan `json:"plans"`
}

// SensItem is one assumption at its low and high values.
type SensItem struct {
	Key        string   `json:"key"`
	Low        string   `json:"low"`
	High       string   `json:"high"`
	LowChange  string   `json:"low_change"`  // required net income at low − base
	HighChange string   `json:"high_change"` // at high − base
	Width      string   `json:"width"`       // |high − low| of the required net income
	Feasible   bool     `json:"feasible"`    // both runs met the target
	LowLine    SensLine `json:"at_low"`
	HighLine   SensLine `json:"at_high"`
}

// Sensitivity is the tornado of huzhu sensitivity (docs/scenarios.md).
type Sensitivity struct {
	File  string     `json:"file"`
	Seed  uint64     `json:"seed"`
	Base  SensLine   `json:"base"`
	Items []SensItem `json:"items"`
}

func (s *Sensitivity) JSON() any { return s }

func diff(a, b string) string {
	x, _ := decimal.NewFromString(a)
	y, _ := decimal.NewFromString(b)
	return x.Sub(y).StringFixed(2)
}

func signed(s string) string {
	if !strings.HasPrefix(s, "-") && s != "0.00" {
		return "+" + MoneyText(s)
	}
	return MoneyText(s)
}

func (s *Sensitivity) table(l i18n.Lang) *Table {
	t := &Table{Columns: []Column{Col("key", "col.assumption"), RCol("low", "col.low"), RCol("high", "col.high"),
		RCol("low_change", "col.required_low"), RCol("high_change", "col.required_high"), RCol("width", "col.width")}}
	for _, p := range s.Base.Plans {
		t.Columns = append(t.Columns, Column{Key: p.Plan, Text: PlanLabel(l, p.Plan, p.Name), Align: Right})
	}
	name := func(plan string) string {
		for _, p := range s.Base.Plans {
			if p.Plan == plan && p.Name != "" {
				return p.Name
			}
		}
		return plan
	}
	for _, it := range s.Items {
		row := []string{i18n.VaryLabel(l, it.Key, name), it.Low, it.High, signed(it.LowChange), signed(it.HighChange), MoneyText(it.Width)}
		for i, p := range s.Base.Plans {
			row = append(row, signed(diff(it.LowLine.Plans[i].Recommended, p.Recommended))+" / "+signed(diff(it.HighLine.Plans[i].Recommended, p.Recommended)))
		}
		if !it.Feasible {
			row[0] += l.T("sens.infeasible_mark")
		}
		t.Add(row...)
	}
	return t
}

func (s *Sensitivity) Table(w io.Writer, l i18n.Lang) error {
	fmt.Fprintln(w, l.T("sens.heading", s.File, MoneyText(s.Base.RequiredNet), len(s.Items)))
	fmt.Fprintln(w)
	if err := s.table(l).Render(w, l); err != nil {
		return err
	}
	fmt.Fprintln(w, l.T("sens.note"))
	return nil
}

// CSV is the long form: one row per assumption, plan ("fund" for the
// required net income) and field, with the base, low and high values.
func (s *Sensitivity) CSV(w io.Writer, l i18n.Lang) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"key", "low", "high", "plan", "field", "base", "at_low", "at_high"}); err != nil {
		return err
	}
	for _, it := range s.Items {
		rows := [][]string{{"fund", "required_net_income", s.Base.RequiredNet, it.LowLine.RequiredNet, it.HighLine.RequiredNet},
			{"fund", "income", s.Base.Income, it.LowLine.Income, it.HighLine.Income}}
		for i, p := range s.Base.Plans {
			rows = append(rows, []string{p.Plan, "recommended_contribution", p.Recommended, it.LowLine.Plans[i].Recommended, it.HighLine.Plans[i].Recommended},
				[]string{p.Plan, "required_contribution", p.Required, it.LowLine.Plans[i].Required, it.HighLine.Plans[i].Required})
		}
		for _, r := range rows {
			if err := cw.Write(append([]string{it.Key, it.Low, it.High}, r...)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// Excel writes the tornado's table and a native bar chart of the changes of
// the required net income at the low and high values.
func (s *Sensitivity) Excel(w io.Writer, l i18n.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := l.T("sens.sheet")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	set := func(col, row int, v any) error {
		c, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		return f.SetCellValue(sheet, c, v)
	}
	t := s.table(l)
	for j, c := range t.Columns {
		if err := set(j+1, 1, c.Heading(l)); err != nil {
			return err
		}
	}
	for i, r := range t.Rows {
		for j, v := range r {
			var x any = v
			if j >= 3 && j <= 5 {
				x = xlsxValue(strings.TrimPrefix(v, "+"))
			}
			if err := set(j+1, i+2, x); err != nil {
				return err
			}
		}
	}
	_ = f.SetColWidth(sheet, "A", "A", 30)
	n := len(t.Rows)
	if n > 0 {
		ref := func(col, row int) string {
			c, _ := excelize.CoordinatesToCellName(col, row, true)
			return c
		}
		q := "'" + sheet + "'!"
		var series []excelize.ChartSeries
		for _, col := range []int{4, 5} {
			series = append(series, excelize.ChartSeries{Name: q + ref(col, 1), Categories: q + ref(1, 2) + ":" + ref(1, n+1),
				Values: q + ref(col, 2) + ":" + ref(col, n+1)})
		}
		anchor, _ := excelize.CoordinatesToCellName(1, n+3)
		over := 100
		if err := f.AddChart(sheet, anchor, &excelize.Chart{Type: excelize.Bar, Series: series, Overlap: &over,
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: l.T("sens.chart")}}},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			XAxis:     excelize.ChartAxis{ReverseOrder: true}, // the category axis: the widest bar on top
			Dimension: excelize.ChartDimension{Width: 960, Height: uint(120 + 24*n)}}); err != nil {
			return err
		}
	}
	_ = f.SetDocProps(&excelize.DocProperties{Creator: "huzhu", Title: l.T("sens.sheet")})
	return writeCanonical(w, f)
}
