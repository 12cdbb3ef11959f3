package i18n

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
)

// allowedInChinese are the ASCII words Chinese output may hold (as
// TestGoldenLanguages in cmd/huzhu and TestCatalogue allow them): R's names
// of a distribution family and of its parameters (lnorm, sdlog), AIC, and a
// plan's key, which is the user's own (the Plans sheet's plan column).
var allowedInChinese = regexp.MustCompile(`\b(?:AIC|lnorm|sdlog|burr|gamma|hospital)\b`)

var asciiLetter = regexp.MustCompile(`[A-Za-z]+`)

// benefitNotes are the English notes and errors of plans/model that name a
// benefit ({b} is its key), as plans/model/estimate.go and the credibility
// warnings write them.
var benefitNotes = []string{
	"no {b} claims recorded: the benefit is modelled as never claimed",
	"{b}: only 2 amounts: lognormal by the moments of their logs (sdlog assumed 1), not a fitted model",
	"{b}: only 7 amounts: lognormal by the moments of their logs (sdlog estimated), not a fitted model",
	"{b}: only 3 stays with days: days − 1 taken as Poisson with their mean 8.5, not a fitted law",
	"{b}: lowest AIC (102603.53); next burr at +1.87; left out (not converged): gamma",
	"{b} events: the given frequency trend +2.00% a year is used",
	"{b} events: a frequency trend of +3.10% ± 1.00% a year is significant and used",
	"plan hospital, {b}: the fitted law records no events (P(recorded) = 0)",
	"plan hospital, {b} events: not a number",
	"plan hospital, {b}: no amounts above 0 recorded: no severity can be estimated",
	"{b} events: no exposure (members) in the years with claims",
}

// benefitMessages are the catalogue's messages that take a benefit's key
// from the model (its warnings, credibility rows, fitted severities), given
// the key b.
func benefitMessages(b string) []Note {
	return []Note{
		N("warn.priced_on_assumption", "hospital", b, N("prior.reference"), "0.000806"),
		N("warn.benefit_unpriced", "hospital", b),
		N("rpt.warn.prior", "hospital", b, "0.14"),
		N("rpt.warn.thin", "hospital", b, "57.74%"),
		N("fit.severity_choice", "hospital", b, "lnorm", Clauses(FromEnglish("lowest AIC (12.50)")), "burr +1.9"),
		N("rpt.warn.note", "hospital", Clauses(FromEnglish(fmt.Sprintf("no %s claims recorded: the benefit is modelled as never claimed", b)))),
	}
}

// TestBenefitKeysInChinese: every note that can name a benefit, for every
// benefit, holds in Chinese no ASCII word but the allowed ones and names the
// benefit by its Chinese name; in English it is the note as the model wrote
// it (the key kept) with no Chinese.
func TestBenefitKeysInChinese(t *testing.T) {
	n := 0
	for _, b := range plans.Benefits() {
		key, zhName := string(b), b.Label("zh")
		if zhName == key || asciiLetter.MatchString(zhName) {
			t.Fatalf("benefit %s has no Chinese name: %q", key, zhName)
		}
		var cases []struct {
			what   string
			zh, en string
		}
		for _, f := range benefitNotes {
			s := strings.ReplaceAll(f, "{b}", key)
			ns := FromEnglish(s)
			for _, x := range ns {
				if x.Code == "text" {
					t.Errorf("%q: clause %q not recognised", s, x.Args[0])
				}
			}
			if got := strings.Join(ns.In(En), "; "); got != s {
				t.Errorf("English rendering:\n got %q\nwant %q", got, s)
			}
			cases = append(cases, struct{ what, zh, en string }{s, ErrorIn(fmt.Errorf("%s", s), Zh), ErrorIn(fmt.Errorf("%s", s), En)})
		}
		for _, m := range benefitMessages(key) {
			cases = append(cases, struct{ what, zh, en string }{m.Code + " " + key, m.In(Zh), m.In(En)})
		}
		for _, c := range cases {
			n++
			if w := asciiLetter.FindString(allowedInChinese.ReplaceAllString(c.zh, "")); w != "" {
				t.Errorf("%s: English %q in Chinese %q", c.what, w, c.zh)
			}
			if !strings.Contains(c.zh, zhName) {
				t.Errorf("%s: Chinese %q does not name the benefit %s", c.what, c.zh, zhName)
			}
			if h := han.FindString(c.en); h != "" {
				t.Errorf("%s: Chinese %q in English %q", c.what, h, c.en)
			}
			if !strings.Contains(c.en, key) {
				t.Errorf("%s: English %q does not name the benefit %s", c.what, c.en, key)
			}
		}
	}
	if want := len(plans.Benefits()) * (len(benefitNotes) + len(benefitMessages(""))); n != want || n < 100 {
		t.Errorf("%d cases checked, want %d", n, want)
	}
}

