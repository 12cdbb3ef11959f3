package example

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/huzhu-fund/huzhu/plans/book"

	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// zhejiangCSV is the 2014 Zhejiang table (浙江工人日报 2015-12-24): per city,
// enrolments (参保人次), beneficiaries (救助人次) and benefit paid (救助金额, yuan).
//
//go:embed zhejiang-2014.csv
var zhejiangCSV string

// Zhejiang assumptions (the source publishes no terms; docs/example.md).
const (
	zhejiangYear         = 2014
	zhejiangContribution = "40"  // yuan a year: the 2014 province-wide loss ratio is then about 80%, as nationally in 2020
	zhejiangReserveRatio = "0.4" // opening reserve / one year's contributions at the assumed price
)

// Zhejiang2014 returns the summary-only book of the published 2014 Zhejiang
// table: one Summary row per city (Group = the city, Plan "" for all plans
// together, Year 2014), the provincial industry unions' row with enrolments
// only (Claims −1, Paid not given), and the published total row (合计:
// 3,374,730 enrolments, 103,299 beneficiaries, 101,697,884 yuan) in
// SummaryTotals — it does not reconcile with the city rows (103,311,287 yuan
// in the rows), which the reader reports as a warning. The Plans row and the Fund's opening reserve are documented
// assumptions; the Fund prices 2015.
func Zhejiang2014() *workbook.Book {
	rows, err := zhejiangRows()
	if err != nil {
		// The CSV is embedded and tested: this is a build defect, not bad input.
		panic(err)
	}
	b := &workbook.Book{
		SheetNames: map[string]string{
			workbook.SheetPlans: "计划", workbook.SheetSchedules: "", workbook.SheetEnrolment: "",
			workbook.SheetClaims: "", workbook.SheetSummary: "汇总", workbook.SheetFund: "基金",
		},
		Book: book.Book{Summary: rows,
			SummaryTotals: []workbook.SummaryRow{{Year: zhejiangYear, Enrolments: 3374730, Claims: 103299,
				Paid: decimal.NewNullDecimal(decimal.NewFromInt(101697884))}}},
	}
	b.Plans = []workbook.PlanRow{{Terms: plans.Terms{
		Plan: "hospital", Name: "职工医疗互助保障计划（住院，假设条款）", Kind: plans.Hospital,
		Contribution: d(zhejiangContribution), PeriodYears: 1, MaxShares: 1, WaitingDays: 30,
		Deductible: nd("800"),
		Ratios:     [3]decimal.NullDecimal{nd("0.7"), nd("0.6"), nd("0.5")},
		ClaimCap:   nd("10000"), AnnualCap: nd("15000"),
	}}}
	var enrolments int64
	for _, r := range rows {
		enrolments += r.Enrolments
	}
	f := workbook.DefaultFund()
	f.Year = zhejiangYear + 1
	reserve := decimal.NewFromInt(enrolments).Mul(d(zhejiangContribution)).Mul(d(zhejiangReserveRatio))
	f.OpeningReserve = reserve.Div(decimal.NewFromInt(10000)).Round(0).Mul(decimal.NewFromInt(10000))
	f.Given["year"], f.Given["opening_reserve"] = true, true
	b.Fund = f
	return b
}

func zhejiangRows() ([]workbook.SummaryRow, error) {
	recs, err := csv.NewReader(strings.NewReader(zhejiangCSV)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("example: zhejiang-2014.csv: %v", err)
	}
	if len(recs) < 2 || strings.Join(recs[0], ",") != "city,city_en,enrolments,beneficiaries,benefit_paid_yuan" {
		return nil, fmt.Errorf("example: zhejiang-2014.csv: unexpected header %v", recs[0])
	}
	var rows []workbook.SummaryRow
	for i, rec := range recs[1:] {
		row := workbook.SummaryRow{Year: zhejiangYear, Group: rec[0], Claims: -1}
		if row.Enrolments, err = strconv.ParseInt(rec[2], 10, 64); err != nil {
			return nil, fmt.Errorf("example: zhejiang-2014.csv line %d: enrolments: %v", i+2, err)
		}
		if rec[3] != "" {
			if row.Claims, err = strconv.ParseInt(rec[3], 10, 64); err != nil {
				return nil, fmt.Errorf("example: zhejiang-2014.csv line %d: beneficiaries: %v", i+2, err)
			}
		}
		if rec[4] != "" {
			p, err := decimal.NewFromString(rec[4])
			if err != nil {
				return nil, fmt.Errorf("example: zhejiang-2014.csv line %d: paid: %v", i+2, err)
			}
			row.Paid = decimal.NewNullDecimal(p)
		}
		rows = append(rows, row)
	}
	return rows, nil
}
