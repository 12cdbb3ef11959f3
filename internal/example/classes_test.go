package example

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans"
)

// A book with AgeClasses on the accident plan: it validates clean; the
// class column is on the accident plan's rows only, a Rates row per class at
// the plan's contribution × the class's price factor, the truth records the
// classes; the classes' shares of members are the specs' within 4 standard
// deviations, and the ratio of their claims per member-year (no deductible:
// every event recorded) is the ratio of their incidence relativities within
// 4 standard errors.
func TestAgeClasses(t *testing.T) {
	b, tr, err := Generate(Config{Members: 60000, Seed: 8, Classes: AgeClasses, ClassPlans: []string{"accident"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range workbook.Check(b) {
		if p.Level == workbook.Error || p.Level == workbook.Warning {
			t.Errorf("%s %s: %s", p.Level, p.Code, p.Message(i18n.En))
		}
	}
	var pt *PlanTruth
	for i := range tr.Plans {
		if tr.Plans[i].Plan == "accident" {
			pt = &tr.Plans[i]
		} else if len(tr.Plans[i].Classes) > 0 {
			t.Errorf("plan %s has classes in the truth", tr.Plans[i].Plan)
		}
	}
	if pt == nil || len(pt.Classes) != 2 || pt.Classes[1].Incidence != 1.3 {
		t.Fatalf("truth classes %+v", pt)
	}
	acc, _ := b.Plan("accident")
	if len(b.Rates) != 2 || !b.Rates[0].Contribution.Equal(acc.Contribution) ||
		b.Rates[1].Contribution.InexactFloat64() != math.Round(acc.Contribution.InexactFloat64()*7/6) {
		t.Fatalf("Rates %+v, contribution %s", b.Rates, acc.Contribution)
	}
	expo := map[string]float64{}
	members := map[string]float64{}
	for _, e := range b.Enrolment {
		if (e.Plan == "accident") != (e.Class != "") {
			t.Fatalf("Enrolment row %+v", e)
		}
		expo[e.Class] += plans.Exposure(e.Members, e.NewMembers, acc.WaitingDays)
		members[e.Class] += float64(e.Members)
	}
	n := map[string]float64{}
	for _, c := range b.Claims {
		if (c.Plan == "accident") != (c.Class != "") {
			t.Fatalf("claim %+v", c)
		}
		if c.Plan == "accident" {
			n[c.Class]++
		}
	}
	tot := members["under45"] + members["45plus"]
	if sd := math.Sqrt(0.4 * 0.6 / tot); math.Abs(members["45plus"]/tot-0.4) > 4*sd+0.01 {
		t.Errorf("45plus share of members %.4f, want 0.4 ± %.4f", members["45plus"]/tot, sd)
	}
	ratio := (n["45plus"] / expo["45plus"]) / (n["under45"] / expo["under45"])
	// Delta method on two Poisson counts (claims per claimant add a little:
	// the tolerance is 4 standard errors).
	se := ratio * math.Sqrt(1/n["45plus"]+1/n["under45"])
	if math.Abs(ratio-1.3/0.8) > 4*se {
		t.Errorf("claims per member-year 45plus/under45 %.3f ± %.3f, want %.3f", ratio, se, 1.3/0.8)
	}
	t.Logf("claims per member-year 45plus/under45 %.3f ± %.3f (truth %.3f); %v claims", ratio, se, 1.3/0.8, n)
	// A preset takes classes the same way.
	w, _, err := Generate(Config{Preset: "weihai", Members: 5000, Classes: AgeClasses})
	if err != nil || len(w.Rates) != 2*len(w.Plans) {
		t.Fatalf("weihai with classes: %v, %d Rates rows", err, len(w.Rates))
	}
}
