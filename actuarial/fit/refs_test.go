package fit

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// TestDentalHeavy checks the Lomax, log-logistic and Burr fits to the dental
// data against R (actuar densities, optim then Newton polish, and gofstat's
// formulas: testdata/refs.R section 2, output in testdata/refs.out):
// estimates relative 1e-7, log-likelihood 1e-10, KS/CvM/AD 1e-8.
func TestDentalHeavy(t *testing.T) {
	cases := []struct {
		family      string
		params      []float64
		loglik      float64
		ks, cvm, ad float64
	}{
		{"pareto", []float64{3.03943764546, 704.443257469}, -67.7474350188, 0.1250894715, 0.022088812901, 0.160792718932},
		{"llogis", []float64{1.30075880809, 165.323406481}, -67.8684222309, 0.141974059647, 0.0287254677391, 0.18577501804},
		{"burr", []float64{2.43344233121, 1.05281048387, 514.075587519}, -67.7419485755, 0.131510367041, 0.0232766872072, 0.164845837257},
	}
	for _, c := range cases {
		r := mustFit(t, Sample{X: dental}, c.family, nil)
		for i, p := range c.params {
			check(t, c.family+" "+r.ParamNames[i], r.Params[i], p, 1e-7)
		}
		check(t, c.family+" loglik", r.LogLik, c.loglik, 1e-10)
		check(t, c.family+" KS", r.KS, c.ks, 1e-8)
		check(t, c.family+" CvM", r.CvM, c.cvm, 1e-8)
		check(t, c.family+" AD", r.AD, c.ad, 1e-8)
	}
}

// dentalTC is the dental data observed above 30 (the 16 is dropped) and
// capped at 500 (1511 and 567 become censored at 500).
func dentalTC() Sample {
	var x []float64
	for _, v := range dental {
		if v > 30 {
			x = append(x, v)
		}
	}
	return Limits(x, nil, 30, 500)
}

// TestTruncCensRefs checks fits with truncation at 30 and censoring at 500
// against R (testdata/refs.R section 3: the likelihood written out with
// d*/p*(lower.tail = FALSE, log.p = TRUE), optim then Newton): estimates
// relative 1e-7, log-likelihood 1e-10; goodness of fit is NaN and said so.
func TestTruncCensRefs(t *testing.T) {
	cases := []struct {
		family string
		params []float64
		loglik float64
	}{
		{"lnorm", []float64{4.9895867361, 1.48464677242}, -46.3975136099},
		{"gamma", []float64{0.384695077943, 0.00164777694871}, -46.2811032493},
		{"weibull", []float64{0.647138160469, 206.854353069}, -46.3088954224},
	}
	for _, c := range cases {
		r := mustFit(t, dentalTC(), c.family, nil)
		for i, p := range c.params {
			check(t, c.family+" "+r.ParamNames[i], r.Params[i], p, 1e-7)
		}
		check(t, c.family+" loglik", r.LogLik, c.loglik, 1e-10)
		if !math.IsNaN(r.KS) || !math.IsNaN(r.CvM) || !math.IsNaN(r.AD) || !strings.Contains(r.Message, "censored") {
			t.Errorf("%s: censored data gave KS %v CvM %v AD %v, message %q", c.family, r.KS, r.CvM, r.AD, r.Message)
		}
		if r.NCensored != 2 || !r.Truncated || r.N != 9 {
			t.Errorf("%s: NCensored %v Truncated %v N %v", c.family, r.NCensored, r.Truncated, r.N)
		}
	}
}

// TestTruncGoF checks the lognormal fitted to the dental data above 30 and
// its goodness of fit on the truncated CDF (F(x) − F(30))/S(30), against R
// (testdata/refs.R section 4), relative 1e-7 (estimates), 1e-10
// (log-likelihood), 1e-8 (KS, CvM, AD).
func TestTruncGoF(t *testing.T) {
	var x []float64
	for _, v := range dental {
		if v > 30 {
			x = append(x, v)
		}
	}
	r := mustFit(t, Limits(x, nil, 30, 0), "lnorm", nil)
	check(t, "meanlog", r.Params[0], 5.06929346577, 1e-7)
	check(t, "sdlog", r.Params[1], 1.31506900405, 1e-7)
	check(t, "loglik", r.LogLik, -61.1057668454, 1e-10)
	check(t, "KS", r.KS, 0.159624685998, 1e-8)
	check(t, "CvM", r.CvM, 0.0333376673553, 1e-8)
	check(t, "AD", r.AD, 0.237848474715, 1e-8)
}

// TestGoFVaryingTrunc checks the goodness of fit with a truncation point per
// observation against a direct evaluation of fitdistrplus's formulas on the
// sorted probability-integral transforms u = (F(x) − F(t))/S(t), relative 1e-12.
func TestGoFVaryingTrunc(t *testing.T) {
	tr := []float64{0, 10, 30, 30, 100, 0, 200, 1000, 50, 500}
	r := mustFit(t, Sample{X: dental, Trunc: tr}, "weibull", nil)
	d := r.Dist
	var u []float64
	for i, x := range dental {
		u = append(u, (d.CDF(x)-d.CDF(tr[i]))/d.Survival(tr[i]))
	}
	// insertion sort, then the definitions.
	for i := 1; i < len(u); i++ {
		for j := i; j > 0 && u[j] < u[j-1]; j-- {
			u[j], u[j-1] = u[j-1], u[j]
		}
	}
	n := float64(len(u))
	ks, cvm, ad := 0.0, 1/(12*n), 0.0
	for i, f := range u {
		k := float64(i + 1)
		ks = math.Max(ks, math.Max(math.Abs(k/n-f), math.Abs((k-1)/n-f)))
		e := f - (2*k-1)/(2*n)
		cvm += e * e
		ad += (2*k - 1) * (math.Log(f) + math.Log(1-u[len(u)-1-i]))
	}
	ad = -n - ad/n
	check(t, "KS", r.KS, ks, 1e-12)
	check(t, "CvM", r.CvM, cvm, 1e-12)
	check(t, "AD", r.AD, ad, 1e-12)
}

