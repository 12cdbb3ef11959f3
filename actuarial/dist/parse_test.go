package dist

import (
	"strings"
	"testing"
)

func TestParseContinuous(t *testing.T) {
	for _, c := range []struct {
		spec string
		want Continuous
	}{
		{"exp(rate=0.5)", Exponential{Rate: 0.5}},
		{" Exponential( rate = 2e-3 ) ", Exponential{Rate: 0.002}},
		{"gamma(shape=2, rate=0.5)", Gamma{Shape: 2, Rate: 0.5}},
		{"gamma(scale=4, shape=2)", Gamma{Shape: 2, Rate: 0.25}},
		{"lnorm(meanlog=5.07, sdlog=1.3)", LogNormal{MeanLog: 5.07, SdLog: 1.3}},
		{"lognormal(meanlog=-1, sdlog=0.5)", LogNormal{MeanLog: -1, SdLog: 0.5}},
		{"weibull(shape=0.84, scale=303.65)", Weibull{Shape: 0.84, Scale: 303.65}},
		{"lomax(shape=2.5, scale=1000)", Lomax{Shape: 2.5, Scale: 1000}},
		{"pareto(shape=3, scale=10)", Lomax{Shape: 3, Scale: 10}},
		{"llogis(shape=3, scale=500)", LogLogistic{Shape: 3, Scale: 500}},
		{"loglogistic(shape=3, rate=0.002)", LogLogistic{Shape: 3, Scale: 500}},
		{"burr(shape1=2, shape2=1.5, scale=1000)", Burr{Shape1: 2, Shape2: 1.5, Scale: 1000}},
		{"BURR(shape1=2, shape2=1.5, rate=0.001)", Burr{Shape1: 2, Shape2: 1.5, Scale: 1000}},
	} {
		got, err := ParseContinuous(c.spec)
		if err != nil {
			t.Errorf("ParseContinuous(%q): %v", c.spec, err)
			continue
		}
		if got != c.want {
			t.Errorf("ParseContinuous(%q) = %#v, want %#v", c.spec, got, c.want)
		}
	}
	d, err := ParseContinuous("discrete(1:0.5, 2:0.3, 3:0.2)")
	if err != nil {
		t.Fatal(err)
	}
	e := d.(*Empirical)
	if p := e.Points(); len(p) != 3 || p[2] != 3 || e.Masses()[1] != 0.3 {
		t.Errorf("discrete: points %v masses %v", e.Points(), e.Masses())
	}
}

func TestParseDiscrete(t *testing.T) {
	for _, c := range []struct {
		spec string
		want Discrete
	}{
		{"pois(lambda=0.21)", Poisson{Lambda: 0.21}},
		{"poisson(lambda=2)", Poisson{Lambda: 2}},
		{"nbinom(size=2, prob=0.5)", NegBinomial{Size: 2, P: 0.5}},
		{"negbin(size=0.7, mu=0.21)", NegBinomialMu(0.7, 0.21)},
		{"binom(size=10, prob=0.3)", Binomial{Size: 10, P: 0.3}},
		{"binomial(prob=0.3, size=3)", Binomial{Size: 3, P: 0.3}},
		{"ztrunc-pois(lambda=1.5)", ZeroTruncated{Base: Poisson{Lambda: 1.5}}},
		{"zmod-nbinom(size=2, p0=0.4, mu=3)", ZeroModified{Base: NegBinomialMu(2, 3), P0: 0.4}},
	} {
		got, err := ParseDiscrete(c.spec)
		if err != nil {
			t.Errorf("ParseDiscrete(%q): %v", c.spec, err)
			continue
		}
		if got != c.want {
			t.Errorf("ParseDiscrete(%q) = %#v, want %#v", c.spec, got, c.want)
		}
	}
}

// TestParseErrors checks every error says what was wrong and what was expected.
func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		spec, want string
		discrete   bool
	}{
		{"gamma(sahpe=2, rate=1)", `gamma: unknown parameter "sahpe"; expected shape and rate or scale`, false},
		{"gamma(shape=2)", "gamma: missing rate or scale; expected shape and rate or scale", false},
		{"gamma(rate=2)", "gamma: missing shape; expected shape and rate or scale", false},
		{"gamma(shape=2, rate=1, scale=1)", "gamma: give rate or scale, not both", false},
		{"gamma(shape=-2, rate=1)", "gamma: shape must be positive and finite, got -2", false},
		{"gamma(shape=2, scale=0)", "gamma: scale must be positive", false},
		{"gamma(shape=x, rate=1)", `gamma: shape="x": not a number`, false},
		{"gamma(shape=Inf, rate=1)", `gamma: shape="Inf": must be finite`, false},
		{"gamma(shape=1, shape=2, rate=1)", `gamma: parameter "shape" given twice`, false},
		{"gamma(2, 1)", `gamma: "2" is not of the form param=value`, false},
		{"gamma", "expected name(param=value, ...)", false},
		{"", "empty distribution spec", false},
		{"gama(shape=2, rate=1)", `unknown severity distribution "gama"; expected one of exp(rate)`, false},
		{"pois(lambda=2)", `"pois" is a claim-count (frequency) distribution`, false},
		{"lnorm(meanlog=1)", "lnorm: missing sdlog; expected meanlog and sdlog", false},
		{"weibull(shape=1, scale=-1)", "weibull: scale must be positive and finite", false},
		{"burr(shape1=1, shape2=2)", "burr: missing scale or rate; expected shape1, shape2 and scale or rate", false},
		{"discrete(1:0.5, 2:0.3, 3:0.1)", "discrete: masses sum to 0.9; expected 1 (within 1e-9)", false},
		{"discrete(1:0.5, 2=0.5)", `discrete: "2=0.5" is not of the form x:p`, false},
		{"discrete(-1:0.5, 2:0.5)", "discrete: amount -1 is negative", false},
		{"discrete()", "discrete: no points", false},
		{"pois(lamda=2)", `pois: unknown parameter "lamda"; expected lambda`, true},
		{"pois(lambda=-2)", "pois: lambda must be non-negative", true},
		{"nbinom(size=2)", "nbinom: missing prob or mu; expected size and prob or mu", true},
		{"nbinom(size=2, prob=0.5, mu=1)", "nbinom: give prob or mu, not both", true},
		{"nbinom(size=2, prob=1.5)", "nbinom: prob must be in (0, 1]", true},
		{"binom(size=2.5, prob=0.5)", "binom: size must be a non-negative whole number", true},
		{"zmod-pois(lambda=2)", "zmod-pois: missing p0", true},
		{"zmod-pois(lambda=2, p0=1.5)", "zmod: p0 must be in [0, 1]", true},
		{"ztrunc-pois(lambda=0)", "ztrunc: base pois has no mass above 0", true},
		{"gamma(shape=2, rate=1)", `"gamma" is a claim-amount (severity) distribution`, true},
		{"geom(prob=0.5)", `unknown frequency distribution "geom"`, true},
	} {
		var err error
		if c.discrete {
			_, err = ParseDiscrete(c.spec)
		} else {
			_, err = ParseContinuous(c.spec)
		}
		if err == nil {
			t.Errorf("%q: no error, want %q", c.spec, c.want)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %q, want it to contain %q", c.spec, err, c.want)
		}
	}
}
