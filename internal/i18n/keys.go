package i18n

import (
	"strings"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
)

// The pricing packages name a benefit by its key ("no medical claims
// recorded: …", "plan hospital, day events: …"), and so do the model's
// warnings and credibility rows that the commands and the report tell; the
// calibration policy names a Fund parameter by its key ("max_change 0: …").
// A message whose argument is such a key declares it here: in Chinese the
// key is told by its Chinese name (plans.Benefit.Label, the names of the
// workbook's 给付类型 drop-down; plans/book.FundKeys, the names of the 基金
// sheet), in English it stays the key. The notes keep the key (their JSON
// does not change); only their rendering translates it.

// keyKind is what kind of key an argument is.
type keyKind int

const (
	benefitKey keyKind = iota + 1 // a plans.Benefit
	fundKey                       // a Fund parameter (plans/book.FundKeys)
	leverKey                      // a benefit term calibrate solves for (calibrate.CapLevers)
)

// keyArg is an argument of a message that is a key: its position (from 0)
// and kind.
type keyArg struct {
	at   int
	kind keyKind
}

// keyArgs are, by message code, the arguments that are keys.
var keyArgs = map[string][]keyArg{}

// declareKeys declares the arguments at positions idx of the message code to
// be keys of kind k.
func declareKeys(code string, k keyKind, idx ...int) {
	if _, dup := keyArgs[code]; dup {
		panic("i18n: key arguments of " + code + " declared twice")
	}
	for _, i := range idx {
		keyArgs[code] = append(keyArgs[code], keyArg{i, k})
	}
}

func benefitArg(code string, idx ...int) { declareKeys(code, benefitKey, idx...) }
func fundArg(code string, idx ...int)    { declareKeys(code, fundKey, idx...) }
func leverArg(code string, idx ...int)   { declareKeys(code, leverKey, idx...) }

// BenefitLabel is a benefit key as a reader of l reads it: its Chinese name
// in Chinese, the key in English. A string that is no benefit key (a
// family's name before a clause, a plan's key) is given back as it is.
func BenefitLabel[K ~string](l Lang, key K) string {
	if l == En {
		return string(key)
	}
	return plans.Benefit(key).Label(string(Zh))
}

// FundName is a Fund parameter's key as a reader of l reads it: its Chinese
// name (the 基金 sheet's) in Chinese, the key in English; a string that is no
// Fund key is given back as it is.
func FundName(l Lang, key string) string {
	if l == En {
		return key
	}
	if k, ok := book.FundKeyByName(key); ok && k.Zh != "" {
		return k.Zh
	}
	return key
}

// LeverName is a benefit term that calibrate --fix contributions solves for
// (plans/calibrate.CapLevers: annual_cap, …) as a reader of l reads it: its
// Chinese name (the Plans sheet's column, or for the ratio and band levers,
// which scale several ratios, the factor's name) in Chinese, the key in
// English; any other string is given back as it is.
func LeverName(l Lang, key string) string {
	if m, ok := Lookup("lever." + key); ok && l != En {
		return m.Zh
	}
	return key
}

// withKeys is args with the keys of message code told in l (args itself
// when there is nothing to tell; the caller's slice is left as it was).
func withKeys(l Lang, code string, args []any) []any {
	ks, ok := keyArgs[code]
	if !ok || l == En {
		return args
	}
	var out []any
	for _, k := range ks {
		i := k.at
		if i >= len(args) {
			continue
		}
		var key string
		switch a := args[i].(type) {
		case string:
			key = a
		case plans.Benefit:
			key = string(a)
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		switch k.kind {
		case benefitKey:
			out[i] = BenefitLabel(l, key)
		case fundKey:
			out[i] = FundName(l, key)
		case leverKey:
			out[i] = LeverName(l, key)
		}
	}
	if out == nil {
		return args
	}
	return out
}

func init() {
	// The notes and errors of plans/model (english.go, errors.go).
	benefitArg("model.never_claimed", 0)
	benefitArg("model.few_amounts_assumed", 0)
	benefitArg("model.few_amounts", 0)
	benefitArg("model.few_stays", 0)
	benefitArg("model.trend_given", 0)
	benefitArg("model.trend_significant", 0)
	benefitArg("err.model_no_events", 1)
	benefitArg("err.model_plan_events", 1)
	benefitArg("err.model_plan_benefit", 1)
	benefitArg("err.model_benefit_events", 0)
	benefitArg("err.model_benefit_cost", 0)
	benefitArg("err.model_benefit_payment", 0)
	benefitArg("err.prefix", 0) // "medical: lowest AIC (…)"; a flag's or a family's name stays
	// The model's warnings (plans/model Warning) and the report's.
	benefitArg("warn.priced_on_assumption", 1)
	benefitArg("warn.benefit_unpriced", 1)
	benefitArg("rpt.warn.prior", 1)
	benefitArg("rpt.warn.thin", 1)
	// fit's text: a plan's benefit and its chosen severity.
	benefitArg("fit.severity_choice", 1)
	// plans/calibrate: the benefit term solved for (--fix contributions), its
	// bounds, and the report's sentences on it.
	leverArg("cal.lever_bound", 1)
	leverArg("cal.held_high", 1)
	leverArg("cal.held_low", 1)
	leverArg("rpt.sum.plan_cap", 2)
	leverArg("rpt.warn.cap_limited", 1)
	// The names of the levers: the Plans sheet's columns (internal/workbook
	// schema, TestLeverNames), and for the levers that scale ratios, the
	// factor on them.
	Register(map[string]Message{
		"lever.annual_cap":   {"年度最高给付", "annual_cap"},
		"lever.claim_cap":    {"单次最高给付", "claim_cap"},
		"lever.daily_amount": {"每日津贴", "daily_amount"},
		"lever.lump_sum":     {"一次性给付", "lump_sum"},
		"lever.ratio":        {"给付比例系数", "ratio"},
		"lever.band_start":   {"起付额", "band_start"},
		"lever.band_ratio":   {"分段比例系数", "band_ratio"},
	})
	// plans/calibrate: Policy.Validate's errors, a Fund key and its value.
	for _, c := range []string{"err.policy_half", "err.policy_half_empty", "err.policy_yuan", "err.policy_below_one", "err.policy_unit",
		"err.policy_change", "err.policy_rounding", "err.policy_horizon"} {
		fundArg(c, 0)
	}
}

// VaryLabel is a tornado's assumption key (sensitivity's --vary KEY: a Fund
// key, enrolment, incidence[.PLAN], severity[.PLAN]) as a reader of l reads
// it: in English the key; in Chinese the Fund parameter's name, 参保人数,
// or 发生率 / 案均金额 with the plan's name (planName, its key when the
// plan has no name) or 全部计划 for all plans. The JSON and CSV keep the key,
// which is what --vary takes.
func VaryLabel(l Lang, key string, planName func(string) string) string {
	if l == En {
		return key
	}
	what, plan, _ := strings.Cut(key, ".")
	of := func(s string) string {
		if plan == "" {
			return s + "（全部计划）"
		}
		return s + "：" + planName(plan)
	}
	switch what {
	case "enrolment":
		return "参保人数"
	case "incidence":
		return of("发生率")
	case "severity":
		return of("案均金额")
	}
	return FundName(l, key)
}
