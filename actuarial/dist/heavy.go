package dist

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mathext"
)

// burrLEV returns E[min(X, u)] for the Burr distribution (shape1 α, shape2 γ,
// scale θ). Substituting w = v/(1+v), v = (x/θ)^γ, in ∫_0^u S(x) dx gives
//
//	E[min(X, u)] = (θ/γ) B(1/γ, α − 1/γ; y),  y = v_u/(1 + v_u),
//
// with B(a, b; y) = ∫_0^y w^(a−1) (1−w)^(b−1) dw the incomplete beta
// function. When α > 1/γ (finite mean) this is computed with gonum's
// regularised incomplete beta, as E[X] − (θ/γ) B(a, b) I_(1−y)(b, a) when
// y > ½ to keep full accuracy in heavy tails; otherwise see incBetaNeg.
// The result is clamped to [0, u] against rounding.
func burrLEV(alpha, gamma, theta, u float64) float64 {
	if u <= 0 {
		return 0
	}
	a := 1 / gamma
	b := alpha - a
	if math.IsInf(u, 1) {
		if b > 0 {
			return theta * math.Exp(math.Log(alpha)+mathext.Lbeta(1+a, b))
		}
		return math.Inf(1)
	}
	lv := gamma * (math.Log(u) - math.Log(theta)) // log v
	// y = v/(1+v) and 1−y = 1/(1+v), both without cancellation.
	y := 1 / (1 + math.Exp(-lv))
	omy := 1 / (1 + math.Exp(lv))
	var lev float64
	switch {
	case b > 0 && y <= 0.5:
		lev = theta / gamma * math.Exp(mathext.Lbeta(a, b)) * mathext.RegIncBeta(a, b, y)
	case b > 0:
		lev = theta / gamma * math.Exp(mathext.Lbeta(a, b)) * (1 - mathext.RegIncBeta(b, a, omy))
	default:
		lev = theta / gamma * incBetaNeg(a, b, y, omy)
	}
	return math.Max(0, math.Min(lev, u))
}

// incBetaNeg returns the (unregularised) incomplete beta function
// B(a, b; y) = ∫_0^y w^(a−1) (1−w)^(b−1) dw for a > 0 and b ≤ 0, where it is
// finite for y < 1 but gonum's RegIncBeta does not apply; omy = 1 − y.
//
// On [0, min(y, ½)] it is (z^a/a) ₂F₁(a, 1−b; a+1; z) (gonum's Hypergeo). For
// y > ½ the rest, ∫_(1−y)^(½) t^(b−1) (1−t)^(a−1) dt, is summed term by term
// from (1−t)^(a−1) = Σ_j c_j t^j, c_j = (1−a)_j/j!:
//
//	Σ_j c_j (½^(b+j) − ε^(b+j))/(b+j),  ε = 1 − y,
//
// written with expm1 so that b + j ≈ 0 (and = 0, giving ln(½/ε)) is exact.
// Its terms decrease like 2^(−j), and it stays accurate as ε → 0, where the
// hypergeometric function overflows.
func incBetaNeg(a, b, y, omy float64) float64 {
	z := math.Min(y, 0.5)
	s := math.Pow(z, a) / a * mathext.Hypergeo(a, 1-b, a+1, z)
	if y <= 0.5 {
		return s
	}
	lh, le := -math.Ln2, math.Log(omy)
	c := 1.0
	var tail float64
	for j := 0; j < 2000; j++ {
		if j > 0 {
			c *= (float64(j) - a) / float64(j)
		}
		if c == 0 {
			break
		}
		e := b + float64(j)
		var term float64
		if e == 0 {
			term = lh - le
		} else {
			term = (math.Expm1(e*lh) - math.Expm1(e*le)) / e
		}
		term *= c
		tail += term
		if e > 0 && math.Abs(term) <= 1e-17*math.Abs(tail) {
			break
		}
	}
	return s + tail
}

// burrMoment returns E[X^k] = θ^k Γ(1+k/γ) Γ(α−k/γ)/Γ(α) for k < αγ, else +Inf.
func burrMoment(alpha, gamma, theta float64, k int) float64 {
	if k < 0 {
		return math.NaN()
	}
	if k == 0 {
		return 1
	}
	fk := float64(k)
	if fk >= alpha*gamma {
		return math.Inf(1)
	}
	// Γ(1+k/γ)Γ(α−k/γ)/Γ(α) = α B(1+k/γ, α−k/γ).
	return math.Exp(fk*math.Log(theta) + math.Log(alpha) + mathext.Lbeta(1+fk/gamma, alpha-fk/gamma))
}

func burrVariance(alpha, gamma, theta float64) float64 {
	m2 := burrMoment(alpha, gamma, theta, 2)
	if math.IsInf(m2, 1) {
		return math.Inf(1)
	}
	m1 := burrMoment(alpha, gamma, theta, 1)
	return m2 - m1*m1
}

