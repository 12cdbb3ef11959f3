package i18n

import "regexp"

// The errors of the lower layers, told in Chinese. plans/ and actuarial/
// may not import internal/, so their errors are English sentences (the
// calibration policy's checks, a distribution spec, the aggregate engine's
// limits), as their notes are; the command-line parser's (cobra, pflag) and
// the system's are English too. ErrorIn tells an error that is not a
// Localized one clause by clause through these patterns (english.go); a
// "--flag: " or "family: " before a clause is kept and the rest translated.
// Add a pattern here when a lower layer gets a new error a user can meet.
func init() {
	// plans/calibrate: Policy.Validate.
	pattern("err.policy_half", `(\w+) (\S+): expected between 0 and 0\.5`, Message{"%s %s：应大于 0 且小于 0.5", "%s %s: expected between 0 and 0.5"})
	pattern("err.policy_half_empty", `(\w+) (\S+): expected between 0 and 0\.5, or empty`, Message{"%s %s：应大于 0 且小于 0.5，或留空", "%s %s: expected between 0 and 0.5, or empty"})
	pattern("err.policy_yuan", `(\w+) (\S+): expected 0 or more yuan`, Message{"%s %s：应为不小于 0 的金额（元）", "%s %s: expected 0 or more yuan"})
	pattern("err.policy_below_one", `(\w+) (\S+): expected from 0 to below 1`, Message{"%s %s：应不小于 0 且小于 1", "%s %s: expected from 0 to below 1"})
	pattern("err.policy_unit", `(\w+) (\S+): expected from 0 to 1`, Message{"%s %s：应在 0 到 1 之间", "%s %s: expected from 0 to 1"})
	pattern("err.policy_change", `(\w+) (\S+): expected above 0 \(0\.2 = 20%\)`, Message{"%s %s：应大于 0（0.2 即 20%%）", "%s %s: expected above 0 (0.2 = 20%%)"})
	pattern("err.policy_rounding", `(\w+) (\S+): expected a positive amount of yuan`, Message{"%s %s：应为正的金额（元）", "%s %s: expected a positive amount of yuan"})
	pattern("err.policy_reserve", `opening_reserve and reserve_floor must not be negative`, Message{"期初风险储备金和储备金下限不能为负数", "opening_reserve and reserve_floor must not be negative"})
	pattern("err.policy_horizon", `(\w+) (\S+): expected 1 to 30`, Message{"%s %s：应为 1 到 30", "%s %s: expected 1 to 30"})

	// actuarial/dist: a distribution spec (ParseSeverity, ParseFrequency) and
	// a distribution's parameters.
	pattern("err.dist_empty", `empty distribution spec`, Message{"分布为空", "empty distribution spec"})
	pattern("err.dist_form", `expected name\(param=value, \.\.\.\)`, Message{"应为 name(param=value, ...) 的形式", "expected name(param=value, ...)"})
	nestedPattern("err.dist_spec", `distribution spec "(.*)": (.+)`, Message{"分布“%s”：%s", "distribution spec \"%s\": %s"})
	pattern("err.dist_no_name", `missing family name before '\('`, Message{"“(”之前缺少分布名", "missing family name before '('"})
	pattern("err.dist_parens", `unbalanced parentheses`, Message{"括号不匹配", "unbalanced parentheses"})
	pattern("err.dist_empty_item", `empty item between commas`, Message{"逗号之间为空", "empty item between commas"})
	pattern("err.dist_not_keyed", `"(.*)" is not of the form param=value`, Message{"“%s”不是 param=value 的形式", "\"%s\" is not of the form param=value"})
	pattern("err.dist_unknown_param", `unknown parameter "(.*)"`, Message{"未知参数“%s”", "unknown parameter \"%s\""})
	pattern("err.dist_param_twice", `parameter "(.*)" given twice`, Message{"参数“%s”重复", "parameter \"%s\" given twice"})
	nestedPattern("err.dist_param_value", `(\w+)="(.*)": (.+)`, Message{"%s=“%s”：%s", "%s=\"%s\": %s"})
	pattern("err.not_a_number", `not a number`, Message{"不是数字", "not a number"})
	pattern("err.finite", `must be finite`, Message{"应为有限值", "must be finite"})
	pattern("err.dist_both", `give (\w+) or (\w+), not both`, Message{"%s 和 %s 只能给出一个", "give %s or %s, not both"})
	pattern("err.dist_missing_either", `missing (\w+) or (\w+)`, Message{"缺少 %s 或 %s", "missing %s or %s"})
	pattern("err.dist_missing", `missing (\w+)`, Message{"缺少 %s", "missing %s"})
	pattern("err.dist_missing_p0", `missing p0 \(the probability of no claim\)`, Message{"缺少 p0（无给付的概率）", "missing p0 (the probability of no claim)"})
	pattern("err.dist_expect_1", `expected (\w+)`, Message{"应给出 %s", "expected %s"})
	pattern("err.dist_expect_2", `expected (\w+) and (\w+)`, Message{"应给出 %s 和 %s", "expected %s and %s"})
	pattern("err.dist_expect_3", `expected (\w+) and (\w+) or (\w+)`, Message{"应给出 %s，以及 %s 或 %s", "expected %s and %s or %s"})
	pattern("err.dist_expect_4", `expected (\w+), (\w+) and (\w+) or (\w+)`, Message{"应给出 %s、%s，以及 %s 或 %s", "expected %s, %s and %s or %s"})
	pattern("err.dist_is_frequency", `"(.*)" is a claim-count \(frequency\) distribution`, Message{"“%s”是次数分布", "\"%s\" is a claim-count (frequency) distribution"})
	pattern("err.dist_want_severity", `expected a severity: (.+)`, Message{"应为金额分布：%s", "expected a severity: %s"})
	pattern("err.dist_is_severity", `"(.*)" is a claim-amount \(severity\) distribution`, Message{"“%s”是金额分布", "\"%s\" is a claim-amount (severity) distribution"})
	pattern("err.dist_want_frequency", `expected a frequency: (.+)`, Message{"应为次数分布：%s", "expected a frequency: %s"})
	pattern("err.dist_unknown_severity", `unknown severity distribution "(.*)"`, Message{"未知的金额分布“%s”", "unknown severity distribution \"%s\""})
	pattern("err.dist_unknown_frequency", `unknown frequency distribution "(.*)"`, Message{"未知的次数分布“%s”", "unknown frequency distribution \"%s\""})
	pattern("err.expect_one_of", `expected one of (.+)`, Message{"应为以下之一：%s", "expected one of %s"})
	pattern("err.discrete_no_points", `no points`, Message{"没有点", "no points"})
	pattern("err.discrete_form", `expected discrete\(x1:p1, x2:p2, \.\.\.\) with amounts x ≥ 0 and masses p summing to 1`,
		Message{"应为 discrete(x1:p1, x2:p2, ...)，金额 x ≥ 0，概率 p 之和为 1", "expected discrete(x1:p1, x2:p2, ...) with amounts x ≥ 0 and masses p summing to 1"})
	pattern("err.discrete_not_point", `"(.*)" is not of the form x:p`, Message{"“%s”不是 x:p 的形式", "\"%s\" is not of the form x:p"})
	nestedPattern("err.discrete_amount", `amount "(.*)": (.+)`, Message{"金额“%s”：%s", "amount \"%s\": %s"})
	nestedPattern("err.discrete_mass", `mass "(.*)": (.+)`, Message{"概率“%s”：%s", "mass \"%s\": %s"})
	pattern("err.discrete_negative", `amount (\S+) is negative`, Message{"金额 %s 为负数", "amount %s is negative"})
	pattern("err.discrete_mass_range", `mass (\S+) at (\S+) is not in \[0, 1\]`, Message{"%[2]s 处的概率 %[1]s 不在 [0, 1] 之内", "mass %[1]s at %[2]s is not in [0, 1]"})
	pattern("err.discrete_sum", `masses sum to (\S+)`, Message{"概率之和为 %s", "masses sum to %s"})
	pattern("err.discrete_want_one", `expected 1 \(within 1e-9\)`, Message{"应为 1（误差不超过 1e-9）", "expected 1 (within 1e-9)"})
	pattern("err.param_positive_finite", `(\w+) must be positive and finite, got (\S+)`, Message{"%s 应为有限正数，实际为 %s", "%s must be positive and finite, got %s"})
	pattern("err.param_nonneg_finite", `(\w+) must be non-negative and finite, got (\S+)`, Message{"%s 应为有限非负数，实际为 %s", "%s must be non-negative and finite, got %s"})
	pattern("err.param_positive", `(\w+) must be positive, got (\S+)`, Message{"%s 应为正数，实际为 %s", "%s must be positive, got %s"})
	pattern("err.param_nonneg", `(\w+) must be non-negative, got (\S+)`, Message{"%s 应为非负数，实际为 %s", "%s must be non-negative, got %s"})
	pattern("err.param_finite", `(\w+) must be finite`, Message{"%s 应为有限值", "%s must be finite"})
	pattern("err.param_integer", `(\w+) must be a non-negative integer, got (\S+)`, Message{"%s 应为非负整数，实际为 %s", "%s must be a non-negative integer, got %s"})
	pattern("err.param_whole", `(\w+) must be a non-negative whole number, got (\S+)`, Message{"%s 应为非负整数，实际为 %s", "%s must be a non-negative whole number, got %s"})
	pattern("err.param_in", `(\w+) must be in ([\[(]\S+ \S+[\])]), got (\S+)`, Message{"%s 应在 %s 之内，实际为 %s", "%s must be in %s, got %s"})
	pattern("err.ztrunc_base", `base (\S+) has no mass above 0`, Message{"基础分布 %s 在 0 以上没有概率", "base %s has no mass above 0"})

	// actuarial/aggregate: ErrInput and ErrTooLarge.
	nestedPattern("err.agg_severity", `severity: (.+)`, Message{"金额分布：%s", "severity: %s"})
	nestedPattern("err.agg_frequency", `frequency: (.+)`, Message{"次数分布：%s", "frequency: %s"})
	pattern("err.agg_claims", `the expected number of claims (\S+) is beyond what a lattice of float64 compounds accurately \(relative rounding E\[N\]·ε·log₂M = (\S+) > (\S+)\)`,
		Message{"期望给付次数 %s 超出 float64 格点复合计算的精度（相对舍入误差 E[N]·ε·log₂M = %s > %s）", "the expected number of claims %s is beyond what a lattice of float64 compounds accurately (relative rounding E[N]·ε·log₂M = %s > %s)"})
	pattern("err.agg_exposure", `check the exposure`, Message{"请检查参保人数", "check the exposure"})
	pattern("err.agg_payment_points", `the payment distribution needs (\S+) grid points at step (\S+) \(largest payment (\S+)\), more than MaxPoints (\S+)`,
		Message{"给付分布在步长 %[2]s 下需要 %[1]s 个格点（最大给付 %[3]s），超过上限 MaxPoints %[4]s", "the payment distribution needs %[1]s grid points at step %[2]s (largest payment %[3]s), more than MaxPoints %[4]s"})
	pattern("err.agg_step_or_limit", `use a larger step or a per-claim limit`, Message{"请增大步长（--step）或设置单次给付上限", "use a larger step or a per-claim limit"})
	pattern("err.agg_window_more", `FFT window \[(\S+), (\S+)\] needs more than (\S+) points at step (\S+) to hold all but (\S+) of the mass`,
		Message{"FFT 窗口 [%[1]s, %[2]s] 在步长 %[4]s 下需要超过 %[3]s 个点才能容纳除 %[5]s 以外的全部概率", "FFT window [%[1]s, %[2]s] needs more than %[3]s points at step %[4]s to hold all but %[5]s of the mass"})
	pattern("err.agg_window", `FFT window \[(\S+), (\S+)\] needs (\S+) points at step (\S+) to hold all but (\S+) of the mass, more than MaxPoints (\S+)`,
		Message{"FFT 窗口 [%[1]s, %[2]s] 在步长 %[4]s 下需要 %[3]s 个点才能容纳除 %[5]s 以外的全部概率，超过上限 MaxPoints %[6]s", "FFT window [%[1]s, %[2]s] needs %[3]s points at step %[4]s to hold all but %[5]s of the mass, more than MaxPoints %[6]s"})
	pattern("err.agg_step_or_points", `use a larger step or raise MaxPoints`, Message{"请增大步长（--step）或提高 MaxPoints", "use a larger step or raise MaxPoints"})
	pattern("err.agg_panjer_points", `Panjer's recursion needs more than (\S+) points at step (\S+) \(up to (\S+)\) to hold all but (\S+) of the mass`,
		Message{"Panjer 递推在步长 %[2]s 下需要超过 %[1]s 个点（直到 %[3]s）才能容纳除 %[4]s 以外的全部概率", "Panjer's recursion needs more than %[1]s points at step %[2]s (up to %[3]s) to hold all but %[4]s of the mass"})
	pattern("err.agg_step_fft_points", `use a larger step, FFT, or raise MaxPoints`, Message{"请增大步长（--step）、改用 FFT 或提高 MaxPoints", "use a larger step, FFT, or raise MaxPoints"})
	pattern("err.agg_beyond_grid", `(\S+) of the mass is in claims beyond the severity grid \(at most (\S+) is accounted as missing mass\)`,
		Message{"%s 的概率落在金额格点之外（最多 %s 可计为网格外概率）", "%s of the mass is in claims beyond the severity grid (at most %s is accounted as missing mass)"})
	pattern("err.agg_extend", `extend the grid`, Message{"请扩大格点范围", "extend the grid"})
	pattern("err.agg_fft_misses", `FFT on (\S+) points misses (\S+) of the mass \(bound (\S+)\), above the tolerance (\S+), even after widening the window`,
		Message{"FFT（%s 个点）扩大窗口后仍缺少 %s 的概率（上界 %s），超过容差 %s", "FFT on %s points misses %s of the mass (bound %s), above the tolerance %s, even after widening the window"})
	pattern("err.agg_panjer_misses", `Panjer's recursion over (\S+) points misses (\S+) of the mass \(bound (\S+)\), above the tolerance (\S+)`,
		Message{"Panjer 递推（%s 个点）缺少 %s 的概率（上界 %s），超过容差 %s", "Panjer's recursion over %s points misses %s of the mass (bound %s), above the tolerance %s"})
	pattern("err.agg_incomplete", `refusing to return an incomplete distribution`, Message{"不返回不完整的分布", "refusing to return an incomplete distribution"})
	pattern("err.agg_count_tail", `count distribution (\S+) \(mean (\S+)\) has more than (\S+) of its mass beyond (\S+) events`,
		Message{"次数分布 %s（均值 %s）有超过 %s 的概率在 %s 次以上", "count distribution %s (mean %s) has more than %s of its mass beyond %s events"})
	pattern("err.agg_count_p", `count distribution (\S+) gives P\(N = (\S+)\) = (\S+)`, Message{"次数分布 %s 给出 P(N = %s) = %s", "count distribution %s gives P(N = %s) = %s"})
	pattern("err.agg_mc_total", `Monte Carlo produced a non-finite total \(mean (\S+)\)`, Message{"蒙特卡罗模拟得到非有限的总额（均值 %s）", "Monte Carlo produced a non-finite total (mean %s)"})
	pattern("err.agg_heavy", `the severity may be too heavy-tailed`, Message{"金额分布的尾部可能过重", "the severity may be too heavy-tailed"})
	pattern("err.agg_approx_moments", `the (\S+) approximation needs a finite mean and variance of S \(mean (\S+), sd (\S+)\)`,
		Message{"%s 近似需要 S 的有限均值和方差（均值 %s，标准差 %s）", "the %s approximation needs a finite mean and variance of S (mean %s, sd %s)"})
	pattern("err.agg_degenerate", `S is degenerate \(sd 0\)`, Message{"S 是退化分布（标准差为 0）", "S is degenerate (sd 0)"})
	pattern("err.agg_nothing", `nothing to approximate`, Message{"无需近似", "nothing to approximate"})
	pattern("err.agg_skewness", `the normal-power approximation needs the skewness of S, which is unavailable \((\S+)\)`,
		Message{"normal-power 近似需要 S 的偏度，但偏度不可得（%s）", "the normal-power approximation needs the skewness of S, which is unavailable (%s)"})
	pattern("err.agg_no_step", `cannot choose a step: the mean of S is (\S+)`, Message{"无法选择步长：S 的均值为 %s", "cannot choose a step: the mean of S is %s"})
	pattern("err.agg_set_step", `set Options\.Step \(and a per-claim limit\)`, Message{"请给出步长 Options.Step（及单次给付上限）", "set Options.Step (and a per-claim limit)"})
	pattern("err.agg_method", `unknown method "(.*)"`, Message{"未知的方法“%s”", "unknown method \"%s\""})
	pattern("err.agg_methods", `expected fft, panjer, montecarlo, normal or normal-power`, Message{"应为 fft、panjer、montecarlo、normal 或 normal-power", "expected fft, panjer, montecarlo, normal or normal-power"})
	pattern("err.agg_discretization", `unknown discretization "(.*)"`, Message{"未知的离散化方法“%s”", "unknown discretization \"%s\""})
	pattern("err.agg_discretizations", `expected rounding, lower, upper or unbiased`, Message{"应为 rounding、lower、upper 或 unbiased", "expected rounding, lower, upper or unbiased"})
	pattern("err.agg_step", `step must be finite and ≥ 0 \(0: automatic\), got (\S+)`, Message{"步长应为有限值且 ≥ 0（0：自动），实际为 %s", "step must be finite and ≥ 0 (0: automatic), got %s"})
	pattern("err.agg_tol", `tolerance must be in \(0, 0\.1\), got (\S+)`, Message{"容差应在 (0, 0.1) 之内，实际为 %s", "tolerance must be in (0, 0.1), got %s"})
	pattern("err.agg_bracket", `a discretisation bracket needs an exact method \(fft or panjer\), got (\S+)`, Message{"离散化区间需要精确方法（fft 或 panjer），实际为 %s", "a discretisation bracket needs an exact method (fft or panjer), got %s"})

	// plans/model and plans/calibrate: estimation and engine failures.
	pattern("err.model_no_events", `plan (\S+), (\S+): the fitted law records no events \(P\(recorded\) = (\S+)\)`,
		Message{"计划 %s 的%s：拟合的分布不记录任何给付（记录比例 = %s）", "plan %s, %s: the fitted law records no events (P(recorded) = %s)"})
	nestedPattern("err.model_plan_events", `plan (\S+), (\S+) events: (.+)`, Message{"计划 %s 的%s发生次数：%s", "plan %s, %s events: %s"})
	nestedPattern("err.model_plan_days", `plan (\S+), days: (.+)`, Message{"计划 %s 的住院天数：%s", "plan %s, days: %s"})
	nestedPattern("err.model_plan_benefit", `plan (\S+), (\S+): (.+)`, Message{"计划 %s 的%s：%s", "plan %s, %s: %s"})
	nestedPattern("err.model_plan", `plan (\S+): (.+)`, Message{"计划 %s：%s", "plan %s: %s"})
	nestedPattern("err.model_benefit_events", `(\S+) events: (.+)`, Message{"%s发生次数：%s", "%s events: %s"})
	nestedPattern("err.model_benefit_cost", `(medical|outpatient) cost: (.+)`, Message{"%s：%s", "%s cost: %s"})
	nestedPattern("err.model_benefit_payment", `(medical|fire) payment: (.+)`, Message{"%s给付：%s", "%s payment: %s"})
	nestedPattern("err.model_payment", `payment: (.+)`, Message{"给付：%s", "payment: %s"})
	nestedPattern("err.model_fund", `fund total: (.+)`, Message{"基金合计：%s", "fund total: %s"})
	pattern("err.model_no_experience", `no experience \(no enrolment or summary rows\)`, Message{"没有经验数据（没有参保或汇总行）", "no experience (no enrolment or summary rows)"})
	pattern("err.model_no_family", `no severity family could be fitted`, Message{"没有能拟合的金额分布", "no severity family could be fitted"})
	pattern("err.model_no_amounts", `no amounts above (\S+) recorded: no severity can be estimated`, Message{"没有高于 %s 的金额记录：无法估计金额分布", "no amounts above %s recorded: no severity can be estimated"})
	pattern("err.model_no_stays", `no stays with days recorded: the days of a stay cannot be estimated`, Message{"没有记录住院天数：无法估计住院天数", "no stays with days recorded: the days of a stay cannot be estimated"})
	pattern("err.model_no_days_law", `no days law could be fitted`, Message{"没有能拟合的住院天数分布", "no days law could be fitted"})
	pattern("err.model_no_exposure", `no exposure \(members\) in the years with claims`, Message{"有给付的年度没有参保人数", "no exposure (members) in the years with claims"})
	pattern("err.model_summary_empty", `the summary rows give no claims, enrolments or paid amounts to estimate from`,
		Message{"汇总行没有可用于估计的救助人次、参保人次或救助金额", "the summary rows give no claims, enrolments or paid amounts to estimate from"})
	pattern("err.model_no_members", `no members in the priced year \((\S+) members\)`, Message{"测算年度没有参保人（%s 人）", "no members in the priced year (%s members)"})
	pattern("err.model_path", `path (\S+) has a non-finite total`, Message{"第 %s 次模拟的总额不是有限值", "path %s has a non-finite total"})
	pattern("err.model_heavy", `a severity may be too heavy-tailed`, Message{"某个金额分布的尾部可能过重", "a severity may be too heavy-tailed"})
	pattern("err.model_growth", `(\d+) year\(s\) of enrolment: at least two are needed to estimate its growth`, Message{"只有 %s 年参保数据：估计参保增长至少需要两年", "%s year(s) of enrolment: at least two are needed to estimate its growth"})
	pattern("err.model_no_data", `no data for plan (\S+)`, Message{"计划 %s 没有数据", "no data for plan %s"})
	nestedPattern("err.cal_infeasible_because", `the targets cannot be met under the policy: (.+)`, Message{"在现行政策下无法达到目标：%s", "the targets cannot be met under the policy: %s"})
	pattern("err.cal_infeasible", `the targets cannot be met under the policy`, Message{"在现行政策下无法达到目标", "the targets cannot be met under the policy"})
	pattern("err.cal_insolvent", `the reserve test \(solvency_probability\) fails`, Message{"储备金测试（储备金不足概率上限）未通过", "the reserve test (solvency_probability) fails"})
	pattern("err.cal_lever", `unknown lever "(.*)"`, Message{"未知的调整项“%s”", "unknown lever \"%s\""})

	// plans/book: a Fund value written as text (ParseFundText, SetFundText).
	pattern("err.fund_not_key", `"(.*)" is not a Fund parameter`, Message{"“%s”不是基金参数", "\"%s\" is not a Fund parameter"})
	pattern("err.fund_int", `expected a whole number`, Message{"应为整数", "expected a whole number"})
	pattern("err.fund_int_min", `expected a whole number ≥ (\S+)`, Message{"应为不小于 %s 的整数", "expected a whole number ≥ %s"})
	pattern("err.fund_int_max", `expected a whole number ≤ (\S+)`, Message{"应为不大于 %s 的整数", "expected a whole number ≤ %s"})
	pattern("err.fund_int_range", `expected a whole number ≥ (\S+) and ≤ (\S+)`, Message{"应为 %s 到 %s 的整数", "expected a whole number ≥ %s and ≤ %s"})
	pattern("err.fund_money", `expected an amount in yuan`, Message{"应为金额（元）", "expected an amount in yuan"})
	pattern("err.fund_money_min", `expected an amount in yuan ≥ (\S+)`, Message{"应为不小于 %s 的金额（元）", "expected an amount in yuan ≥ %s"})
	pattern("err.fund_money_max", `expected an amount in yuan ≤ (\S+)`, Message{"应为不大于 %s 的金额（元）", "expected an amount in yuan ≤ %s"})
	pattern("err.fund_money_range", `expected an amount in yuan ≥ (\S+) and ≤ (\S+)`, Message{"应为 %s 到 %s 元的金额", "expected an amount in yuan ≥ %s and ≤ %s"})
	pattern("err.fund_ratio", `expected a ratio between 0 and 1, such as 0\.05 or 5%`, Message{"应为 0 到 1 之间的比例，如 0.05 或 5%", "expected a ratio between 0 and 1, such as 0.05 or 5%"})
	pattern("err.fund_rate", `expected a rate such as 0\.05 or 5%`, Message{"应为比率，如 0.05 或 5%", "expected a rate such as 0.05 or 5%"})
	pattern("err.fund_date", `expected a date such as 2026-01-20`, Message{"应为日期，如 2026-01-20", "expected a date such as 2026-01-20"})

	// The command line (cobra, pflag) and the system.
	nestedPattern("err.flag_value", `invalid argument "(.*)" for "(.*)" flag: (.+)`, Message{"参数 %[2]s 的值“%[1]s”无效：%[3]s", "invalid argument \"%[1]s\" for \"%[2]s\" flag: %[3]s"})
	pattern("err.parse_syntax", `strconv\.(Parse\w+): parsing "(.*)": invalid syntax`, Message{"“%[2]s”格式无效", "strconv.%[1]s: parsing \"%[2]s\": invalid syntax"})
	pattern("err.parse_range", `strconv\.(Parse\w+): parsing "(.*)": value out of range`, Message{"“%[2]s”超出范围", "strconv.%[1]s: parsing \"%[2]s\": value out of range"})
	pattern("err.flag_unknown", `unknown flag: (\S+)`, Message{"未知参数：%s", "unknown flag: %s"})
	pattern("err.flag_unknown_short", `unknown shorthand flag: '(.+)' in (\S+)`, Message{"未知的短参数 '%s'（%s）", "unknown shorthand flag: '%s' in %s"})
	pattern("err.flag_needs_value", `flag needs an argument: (.+)`, Message{"参数缺少值：%s", "flag needs an argument: %s"})
	pattern("err.command_unknown", `unknown command "(.*)" for "(.*)"`, Message{"未知命令“%s”（%s）", "unknown command \"%s\" for \"%s\""})
	pattern("err.flag_required", `required flag\(s\) (.+) not set`, Message{"必须给出参数 %s", "required flag(s) %s not set"})
	pattern("err.flag_exclusive", `if any flags in the group \[(.+)\] are set none of the others can be`, Message{"参数 [%s] 只能给出一个", "if any flags in the group [%s] are set none of the others can be"})
	pattern("err.flag_all_set", `\[(.+)\] were all set`, Message{"[%s] 都已给出", "[%s] were all set"})
	pattern("err.flag_together", `if any flags in the group \[(.+)\] are set they must all be set`, Message{"参数 [%s] 必须同时给出", "if any flags in the group [%s] are set they must all be set"})
	pattern("err.flag_missing", `missing \[(.+)\]`, Message{"缺少 [%s]", "missing [%s]"})
	pattern("err.flag_one_required", `at least one of the flags in the group \[(.+)\] is required`, Message{"参数 [%s] 至少要给出一个", "at least one of the flags in the group [%s] is required"})
	pattern("err.open_missing", `open (.+): no such file or directory`, Message{"无法打开 %s：文件不存在", "open %s: no such file or directory"})
	pattern("err.open_denied", `open (.+): permission denied`, Message{"无法打开 %s：没有权限", "open %s: permission denied"})
	// internal/atomicfile: an output refused (after "PATH: ").
	nestedPattern("err.out_writing", `writing the output: (.+)`, Message{"写入输出文件失败：%s", "writing the output: %s"})
	pattern("err.out_exists", `file exists \(use --force to replace it\)`, Message{"文件已存在（如要替换，请加 --force）", "file exists (use --force to replace it)"})
	pattern("err.out_is_input", `the output is an input of this run \((.+)\)`, Message{"输出文件是本次运行读取的输入文件（%s）", "the output is an input of this run (%s)"})
	pattern("err.out_other_file", `write the output to another file`, Message{"请写入其他文件", "write the output to another file"})
	pattern("err.out_is_dir", `the output is a directory`, Message{"输出路径是目录", "the output is a directory"})
	pattern("err.out_file_name", `give a file name`, Message{"请给出文件名", "give a file name"})
	pattern("err.out_not_dir", `the output's directory does not exist: (.+) is not a directory \(file does not exist\)`,
		Message{"输出文件所在的目录不存在：%s 不是目录", "the output's directory does not exist: %s is not a directory (file does not exist)"})
	pattern("err.out_no_dir", `the output's directory does not exist: (.+) \(file does not exist\)`,
		Message{"输出文件所在的目录不存在：%s", "the output's directory does not exist: %s (file does not exist)"})
	pattern("err.out_locked", `the output is open in another program \(its lock file (.+) is there\)`,
		Message{"输出文件正被其他程序打开（旁边有其锁文件 %s）", "the output is open in another program (its lock file %s is there)"})
	pattern("err.out_close", `close it in Excel, WPS or LibreOffice first, or delete the lock file if no program has it open`,
		Message{"请先在 Excel、WPS 或 LibreOffice 中关闭它；如果没有程序打开它，请删除锁文件", "close it in Excel, WPS or LibreOffice first, or delete the lock file if no program has it open"})
	pattern("err.out_name_long", `the output's file name is too long \((\d+) bytes; at most (\d+)\)`,
		Message{"输出文件名过长（%s 字节，最多 %s 字节）", "the output's file name is too long (%s bytes; at most %s)"})
	pattern("err.read_dir", `read (.+): is a directory`, Message{"无法读取 %s：是目录", "read %s: is a directory"})

	// The layers that name themselves before their errors.
	nestedPattern("err.layer_aggregate", `aggregate: (.+)`, Message{"复合分布：%s", "aggregate: %s"})
	nestedPattern("err.layer_model", `model: (.+)`, Message{"模型：%s", "model: %s"})
	nestedPattern("err.layer_fit", `fit: (.+)`, Message{"拟合：%s", "fit: %s"})

	// A prefix naming where (a flag, a family, a layer) before a clause no
	// pattern knows: kept, and the rest told in turn.
	Register(map[string]Message{"err.prefix": {"%s：%s", "%s: %s"}})
}

var prefixed = englishPattern{re: regexp.MustCompile(`^([^\s:;()"\[\]]+): (.+)$`), code: "err.prefix", nested: true}
