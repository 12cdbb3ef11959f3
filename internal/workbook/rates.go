package workbook

import (
	"fmt"

	"github.com/huzhu-fund/huzhu/plans/book"
)

// SheetRates is the optional sheet of the rate classes' prices.
const SheetRates = "Rates"

// classCol is the optional rate class (档次) of an Enrolment or Claims row.
var classCol = Column{Key: "class", Zh: "档次", Aliases: []string{"费率档次", "年龄档次", "职业档次", "rate_class"}, Type: Text,
	Doc:   "可选：费率档次（如年龄段“45岁以下”“45岁及以上”、职业类别“一类”）；同一计划的档次须在互助费档次表中有价格（计划有该表的行时）；给付明细中的档次须是该计划参保表中的档次",
	DocEn: "optional: rate class (an age band such as under 45 / 45 and over, an occupation tier); a claim's class must be one of the plan's Enrolment classes, and when the plan has Rates rows each of its classes needs one"}

// ratesSheet is the optional Rates sheet: the current price of each rate
// class of a plan. A plan without Rates rows has one price, its Plans
// contribution.
var ratesSheet = Sheet{
	Key: SheetRates, Zh: "互助费档次", Aliases: []string{"档次费率", "费率档次", "互助费标准", "分档互助费"}, Optional: true,
	Doc:   "可选：按档次定价的计划，参保表中的每个档次一行，填写现行互助费；未填写的计划只有一个价格（计划表的互助费）；计划的档次来自参保表的档次列，本表中该计划参保行没有的档次报错",
	DocEn: "optional: for a plan priced by class, one row per class of its Enrolment rows with its current contribution; a plan without rows here has one price, its Plans contribution; a plan's classes come from the Enrolment sheet's class column, and a row here for a class that no Enrolment row of the plan has is an error",
	Columns: []Column{
		planCol,
		{Key: "class", Zh: "档次", Aliases: classCol.Aliases, Type: Text, Required: true, Doc: "档次名称，与参保表的档次一致：该计划的参保行没有的档次报错", DocEn: "the class, as in the Enrolment sheet's class column: a class that no Enrolment row of the plan has is an error"},
		{Key: "contribution", Zh: "互助费", Type: Money, Required: true, Min: f(0), Max: f(1e6), Unit: "元/份/期", Doc: "该档次每份每个保障期的现行互助费（大于 0）", DocEn: "the class's current contribution, yuan per share per period (above 0)"},
	},
}

// buildRates turns the Rates sheet's rows into the book's.
func (r *reader) buildRates(s Sheet, data []row) {
	get := func(rw row, key string) value { return rw.get(s.mustIndex(key)) }
	for _, rw := range data {
		r.book.Rates = append(r.book.Rates, book.RateRow{Row: rw.n, Plan: get(rw, "plan").Text,
			Class: get(rw, "class").Text, Contribution: get(rw, "contribution").Dec})
	}
}

// rateCells are the cells of a Rates row.
func rateCells(x *book.RateRow) func(string) any {
	return func(key string) any {
		switch key {
		case "plan":
			return x.Plan
		case "class":
			return x.Class
		case "contribution":
			return cellDec(x.Contribution)
		}
		return nil
	}
}

// rates checks the rate classes: a Rates row names a plan of the Plans sheet,
// once per class, at a positive contribution, and a class that the plan's
// Enrolment rows have (the classes come from the Enrolment sheet: a Rates
// row of another class would be ignored); when a plan has Rates rows,
// every class of its Enrolment rows has one; a plan's Enrolment rows all have
// a class or none; a claim's class is one of its plan's Enrolment classes
// (a claim of a plan with classes and none of its own is a warning: it counts
// for the plan, not for a class's relativity).
func (c *checker) rates() {
	type key struct{ plan, class string }
	seen := map[key]int{}
	priced := map[string]bool{}
	for _, r := range c.b.Rates {
		if _, ok := c.b.Plan(r.Plan); !ok {
			c.unknownPlan(SheetRates, r.Row, r.Plan, "a plan of the Plans sheet")
			continue
		}
		k := key{r.Plan, r.Class}
		if prev, ok := seen[k]; ok {
			c.add(Error, "duplicate_rate", SheetRates, "class", r.Row, clip(r.Class), "one row per plan and class",
				"wb.duplicate_rate", r.Plan, clip(r.Class), c.at(SheetRates, "class", prev))
			continue
		}
		seen[k] = r.Row
		priced[r.Plan] = true
		if !r.Contribution.IsPositive() {
			c.add(Error, "rate_not_positive", SheetRates, "contribution", r.Row, r.Contribution.String(), "a contribution above 0",
				"wb.rate_not_positive", r.Plan, clip(r.Class), r.Contribution.String())
		}
	}
	classes := map[key]bool{}
	withClass, without := map[string]int{}, map[string]int{}
	reported := map[key]bool{}
	for _, e := range c.b.Enrolment {
		if _, ok := c.b.Plan(e.Plan); !ok {
			continue // reported by enrolment()
		}
		if e.Class == "" {
			if _, ok := without[e.Plan]; !ok {
				without[e.Plan] = e.Row
			}
			continue
		}
		if _, ok := withClass[e.Plan]; !ok {
			withClass[e.Plan] = e.Row
		}
		k := key{e.Plan, e.Class}
		classes[k] = true
		if _, has := seen[k]; priced[e.Plan] && !has && !reported[k] {
			reported[k] = true
			c.add(Error, "class_without_rate", SheetEnrolment, "class", e.Row, clip(e.Class), fmt.Sprintf("a class of plan %s on the Rates sheet", e.Plan),
				"wb.class_without_rate", e.Plan, clip(e.Class), c.sheet(SheetRates))
		}
	}
	// A Rates row whose class no Enrolment row of its plan has would price
	// nothing: the classes come from the Enrolment sheet.
	for _, r := range c.b.Rates {
		k := key{r.Plan, r.Class}
		if _, ok := c.b.Plan(r.Plan); !ok || seen[k] != r.Row || classes[k] {
			continue // unknown plan or duplicate: reported above
		}
		c.add(Error, "rate_without_class", SheetRates, "class", r.Row, clip(r.Class), fmt.Sprintf("a class of plan %s's Enrolment rows", r.Plan),
			"wb.rate_without_class", r.Plan, clip(r.Class), c.sheet(SheetEnrolment))
	}
	for _, e := range c.b.Enrolment {
		if e.Class == "" && withClass[e.Plan] > 0 && without[e.Plan] == e.Row {
			c.add(Error, "class_missing", SheetEnrolment, "class", e.Row, "", "a class, as the plan's other rows have",
				"wb.class_missing", e.Plan, c.at(SheetEnrolment, "class", withClass[e.Plan]))
		}
	}
	noted := map[string]bool{}
	for _, cl := range c.b.Claims {
		if _, ok := c.b.Plan(cl.Plan); !ok {
			continue
		}
		switch {
		case cl.Class != "" && !classes[key{cl.Plan, cl.Class}]:
			c.add(Error, "unknown_class", SheetClaims, "class", cl.Row, clip(cl.Class), fmt.Sprintf("a class of plan %s's Enrolment rows", cl.Plan),
				"wb.unknown_class", clip(cl.Class), cl.Plan, c.sheet(SheetEnrolment))
		case cl.Class == "" && withClass[cl.Plan] > 0 && !noted[cl.Plan]:
			noted[cl.Plan] = true
			c.add(Warning, "claim_without_class", SheetClaims, "class", cl.Row, "", "the member's class",
				"wb.claim_without_class", cl.Plan)
		}
	}
}