// Burr is the Burr (type XII) distribution, actuar's burr(shape1 = α,
// shape2 = γ, scale = θ):
//
//	S(x) = (1/(1 + (x/θ)^γ))^α,
//	f(x) = αγ (x/θ)^γ / (x (1 + (x/θ)^γ)^(α+1)),
//	E[X^k] = θ^k Γ(1+k/γ) Γ(α−k/γ)/Γ(α) for −γ < k < αγ,
//	E[min(X, u)] = (θ/γ) B(1/γ, α−1/γ; (u/θ)^γ/(1+(u/θ)^γ)) (incomplete beta).
//
// α = 1 is the log-logistic, γ = 1 the Lomax.
type Burr struct {
	Shape1, Shape2, Scale float64 // α > 0, γ > 0, θ > 0
	Src                   rand.Source
}

var _ Continuous = Burr{}

func (d Burr) Validate() error {
	if err := checkPos("burr", "shape1", d.Shape1); err != nil {
		return err
	}
	if err := checkPos("burr", "shape2", d.Shape2); err != nil {
		return err
	}
	return checkPos("burr", "scale", d.Scale)
}

func (Burr) Name() string { return "burr" }

func (d Burr) Params() map[string]float64 {
	return map[string]float64{"shape1": d.Shape1, "shape2": d.Shape2, "scale": d.Scale}
}

func (d Burr) Prob(x float64) float64 { return math.Exp(d.LogProb(x)) }

func (d Burr) LogProb(x float64) float64 {
	if x < 0 || math.IsInf(x, 1) {
		return math.Inf(-1)
	}
	v := math.Pow(x/d.Scale, d.Shape2)
	return math.Log(d.Shape1*d.Shape2/d.Scale) + mulLog(d.Shape2-1, x/d.Scale) - (d.Shape1+1)*math.Log1p(v)
}

func (d Burr) CDF(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return -math.Expm1(-d.Shape1 * math.Log1p(math.Pow(x/d.Scale, d.Shape2)))
}

func (d Burr) Survival(x float64) float64 {
	if x <= 0 {
		return 1
	}
	return math.Exp(-d.Shape1 * math.Log1p(math.Pow(x/d.Scale, d.Shape2)))
}

// Quantile returns θ ((1−p)^(−1/α) − 1)^(1/γ).
func (d Burr) Quantile(p float64) float64 {
	if v, ok := quantileEnds(p); ok {
		return v
	}
	return d.Scale * math.Pow(math.Expm1(-math.Log1p(-p)/d.Shape1), 1/d.Shape2)
}

func (d Burr) Mean() float64     { return d.RawMoment(1) }
func (d Burr) Variance() float64 { return burrVariance(d.Shape1, d.Shape2, d.Scale) }
func (d Burr) RawMoment(k int) float64 {
	return burrMoment(d.Shape1, d.Shape2, d.Scale, k)
}
func (d Burr) LEV(u float64) float64 { return burrLEV(d.Shape1, d.Shape2, d.Scale, u) }

func (d Burr) Rand() float64 { return d.Quantile(newRNG(d.Src).Float64()) }

// LogLogistic is the log-logistic distribution, actuar's llogis(shape = γ,
// scale = θ):
//
//	F(x) = v/(1+v), v = (x/θ)^γ, f(x) = γ v/(x (1+v)²),
//	E[X^k] = θ^k Γ(1+k/γ) Γ(1−k/γ) = θ^k (kπ/γ)/sin(kπ/γ) for k < γ,
//	E[min(X, u)] = (θ/γ) B(1/γ, 1−1/γ; v_u/(1+v_u)) (incomplete beta).
type LogLogistic struct {
	Shape, Scale float64 // γ > 0, θ > 0
	Src          rand.Source
}

var _ Continuous = LogLogistic{}

func (d LogLogistic) Validate() error {
	if err := checkPos("llogis", "shape", d.Shape); err != nil {
		return err
	}
	return checkPos("llogis", "scale", d.Scale)
}

func (LogLogistic) Name() string { return "llogis" }

func (d LogLogistic) Params() map[string]float64 {
	return map[string]float64{"shape": d.Shape, "scale": d.Scale}
}

func (d LogLogistic) Prob(x float64) float64 { return math.Exp(d.LogProb(x)) }

func (d LogLogistic) LogProb(x float64) float64 {
	if x < 0 || math.IsInf(x, 1) {
		return math.Inf(-1)
	}
	v := math.Pow(x/d.Scale, d.Shape)
	return math.Log(d.Shape/d.Scale) + mulLog(d.Shape-1, x/d.Scale) - 2*math.Log1p(v)
}

func (d LogLogistic) CDF(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return 1 / (1 + math.Pow(x/d.Scale, -d.Shape))
}

