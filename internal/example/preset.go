package example

import (
	"fmt"
	"slices"
	"strings"

	"github.com/huzhu-fund/huzhu/plans"
)

// A Preset is a city's book: its plans with their published terms and
// prices, its districts and size. Config.Preset names one; "" is the
// default mid-size city of planSpecs. docs/example.md gives each preset's
// sources and assumptions.
type Preset struct {
	Name    string
	Members int      // default association members in the last year
	Groups  []string // districts
	// Specs are the preset's plans. A spec's pastContribution, when set, is
	// the yearly price per share the data years were collected at (the
	// Plans row holds the price in force now).
	Specs func() []planSpec
	// Provisional says, in English, which published terms the generator
	// cannot express yet and how they are approximated ("" = none); it goes
	// into the truth file. Assumed states, in English, the terms and laws
	// the preset assumes where nothing is published (truth file too).
	Provisional string
	Assumed     string
	// Classes are the preset's rate classes (Config.Classes when that is
	// empty; classes.go), nil for one price.
	Classes []ClassSpec
}

// presets are the known presets by name.
var presets = map[string]Preset{"weihai": weihai}

// Presets lists the preset names, sorted.
func Presets() []string {
	var out []string
	for k := range presets {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// preset returns the named preset (ok false for an unknown name).
func preset(name string) (Preset, error) {
	p, ok := presets[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return Preset{}, fmt.Errorf("example: unknown preset %q, expected one of %s", name, strings.Join(Presets(), ", "))
	}
	return p, nil
}

// specsFor are the plans of cfg: its preset's, or the default city's, with
// cfg's plan year and claim deadline when given.
func specsFor(cfg Config) []planSpec {
	specs := planSpecs()
	if cfg.Preset != "" {
		p, _ := preset(cfg.Preset) // withDefaults checked the name
		specs = p.Specs()
	}
	if cfg.Banded && cfg.Preset == "" {
		for i := range specs {
			if specs[i].terms.Plan == "hospital" {
				specs[i] = bandedHospital(specs[i])
			}
		}
	}
	for i := range specs {
		if cfg.StartMonth > 0 {
			specs[i].terms.PeriodStartMonth = cfg.StartMonth
		}
		if cfg.DeadlineMonths > 0 {
			specs[i].terms.ClaimDeadlineMonths = cfg.DeadlineMonths
		}
	}
	return specs
}

// The Weihai hospital plan (威海市职工住院医疗互助保障, 2013; DOMAIN.md):
// 36 yuan a year, raised to 50 after three years in which about 350,000
// enrolments brought 12.81M yuan and 14.0M yuan was paid. It pays on the
// member's self-paid inpatient cost summed over the plan year: nothing below
// 10,000 yuan, 80% from 10,000 to 40,000, 90% above, at most 50,000 a year.
//
// weihaiTerms holds those published terms and the assumed ones; the plan is
// generated and written with them (cost bands, Terms.Bands).
type weihaiTerms struct {
	StartMonth, DeadlineMonths int    // June–May plan year; claims accepted 3 months after it (assumed)
	Price, PastPrice           string // yuan a year: now, and in the data years
	BandEdges                  []int  // lower edges of the bands of cumulative self-paid cost, yuan
	BandRatios                 []string
	AnnualCap                  string
	WaitingDays                int // assumed (the published texts do not say)
	// OutpatientBandEdges and OutpatientBandRatios are the bands of the
	// outpatient benefit (门诊规定病种) on the member's cumulative outpatient
	// cost in the plan year — assumed: the published figures give the
	// inpatient bands only (docs/example.md §7).
	OutpatientBandEdges  []int
	OutpatientBandRatios []string
}

// weihaiClasses are the age classes of the Weihai book — assumed: Weihai
// publishes one price for all. The story: the association considers
// pricing by the unit's average age, as Shanghai does (AgeClasses: under
// 45, 45 and over), so each member has a class, the data years were
// collected at the one price (36 yuan in every class) and the Rates sheet
// holds the price in force now, 50 yuan in both classes (price factor 1);
// calibrate recommends a price per class. The shares and relativities are
// AgeClasses' (0.6 × 0.8 + 0.4 × 1.3 = 1 for admissions and bills,
// 0.6 × 0.95 + 0.4 × 1.075 = 1 for costs).
var weihaiClasses = []ClassSpec{
	{Name: "under45", Share: 0.6, Incidence: 0.8, Severity: 0.95, Price: 1},
	{Name: "45plus", Share: 0.4, Incidence: 1.3, Severity: 1.075, Price: 1},
}

var weihaiPublished = weihaiTerms{
	StartMonth: 6, DeadlineMonths: 3, Price: "50", PastPrice: "36",
	BandEdges: []int{0, 10000, 40000}, BandRatios: []string{"0", "0.8", "0.9"}, AnnualCap: "50000",
	WaitingDays:         30,
	OutpatientBandEdges: []int{0, 5000}, OutpatientBandRatios: []string{"0", "0.5"},
}

var weihai = Preset{
	Name: "weihai", Members: 124500,
	Groups:  []string{"市直", "环翠区", "文登区", "荣成市", "乳山市"},
	Specs:   weihaiSpecs,
	Classes: weihaiClasses,
	Assumed: "The inpatient bands, annual cap and prices are the published ones. Assumed: the outpatient benefit " +
		"(门诊规定病种) pays 50% of the member's self-paid outpatient cost summed over the plan year above 5,000 yuan, " +
		"sharing the 50,000 annual cap; a 30-day waiting period; " +
		"two age classes considered for pricing by the unit's average age as in Shanghai (under45: 60% of members, " +
		"admission and bill incidence ×0.8, costs ×0.95; 45plus: 40%, ×1.3, ×1.075), collected at the one price (36, " +
		"now 50 in both classes on the Rates sheet); claims accepted 3 months after the June–May plan year; " +
		"incidences and cost laws set so that the three data years pay about the published 14.0M on 12.81M collected",
}

// bandsOf reads edges and ratios as a band schedule.
func bandsOf(edges []int, ratios []string) plans.Bands {
	b := make(plans.Bands, len(edges))
	for i := range edges {
		b[i] = plans.Band{From: float64(edges[i]), Ratio: d(ratios[i]).InexactFloat64()}
	}
	return b
}

// weihaiSpecs is the Weihai hospital plan with its bands and the assumed
// outpatient benefit. Incidence and severity are assumptions set so that
// the three data years pay about the published 14.0M on 12.81M collected
// (docs/example.md §7): 2.85% of members a year are admitted (1.4
// admissions each), lognormal self-paid cost with median e^7.79 ≈ 2,400
// yuan; 0.285% have outpatient costs of a named disease, about 4.5 bills
// each of median e^7 ≈ 1,100 yuan; both × the age class's relativities
// (weihaiClasses, whose spread under the bands adds about 5%). Seeds 1–10
// pay 14.01M on average; the seed-1 book 13.38M (2.12M outpatient).
func weihaiSpecs() []planSpec {
	w := weihaiPublished
	t := plans.Terms{
		Plan: "hospital", Name: "职工住院医疗互助保障计划", Kind: plans.Hospital,
		Contribution: d(w.Price), PeriodYears: 1, MaxShares: 1, WaitingDays: w.WaitingDays,
		PeriodStartMonth: w.StartMonth, ClaimDeadlineMonths: w.DeadlineMonths,
		AnnualCap:       nd(w.AnnualCap),
		Bands:           bandsOf(w.BandEdges, w.BandRatios),
		OutpatientBands: bandsOf(w.OutpatientBandEdges, w.OutpatientBandRatios),
	}
	return []planSpec{{
		terms: t, participation: 1, drift: 0, pastContribution: nd(w.PastPrice),
		benefits: []benefitSpec{
			{benefit: plans.Medical, per10k: 285, count: "ztrunc-nbinom(size=1,mu=0.4)",
				meanlog: 7.79, sdlog: 1.1, trend: medicalTrend, days: "nbinom(size=1.5,mu=9)", daysShift: 1, lagMean: 30},
			{benefit: plans.Outpatient, per10k: 28.5, count: "ztrunc-nbinom(size=2,mu=4)",
				meanlog: 7.0, sdlog: 1.0, trend: medicalTrend, lagMean: 20},
		},
	}}
}

// presetTruth records the preset in the truth.
func (g *generator) presetTruth(t *Truth) {
	if g.cfg.Preset == "" {
		return
	}
	p, _ := preset(g.cfg.Preset)
	t.Preset, t.Provisional, t.Assumed = p.Name, p.Provisional, p.Assumed
	if p.Name == "weihai" {
		t.Published = weihaiPublished
	}
}

// PresetMembers is the default size of the named preset (0 if unknown).
func PresetMembers(name string) int {
	p, err := preset(name)
	if err != nil {
		return 0
	}
	return p.Members
}