// TestBenefitArgs: every message declared to take a benefit's key exists and
// takes an argument at each declared position; a string there that is no
// benefit key, and every argument in English, is left as it is; the caller's
// arguments are not changed.
func TestBenefitArgs(t *testing.T) {
	for code, ks := range keyArgs {
		m, ok := Lookup(code)
		if !ok {
			t.Errorf("%s: not in the catalogue", code)
			continue
		}
		for _, k := range ks {
			if k.at >= argCount(m.Zh) {
				t.Errorf("%s: argument %d declared a key, but %q takes %d", code, k.at, m.Zh, argCount(m.Zh))
			}
		}
	}
	if got, want := Zh.T("err.prefix", "pois", "x"), "pois：x"; got != want {
		t.Errorf("a family's name before a clause: %q, want %q", got, want)
	}
	if got, want := Zh.T("err.prefix", plans.Day, "x"), "住院津贴：x"; got != want {
		t.Errorf("a plans.Benefit: %q, want %q", got, want)
	}
	args := []any{"hospital", "medical", "0.14"}
	if got, want := Zh.T("rpt.warn.prior", args...), "计划 hospital 的医疗费用发生率主要依据先验（自身经验权重 0.14）：数据较少。"; got != want {
		t.Errorf("Chinese %q, want %q", got, want)
	}
	if args[1] != "medical" {
		t.Errorf("the caller's arguments changed: %v", args)
	}
	if got, want := En.T("rpt.warn.prior", args...), "Plan hospital: the rate of medical rests mainly on a prior (the plan's own experience weighs 0.14): thin data."; got != want {
		t.Errorf("English %q, want %q", got, want)
	}
	if BenefitLabel(Zh, "outpatient") != "门诊规定病种" || BenefitLabel(En, plans.Outpatient) != "outpatient" || BenefitLabel(Zh, "days") != "days" {
		t.Errorf("BenefitLabel: %q %q %q", BenefitLabel(Zh, "outpatient"), BenefitLabel(En, plans.Outpatient), BenefitLabel(Zh, "days"))
	}
}

// TestFundKeysInChinese: the calibration policy's errors (plans/calibrate
// Policy.Validate) name the Fund parameter by its 基金 sheet name in Chinese
// and by its key in English; no Chinese message names a Fund parameter by
// its key (a key of two words or more: year and rounding are also a flag's
// and a discretisation's names).
func TestFundKeysInChinese(t *testing.T) {
	for _, c := range []string{
		"target_deficit_probability 0.7: expected between 0 and 0.5",
		"plan_deficit_probability 0.7: expected between 0 and 0.5, or empty",
		"solvency_probability 0: expected between 0 and 0.5",
		"planned_reserve_draw -1: expected 0 or more yuan",
		"expense_ratio 1: expected from 0 to below 1",
		"set_aside_ratio 2: expected from 0 to 1",
		"max_change 0: expected above 0 (0.2 = 20%)",
		"max_term_change 0: expected above 0 (0.2 = 20%)",
		"rounding 0: expected a positive amount of yuan",
		"horizon_years 40: expected 1 to 30",
		"opening_reserve and reserve_floor must not be negative",
	} {
		zh, en := ErrorIn(fmt.Errorf("%s", c), Zh), ErrorIn(fmt.Errorf("%s", c), En)
		if w := asciiLetter.FindString(zh); w != "" {
			t.Errorf("%q: English %q in Chinese %q", c, w, zh)
		}
		key, _, _ := strings.Cut(c, " ")
		if k, ok := book.FundKeyByName(key); !ok || !strings.Contains(zh, k.Zh) {
			t.Errorf("%q: Chinese %q does not name %s by its name", c, zh, key)
		}
		if en != c || strings.Join(FromEnglish(c).In(En), "; ") != c {
			t.Errorf("%q in English: %q", c, en)
		}
	}
	for _, code := range Codes() {
		m, _ := Lookup(code)
		for _, k := range book.FundKeys {
			if !strings.Contains(k.Key, "_") {
				continue
			}
			if regexp.MustCompile(`\b` + k.Key + `\b`).MatchString(m.Zh) {
				t.Errorf("%s: the Fund key %s in the Chinese %q (its name is %s)", code, k.Key, m.Zh, k.Zh)
			}
		}
	}
}
