package fit

import (
	"math"
	"strings"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mathext"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// paramKind says how an internal (optimiser) parameter θ maps to the natural
// parameter p of the R parameterisation, for data rescaled by s (y = x/s).
type paramKind int

const (
	kindShape paramKind = iota // p = e^θ
	kindScale                  // p = s·e^θ
	kindRate                   // p = e^θ/s
	kindLoc                    // p = θ + log s (lognormal meanlog)
)

func toNatural(k paramKind, th, s float64) float64 {
	switch k {
	case kindScale:
		return s * math.Exp(th)
	case kindRate:
		return math.Exp(th) / s
	case kindLoc:
		return th + math.Log(s)
	}
	return math.Exp(th)
}

func toInternal(k paramKind, p, s float64) float64 {
	switch k {
	case kindScale:
		return math.Log(p / s)
	case kindRate:
		return math.Log(p * s)
	case kindLoc:
		return p - math.Log(s)
	}
	return math.Log(p)
}

// dNatural returns dp/dθ: p for the log-scale kinds, 1 for kindLoc.
func dNatural(k paramKind, p float64) float64 {
	if k == kindLoc {
		return 1
	}
	return p
}

// family is a severity family: its log-likelihood on the rescaled data with
// gradient and Hessian in the internal parameters, starting values and the
// fitted distribution.
type family struct {
	name   string
	params []string
	kinds  []paramKind
	// eval returns the log-likelihood ℓ_y of the rescaled data at θ; when g
	// (length k) or h (k×k, row-major) is non-nil it also stores the gradient
	// and Hessian of ℓ_y in θ.
	eval  func(p *prepared, th, g, h []float64) float64
	start func(p *prepared) []float64
	dist  func(nat []float64) dist.Continuous
}

func (f *family) k() int { return len(f.params) }

// Families lists the severity families Continuous fits, by the names of
// dist.ParseContinuous (aliases such as "lomax", "lognormal", "exponential"
// and "loglogistic" are accepted too).
var Families = []string{"exp", "gamma", "lnorm", "weibull", "pareto", "llogis", "burr"}

// FamilyName returns the name in Families of a severity family given by its
// name or an alias ("lognormal" → "lnorm"); false when there is none.
func FamilyName(name string) (string, bool) {
	f := lookupFamily(strings.ToLower(strings.TrimSpace(name)))
	if f == nil {
		return "", false
	}
	return f.name, true
}

// CountFamilyName returns the name in CountFamilies of a count family given by
// its name or an alias ("poisson" → "pois"); false when there is none.
func CountFamilyName(name string) (string, bool) {
	n, err := countFamily(name)
	return n, err == nil
}

func lookupFamily(name string) *family {
	switch name {
	case "exp", "exponential":
		return &expFamily
	case "gamma":
		return &gammaFamily
	case "lnorm", "lognormal", "lognorm":
		return &lnormFamily
	case "weibull":
		return &weibullFamily
	case "pareto", "lomax", "pareto2":
		return &lomaxFamily
	case "llogis", "loglogistic":
		return &llogisFamily
	case "burr":
		return &burrFamily
	}
	return nil
}

// addTo adds v to a[i] when a is non-nil.
func addTo(a []float64, i int, v float64) {
	if a != nil {
		a[i] += v
	}
}

func clear0(a []float64) {
	for i := range a {
		a[i] = 0
	}
}

// symmetrise copies the upper triangle of the k×k row-major h to the lower.
func symmetrise(h []float64, k int) {
	if h == nil {
		return
	}
	for i := 0; i < k; i++ {
		for j := 0; j < i; j++ {
			h[i*k+j] = h[j*k+i]
		}
	}
}

// Exponential, θ = log λ:
//
//	ℓ = D·θ − λ(Σ_unc w y + Σ_cens w c − Σ_trunc w t),  D = Σ_unc w.
var expFamily = family{
	name:   "exp",
	params: []string{"rate"},
	kinds:  []paramKind{kindRate},
	eval: func(p *prepared, th, g, h []float64) float64 {
		lam := math.Exp(th[0])
		tot := p.sy + dot(p.cens.w, p.cens.y) - dot(p.trunc.w, p.trunc.y)
		if g != nil {
			g[0] = p.wUnc - lam*tot
		}
		if h != nil {
			h[0] = -lam * tot
		}
		return p.wUnc*th[0] - lam*tot
	},
	start: func(p *prepared) []float64 { return []float64{math.Log(p.wUnc / p.sy)} },
	dist:  func(n []float64) dist.Continuous { return dist.Exponential{Rate: n[0]} },
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

// Gamma, θ = (log α, log β): the uncensored part uses the sufficient
// statistics Σw·log y and Σw·y,
//
//	ℓ_unc = D(α log β − log Γ(α)) + (α−1)Σw log y − βΣw y,
//
// with ∂/∂log α = α(D(log β − ψ(α)) + Σw log y), ∂²/∂(log α)² adding
// −α²Dψ'(α) (ψ' = ζ(2, α), gonum's Hurwitz zeta). Censoring and truncation
// terms log Q(α, βy) (regularised upper incomplete gamma) have
// ∂/∂log β = −h, h = (βy)^α e^(−βy)/(Γ(α)Q), ∂²/∂(log β)² = −h(α − βy + h);
// their derivatives in log α are taken by fourth-order central differences
// (gonum diff/fd).
var gammaFamily = family{
	name:   "gamma",
	params: []string{"shape", "rate"},
	kinds:  []paramKind{kindShape, kindRate},
	eval:   gammaEval,
	start: func(p *prepared) []float64 {
		// Minka's approximation to the gamma MLE from s = log(mean) − mean(log).
		m := p.sy / p.wUnc
		s := math.Log(m) - p.mly
		a := 1.0
		if s > 0 {
			a = (3 - s + math.Sqrt((s-3)*(s-3)+24*s)) / (12 * s)
		}
		return []float64{math.Log(a), math.Log(a / m)}
	},
	dist: func(n []float64) dist.Continuous { return dist.Gamma{Shape: n[0], Rate: n[1]} },
}

// logQ returns log Q(a, x), Q the regularised upper incomplete gamma.
func logQ(a, x float64) float64 {
	if x < a {
		return math.Log1p(-mathext.GammaIncReg(a, x))
	}
	return math.Log(mathext.GammaIncRegComp(a, x))
}

var (
	// Fourth-order central differences for the first and second derivative.
	central4 = fd.Formula{
		Stencil:    []fd.Point{{Loc: -2, Coeff: 1.0 / 12}, {Loc: -1, Coeff: -8.0 / 12}, {Loc: 1, Coeff: 8.0 / 12}, {Loc: 2, Coeff: -1.0 / 12}},
		Derivative: 1, Step: 1e-3,
	}
	central4nd2 = fd.Formula{
		Stencil:    []fd.Point{{Loc: -2, Coeff: -1.0 / 12}, {Loc: -1, Coeff: 16.0 / 12}, {Loc: 0, Coeff: -30.0 / 12}, {Loc: 1, Coeff: 16.0 / 12}, {Loc: 2, Coeff: -1.0 / 12}},
		Derivative: 2, Step: 1e-3,
	}
)

func gammaEval(p *prepared, th, g, h []float64) float64 {
	A, B := th[0], th[1]
	a, b := math.Exp(A), math.Exp(B)
	if !(a > 0 && b > 0) || math.IsInf(a, 1) || math.IsInf(b, 1) {
		// A trial step beyond float range (shape or rate 0 or ∞): not a
		// point of the likelihood; the optimiser halves the step.
		return math.NaN()
	}
	lga, _ := math.Lgamma(a)
	psi := mathext.Digamma(a)
	D, sly := p.wUnc, p.wUnc*p.mly
	v := D*(a*B-lga) + (a-1)*sly - b*p.sy
	clear0(g)
	clear0(h)
	gA := a * (D*(B-psi) + sly)
	addTo(g, 0, gA)
	addTo(g, 1, a*D-b*p.sy)
	if h != nil {
		h[0] = gA - a*a*D*mathext.Zeta(2, a)
		h[1] = a * D
		h[3] = -b * p.sy
	}
	term := func(pts *points, sg float64) {
		for i, y := range pts.y {
			w := sg * pts.w[i]
			x := b * y
			lq := logQ(a, x)
			v += w * lq
			if g == nil && h == nil {
				continue
			}
			f := func(t float64) float64 { return logQ(math.Exp(t), x) }
			dA := fd.Derivative(f, A, &fd.Settings{Formula: central4})
			hh := math.Exp(a*(B+pts.ly[i]) - x - lga - lq)
			addTo(g, 0, w*dA)
			addTo(g, 1, -w*hh)
			if h != nil {
				dAA := fd.Derivative(f, A, &fd.Settings{Formula: central4nd2, OriginKnown: true, OriginValue: lq})
				h[0] += w * dAA
				h[1] += -w * hh * (a*(B+pts.ly[i]) - a*psi - dA)
				h[3] += -w * hh * (a - x + hh)
			}
		}
	}
	term(&p.cens, 1)
	term(&p.trunc, -1)
	symmetrise(h, 2)
	return v
}

// Lognormal, θ = (μ, log σ) with z = (log y − μ)/σ: the uncensored part
// uses Σw·log y and Σw(log y − mean)²,
//
//	ℓ_unc = −½Σw z² − Σw log y − D log σ − D log √(2π),
//
// and a censoring or truncation term is log Φ(−z), with
// d/dz log Φ(−z) = −m, m = φ(z)/Φ(−z), and d²/dz² = −m(m − z).
var lnormFamily = family{
	name:   "lnorm",
	params: []string{"meanlog", "sdlog"},
	kinds:  []paramKind{kindLoc, kindShape},
	eval:   lnormEval,
	start: func(p *prepared) []float64 {
		return []float64{p.mly, 0.5 * math.Log(p.m2ly/p.wUnc)}
	},
	dist: func(n []float64) dist.Continuous { return dist.LogNormal{MeanLog: n[0], SdLog: n[1]} },
}

const lnSqrt2Pi = 0.918938533204672741780329736406 // log √(2π)

// logPhi returns log Φ(x); below x = −30 it uses the asymptotic series
// Φ(x) = φ(x)/(−x) (1 − 1/x² + 3/x⁴ − …), eight terms.
func logPhi(x float64) float64 {
	if x > -30 {
		return math.Log(0.5 * math.Erfc(-x/math.Sqrt2))
	}
	x2 := 1 / (x * x)
	sum, term := 0.0, 1.0
	for k := 1; k <= 8; k++ {
		term *= -float64(2*k-1) * x2
		sum += term
	}
	return -0.5*x*x - math.Log(-x) - lnSqrt2Pi + math.Log1p(sum)
}

func lnormEval(p *prepared, th, g, h []float64) float64 {
	mu, S := th[0], th[1]
	sig := math.Exp(S)
	D := p.wUnc
	dm := p.mly - mu
	sz := D * dm / sig
	szz := (p.m2ly + D*dm*dm) / (sig * sig)
	v := -0.5*szz - D*p.mly - D*S - D*lnSqrt2Pi
	clear0(g)
	clear0(h)
	addTo(g, 0, sz/sig)
	addTo(g, 1, szz-D)
	if h != nil {
		h[0] = -D / (sig * sig)
		h[1] = -2 * sz / sig
		h[3] = -2 * szz
	}
	term := func(pts *points, sg float64) {
		for i, ly := range pts.ly {
			w := sg * pts.w[i]
			z := (ly - mu) / sig
			lq := logPhi(-z)
			v += w * lq
			m := math.Exp(-0.5*z*z - lnSqrt2Pi - lq)
			q2 := -m * (m - z)
			addTo(g, 0, w*m/sig)
			addTo(g, 1, w*m*z)
			if h != nil {
				h[0] += w * q2 / (sig * sig)
				h[1] += w * (q2*z - m) / sig
				h[3] += w * (q2*z*z - m*z)
			}
		}
	}
	term(&p.cens, 1)
	term(&p.trunc, -1)
	symmetrise(h, 2)
	return v
}

// Weibull, θ = (log τ, log θ_s) with u = τ(log y − log θ_s), v = e^u:
//
//	log f = log τ − log y + u − v,  log S = −v.
var weibullFamily = family{
	name:   "weibull",
	params: []string{"shape", "scale"},
	kinds:  []paramKind{kindShape, kindScale},
	eval:   weibullEval,
	start: func(p *prepared) []float64 {
		// log X is Gumbel (minimum): sd = π/(τ√6), mean = log θ − γ_E/τ.
		tau := math.Pi / (math.Sqrt(6 * p.m2ly / p.wUnc))
		return []float64{math.Log(tau), p.mly + 0.5772156649015329/tau}
	},
	dist: func(n []float64) dist.Continuous { return dist.Weibull{Shape: n[0], Scale: n[1]} },
}

type weibullSums struct{ su, sv, svu, svuu float64 }

func weibullAcc(pts *points, tau, T float64) weibullSums {
	var s weibullSums
	for i, ly := range pts.ly {
		w := pts.w[i]
		u := tau * (ly - T)
		wv := w * math.Exp(u)
		s.su += w * u
		s.sv += wv
		s.svu += wv * u
		s.svuu += wv * u * u
	}
	return s
}

func weibullEval(p *prepared, th, g, h []float64) float64 {
	A, T := th[0], th[1]
	tau := math.Exp(A)
	D := p.wUnc
	s := weibullAcc(&p.unc, tau, T)
	v := A*D - D*p.mly + s.su - s.sv
	clear0(g)
	clear0(h)
	addTo(g, 0, D+s.su-s.svu)
	addTo(g, 1, -tau*(D-s.sv))
	if h != nil {
		h[0] = -s.svuu + s.su - s.svu
		h[1] = tau*s.svu - tau*(D-s.sv)
		h[3] = -tau * tau * s.sv
	}
	for _, t := range []struct {
		pts *points
		sg  float64
	}{{&p.cens, 1}, {&p.trunc, -1}} {
		if t.pts.len() == 0 {
			continue
		}
		s := weibullAcc(t.pts, tau, T)
		v -= t.sg * s.sv
		addTo(g, 0, -t.sg*s.svu)
		addTo(g, 1, t.sg*tau*s.sv)
		if h != nil {
			h[0] += t.sg * (-s.svuu - s.svu)
			h[1] += t.sg * tau * (s.svu + s.sv)
			h[3] += -t.sg * tau * tau * s.sv
		}
	}
	symmetrise(h, 2)
	return v
}

// Burr, θ = (log α, log γ, log θ_s) with u = γ(log y − log θ_s),
// sp = log(1 + e^u), p = e^u/(1 + e^u), q = p(1 − p):
//
//	log f = log α + log γ − log y + u − (α+1)·sp,  log S = −α·sp.
//
// The Lomax (pareto) is the Burr with γ = 1 and the log-logistic the Burr
// with α = 1: they use the same sums and the rows of their free parameters.
type burrSums struct{ su, ssp, sp, spu, sq, squ, squu float64 }

func burrAcc(pts *points, gam, T float64) burrSums {
	var s burrSums
	for i, ly := range pts.ly {
		w := pts.w[i]
		u := gam * (ly - T)
		e := math.Exp(-math.Abs(u))
		r := 1 / (1 + e)
		// log(1+e) has absolute error ~1e-16 like log1p(e) and is three
		// times faster; log1p keeps the relative accuracy for small e.
		var l1 float64
		if e > 1e-3 {
			l1 = math.Log(1 + e)
		} else {
			l1 = math.Log1p(e)
		}
		sp, pp := l1, e*r
		if u > 0 {
			sp, pp = u+l1, r
		}
		q := e * r * r
		s.su += w * u
		s.ssp += w * sp
		s.sp += w * pp
		s.spu += w * pp * u
		s.sq += w * q
		s.squ += w * q * u
		s.squu += w * q * u * u
	}
	return s
}

// burrFull returns ℓ_y with the full 3×3 derivatives in (log α, log γ, log θ).
func burrFull(p *prepared, A, G, T float64, g, h []float64) float64 {
	al, gam := math.Exp(A), math.Exp(G)
	D := p.wUnc
	s := burrAcc(&p.unc, gam, T)
	a1 := al + 1
	v := (A+G)*D - D*p.mly + s.su - a1*s.ssp
	g[0] = D - al*s.ssp
	g[1] = D + s.su - a1*s.spu
	g[2] = -gam * (D - a1*s.sp)
	h[0] = -al * s.ssp
	h[1] = -al * s.spu
	h[2] = al * gam * s.sp
	h[4] = s.su - a1*s.spu - a1*s.squu
	h[5] = -gam*(D-a1*s.sp) + a1*gam*s.squ
	h[8] = -a1 * gam * gam * s.sq
	for _, t := range []struct {
		pts *points
		sg  float64
	}{{&p.cens, 1}, {&p.trunc, -1}} {
		if t.pts.len() == 0 {
			continue
		}
		s := burrAcc(t.pts, gam, T)
		c := t.sg * al
		v -= c * s.ssp
		g[0] -= c * s.ssp
		g[1] -= c * s.spu
		g[2] += c * gam * s.sp
		h[0] -= c * s.ssp
		h[1] -= c * s.spu
		h[2] += c * gam * s.sp
		h[4] -= c * (s.squu + s.spu)
		h[5] += c * gam * (s.squ + s.sp)
		h[8] -= c * gam * gam * s.sq
	}
	symmetrise(h, 3)
	return v
}

// burrSub evaluates a sub-family of the Burr: idx lists which of
// (log α, log γ, log θ) are free, fixed gives the full θ with the fixed ones
// set (0 = log 1).
func burrSub(idx []int) func(p *prepared, th, g, h []float64) float64 {
	return func(p *prepared, th, g, h []float64) float64 {
		full := [3]float64{}
		for i, j := range idx {
			full[j] = th[i]
		}
		var gf [3]float64
		var hf [9]float64
		v := burrFull(p, full[0], full[1], full[2], gf[:], hf[:])
		k := len(idx)
		for i, a := range idx {
			if g != nil {
				g[i] = gf[a]
			}
			if h != nil {
				for j, b := range idx {
					h[i*k+j] = hf[a*3+b]
				}
			}
		}
		return v
	}
}

var lomaxFamily = family{
	name:   "pareto",
	params: []string{"shape", "scale"},
	kinds:  []paramKind{kindShape, kindScale},
	eval:   burrSub([]int{0, 2}),
	start:  lomaxStart,
	dist:   func(n []float64) dist.Continuous { return dist.Lomax{Shape: n[0], Scale: n[1]} },
}

// lomaxStart matches the quartiles: q(p) = θ((1−p)^(−1/α) − 1), so
// q(¾)/q(¼) = (4^b − 1)/((4/3)^b − 1), b = 1/α, which increases from
// log 4/log(4/3) ≈ 4.82 (b → 0, the exponential limit); it is solved by
// bisection in log b. Lighter tails than the exponential start at α = 50.
func lomaxStart(p *prepared) []float64 {
	q1, q3 := p.quantileY(0.25), p.quantileY(0.75)
	ratio := func(b float64) float64 { return math.Expm1(b*math.Log(4)) / math.Expm1(b*math.Log(4.0/3)) }
	alpha := 50.0
	r := q3 / q1
	if q1 > 0 && r > ratio(1.0/alpha) {
		lo, hi := math.Log(1.0/alpha), math.Log(50.0) // log b
		if r >= ratio(50) {
			lo = hi
		}
		for i := 0; i < 60 && hi-lo > 1e-10; i++ {
			mid := 0.5 * (lo + hi)
			if ratio(math.Exp(mid)) < r {
				lo = mid
			} else {
				hi = mid
			}
		}
		alpha = math.Exp(-0.5 * (lo + hi))
	}
	theta := q1 / math.Expm1(math.Log(4.0/3)/alpha)
	if !(theta > 0) || math.IsInf(theta, 0) {
		theta = p.sy / p.wUnc * (alpha - 1)
	}
	return []float64{math.Log(alpha), math.Log(theta)}
}

var llogisFamily = family{
	name:   "llogis",
	params: []string{"shape", "scale"},
	kinds:  []paramKind{kindShape, kindScale},
	eval:   burrSub([]int{1, 2}),
	start: func(p *prepared) []float64 {
		// log X is logistic with location log θ and sd π/(γ√3).
		gam := math.Pi / math.Sqrt(3*p.m2ly/p.wUnc)
		return []float64{math.Log(gam), p.mly}
	},
	dist: func(n []float64) dist.Continuous { return dist.LogLogistic{Shape: n[0], Scale: n[1]} },
}

// burrFamily starts from the log-logistic fit (α = 1); see Continuous.
var burrFamily = family{
	name:   "burr",
	params: []string{"shape1", "shape2", "scale"},
	kinds:  []paramKind{kindShape, kindShape, kindScale},
	eval:   burrSub([]int{0, 1, 2}),
	start: func(p *prepared) []float64 {
		ll := llogisFamily.start(p)
		return []float64{0, ll[0], ll[1]}
	},
	dist: func(n []float64) dist.Continuous { return dist.Burr{Shape1: n[0], Shape2: n[1], Scale: n[2]} },
}