// TestDerivatives checks each family's analytic score and Hessian (internal
// parameters) against central finite differences of its log-likelihood and
// score (gonum diff/fd), relative 1e-6 and 1e-5 of the largest entry, on
// data with censoring, a common truncation point and per-observation
// truncation, at a point away from the maximum.
func TestDerivatives(t *testing.T) {
	tr := []float64{0, 10, 30, 30, 100, 0, 200, 1000, 50, 500}
	cens := []bool{false, false, true, false, false, true, false, false, false, true}
	samples := map[string]Sample{"trunc-cens": dentalTC(), "varying": {X: dental, Trunc: tr, Censored: cens}}
	for sn, s := range samples {
		p, err := prepare(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range Families {
			f := lookupFamily(name)
			k := f.k()
			th := f.start(p)
			for i := range th {
				th[i] += 0.1 * float64(i+1)
			}
			g := make([]float64, k)
			h := make([]float64, k*k)
			f.eval(p, th, g, h)
			gn := fd.Gradient(nil, func(x []float64) float64 { return f.eval(p, x, nil, nil) }, th, &fd.Settings{Formula: fd.Central, Step: 1e-5})
			J := mat.NewDense(k, k, nil)
			fd.Jacobian(J, func(y, x []float64) { f.eval(p, x, y, nil) }, th, &fd.JacobianSettings{Formula: fd.Central, Step: 1e-5})
			gmax, hmax := maxAbs(g), maxAbs(h)
			for i := 0; i < k; i++ {
				if math.Abs(g[i]-gn[i]) > 1e-6*gmax {
					t.Errorf("%s %s: score[%d] = %.10g, finite difference %.10g", sn, name, i, g[i], gn[i])
				}
				for j := 0; j < k; j++ {
					if math.Abs(h[i*k+j]-J.At(i, j)) > 1e-5*hmax {
						t.Errorf("%s %s: H[%d,%d] = %.10g, finite difference %.10g", sn, name, i, j, h[i*k+j], J.At(i, j))
					}
				}
			}
		}
	}
}

// TestGeneralPath starts the optimiser far from the maximum and checks it
// reaches the closed forms, relative 1e-10: exponential λ = D/(Σx + Σc − Σt)
// (D uncensored observations, c censoring points, t truncation points), and
// the lognormal's mean and standard deviation (divisor n) of log x.
func TestGeneralPath(t *testing.T) {
	r := mustFit(t, Sample{X: dental}, "exp", &Options{Start: []float64{1}})
	check(t, "exp rate", r.Params[0], 10/sum(dental), 1e-10)

	s := dentalTC()
	r = mustFit(t, s, "exp", &Options{Start: []float64{1e-6}})
	den := 0.0
	d := 0.0
	for i, x := range s.X {
		den += x - s.Trunc[i]
		if !s.Censored[i] {
			d++
		}
	}
	check(t, "trunc-cens exp rate", r.Params[0], d/den, 1e-10)

	r = mustFit(t, Sample{X: dental}, "lnorm", &Options{Start: []float64{0, 5}})
	m, v := 0.0, 0.0
	for _, x := range dental {
		m += math.Log(x) / 10
	}
	for _, x := range dental {
		v += (math.Log(x) - m) * (math.Log(x) - m) / 10
	}
	check(t, "lnorm meanlog", r.Params[0], m, 1e-10)
	check(t, "lnorm sdlog", r.Params[1], math.Sqrt(v), 1e-10)
}

func sum(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}

// TestWeights checks integer weights against the expanded sample (same
// estimates, log-likelihood and goodness of fit, relative 1e-10) and that
// non-integer weights give the same estimates as the unweighted data when
// proportional (w = ½: ℓ halves) with NaN goodness of fit.
func TestWeights(t *testing.T) {
	w := []float64{2, 1, 3, 1, 1, 2, 1, 1, 1, 4}
	var ex []float64
	for i, x := range dental {
		for j := 0; j < int(w[i]); j++ {
			ex = append(ex, x)
		}
	}
	for _, fam := range []string{"gamma", "weibull", "burr"} {
		a := mustFit(t, Sample{X: dental, W: w}, fam, nil)
		b := mustFit(t, Sample{X: ex}, fam, nil)
		for i := range a.Params {
			check(t, fam+" weighted "+a.ParamNames[i], a.Params[i], b.Params[i], 1e-9)
		}
		check(t, fam+" weighted loglik", a.LogLik, b.LogLik, 1e-10)
		check(t, fam+" weighted KS", a.KS, b.KS, 1e-10)
		check(t, fam+" weighted CvM", a.CvM, b.CvM, 1e-10)
		check(t, fam+" weighted AD", a.AD, b.AD, 1e-10)
		if a.N != 17 {
			t.Errorf("N = %v, want 17", a.N)
		}
	}
	half := make([]float64, len(dental))
	for i := range half {
		half[i] = 0.5
	}
	a := mustFit(t, Sample{X: dental, W: half}, "gamma", nil)
	b := mustFit(t, Sample{X: dental}, "gamma", nil)
	check(t, "half-weight shape", a.Params[0], b.Params[0], 1e-9)
	check(t, "half-weight loglik", a.LogLik, b.LogLik/2, 1e-12)
	if !math.IsNaN(a.KS) || !strings.Contains(a.Message, "weights are not integers") {
		t.Errorf("non-integer weights: KS %v, message %q", a.KS, a.Message)
	}
}
