package i18n

import (
	"regexp"
	"strings"
)

// The pricing packages (plans/model, plans/calibrate, actuarial/fit) explain
// their choices in English sentences ("lowest AIC (139.13); next weibull at
// +0.61"), which scripts read in the JSON. FromEnglish turns such a text into
// notes of this catalogue, so that Chinese output says the same in Chinese.
// Each clause (separated by "; " outside parentheses) is matched against the
// patterns below; its submatches become the note's arguments. A clause no
// pattern knows becomes a "text" note, shown as it is.

type englishPattern struct {
	re     *regexp.Regexp
	code   string
	nested bool // the last submatch is an English text itself, told clause by clause
}

var englishPatterns []englishPattern

func pattern(code, re string, m Message) {
	englishPatterns = append(englishPatterns, englishPattern{re: regexp.MustCompile("^" + re + "$"), code: code})
	Register(map[string]Message{code: m})
}

// nestedPattern is a pattern whose last submatch is translated in turn (a
// prefix such as "--freq: " before the error of a lower layer).
func nestedPattern(code, re string, m Message) {
	englishPatterns = append(englishPatterns, englishPattern{re: regexp.MustCompile("^" + re + "$"), code: code, nested: true})
	Register(map[string]Message{code: m})
}

func init() {
	Register(map[string]Message{"text": {"%s", "%s"}})
	// actuarial/fit: the choice among fits (fit.Choose).
	pattern("fit.lowest_aic", `lowest AIC \(([^()]+)\)`, Message{"AIC 最低（%s）", "lowest AIC (%s)"})
	pattern("fit.next", `next (\S+) at \+(\S+)`, Message{"其次为 %s（+%s）", "next %s at +%s"})
	pattern("fit.only_converged", `only converged fit \(AIC ([^()]+)\)`, Message{"唯一收敛的拟合（AIC %s）", "only converged fit (AIC %s)"})
	pattern("fit.left_out", `left out \(not converged\): (.+)`, Message{"未收敛而未计入：%s", "left out (not converged): %s"})
	pattern("fit.none_converged", `no fit converged: (.+)`, Message{"没有收敛的拟合：%s", "no fit converged: %s"})
	pattern("fit.no_fits", `no fits to choose from`, Message{"没有可供选择的拟合", "no fits to choose from"})
	// actuarial/fit: how a fit ended (Result.Message).
	pattern("fit.converged", `converged: Newton step (\S+) after (\d+) iterations`, Message{"已收敛：牛顿步长 %s，迭代 %s 次", "converged: Newton step %s after %s iterations"})
	pattern("fit.not_converged_flat", `not converged after (\d+) iterations: last Newton step (\S+) exceeds the tolerance (\S+) \(the likelihood is flat towards (.+): probably no interior maximum\)`,
		Message{"迭代 %s 次未收敛：最后的牛顿步长 %s 超过容差 %s（似然函数向 %s 方向平坦：可能没有内部极大值）", "not converged after %s iterations: last Newton step %s exceeds the tolerance %s (the likelihood is flat towards %s: probably no interior maximum)"})
	pattern("fit.not_converged", `not converged after (\d+) iterations: last Newton step (\S+) exceeds the tolerance (\S+)`,
		Message{"迭代 %s 次未收敛：最后的牛顿步长 %s 超过容差 %s", "not converged after %s iterations: last Newton step %s exceeds the tolerance %s"})
	pattern("fit.not_finite", `not converged: the log-likelihood is not finite at the last iterate`, Message{"未收敛：最后一步的对数似然不是有限值", "not converged: the log-likelihood is not finite at the last iterate"})
	pattern("fit.boundary", `not converged: no interior maximum, (.+) \(the fit runs to the boundary of the parameter space; a limiting family may fit better\)`,
		Message{"未收敛：没有内部极大值，%s（拟合趋向参数空间的边界；极限分布族可能更合适）", "not converged: no interior maximum, %s (the fit runs to the boundary of the parameter space; a limiting family may fit better)"})
	pattern("fit.not_concave", `not converged: the log-likelihood is not concave at the last iterate \(no local maximum found\)`,
		Message{"未收敛：最后一步的对数似然不是凹的（未找到局部极大值）", "not converged: the log-likelihood is not concave at the last iterate (no local maximum found)"})
	pattern("fit.too_few", `not fitted: (\d+) distinct uncensored value\(s\), and (\S+) with (\d+) parameter\(s\) needs at least (\d+)`,
		Message{"未拟合：只有 %s 个不同的未删失值，%s 有 %s 个参数，至少需要 %s 个", "not fitted: %s distinct uncensored value(s), and %s with %s parameter(s) needs at least %s"})
	pattern("fit.no_start", `not fitted: no starting values could be formed from the data`, Message{"未拟合：无法从数据得到初始值", "not fitted: no starting values could be formed from the data"})
	pattern("fit.no_se", `standard errors unavailable: the observed information is not positive definite`,
		Message{"标准误不可得：观测信息矩阵不是正定的", "standard errors unavailable: the observed information is not positive definite"})
	pattern("fit.no_se_other", `standard errors unavailable: (.+)`, Message{"标准误不可得：%s", "standard errors unavailable: %s"})
	pattern("fit.gof_censored", `KS, CvM and AD not computed: the data are censored`, Message{"未计算 KS、CvM 和 AD：数据有删失", "KS, CvM and AD not computed: the data are censored"})
	pattern("fit.gof_weights", `KS, CvM and AD not computed: the weights are not integers`, Message{"未计算 KS、CvM 和 AD：权数不是整数", "KS, CvM and AD not computed: the weights are not integers"})
	pattern("fit.pois_closed", `closed form: λ = mean`, Message{"闭式解：λ = 均值", "closed form: λ = mean"})
	pattern("fit.all_zero", `not fitted: every count is 0 \(λ = 0 is on the boundary\)`, Message{"未拟合：所有次数均为 0（λ = 0 在边界上）", "not fitted: every count is 0 (λ = 0 is on the boundary)"})
	pattern("fit.nb_underdispersed", `not fitted: the variance \((\S+)\) does not exceed the mean \((\S+)\), so the likelihood increases with size without bound`,
		Message{"未拟合：方差（%s）不超过均值（%s），似然函数随 size 无界增加", "not fitted: the variance (%s) does not exceed the mean (%s), so the likelihood increases with size without bound"})
	pattern("fit.nb_poisson_limit", `the MLE is the Poisson limit \(size → ∞, log-likelihood (\S+)\): fit pois instead`,
		Message{"最大似然估计为泊松极限（size → ∞，对数似然 %s）：请改用 pois", "the MLE is the Poisson limit (size → ∞, log-likelihood %s): fit pois instead"})
	pattern("fit.nb_not_converged", `not converged: size = (\S+), last Newton step (\S+) in log size`, Message{"未收敛：size = %s，log size 的最后牛顿步长 %s", "not converged: size = %s, last Newton step %s in log size"})
	pattern("fit.nb_converged", `converged: mu = mean, size by Newton in log size \(step (\S+), (\d+) iterations\)`,
		Message{"已收敛：mu = 均值，size 由 log size 的牛顿法求得（步长 %s，迭代 %s 次）", "converged: mu = mean, size by Newton in log size (step %s, %s iterations)"})
	pattern("fit.chisq_cells", `chi-square has (\d+) cell\(s\), too few for a p-value with (\d+) parameter\(s\)`,
		Message{"卡方检验只有 %s 个组，%s 个参数时不足以计算 p 值", "chi-square has %s cell(s), too few for a p-value with %s parameter(s)"})
	pattern("fit.trunc_converged", `converged: left-truncated at (\d+) \(P\(X ≥ \d+\) = (\S+)\), Newton step (\S+), mean score (\S+) after (\d+) iterations`,
		Message{"已收敛：在 %[1]s 处左截断（P(X ≥ %[1]s) = %[2]s），牛顿步长 %[3]s，平均得分 %[4]s，迭代 %[5]s 次", "converged: left-truncated at %[1]s (P(X ≥ %[1]s) = %[2]s), Newton step %[3]s, mean score %[4]s after %[5]s iterations"})
	pattern("fit.trunc_not_converged", `not converged after (\d+) iterations: mean score (\S+)`, Message{"迭代 %s 次未收敛：平均得分 %s", "not converged after %s iterations: mean score %s"})
	pattern("fit.trunc_boundary", `not converged: no interior maximum \((.+): the likelihood keeps rising towards the boundary of the parameter space\)`,
		Message{"未收敛：没有内部极大值（%s：似然函数向参数空间的边界持续上升）", "not converged: no interior maximum (%s: the likelihood keeps rising towards the boundary of the parameter space)"})
	// plans/model: the assumptions of a plan's model.
	pattern("model.never_claimed", `no (\S+) claims recorded: the benefit is modelled as never claimed`, Message{"%s没有给付记录：按从不发生建模", "no %s claims recorded: the benefit is modelled as never claimed"})
	pattern("model.few_amounts_assumed", `(\S+): only (\d+) amounts: lognormal by the moments of their logs \(sdlog assumed 1\), not a fitted model`,
		Message{"%s：只有 %s 个金额：按其对数的矩取对数正态分布（sdlog 假设为 1），不是拟合的模型", "%s: only %s amounts: lognormal by the moments of their logs (sdlog assumed 1), not a fitted model"})
	pattern("model.few_amounts", `(\S+): only (\d+) amounts: lognormal by the moments of their logs \(sdlog estimated\), not a fitted model`,
		Message{"%s：只有 %s 个金额：按其对数的矩取对数正态分布（估计 sdlog），不是拟合的模型", "%s: only %s amounts: lognormal by the moments of their logs (sdlog estimated), not a fitted model"})
	pattern("model.few_stays", `(\S+): only (\d+) stays with days: days − 1 taken as Poisson with their mean (\S+), not a fitted law`,
		Message{"%s：只有 %s 次住院记录了天数：住院天数减 1 按均值为 %s 的泊松分布，不是拟合的分布", "%s: only %s stays with days: days − 1 taken as Poisson with their mean %s, not a fitted law"})
	pattern("model.trend_given", `(\S+) events: the given frequency trend (\S+)% a year is used`,
		Message{"%s发生次数：采用给定的频率趋势，每年 %s%%", "%s events: the given frequency trend %s%% a year is used"})
	pattern("model.trend_significant", `(\S+) events: a frequency trend of (\S+)% ± (\S+)% a year is significant and used`,
		Message{"%s发生次数：频率趋势每年 %s%% ± %s%%，统计上显著，已采用", "%s events: a frequency trend of %s%% ± %s%% a year is significant and used"})
	pattern("model.prior_rate", `no claims: the rate of the prior`, Message{"没有给付记录：按先验发生率", "no claims: the rate of the prior"})
	pattern("model.no_ids", `no member ids: Poisson events at the observed rate`, Message{"没有会员编号：按观测发生率取泊松分布", "no member ids: Poisson events at the observed rate"})
	pattern("model.summary_rate", `summary data: Poisson events at the summary's rate \(claims / enrolments\)`,
		Message{"汇总数据：按汇总的发生率（给付笔数/参保人次）取泊松分布", "summary data: Poisson events at the summary's rate (claims / enrolments)"})
	pattern("model.summary_poisson", `summary-only data: events are taken as Poisson at (\S+)% per enrolment \(one claim per claimant\)`,
		Message{"仅有汇总数据：给付次数按泊松分布，每参保人次 %s%%（每位受益人一笔给付）", "summary-only data: events are taken as Poisson at %s%% per enrolment (one claim per claimant)"})
	pattern("model.summary_lnorm", `summary-only data: the amount paid per claim is taken as lognormal with mean (\S+) yuan \(the summary's paid / claims\) and sdlog (\S+), an assumption: the data give no severity shape`,
		Message{"仅有汇总数据：每笔给付金额假设为对数正态分布，均值 %s 元（汇总的给付金额/给付笔数），sdlog %s；这是假设：数据不含金额分布的形状", "summary-only data: the amount paid per claim is taken as lognormal with mean %s yuan (the summary's paid / claims) and sdlog %s, an assumption: the data give no severity shape"})
	pattern("model.summary_as_is", `summary-only data: the amount paid per claim is used as it is \(times the member's shares, and for medical plans grown by the medical trend\), capped by the annual cap`,
		Message{"仅有汇总数据：每笔给付金额按原样使用（乘以会员份数，医疗类计划按医疗费用增长率增长），受年度封顶限制", "summary-only data: the amount paid per claim is used as it is (times the member's shares, and for medical plans grown by the medical trend), capped by the annual cap"})
	pattern("model.summary_no_terms", `changes of deductible, ratio or claim cap cannot be priced from these data`,
		Message{"起付线、给付比例或单次封顶的变化无法用这些数据测算", "changes of deductible, ratio or claim cap cannot be priced from these data"})
	// plans/calibrate: where a lever stops.
	pattern("cal.lever_bound", `plan (\S+): (\S+) stops at 20 times its current value`, Message{"计划 %s：%s止于现行值的 20 倍", "plan %s: %s stops at 20 times its current value"})
	pattern("cal.ratio_bound", `plan (\S+): the first ratio reaches 100%`, Message{"计划 %s：第一档给付比例达到 100%%", "plan %s: the first ratio reaches 100%%"})
	pattern("cal.income_exceeds", `the plan's income still exceeds its expected benefits and margin`, Message{"该计划的互助费收入仍超过期望给付与风险附加之和", "the plan's income still exceeds its expected benefits and margin"})
	pattern("cal.lever_zero", `plan (\S+): even a lever of 0 does not bring expected benefits and margin within its income`,
		Message{"计划 %s：即使给付项为 0，期望给付与风险附加之和仍超过其互助费收入", "plan %s: even a lever of 0 does not bring expected benefits and margin within its income"})
	pattern("cal.held_high", `plan (\S+): (\S+) held at its highest allowed value`, Message{"计划 %s：%s已取最高允许值", "plan %s: %s held at its highest allowed value"})
	pattern("cal.held_low", `plan (\S+): (\S+) held at its lowest allowed value by max_term_change`, Message{"计划 %s：%s受给付项最大调整幅度限制已取最低允许值", "plan %s: %s held at its lowest allowed value by max_term_change"})
	pattern("cal.benefits_exceed", `the plan's expected benefits and margin still exceed its income`, Message{"该计划的期望给付与风险附加之和仍超过其互助费收入", "the plan's expected benefits and margin still exceed its income"})
	pattern("cal.reserve_test_sets", `the reserve test \(solvency_probability\) needs more net income than the fund's target: contributions are set by the reserve test`,
		Message{"储备金测试（储备金不足概率上限）所需的净收入高于基金目标所需：互助费由储备金测试决定", "the reserve test (solvency_probability) needs more net income than the fund's target: contributions are set by the reserve test"})
	pattern("cal.draw_exceeds", `the draw the targets need, (\S+), exceeds the reserve above its floor, (\S+)`,
		Message{"达到目标所需动用的储备金 %s 超过储备金高于下限的部分 %s", "the draw the targets need, %s, exceeds the reserve above its floor, %s"})
	pattern("cal.reserve_test_fails", `the reserve test fails: P\(reserve below its floor\) (\S+), allowed (\S+)`,
		Message{"储备金测试未通过：储备金低于下限的概率为 %s，上限为 %s", "the reserve test fails: P(reserve below its floor) %s, allowed %s"})
	pattern("cal.terms_short_draw", `the terms within max_term_change leave the targets short: the reserve lever plans a draw of (\S+)`,
		Message{"给付项最大调整幅度范围内的条款仍不能达到目标：由储备金计划动用 %s 元", "the terms within max_term_change leave the targets short: the reserve lever plans a draw of %s"})
	pattern("cal.terms_short_exceeds", `the terms within max_term_change leave the targets short, and the draw that would meet them, (\S+), exceeds the reserve above its floor`,
		Message{"给付项最大调整幅度范围内的条款仍不能达到目标，而达到目标所需动用的储备金 %s 超过储备金高于下限的部分", "the terms within max_term_change leave the targets short, and the draw that would meet them, %s, exceeds the reserve above its floor"})

}

