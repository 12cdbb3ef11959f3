// Package aggregate computes the distribution of a total claim cost
//
//	S = Y_1 + … + Y_N,  Y_i = min(r·(X_i − d)+, L),
//
// the collective risk model, with N a claim count (dist.Discrete) and X_i
// i.i.d. ground-up losses (dist.Continuous), and its risk measures (VaR,
// TVaR, stop-loss premiums, exceedance probabilities).
//
// Per-claim coverage (Coverage: deductible d, ratio r, limit L) is applied
// exactly through the CDF and LEV of X (Payment), never by clipping
// simulated values, except in Monte Carlo where each simulated claim is
// modified exactly. A layer on the total (Layer: retention R, limit M,
// T = min((S − R)+, M)) is applied to the computed distribution of S.
//
// Methods (Method):
//
//   - FFT (default): the payment is discretised on a lattice of step h
//     (Discretization: Rounding, Lower, Upper, Unbiased) and compounded by
//     the fast Fourier transform on a window around the mean, with
//     exponential tilting; rigorous Chernoff bounds size the window, so the
//     cost depends on sd(S)/h and not on E[S]/h (λ = 10^7 is fine).
//   - Panjer: the same lattice, Panjer's recursion for (a, b, 0) counts and,
//     exactly, their zero-truncated/zero-modified versions; it does not
//     underflow for large means (scaled recursion with the exact log P(S=0)).
//   - MonteCarlo: reproducible parallel simulation (blocks of MCBlock paths,
//     rand.NewPCG(seed, block) per block) with standard errors.
//   - Normal, NormalPower: moment approximations, labelled Approximate.
//
// For a continuous severity the exact methods' risk measures interpolate
// inside the lattice's cells, with Sheppard's first-order correction for
// the variance the discretisation adds (Result.Continuous,
// Result.ExcessVariance): VaR and TVaR are then within about 1e-7 of the
// exact values at the automatic step, instead of h/2 (see Result).
//
// Errors caused by the inputs (parameters out of range, a lattice that
// would be too large) match ErrInput, and ErrTooLarge for the latter, with
// errors.Is; the rest are the engine's own failures.
//
// Exact methods never return silently incomplete distributions: the mass
// off the grid (MissingMass, and the rigorous MissingBound) must be below
// Options.Tol (default 1e-9) or an error says what to change. Lower and
// Upper discretisations bracket the true distribution (Bracket), which
// measures the discretisation error.
//
// Lattice distributions (Lattice; Result.Lattice) are added up when
// independent (Convolve, by FFT without wrap-round), mixed over scenarios
// (Mix) and moved to a coarser step keeping the mean (Regrid), with the mass
// off the lattice kept as Below and Above. MemberTotal is one member's
// yearly payout when the n-th claim of the year pays its own severity (the
// hospital plan's 70%, 60%, 50%) and the year's total is capped.
//
// Parameterisations follow R/actuar through the dist package. References:
// Klugman, Panjer & Willmot, Loss Models (discretisation, §9.6; Panjer
// recursion, §9.6); Embrechts & Frei (2009), "Panjer recursion versus FFT
// for compound distributions" (tilting); Acerbi & Tasche (2002) (TVaR);
// Manistre & Hancock (2005) (standard error of the sample TVaR); Paterson &
// Stockmeyer (1973), "On the number of nonscalar multiplications necessary
// to evaluate polynomials" (MemberTotal).
package aggregate
