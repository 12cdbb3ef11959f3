package dist

import (
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// survivor is implemented by the discrete distributions of this package:
// Survival(k) = P(N > k), computed directly rather than as 1 − CDF(k).
type survivor interface {
	Survival(k int) float64
}

// survivalOf returns P(N > k) for d, directly when d supports it.
func survivalOf(d Discrete, k int) float64 {
	if s, ok := d.(survivor); ok {
		return s.Survival(k)
	}
	return 1 - d.CDF(k)
}

// Poisson is the Poisson distribution, R's pois(lambda = λ):
//
//	p_k = λ^k e^(−λ)/k!, F(k) = Q(k+1, λ) (regularised upper incomplete
//	gamma), mean = variance = λ, PGF P(z) = e^(λ(z−1)),
//	Panjer (a, b, 0) class with a = 0, b = λ.
//
// λ = 0 is allowed (all mass at 0).
type Poisson struct {
	Lambda float64 // λ ≥ 0
	Src    rand.Source
}

var _ Discrete = Poisson{}

func (p Poisson) Validate() error {
	if !(p.Lambda >= 0) || math.IsInf(p.Lambda, 1) {
		return fmt.Errorf("pois: lambda must be non-negative and finite, got %v", p.Lambda)
	}
	return nil
}

func (Poisson) Name() string { return "pois" }

func (p Poisson) Params() map[string]float64 { return map[string]float64{"lambda": p.Lambda} }

func (p Poisson) Prob(k int) float64 { return math.Exp(p.LogProb(k)) }

// LogProb uses Loader's saddle-point form (as R's dpois), accurate for any λ.
func (p Poisson) LogProb(k int) float64 {
	if k < 0 {
		return math.Inf(-1)
	}
	return logDpoisRaw(float64(k), p.Lambda)
}

func (p Poisson) CDF(k int) float64 {
	if k < 0 {
		return 0
	}
	if p.Lambda == 0 {
		return 1
	}
	return mathext.GammaIncRegComp(float64(k)+1, p.Lambda)
}

// Survival returns P(N > k) = P(k+1, λ) (regularised lower incomplete gamma).
func (p Poisson) Survival(k int) float64 {
	if k < 0 {
		return 1
	}
	if p.Lambda == 0 {
		return 0
	}
	return mathext.GammaIncReg(float64(k)+1, p.Lambda)
}

// Quantile returns the smallest k with F(k) ≥ p (math.MaxInt for p = 1,
// −1 for p outside [0, 1]).
func (p Poisson) Quantile(q float64) int {
	if p.Lambda == 0 && validP(q) {
		return 0
	}
	sd := math.Sqrt(p.Lambda)
	return discreteQuantile(q, cornishFisher(q, p.Lambda, sd, 1/sd), math.MaxInt, p.CDF)
}

func (p Poisson) Mean() float64     { return p.Lambda }
func (p Poisson) Variance() float64 { return p.Lambda }

// PGF returns e^(λ(z−1)).
func (p Poisson) PGF(z complex128) complex128 {
	return cmplx.Exp(complex(p.Lambda, 0) * (z - 1))
}

// ABZero returns a = 0, b = λ.
func (p Poisson) ABZero() (a, b float64, ok bool) { return 0, p.Lambda, true }

func (p Poisson) Rand() int {
	if p.Lambda == 0 {
		return 0
	}
	if p.Src == nil {
		return PoissonRand(p.Lambda, rand.Float64)
	}
	return PoissonRand(p.Lambda, rand.New(p.Src).Float64)
}

// PoissonRand draws a Poisson(λ) count: by sequential inversion for λ < 10
// (expected λ + 1 steps), else by Hörmann's transformed rejection PTRS
// (W. Hörmann, "The transformed rejection method for generating Poisson
// random variables", Insurance: Mathematics and Economics 12 (1993) 39–45).
//
// It exists because gonum v0.17's distuv.Poisson.Rand rejects k ≤ 0 in step 3 of PTRS where the algorithm
// rejects k < 0: for λ ≥ 10 it never returns 0, which loses P(N = 0) = e^(−λ)
// (VALIDATION A's P(S = 0) = e^(−10) is then never sampled).
func PoissonRand(lambda float64, uniform func() float64) int {
	if !(lambda > 0) {
		return 0
	}
	if lambda < 10 {
		u := uniform()
		p := math.Exp(-lambda)
		k := 0
		for u > p {
			u -= p
			k++
			p *= lambda / float64(k)
			if p == 0 { // only from rounding, far in the tail
				break
			}
		}
		return k
	}
	b := 0.931 + 2.53*math.Sqrt(lambda)
	a := -0.059 + 0.02483*b
	invAlpha := 1.1239 + 1.1328/(b-3.4)
	vr := 0.9277 - 3.6224/(b-2)
	logLam := math.Log(lambda)
	for {
		U := uniform() - 0.5
		V := uniform()
		us := 0.5 - math.Abs(U)
		k := math.Floor((2*a/us+b)*U + lambda + 0.43)
		if us >= 0.07 && V <= vr {
			return int(k)
		}
		if k < 0 || (us < 0.013 && V > us) {
			continue
		}
		lg, _ := math.Lgamma(k + 1)
		if math.Log(V*invAlpha/(a/(us*us)+b)) <= -lambda+k*logLam-lg {
			return int(k)
		}
	}
}

// NegBinomial is the negative binomial distribution, R's nbinom(size = r,
// prob = p), or (size, mu) with μ = r(1−p)/p:
//
//	p_k = Γ(r+k)/(Γ(r) k!) p^r (1−p)^k, F(k) = I_p(r, k+1) (regularised
//	incomplete beta), mean r(1−p)/p, variance r(1−p)/p²,
//	PGF P(z) = (p/(1 − (1−p)z))^r,
//	Panjer (a, b, 0) class with a = 1−p, b = (r−1)(1−p).
type NegBinomial struct {
	Size float64 // r > 0
	// P is R's prob, 0 < p ≤ 1. (It cannot be called Prob: that is the
	// Discrete method giving the mass.)
	P   float64
	Src rand.Source
}

var _ Discrete = NegBinomial{}

// NegBinomialMu returns the negative binomial with the given size and mean
// mu, prob = size/(size+mu) (R's mu parameterisation).
func NegBinomialMu(size, mu float64) NegBinomial {
	return NegBinomial{Size: size, P: size / (size + mu)}
}

// Mu returns the mean r(1−p)/p.
func (n NegBinomial) Mu() float64 { return n.Size * (1 - n.P) / n.P }

func (n NegBinomial) Validate() error {
	if err := checkPos("nbinom", "size", n.Size); err != nil {
		return err
	}
	if !(n.P > 0 && n.P <= 1) {
		return fmt.Errorf("nbinom: prob must be in (0, 1], got %v", n.P)
	}
	return nil
}

func (NegBinomial) Name() string { return "nbinom" }

// Params returns size and prob (the mean is Mu()).
func (n NegBinomial) Params() map[string]float64 {
	return map[string]float64{"size": n.Size, "prob": n.P}
}

func (n NegBinomial) Prob(k int) float64 { return math.Exp(n.LogProb(k)) }

// LogProb uses Loader's form, as R's dnbinom:
// p_k = r/(r+k) · dbinom(r; r+k, p).
func (n NegBinomial) LogProb(k int) float64 {
	if k < 0 {
		return math.Inf(-1)
	}
	x := float64(k)
	return math.Log(n.Size/(n.Size+x)) + logDbinomRaw(n.Size, x+n.Size, n.P, 1-n.P)
}

func (n NegBinomial) CDF(k int) float64 {
	if k < 0 {
		return 0
	}
	if n.P == 1 {
		return 1
	}
	return mathext.RegIncBeta(n.Size, float64(k)+1, n.P)
}

// Survival returns P(N > k) = I_(1−p)(k+1, r). It is computed as
// 1 − I_p(r, k+1) while that exceeds 1e-3 (no accuracy lost), and directly
// only further out: gonum's RegIncBeta(k+1, r, 1−p) can be off by 1e-7
// relative near the mean when r is small (e.g. r = 0.01, p = 1e-4, k = 200).
func (n NegBinomial) Survival(k int) float64 {
	if k < 0 {
		return 1
	}
	if n.P == 1 {
		return 0
	}
	if s := 1 - n.CDF(k); s > 1e-3 {
		return s
	}
	return mathext.RegIncBeta(float64(k)+1, n.Size, 1-n.P)
}

// Quantile returns the smallest k with F(k) ≥ p (math.MaxInt for p = 1,
// −1 for p outside [0, 1]).
func (n NegBinomial) Quantile(p float64) int {
	if n.P == 1 && validP(p) {
		return 0
	}
	q := 1 - n.P
	mu := n.Size * q / n.P
	sd := math.Sqrt(n.Size*q) / n.P
	skew := (2 - n.P) / math.Sqrt(n.Size*q)
	return discreteQuantile(p, cornishFisher(p, mu, sd, skew), math.MaxInt, n.CDF)
}

func (n NegBinomial) Mean() float64     { return n.Mu() }
func (n NegBinomial) Variance() float64 { return n.Size * (1 - n.P) / (n.P * n.P) }

// PGF returns (p/(1 − (1−p)z))^r.
func (n NegBinomial) PGF(z complex128) complex128 {
	w := 1 - complex(1-n.P, 0)*z
	return cmplx.Exp(complex(n.Size, 0) * (complex(math.Log(n.P), 0) - cmplx.Log(w)))
}

// ABZero returns a = 1−p, b = (r−1)(1−p).
func (n NegBinomial) ABZero() (a, b float64, ok bool) {
	q := 1 - n.P
	return q, (n.Size - 1) * q, true
}

// Rand draws a Poisson(Λ) count with Λ ~ gamma(shape r, rate p/(1−p)).
func (n NegBinomial) Rand() int {
	if n.P == 1 {
		return 0
	}
	lam := distuv.Gamma{Alpha: n.Size, Beta: n.P / (1 - n.P), Src: n.Src}.Rand()
	if lam == 0 {
		return 0
	}
	return Poisson{Lambda: lam, Src: n.Src}.Rand()
}

// Binomial is the binomial distribution, R's binom(size = m, prob = q):
//
//	p_k = C(m, k) q^k (1−q)^(m−k), F(k) = I_(1−q)(m−k, k+1), mean mq,
//	variance mq(1−q), PGF P(z) = (1 − q + qz)^m,
//	Panjer (a, b, 0) class with a = −q/(1−q), b = (m+1)q/(1−q).
type Binomial struct {
	Size int // m ≥ 0
	// P is R's prob, 0 ≤ q ≤ 1. (It cannot be called Prob: that is the
	// Discrete method giving the mass.)
	P   float64
	Src rand.Source
}

var _ Discrete = Binomial{}

func (b Binomial) Validate() error {
	if b.Size < 0 {
		return fmt.Errorf("binom: size must be a non-negative integer, got %d", b.Size)
	}
	if !validP(b.P) {
		return fmt.Errorf("binom: prob must be in [0, 1], got %v", b.P)
	}
	return nil
}

func (Binomial) Name() string { return "binom" }

func (b Binomial) Params() map[string]float64 {
	return map[string]float64{"size": float64(b.Size), "prob": b.P}
}

func (b Binomial) Prob(k int) float64 { return math.Exp(b.LogProb(k)) }

// LogProb uses Loader's form, as R's dbinom.
func (b Binomial) LogProb(k int) float64 {
	if k < 0 || k > b.Size {
		return math.Inf(-1)
	}
	return logDbinomRaw(float64(k), float64(b.Size), b.P, 1-b.P)
}

func (b Binomial) CDF(k int) float64 {
	switch {
	case k < 0:
		return 0
	case k >= b.Size:
		return 1
	case b.P == 0:
		return 1
	case b.P == 1:
		return 0
	}
	return mathext.RegIncBeta(float64(b.Size-k), float64(k)+1, 1-b.P)
}

// Survival returns P(N > k) = I_q(k+1, m−k) (as 1 − F(k) while that
// exceeds 1e-3).
func (b Binomial) Survival(k int) float64 {
	switch {
	case k < 0:
		return 1
	case k >= b.Size:
		return 0
	case b.P == 0:
		return 0
	case b.P == 1:
		return 1
	}
	if s := 1 - b.CDF(k); s > 1e-3 {
		return s // see NegBinomial.Survival
	}
	return mathext.RegIncBeta(float64(k)+1, float64(b.Size-k), b.P)
}

// Quantile returns the smallest k with F(k) ≥ p (−1 for p outside [0, 1]).
func (b Binomial) Quantile(p float64) int {
	if !validP(p) {
		return -1
	}
	if b.P == 0 || b.Size == 0 {
		return 0
	}
	if b.P == 1 || p == 1 {
		return b.Size
	}
	mu := float64(b.Size) * b.P
	sd := math.Sqrt(mu * (1 - b.P))
	return discreteQuantile(p, cornishFisher(p, mu, sd, (1-2*b.P)/sd), b.Size, b.CDF)
}

func (b Binomial) Mean() float64     { return float64(b.Size) * b.P }
func (b Binomial) Variance() float64 { return float64(b.Size) * b.P * (1 - b.P) }

// PGF returns (1 − q + qz)^m.
func (b Binomial) PGF(z complex128) complex128 {
	w := complex(1-b.P, 0) + complex(b.P, 0)*z
	r := complex(1, 0)
	for m := b.Size; m > 0; m >>= 1 {
		if m&1 == 1 {
			r *= w
		}
		w *= w
	}
	return r
}

// ABZero returns a = −q/(1−q), b = (m+1)q/(1−q) (ok false when q = 1).
func (b Binomial) ABZero() (a, bb float64, ok bool) {
	if b.P == 1 {
		return math.Inf(-1), math.Inf(1), false
	}
	r := b.P / (1 - b.P)
	return -r, float64(b.Size+1) * r, true
}

func (b Binomial) Rand() int {
	if b.Size == 0 || b.P == 0 {
		return 0
	}
	if b.P == 1 {
		return b.Size
	}
	return int(distuv.Binomial{N: float64(b.Size), P: b.P, Src: b.Src}.Rand())
}
