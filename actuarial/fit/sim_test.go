package fit

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// truncCens draws n values of d (PCG seed), keeps those above 1300 and
// censors them at 30000.
func truncCens(d dist.Continuous, n int, seed uint64) Sample {
	var x []float64
	for _, v := range draws(d, n, seed) {
		if v > 1300 {
			x = append(x, v)
		}
	}
	return Limits(x, nil, 1300, 30000)
}

// TestTruncCensRecovery draws 200,000 values from a known lognormal and a
// known gamma, keeps those above 1300 and censors at 30,000: the fit with
// truncation and censoring recovers the true parameters within 3 standard
// errors, and the naive fit (the same numbers taken as exact and complete)
// is biased, the truth lying more than 5 of its standard errors away.
func TestTruncCensRecovery(t *testing.T) {
	cases := []struct {
		d    dist.Continuous
		true []float64
	}{
		{dist.LogNormal{MeanLog: 8, SdLog: 1.2}, []float64{8, 1.2}},
		{dist.Gamma{Shape: 2, Rate: 1.0 / 3000}, []float64{2, 1.0 / 3000}},
	}
	for _, c := range cases {
		s := truncCens(c.d, 200_000, 11)
		r := mustFit(t, s, c.d.Name(), nil)
		naive := mustFit(t, Sample{X: s.X}, c.d.Name(), nil)
		if r.NCensored == 0 || !r.Truncated {
			t.Fatalf("%s: sample is not truncated and censored", c.d.Name())
		}
		for i, tv := range c.true {
			z := (r.Params[i] - tv) / r.SE[i]
			zn := (naive.Params[i] - tv) / naive.SE[i]
			t.Logf("%s %s: fit %.6g (z %.2f), naive %.6g (z %.1f)", c.d.Name(), r.ParamNames[i], r.Params[i], z, naive.Params[i], zn)
			if math.Abs(z) > 3 {
				t.Errorf("%s %s = %.6g ± %.2g: %.2f SE from the truth %v", c.d.Name(), r.ParamNames[i], r.Params[i], r.SE[i], z, tv)
			}
			if math.Abs(zn) < 5 {
				t.Errorf("%s naive %s = %.6g ± %.2g is only %.2f SE from the truth %v", c.d.Name(), r.ParamNames[i], naive.Params[i], naive.SE[i], zn, tv)
			}
		}
	}
}

// TestHeavyRecovery fits the Lomax, log-logistic and Burr to 50,000 draws of
// a known member and checks each parameter is within 4 standard errors of
// the truth (and the standard errors are positive and finite).
func TestHeavyRecovery(t *testing.T) {
	for i, d := range []dist.Continuous{
		dist.Lomax{Shape: 3, Scale: 10000},
		dist.LogLogistic{Shape: 2, Scale: 5000},
		dist.Burr{Shape1: 2, Shape2: 1.5, Scale: 5000},
	} {
		x := draws(d, 50_000, uint64(20+i))
		r := mustFit(t, Sample{X: x}, d.Name(), nil)
		want := d.Params()
		for j, name := range r.ParamNames {
			z := (r.Params[j] - want[name]) / r.SE[j]
			if !(r.SE[j] > 0) || math.Abs(z) > 4 {
				t.Errorf("%s %s = %.6g ± %.3g: %.2f SE from %v", d.Name(), name, r.Params[j], r.SE[j], z, want[name])
			}
		}
	}
}

// TestFailures checks fits that cannot succeed report Converged false with
// a message and no fitted distribution.
func TestFailures(t *testing.T) {
	cases := []struct {
		name   string
		s      Sample
		family string
		msg    string
	}{
		{"three points, burr", Sample{X: []float64{100, 200, 300}}, "burr", "3 distinct"},
		{"one point, exp", Sample{X: []float64{100}}, "exp", "1 distinct"},
		{"all censored", Sample{X: []float64{100, 200, 300}, Censored: []bool{true, true, true}}, "gamma", "0 distinct"},
	}
	same := []float64{250, 250, 250, 250, 250, 250}
	for _, f := range Families {
		cases = append(cases, struct {
			name   string
			s      Sample
			family string
			msg    string
		}{"all equal, " + f, Sample{X: same}, f, "1 distinct"})
	}
	for _, c := range cases {
		r, err := Continuous(c.s, c.family, nil)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if r.Converged || r.Dist != nil || !strings.Contains(r.Message, c.msg) || !math.IsNaN(r.AIC) {
			t.Errorf("%s: converged %v, AIC %v, message %q", c.name, r.Converged, r.AIC, r.Message)
		}
	}
	// Uniform data are lighter-tailed than the exponential: the Lomax
	// likelihood increases towards shape → ∞ with no interior maximum.
	u := make([]float64, 2000)
	for i := range u {
		u[i] = 1000 + float64(i)/2
	}
	r, err := Continuous(Sample{X: u}, "pareto", nil)
	if err != nil || r.Converged || !strings.Contains(r.Message, "boundary") {
		t.Errorf("Lomax on uniform data: %v, converged %v, message %q", err, r.Converged, r.Message)
	}
	// Counts: variance below the mean (binomial-like) has no finite size.
	nb, err := Counts([]int{0, 1, 2}, []float64{25, 50, 25}, "nbinom")
	if err != nil || nb.Converged || !strings.Contains(nb.Message, "Poisson limit") {
		t.Errorf("nbinom underdispersed: %v, %+v", err, nb)
	}
	p, err := Counts([]int{0, 0}, nil, "pois")
	if err != nil || p.Converged {
		t.Errorf("pois all zero: %v, %+v", err, p)
	}
}

