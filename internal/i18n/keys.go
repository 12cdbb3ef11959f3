package i18n

import "github.com/huzhu-fund/huzhu/plans"

// The pricing packages name a benefit by its key ("no medical claims
// recorded: …", "plan hospital, day events: …"), and so do the model's
// warnings and credibility rows that the commands and the report tell. A
// message whose argument is such a key declares it here: in Chinese the key
// is told by its Chinese name (plans.Benefit.Label, the names of the
// workbook's 给付类型 drop-down), in English it stays the key. The notes keep
// the key (their JSON does not change); only their rendering translates it.

// benefitArgs are, by message code, the positions of the arguments that are
// benefit keys.
var benefitArgs = map[string][]int{}

// benefitArg declares the arguments at positions idx (from 0) of the message
// code to be benefit keys.
func benefitArg(code string, idx ...int) {
	if _, dup := benefitArgs[code]; dup {
		panic("i18n: benefit arguments of " + code + " declared twice")
	}
	benefitArgs[code] = idx
}

// BenefitLabel is a benefit key as a reader of l reads it: its Chinese name
// in Chinese, the key in English. A string that is no benefit key (a
// family's name before a clause, a plan's key) is given back as it is.
func BenefitLabel[K ~string](l Lang, key K) string {
	if l == En {
		return string(key)
	}
	return plans.Benefit(key).Label(string(Zh))
}

// withBenefits is args with the benefit keys of message code told in l
// (args itself when there is nothing to tell; the caller's slice is left as
// it was).
func withBenefits(l Lang, code string, args []any) []any {
	idx, ok := benefitArgs[code]
	if !ok || l == En {
		return args
	}
	var out []any
	for _, i := range idx {
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
		out[i] = BenefitLabel(l, key)
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
	benefitArg("err.prefix", 0) // "medical: lowest AIC (…)"; a flag's or a family's name stays
	// The model's warnings (plans/model Warning) and the report's.
	benefitArg("warn.priced_on_assumption", 1)
	benefitArg("warn.benefit_unpriced", 1)
	benefitArg("rpt.warn.prior", 1)
	benefitArg("rpt.warn.thin", 1)
	// fit's text: a plan's benefit and its chosen severity.
	benefitArg("fit.severity_choice", 1)
}
