package calibrate

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// classOutcome is what classesOutOfSample measured over its books.
type classOutcome struct {
	books    int
	deficits int
	// per plan/class key: Σ predicted and actual cost per member, and the
	// per-book differences.
	keys  []string
	pred  map[string]float64
	act   map[string]float64
	diffs map[string][]float64
	z     map[string]float64 // Σ incidence credibility
	// rel are the per-book differences of the class's cost relativity
	// (its cost per member over the plan's), predicted less actual.
	rel     map[string][]float64
	limited int
	// plan: per plan, the per-book differences of the plan's expected cost
	// per member, predicted less actual, and the actual ones.
	plan, planAct map[string][]float64
	// predv: per class key and per plan, the per-book expected cost per
	// member.
	predv map[string][]float64
}

// classesOutOfSample generates books with age classes (example.AgeClasses:
// incidence 0.8 / 1.3 and costs 0.95 / 1.075 of the plan's laws) for the
// critical-illness and hospital plans, prices each from its history (all
// years but the last) at target α, and compares with the last year, drawn
// by the same truth: each class's expected cost per member against its
// actual paid per member, and the fund's benefits against the recommended
// income (入不敷出). Each book is one draw of the priced year.
func classesOutOfSample(t testing.TB, books, members int, alpha float64) classOutcome {
	keep := []string{"critical_illness", "hospital"}
	return classBooksOutOfSample(t, books, keep, alpha, func(k int) example.Config {
		return example.Config{Members: members, Years: 4, Seed: uint64(500 + k), Classes: example.AgeClasses, ClassPlans: keep}
	})
}

// classBooksOutOfSample is classesOutOfSample on the books cfg(0), …,
// cfg(books−1) (each with one more year than the history priced), keeping
// the plans keep.
func classBooksOutOfSample(t testing.TB, books int, keep []string, alpha float64, cfg func(k int) example.Config) classOutcome {
	out := classOutcome{books: books, pred: map[string]float64{}, act: map[string]float64{}, diffs: map[string][]float64{}, z: map[string]float64{}, rel: map[string][]float64{},
		plan: map[string][]float64{}, planAct: map[string][]float64{}, predv: map[string][]float64{}}
	for k := 0; k < books; k++ {
		full, _, err := example.Generate(cfg(k))
		if err != nil {
			t.Fatal(err)
		}
		only(&full.Book, keep)
		last := full.LastYear()
		hist := history(&full.Book)
		ps, _, err := model.FromBook(&hist, nil)
		if err != nil {
			t.Fatal(err)
		}
		sc := model.ScenarioFromFund(hist.Fund, last-1)
		pol := PolicyFromFund(hist.Fund)
		pol.OpeningReserve, pol.ReserveFloor = decimal.Zero, decimal.Zero
		pol.TargetDeficitProbability, pol.SolvencyProbability, pol.MaxChange, pol.Rounding = alpha, alpha, 10, decimal.RequireFromString("0.01")
		res, err := Calibrate(ps, sc, pol, Options{Paths: 50})
		if err != nil {
			t.Fatal(err)
		}
		// The priced year: members pay their class's recommended price.
		price := map[string]float64{}
		for _, p := range res.Plans {
			if len(p.Classes) == 0 {
				t.Fatalf("plan %s has no classes", p.Plan)
			}
			for _, c := range p.Classes {
				price[p.Plan+"/"+c.Class] = c.Recommended.InexactFloat64()
				if c.Limited {
					out.limited++
				}
			}
		}
		members := map[string]float64{}
		income := 0.0
		for _, e := range full.Enrolment {
			if e.Year == last {
				key := e.Plan + "/" + e.Class
				members[key] += float64(e.Members)
				pr, ok := price[key]
				if !ok {
					t.Fatalf("no price for %s", key)
				}
				income += float64(e.Shares) * pr
			}
		}
		paid := map[string]float64{}
		total := 0.0
		for _, c := range full.Claims {
			if c.Year == last {
				paid[c.Plan+"/"+c.Class] += c.Paid
				total += c.Paid
			}
		}
		if total > income*(1-pol.ExpenseRatio) {
			out.deficits++
		}
		for _, p := range res.Plans {
			// The plan's expected and actual cost per member, for the
			// classes' relativities.
			var pm, pp, pa float64
			for _, c := range p.Classes {
				key := p.Plan + "/" + c.Class
				pm += members[key]
				pp += c.ExpectedCostPerMember.InexactFloat64() * c.Members
				pa += paid[key]
			}
			pp /= sumMembers(p.Classes)
			pa /= pm
			out.plan[p.Plan] = append(out.plan[p.Plan], pp-pa)
			out.planAct[p.Plan] = append(out.planAct[p.Plan], pa)
			out.predv[p.Plan] = append(out.predv[p.Plan], pp)
			for _, c := range p.Classes {
				key := p.Plan + "/" + c.Class
				out.rel[key] = append(out.rel[key], c.ExpectedCostPerMember.InexactFloat64()/pp-paid[key]/members[key]/pa)
			}
			for _, c := range p.Classes {
				key := p.Plan + "/" + c.Class
				if !slices.Contains(out.keys, key) {
					out.keys = append(out.keys, key)
				}
				pr := c.ExpectedCostPerMember.InexactFloat64()
				ac := paid[key] / members[key]
				out.z[key] += c.Credibility
				out.pred[key] += pr
				out.predv[key] = append(out.predv[key], pr)
				out.act[key] += ac
				out.diffs[key] = append(out.diffs[key], pr-ac)
			}
		}
	}
	return out
}

