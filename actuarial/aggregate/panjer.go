package aggregate

import (
	"math"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// CompoundPanjer returns the distribution of S_h = Y_1 + … + Y_N for a
// lattice payment distribution g and a claim count in the (a, b, 0) class
// (Poisson, negative binomial, binomial) or its zero-truncated or
// zero-modified version, by Panjer's recursion
//
//	g_0 = P_N(f_0),
//	g_s = Σ_{j=1}^{min(s,n)} (a + b·j/s) f_j g_{s−j} / (1 − a f_0).
//
// It uses o.Tol and o.MaxPoints only (zero values: 1e-9, 1<<22).
//
// Large means: g_0 = e^(−λ(1−f_0)) underflows for λ ≳ 745 (where actuar
// refuses to start). The recursion is linear, so it is run on scaled values
// starting from 1 while log g_0 = log P_N(f_0) is kept exactly (closed-form
// log-PGF); whenever a value exceeds 1e250 the last n values are divided by
// 1e250 and the scale recorded. The true values are exp(log(scaled) + scale).
//
// Zero-truncated and zero-modified counts: the recursion runs for the base
// (a, b, 0) count, then, exactly, P_T(S = s) = g_s/(1 − p_0) for s ≥ 1 and
// P_T(S = 0) = p_0 expm1(D(f_0))/(1 − p_0) (see counts), and the
// zero-modified mixes in P0 at 0. This avoids the (a, b, 1) recursion's
// cancellation.
//
// Stopping: the recursion runs to the point hi above which the Chernoff
// bound leaves at most (Tol − tail)/2 of the mass (tail: claims beyond the
// severity grid), never fewer points; then MissingMass = 1 − Σ g must be
// ≤ Tol (plus a rounding allowance of 64·ε per point) or an error is
// returned. It never returns a distribution that stopped early.
func CompoundPanjer(freq dist.Discrete, g *Grid, o Options) (*Result, error) {
	cnt, err := newCounts(freq)
	if err != nil {
		return nil, err
	}
	o = o.withDefaults()
	if err := checkCountScale(cnt, o.MaxPoints); err != nil {
		return nil, err
	}
	if err := g.Validate(); err != nil {
		return nil, err
	}
	res, err := compoundPanjer(cnt, g, o.Tol, o.MaxPoints)
	if err != nil {
		return nil, err
	}
	setLatticeMoments(res, cnt, g)
	return res, nil
}

func compoundPanjer(cnt *counts, g *Grid, tol float64, maxPoints int) (*Result, error) {
	a, b, ok := cnt.panjerBase()
	if !ok {
		return nil, inputErrorf("aggregate: Panjer's recursion needs a Poisson, negative binomial or binomial count (or its zero-truncated/zero-modified version), got %s; use FFT", cnt.d.Name())
	}
	if err := checkCountScale(cnt, maxPoints); err != nil {
		return nil, err
	}
	g, mass := g.normalized()
	f := g.PMF
	trunc := severityTailOf(cnt, mass)
	allowed, err := gridAllowance(trunc, tol)
	if err != nil {
		return nil, err
	}
	cg := newCGF(f, cnt)
	baseKind := cnt.kind
	if baseKind == kindZT || baseKind == kindZM {
		baseKind = cnt.base
	}
	c := math.Log((allowed - trunc) / 2)
	var lastMiss, lastBound float64
	var lastHi int
	for attempt := 0; attempt < 2; attempt, c = attempt+1, c-math.Log(1000) {
		aHi, tHi := cg.upperEdge(c)
		if !(aHi < float64(maxPoints)) {
			return nil, tooLargef("aggregate: Panjer's recursion needs more than %d points at step %g (up to %.6g) to hold all but %.3g of the mass; use a larger step, FFT, or raise MaxPoints",
				maxPoints, g.Step, aHi*g.Step, tol)
		}
		hi := int(math.Max(math.Ceil(aHi), 1))
		bound := trunc + math.Exp(cg.upperLogBound(float64(hi), tHi))
		pmf := panjerBase(f, a, b, cnt.baseLogPRealAt(baseKind, f[0]), hi)
		if cnt.kind == kindZT || cnt.kind == kindZM {
			cnt.truncModify(pmf, f[0])
		}
		mass, _, _ := capMassAt(pmf, trunc)
		miss := 1 - mass
		lastMiss, lastBound, lastHi = miss, bound, hi
		if bound <= allowed && miss <= allowed+64*0x1p-52*float64(hi) {
			// Drop the leading zeros (values that underflow below 1e-308).
			first := 0
			for first < len(pmf)-1 && pmf[first] == 0 {
				first++
			}
			pmf = pmf[first:]
			origin := float64(first) * g.Step
			d := newGridDist(g.Step, origin, pmf)
			r := &Result{
				Method: Panjer, Discretization: g.Method,
				Step: g.Step, Origin: origin, PMF: pmf,
				MissingMass: d.missing, MissingBound: bound,
				d: d,
			}
			r.Mean, r.SD, r.Skewness = d.moments(Layer{})
			return r, nil
		}
	}
	return nil, tooLargef("aggregate: Panjer's recursion over %d points misses %.3g of the mass (bound %.3g), above the tolerance %.3g; refusing to return an incomplete distribution",
		lastHi, lastMiss, lastBound, allowed)
}

// baseLogPRealAt returns log P(x) of the base family k.
func (c *counts) baseLogPRealAt(k countKind, x float64) float64 {
	l, _ := c.baseLogPReal(k, x)
	return l
}

// panjerBase runs the (a, b, 0) recursion for s = 0, …, hi−1 and returns the
// true probabilities; logG0 = log P_N(f_0).
func panjerBase(f []float64, a, b, logG0 float64, hi int) []float64 {
	const big = 1e250
	bigLog := math.Log(big)
	n := len(f) - 1
	gs := make([]float64, hi)
	gs[0] = 1
	type seg struct {
		from  int
		scale float64 // true = scaled·e^scale
	}
	segs := []seg{{0, logG0}}
	den := 1 - a*f[0]
	for s := 1; s < hi; s++ {
		jmax := min(s, n)
		var sa, sb float64
		fs := f[1 : jmax+1]
		for i, fj := range fs {
			t := fj * gs[s-1-i]
			sa += t
			sb += float64(i+1) * t
		}
		v := (a*sa + b*sb/float64(s)) / den
		gs[s] = v
		if v > big {
			from := max(0, s-n)
			for i := from; i <= s; i++ {
				gs[i] /= big
			}
			segs = append(segs, seg{from, segs[len(segs)-1].scale + bigLog})
		}
	}
	// Convert to true values, segment by segment.
	for k, sg := range segs {
		end := hi
		if k+1 < len(segs) {
			end = segs[k+1].from
		}
		for i := sg.from; i < end; i++ {
			if v := gs[i]; v > 0 {
				gs[i] = math.Exp(math.Log(v) + sg.scale)
			} else {
				gs[i] = 0
			}
		}
	}
	return gs
}

// truncModify turns the compound distribution of the base count (in g) into
// that of the zero-truncated or zero-modified count, exactly:
// P_T(S = s) = g_s/(1 − p_0) for s ≥ 1, P_T(S = 0) = p_0 expm1(D(f_0))/(1 − p_0),
// P_M = P0·δ_0 + (1 − P0)·P_T.
func (c *counts) truncModify(g []float64, f0 float64) {
	inv := math.Exp(-c.log1mp0)
	D, _ := c.baseDReal(c.base, f0)
	var g0 float64
	if D > 0 {
		g0 = math.Exp(c.lp0 + logExpm1(D) - c.log1mp0)
	}
	if c.kind == kindZM {
		inv *= 1 - c.p0M
		g0 = c.p0M + (1-c.p0M)*g0
	}
	g[0] = g0
	for i := 1; i < len(g); i++ {
		g[i] *= inv
	}
}
