package aggregate

import (
	"math"
	"math/cmplx"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// CompoundFFT returns the distribution of S_h = Y_1 + … + Y_N for a lattice
// payment distribution g (see DiscretizePayment) and a claim count freq, by
// the fast Fourier transform (gonum's dsp/fourier), on a window around the
// mean. It uses o.Tol and o.MaxPoints only (zero values: 1e-9, 1<<22).
//
// The method:
//
//  1. Window. Rigorous Chernoff bounds on the lattice total,
//     P(S_h ≥ a) ≤ exp(K(θ) − θa) and P(S_h ≤ a) ≤ exp(K(−θ) + θa) with
//     K(θ) = log P_N(Σ_j f_j e^(θj)), give hi with at most (Tol − tail)/4
//     of the mass above it and lo with at most e^(−10)/250 of that below
//     it (see step 2), tail being the mass of claims beyond the severity
//     grid, 1 − P_N(Σ f). The circular
//     grid has M points, the first 2^a·3^b·5^c ≥ 1.125·(hi − lo) + 16
//     (padding), and covers [lo, lo + M)·h; lo = 0 when the left tail is
//     not negligible. The cost depends on sd(S)/h, not on E[S]/h: λ = 10^7
//     costs what λ = 10^3 does at the same number of points per sd.
//  2. Tilting. The severity is tilted, f_j e^(−θj), with θM = 10 (less when
//     the window starts above 0, so that the mass below lo, which the tilt
//     amplifies by e^(θM) when it wraps round, stays below 1e-3·Tol): mass
//     above the window that wraps round is damped by e^(−θM).
//  3. Transform. With φ_k the DFT of the folded tilted severity,
//     B_k = P_N(φ_k) e^(θ·lo) e^(2πi·k·lo/M), computed as
//     exp(log P_N(φ_k) + …) with a closed-form log-PGF, so that e^(−λ) is
//     never formed. The inverse DFT of B, divided by M and multiplied by
//     e^(θt), is P(S_h = (lo + t)h) up to the damped wrap-round.
//  4. Check. The rigorous bound (severity tail plus the two Chernoff bounds
//     at the window's edges) must be ≤ Tol, and so must MissingMass =
//     1 − Σ pmf up to rounding (16·E[N]·ε·log₂M: the transform's relative
//     error is about E[N]·ε, 2e-9 at E[N] = 10^7); otherwise the window is widened (the tail targets divided by
//     1000, twice) and, if that is not enough, an error is returned.
//
// Defective grids (claims beyond the last point, the Grid's Tail): the
// probability that some claim falls beyond, trunc = 1 − P_N(Σ f), is
// accounted exactly as missing mass (the Lattice's Above). Up to Tol/2 it is
// part of the Tol budget above; beyond that (a grid built for fewer claims,
// e.g. one member's payout compounded over millions of members) the
// allowance is trunc + Tol/2, the window keeping its own Tol/2, and the
// Result's MissingMass may exceed Tol by the grid's defect; a defect above
// 1e-6 is an ErrTooLarge error ("extend the grid"). A grid whose masses sum
// to a little more than 1 through rounding (see Grid.Validate) is scaled
// back to 1. An expected claim count beyond what float64 compounds
// accurately (E[N]·ε·log₂MaxPoints > 1e-6, E[N] ≳ 2·10^8) is an ErrTooLarge
// error.
//
// Values below 0 that rounding leaves (|v| ≲ 1e-16·e^(θt)·max pmf) are set
// to 0.
func CompoundFFT(freq dist.Discrete, g *Grid, o Options) (*Result, error) {
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
	res, err := compoundFFT(cnt, g, o.Tol, o.MaxPoints)
	if err != nil {
		return nil, err
	}
	setLatticeMoments(res, cnt, g)
	return res, nil
}

// tiltM is θM, the exponential tilt times the window length: wrap-round
// from above the window is damped by e^(−10) ≈ 4.5e-5, while rounding
// errors near the top of the window grow by at most e^(10) ≈ 2.2e4.
const tiltM = 10.0

// severityTailOf returns 1 − P_N(s), the probability that some claim falls
// beyond a severity grid of total mass s.
func severityTailOf(cnt *counts, s float64) float64 {
	s = math.Min(1, s)
	l, _ := cnt.logPReal(s)
	return -math.Expm1(l)
}

// maxGridTail is the largest probability that some claim falls beyond a
// defective severity grid (1 − P_N(Σ f)) that CompoundFFT and
// CompoundPanjer accept: it is carried exactly as missing mass (Above of
// the Lattice), so it can only make upper-tail measures conservative, and
// up to 1e-6 it leaves every VaR and TVaR at p ≤ 1 − 1e-6 as they are.
const maxGridTail = 1e-6

// gridAllowance returns the missing mass a compound may have with a grid
// whose claims fall beyond it with probability trunc: Tol when trunc ≤
// Tol/2 (trunc + the window's share), else trunc + Tol/2 (the grid's defect,
// accounted exactly, plus Tol/2 for the method). An error when trunc exceeds
// maxGridTail.
func gridAllowance(trunc, tol float64) (float64, error) {
	if !(trunc <= maxGridTail) {
		return 0, tooLargef("aggregate: %.3g of the mass is in claims beyond the severity grid (at most %.3g is accounted as missing mass); extend the grid", trunc, maxGridTail)
	}
	return math.Max(tol, trunc+tol/2), nil
}

// capMassAt returns Σ pmf, first scaling pmf down when its mass exceeds
// 1 − trunc, the exact probability that no claim is beyond the grid (the
// transform's rounding, about E[N]·ε relative, can exceed a small trunc):
// the missing mass is then never reported below the claims beyond the grid.
// sum is kahanSum(pmf) as it returns, valid when scaled is false (else the
// scaled pmf's sum has to be taken again).
func capMassAt(pmf []float64, trunc float64) (mass, sum float64, scaled bool) {
	s := kahanSum(pmf)
	if !(trunc > 0) {
		return s, s, false
	}
	want := 1 - trunc
	if s > want {
		for i := range pmf {
			pmf[i] *= want / s
		}
		return want, 0, true
	}
	return s, s, false
}

// maxCountRoundoff bounds E[N]·ε·log₂M, the relative rounding of the
// compound's transform (see fftRoundoff), beyond which a lattice result
// would carry no useful accuracy: E[N] up to about 2·10^8 at 2^22 points.
const maxCountRoundoff = 1e-6

// checkCountScale returns an ErrTooLarge error when the expected number of
// claims is beyond what float64 lattices compound accurately (see
// maxCountRoundoff).
func checkCountScale(cnt *counts, maxPoints int) error {
	k1, _, _ := cnt.cumulants()
	if r := k1 * 0x1p-52 * math.Log2(float64(maxPoints)); !(r <= maxCountRoundoff) {
		return tooLargef("aggregate: the expected number of claims %.4g is beyond what a lattice of float64 compounds accurately (relative rounding E[N]·ε·log₂M = %.2g > %g); check the exposure", k1, r, maxCountRoundoff)
	}
	return nil
}

func compoundFFT(cnt *counts, g *Grid, tol float64, maxPoints int) (*Result, error) {
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
	c := math.Log((allowed - trunc) / 4)
	var lastMiss, lastBound float64
	var lastM int
	for attempt := 0; attempt < 3; attempt, c = attempt+1, c-math.Log(1000) {
		// The lower tail is aimed e^(−θM)/250 lower, so that the tilt may
		// amplify its wrap-round by e^(θM) and leave it below 1e-3·Tol.
		aLo, tLo := cg.lowerEdge(c - tiltM - math.Log(250))
		aHi, tHi := cg.upperEdge(c)
		lo := 0.0
		if aLo > 0 {
			lo = math.Floor(aLo)
		}
		if math.IsNaN(aHi) || aHi-lo > float64(maxPoints) || lo > 1<<40 {
			return nil, tooLargef("aggregate: FFT window [%.6g, %.6g] needs more than %d points at step %g to hold all but %.3g of the mass; use a larger step or raise MaxPoints",
				lo*g.Step, aHi*g.Step, maxPoints, g.Step, tol)
		}
		hi := math.Max(math.Ceil(aHi), lo+1)
		need := int(hi - lo)
		M := nextFastSize(need + need/8 + 16)
		if M > maxPoints {
			return nil, tooLargef("aggregate: FFT window [%.6g, %.6g] needs %d points at step %g to hold all but %.3g of the mass, more than MaxPoints %d; use a larger step or raise MaxPoints",
				lo*g.Step, hi*g.Step, M, g.Step, tol, maxPoints)
		}
		logBL := math.Inf(-1)
		if lo > 0 {
			logBL = cg.lowerLogBound(lo-1, tLo)
		}
		logBU := cg.upperLogBound(lo+float64(M), tHi)
		bound := trunc + math.Exp(logBL) + math.Exp(logBU)
		thetaM := tiltM
		if lo > 0 {
			thetaM = math.Max(0, math.Min(thetaM, math.Log(1e-3*tol)-logBL))
		}
		theta := thetaM / float64(M)
		pmf := fftWindow(cnt, f, int64(lo), M, theta)
		mass, sum, scaled := capMassAt(pmf, trunc)
		miss := 1 - mass
		lastMiss, lastBound, lastM = miss, bound, M
		if bound <= allowed && miss <= allowed+fftRoundoff(cnt, M) {
			var d *gridDist
			if scaled {
				d = newGridDist(g.Step, lo*g.Step, pmf)
			} else {
				d = newGridDistSum(g.Step, lo*g.Step, pmf, sum) // the pmf summed once
			}
			r := &Result{
				Method: FFT, Discretization: g.Method,
				Step: g.Step, Origin: lo * g.Step, PMF: pmf,
				MissingMass: d.missing, MissingBound: bound, Tilt: theta,
				d: d,
			}
			r.Mean, r.SD, r.Skewness = d.moments(Layer{})
			return r, nil
		}
	}
	return nil, tooLargef("aggregate: FFT on %d points misses %.3g of the mass (bound %.3g), above the tolerance %.3g, even after widening the window; use a larger step or raise MaxPoints",
		lastM, lastMiss, lastBound, allowed)
}

// fftRoundoff is the rounding allowance for 1 − Σ pmf: every coefficient
// carries a relative error of about E[N]·ε·log₂M (log P_N(φ) = λ(φ − 1)
// multiplies the transform's absolute error ε by λ), and so does every
// probability. The rigorous bound on the missing mass is checked without it.
func fftRoundoff(cnt *counts, M int) float64 {
	k1, _, _ := cnt.cumulants()
	if !(k1 > 1) {
		k1 = 1
	}
	return 16 * 0x1p-52 * k1 * math.Log2(float64(M)+1)
}

// underflowBelow is where a coefficient's log-modulus, bounded above by
// logPReBound, makes it 0: math.Exp(x) is 0 for x < −745.14; the margin
// of 54 is far beyond the rounding of the bound and of logP (at most about
// E[N]·1e-16).
const underflowBelow = -800.0

// fftWindow returns P(S_h = lo + t) for t = 0, …, M−1 (see CompoundFFT).
func fftWindow(cnt *counts, f []float64, lo int64, M int, theta float64) []float64 {
	out, _ := fftWindowSkip(cnt, f, lo, M, theta, true)
	return out
}

// fftWindowSkip is fftWindow, skipping the coefficients that underflow
// when skip is set (tested against skip unset: the same pmf to the bit),
// and the number skipped.
func fftWindowSkip(cnt *counts, f []float64, lo int64, M int, theta float64, skip bool) ([]float64, int) {
	// Tilt weights e^(−θj) are recomputed exactly every 256 steps: a drift
	// Δθ in a weight would scale the result by e^(−Δθ·s) with s ~ 10^7.
	a := make([]float64, M)
	var phi0, comp float64 // Σ f_j e^(−θj), compensated (the k = 0 coefficient)
	e := math.Exp(-theta)
	var w float64
	for j, v := range f {
		if j%256 == 0 {
			w = math.Exp(-theta * float64(j))
		}
		v *= w
		a[j%M] += v
		t := v - comp
		u := phi0 + t
		comp = (u - phi0) - t
		phi0 = u
		w *= e
	}
	t := getFFT(M)
	defer putFFT(t)
	coef := t.Coefficients(nil, a)
	coef[0] = complex(phi0, 0) // exact total mass: Σ pmf depends on it alone
	shift := theta * float64(lo)
	skipped := 0
	for k, phi := range coef {
		if skip && cnt.logPReBound(phi)+shift < underflowBelow {
			// exp underflows to 0 (e^x = 0 in float64 for x < −745.2):
			// the same coefficient, without its logarithm and exponential.
			coef[k] = 0
			skipped++
			continue
		}
		ph := 2 * math.Pi * float64((int64(k)*lo)%int64(M)) / float64(M)
		coef[k] = cmplx.Exp(cnt.logP(phi) + complex(shift, ph))
	}
	out := t.Sequence(a, coef)
	inv := 1 / float64(M)
	et := math.Exp(theta)
	for i, v := range out {
		if i%256 == 0 {
			w = inv * math.Exp(theta*float64(i))
		}
		v *= w
		if !(v > 0) {
			v = 0
		}
		out[i] = v
		w *= et
	}
	return out, skipped
}

// nextFastSize returns the smallest 2^a·3^b·5^c ≥ n (lengths gonum's
// fftpack transforms fastest).
func nextFastSize(n int) int {
	if n <= 1 {
		return 1
	}
	best := math.MaxInt
	for p5 := 1; p5 < best; p5 *= 5 {
		for p35 := p5; p35 < best; p35 *= 3 {
			v := p35
			for v < n {
				v *= 2
			}
			if v < best {
				best = v
			}
			if p35 >= n {
				break
			}
		}
		if p5 >= n {
			break
		}
	}
	return best
}

// setLatticeMoments sets the Exact* moments of r to those of the lattice
// total, from the grid's moments and the frequency's cumulants.
func setLatticeMoments(r *Result, cnt *counts, g *Grid) {
	m1, m2, m3 := g.Moment(1), g.Moment(2), g.Moment(3)
	r.ExactMean, r.ExactSD, r.ExactSkewness = compoundMoments(cnt, m1, m2, m3)
}

// compoundMoments returns the mean, sd and skewness of S from N's cumulants
// κ₁, κ₂, κ₃ and the raw moments m₁, m₂, m₃ of Y:
//
//	E[S] = κ₁m₁, Var S = κ₁(m₂ − m₁²) + κ₂m₁²,
//	κ₃(S) = κ₁(m₃ − 3m₁m₂ + 2m₁³) + 3κ₂m₁(m₂ − m₁²) + κ₃m₁³.
func compoundMoments(cnt *counts, m1, m2, m3 float64) (mean, sd, skew float64) {
	k1, k2, k3 := cnt.cumulants()
	mean = k1 * m1
	vy := m2 - m1*m1
	v := k1*vy + k2*m1*m1
	c3 := k1*(m3-3*m1*m2+2*m1*m1*m1) + 3*k2*m1*vy + k3*m1*m1*m1
	sd = math.Sqrt(v)
	skew = math.NaN()
	if v > 0 {
		skew = c3 / math.Pow(v, 1.5)
	}
	return mean, sd, skew
}