// TestInputErrors checks bad input is an error, not a result.
func TestInputErrors(t *testing.T) {
	bad := []struct {
		s      Sample
		family string
	}{
		{Sample{X: dental}, "normal"},
		{Sample{}, "gamma"},
		{Sample{X: []float64{1, 0, 3}}, "gamma"},
		{Sample{X: []float64{1, math.Inf(1)}}, "gamma"},
		{Sample{X: []float64{1, 2}, W: []float64{1}}, "gamma"},
		{Sample{X: []float64{1, 2}, W: []float64{1, -1}}, "gamma"},
		{Sample{X: []float64{1, 2}, W: []float64{0, 0}}, "gamma"},
		{Sample{X: []float64{10, 20}, Trunc: []float64{10, 5}}, "gamma"},
		{Sample{X: []float64{10, 20}, Censored: []bool{true}}, "gamma"},
		{Limits([]float64{10, 20, 30}, nil, 15, 0), "gamma"},
	}
	for i, b := range bad {
		if _, err := Continuous(b.s, b.family, nil); err == nil {
			t.Errorf("case %d: no error", i)
		}
	}
	if _, err := Continuous(Sample{X: dental}, "gamma", &Options{Start: []float64{1}}); err == nil {
		t.Error("wrong number of starting values: no error")
	}
	if _, err := Continuous(Sample{X: dental}, "gamma", &Options{Start: []float64{-1, 1}}); err == nil {
		t.Error("negative starting shape: no error")
	}
	if _, err := Counts([]int{1, -1}, nil, "pois"); err == nil {
		t.Error("negative count: no error")
	}
	if _, err := Counts([]int{1, 2}, []float64{1}, "pois"); err == nil {
		t.Error("frequency length: no error")
	}
	if _, err := Counts([]int{1, 2}, nil, "binom"); err == nil {
		t.Error("unknown count family: no error")
	}
}

// TestRank checks the dental fits are ordered by AIC with the failed fit
// left out, and Choose's reason; the AICs are VALIDATION.md E's and
// testdata/refs.out's (exp 138.31 < lnorm 139.13 < pareto 139.49 < llogis
// 139.74 < weibull 139.74 < gamma 139.96 < burr 141.48).
func TestRank(t *testing.T) {
	var fits []*Result
	for _, f := range Families {
		fits = append(fits, mustFit(t, Sample{X: dental}, f, nil))
	}
	failed, _ := Continuous(Sample{X: []float64{1, 2, 3}}, "burr", nil)
	fits = append([]*Result{failed, nil}, fits...)
	ranked := Rank(fits)
	var order []string
	for _, r := range ranked {
		order = append(order, r.Family)
	}
	if got := strings.Join(order, " "); got != "exp lnorm pareto llogis weibull gamma burr" {
		t.Errorf("order %q", got)
	}
	best, why := Choose(fits)
	if best.Family != "exp" {
		t.Errorf("chose %s", best.Family)
	}
	if want := "lowest AIC (138.31); next lnorm at +0.82; left out (not converged): burr, ?"; why != want {
		t.Errorf("reason %q, want %q", why, want)
	}
	one, why := Choose(fits[:3])
	if one == nil || why != fmt.Sprintf("only converged fit (AIC %.2f); left out (not converged): burr, ?", one.AIC) {
		t.Errorf("single: %v %q", one, why)
	}
	none, why := Choose(fits[:2])
	if none != nil || !strings.HasPrefix(why, "no fit converged") {
		t.Errorf("none: %v %q", none, why)
	}
}
