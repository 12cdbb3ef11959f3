// Package fit fits claim-severity and claim-frequency distributions by
// maximum likelihood.
//
// Continuous fits the severity families of package dist (exp, gamma, lnorm,
// weibull, pareto (Lomax), llogis, burr, in R's parameterisations) to a
// Sample that may be weighted, left-truncated (deductibles: a claim is seen
// only above t) and right-censored (limits: the claim is at least c). The
// log-likelihood is
//
//	ℓ = Σ_uncensored w·log f(x) + Σ_censored w·log S(c) − Σ w·log S(t),
//
// maximised to the exact optimum (Newton's method on the analytic score and
// Hessian of each family, in log parameters on data rescaled by their
// median). Results carry standard errors from the observed information,
// log-likelihood, AIC, BIC and fitdistrplus's goodness-of-fit statistics
// (Kolmogorov–Smirnov, Cramér–von Mises, Anderson–Darling).
//
// Counts fits the Poisson and negative binomial claim-count models with a
// pooled chi-square test; CountsTruncated fits them to counts seen only from
// k0 on (ℓ = Σ f_k log p(k) − N log P(X ≥ k0), analytic score and Hessian,
// Newton's method in log parameters). Rank and Choose order fits of either
// kind by AIC, leaving failed fits out.
//
// Reference values (VALIDATION.md E and F: actuar's dental data, a claims
// per policy table; testdata/refs.R for the rest) are in the tests.
package fit
