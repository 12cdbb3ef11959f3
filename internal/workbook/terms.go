package workbook

// ReadTerms reads the proposed terms of a scenario: a workbook whose Plans
// sheet (计划, with an optional Schedules sheet 给付标准) is laid out as in the
// input workbook. Other sheets are not needed and are ignored; only the
// problems of those two sheets are returned.
func ReadTerms(path string) ([]PlanRow, Problems, error) {
	b, probs, err := Read(path)
	if err != nil {
		return nil, nil, err
	}
	keep := map[string]bool{}
	for _, k := range []string{SheetPlans, SheetSchedules} {
		if n := b.SheetNames[k]; n != "" {
			keep[n] = true
		}
		for _, n := range b.TableSheets(k) {
			keep[n] = true
		}
	}
	var out Problems
	for _, p := range probs {
		if keep[p.Sheet] || (p.Code == "missing_sheet" && p.Sheet == "" && p.Expected == SheetByKey(SheetPlans).Zh+" / "+SheetPlans) {
			if p.Code == "no_experience" {
				continue
			}
			out = append(out, p)
		}
	}
	return b.Plans, out, nil
}