// planBias is the relative bias of plan p's expected cost per member,
// mean(pred − act)/mean(act), and its standard error.
func (o classOutcome) planBias(p string) (float64, float64) {
	m, se := meanSE(o.plan[p])
	a, _ := meanSE(o.planAct[p])
	return m / a, se / a
}

func sumMembers(cs []ClassRec) float64 {
	s := 0.0
	for _, c := range cs {
		s += c.Members
	}
	return s
}

// meanSE is the mean of x and its standard error.
func meanSE(x []float64) (float64, float64) {
	n := float64(len(x))
	m, v := 0.0, 0.0
	for _, a := range x {
		m += a / n
	}
	for _, a := range x {
		v += (a - m) * (a - m) / (n - 1)
	}
	return m, math.Sqrt(v / n)
}

// bias is the relative bias of a class's expected cost, mean(pred − act) /
// mean(act), and its standard error.
func (o classOutcome) bias(key string) (float64, float64) {
	d := o.diffs[key]
	n := float64(len(d))
	m, v := 0.0, 0.0
	for _, x := range d {
		m += x / n
	}
	for _, x := range d {
		v += (x - m) * (x - m) / (n - 1)
	}
	a := o.act[key] / n
	return m / a, math.Sqrt(v/n) / a
}

func (o classOutcome) report(t testing.TB, alpha float64) {
	for _, k := range o.keys {
		b, se := o.bias(k)
		rm, rse := meanSE(o.rel[k])
		t.Logf("%-32s expected cost per member %8.2f, actual %8.2f: bias %+.2f%% ± %.2f%%; relativity to the plan's: predicted − actual %+.3f ± %.3f (mean incidence credibility %.3f)",
			k, o.pred[k]/float64(o.books), o.act[k]/float64(o.books), 100*b, 100*se, rm, rse, o.z[k]/float64(o.books))
	}
	done := map[string]bool{}
	for _, k := range o.keys {
		if p, _, _ := strings.Cut(k, "/"); !done[p] {
			done[p] = true
			b, se := o.planBias(p)
			t.Logf("%-32s expected cost per member (plan): bias %+.2f%% ± %.2f%%", p, 100*b, 100*se)
		}
	}
	freq := float64(o.deficits) / float64(o.books)
	t.Logf("fund: %d of %d books overran the recommended contributions: %.3f, target %.2f ± %.3f; %d class prices held by max_change",
		o.deficits, o.books, freq, alpha, math.Sqrt(alpha*(1-alpha)/float64(o.books)), o.limited)
}

// only keeps the plans keep of b.
func only(b *book.Book, keep []string) {
	in := func(p string) bool { return slices.Contains(keep, p) }
	b.Plans = slices.DeleteFunc(b.Plans, func(p book.PlanRow) bool { return !in(p.Plan) })
	b.Schedules = slices.DeleteFunc(b.Schedules, func(s book.ScheduleRow) bool { return !in(s.Plan) })
	b.Enrolment = slices.DeleteFunc(b.Enrolment, func(e book.EnrolmentRow) bool { return !in(e.Plan) })
	b.Claims = slices.DeleteFunc(b.Claims, func(c book.Claim) bool { return !in(c.Plan) })
	b.Rates = slices.DeleteFunc(b.Rates, func(r book.RateRow) bool { return !in(r.Plan) })
}

// Out of sample with rate classes (30 books of 200,000 members): each
// class's cost relativity to its plan (expected cost per member over the
// plan's) is unbiased within 3 standard errors plus 0.03 — the stated
// approximations: a severity relativity read from costs above the
// deductible and shrunk by its credibility —, each class's expected cost
// per member within 3 standard errors plus 8% (the plan-level model's own
// error included), and the fund overruns its class prices no more often
// than the target α allows (the books' trend is the expected 6%, so the
// trend's uncertainty in the margin makes overruns rarer than α: at most α
// + 3 standard errors).
func TestClassesOutOfSample(t *testing.T) {
	if testing.Short() {
		t.Skip("calibrates 30 books")
	}
	const alpha = 0.05
	o := classesOutOfSample(t, 30, 200000, alpha)
	o.report(t, alpha)
	for _, k := range o.keys {
		if b, se := o.bias(k); math.Abs(b) > 3*se+0.08 {
			t.Errorf("%s: expected cost per member biased by %+.2f%% ± %.2f%%", k, 100*b, 100*se)
		}
		if m, se := meanSE(o.rel[k]); math.Abs(m) > 3*se+0.03 {
			t.Errorf("%s: cost relativity biased by %+.3f ± %.3f", k, m, se)
		}
	}
	freq := float64(o.deficits) / float64(o.books)
	if se := math.Sqrt(alpha * (1 - alpha) / float64(o.books)); freq > alpha+3*se {
		t.Errorf("fund overran in %d of %d books: %.3f, above α %.2f + 3 se %.3f", o.deficits, o.books, freq, alpha, 3*se)
	}
}

// BenchmarkClassesOutOfSample is the heavy sweep of TestClassesOutOfSample:
// 200 books (go test ./plans/calibrate -run XXX -bench ClassesOutOfSample
// -benchtime 1x -v).
func BenchmarkClassesOutOfSample(b *testing.B) {
	for range b.N {
		o := classesOutOfSample(b, 200, 40000, 0.05)
		o.report(b, 0.05)
	}
}