func (d LogLogistic) Survival(x float64) float64 {
	if x <= 0 {
		return 1
	}
	return 1 / (1 + math.Pow(x/d.Scale, d.Shape))
}

// Quantile returns θ (p/(1−p))^(1/γ).
func (d LogLogistic) Quantile(p float64) float64 {
	if v, ok := quantileEnds(p); ok {
		return v
	}
	return d.Scale * math.Pow(p/(1-p), 1/d.Shape)
}

func (d LogLogistic) Mean() float64     { return d.RawMoment(1) }
func (d LogLogistic) Variance() float64 { return burrVariance(1, d.Shape, d.Scale) }

// RawMoment returns θ^k (kπ/γ)/sin(kπ/γ) for k < γ, else +Inf.
func (d LogLogistic) RawMoment(k int) float64 {
	if k < 0 {
		return math.NaN()
	}
	if k == 0 {
		return 1
	}
	fk := float64(k)
	if fk >= d.Shape {
		return math.Inf(1)
	}
	t := fk * math.Pi / d.Shape
	return math.Pow(d.Scale, fk) * t / math.Sin(t)
}

func (d LogLogistic) LEV(u float64) float64 { return burrLEV(1, d.Shape, d.Scale, u) }

func (d LogLogistic) Rand() float64 { return d.Quantile(newRNG(d.Src).Float64()) }

// Lomax is the Lomax (Pareto type II) distribution, actuar's pareto(shape = α,
// scale = θ):
//
//	S(x) = (θ/(x+θ))^α, f(x) = αθ^α/(x+θ)^(α+1),
//	E[X^k] = θ^k k!/((α−1)(α−2)…(α−k)) for k < α,
//	E[min(X, u)] = θ/(α−1) [1 − (θ/(u+θ))^(α−1)] (α ≠ 1), θ log(1 + u/θ) (α = 1).
type Lomax struct {
	Shape, Scale float64 // α > 0, θ > 0
	Src          rand.Source
}

var _ Continuous = Lomax{}

func (d Lomax) Validate() error {
	if err := checkPos("pareto", "shape", d.Shape); err != nil {
		return err
	}
	return checkPos("pareto", "scale", d.Scale)
}

func (Lomax) Name() string { return "pareto" }

func (d Lomax) Params() map[string]float64 {
	return map[string]float64{"shape": d.Shape, "scale": d.Scale}
}

func (d Lomax) Prob(x float64) float64 { return math.Exp(d.LogProb(x)) }

func (d Lomax) LogProb(x float64) float64 {
	if x < 0 || math.IsInf(x, 1) {
		return math.Inf(-1)
	}
	return math.Log(d.Shape/d.Scale) - (d.Shape+1)*math.Log1p(x/d.Scale)
}

func (d Lomax) CDF(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return -math.Expm1(-d.Shape * math.Log1p(x/d.Scale))
}

func (d Lomax) Survival(x float64) float64 {
	if x <= 0 {
		return 1
	}
	return math.Exp(-d.Shape * math.Log1p(x/d.Scale))
}

// Quantile returns θ ((1−p)^(−1/α) − 1).
func (d Lomax) Quantile(p float64) float64 {
	if v, ok := quantileEnds(p); ok {
		return v
	}
	return d.Scale * math.Expm1(-math.Log1p(-p)/d.Shape)
}

func (d Lomax) Mean() float64 { return d.RawMoment(1) }

// Variance returns θ²α/((α−1)²(α−2)) for α > 2, else +Inf.
func (d Lomax) Variance() float64 {
	if d.Shape <= 2 {
		return math.Inf(1)
	}
	a := d.Shape
	return d.Scale * d.Scale * a / ((a - 1) * (a - 1) * (a - 2))
}

// RawMoment returns θ^k k!/((α−1)…(α−k)) for k < α, else +Inf.
func (d Lomax) RawMoment(k int) float64 {
	if k < 0 {
		return math.NaN()
	}
	if float64(k) >= d.Shape {
		return math.Inf(1)
	}
	m := 1.0
	for i := 1; i <= k; i++ {
		m *= d.Scale * float64(i) / (d.Shape - float64(i))
	}
	return m
}

// LEV returns θ (1 − (θ/(u+θ))^(α−1))/(α−1), computed as
// −θ expm1(−(α−1) log(1+u/θ))/(α−1), and θ log(1+u/θ) at α = 1.
func (d Lomax) LEV(u float64) float64 {
	if u <= 0 {
		return 0
	}
	if math.IsInf(u, 1) {
		return d.Mean()
	}
	l := math.Log1p(u / d.Scale)
	am1 := d.Shape - 1
	if am1 == 0 {
		return d.Scale * l
	}
	return -d.Scale * math.Expm1(-am1*l) / am1
}

func (d Lomax) Rand() float64 { return d.Quantile(newRNG(d.Src).Float64()) }