// FromEnglish turns an English explanation of the pricing packages into notes.
func FromEnglish(s string) Notes {
	var out Notes
	for _, clause := range splitClauses(s) {
		out = append(out, fromEnglishClause(clause))
	}
	return out
}

func fromEnglishClause(c string) Note {
	for _, p := range englishPatterns {
		if n, ok := p.match(c); ok {
			return n
		}
	}
	if n, ok := prefixed.match(c); ok {
		return n
	}
	return Note{Code: "text", Args: []any{c}}
}

// match is the note of clause c when the pattern matches it.
func (p englishPattern) match(c string) (Note, bool) {
	m := p.re.FindStringSubmatch(c)
	if m == nil {
		return Note{}, false
	}
	args := make([]any, len(m)-1)
	for i, a := range m[1:] {
		args[i] = a
	}
	if p.nested {
		args[len(args)-1] = Clauses(FromEnglish(m[len(m)-1]))
	}
	return Note{Code: p.code, Args: args}, true
}

// splitClauses splits s at "; " outside parentheses.
func splitClauses(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ';':
			if depth == 0 && strings.HasPrefix(s[i:], "; ") {
				out = append(out, s[start:i])
				start = i + 2
			}
		}
	}
	return append(out, s[start:])
}

// Translate renders an English explanation of the pricing packages in l:
// English text as it is, Chinese clause by clause, joined by "；".
func Translate(l Lang, s string) string {
	if l == En || s == "" {
		return s
	}
	return Clauses(FromEnglish(s)).In(l)
}
