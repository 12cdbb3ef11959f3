// Package dist holds claim-frequency and claim-severity distributions.
//
// Parameterisations follow R (and actuar), so analysts can cross-check:
// gamma(shape, rate), lognormal(meanlog, sdlog), weibull(shape, scale),
// exponential(rate), pareto/Lomax(shape, scale), llogis(shape, scale),
// burr(shape1, shape2, scale), pois(lambda), nbinom(size, prob) or (size, mu),
// binom(size, prob).
//
// Distributions are plain structs with exported parameters and a Src
// (math/rand/v2) used by Rand, as in gonum's distuv. A nil Src uses a
// package-level source, which is not reproducible: callers that need
// reproducible draws always set Src. NegBinomial and Binomial keep R's prob in
// a field named P, because Prob is the method giving the mass.
//
// Every type has a Validate() error method (positive, finite parameters);
// ParseContinuous and ParseDiscrete read CLI specs such as
// "gamma(shape=2, rate=0.001)" and validate them. The discrete types also have
// Survival(k) = P(N > k), computed directly for the upper tail.
//
// Conventions at the edges: Quantile of a p outside [0, 1] (or NaN) is NaN
// for Continuous and −1 for Discrete; Quantile(1) is +Inf, or math.MaxInt
// for a count with unbounded support. Below the support densities are 0,
// CDFs 0 and survivals 1. Discrete quantiles use R's fuzz (p is reduced by
// 64 machine epsilons, relative) so that p equal to a cumulative probability
// returns that point despite rounding.
package dist

// Continuous is a claim-severity distribution on [0, ∞).
type Continuous interface {
	// Name is R's family name: "gamma", "lnorm", "weibull", "exp", "pareto",
	// "llogis", "burr", "empirical".
	Name() string
	// Params returns the free parameters by R's names, e.g. {"shape": 2,
	// "rate": 1}; its length is the number of parameters (for "empirical" it
	// gives n, the number of observations, and k, the number of distinct
	// points, which are not fitted parameters).
	Params() map[string]float64
	// Prob is the density f(x) (for "empirical", the point mass P(X = x)).
	Prob(x float64) float64
	LogProb(x float64) float64 // log f(x)
	CDF(x float64) float64     // F(x) = P(X ≤ x)
	Survival(x float64) float64
	// Quantile returns the smallest x with F(x) ≥ p, for p in [0, 1].
	Quantile(p float64) float64
	Mean() float64 // +Inf when it does not exist
	Variance() float64
	// RawMoment returns E[X^k] for k ≥ 1 (+Inf when it does not exist).
	RawMoment(k int) float64
	// LEV returns the limited expected value E[min(X, u)] = ∫_0^u S(x) dx,
	// the basis of every deductible and cap.
	LEV(u float64) float64
	// Rand draws one value using the distribution's Src.
	Rand() float64
}

// Discrete is a claim-count distribution on {0, 1, 2, …}.
type Discrete interface {
	// Name is R's family name: "pois", "nbinom", "binom", or the base name with
	// a "ztrunc-" or "zmod-" prefix.
	Name() string
	// Params returns the free parameters by R's names, e.g. {"size": 0.7,
	// "prob": 0.77}, plus "p0" for zero-modified.
	Params() map[string]float64
	Prob(k int) float64
	LogProb(k int) float64
	CDF(k int) float64
	// Quantile returns the smallest k with F(k) ≥ p.
	Quantile(p float64) int
	Mean() float64
	Variance() float64
	// PGF returns the probability generating function E[z^N] at a complex z
	// (|z| ≤ 1), used by the FFT aggregate method.
	PGF(z complex128) complex128
	// ABZero returns the (a, b) of the Panjer class, p_k = (a + b/k) p_{k-1}
	// for k ≥ 1 (ok false outside the (a, b, 0) class); for (a, b, 1) members
	// (zero-truncated / zero-modified) it returns the recursion valid for k ≥ 2
	// and ok false.
	ABZero() (a, b float64, ok bool)
	Rand() int
}
