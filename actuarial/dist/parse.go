package dist

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// SeverityFamilies and FrequencyFamilies list the spec names accepted by
// ParseContinuous and ParseDiscrete, for help texts.
const (
	SeverityFamilies  = "exp(rate), gamma(shape, rate|scale), lnorm(meanlog, sdlog), weibull(shape, scale), pareto(shape, scale), llogis(shape, scale|rate), burr(shape1, shape2, scale|rate), discrete(x1:p1, x2:p2, ...)"
	FrequencyFamilies = "pois(lambda), nbinom(size, prob|mu), binom(size, prob), and ztrunc-<family>(...) or zmod-<family>(..., p0)"
)

type specArg struct{ key, val string }

type specCall struct {
	name string
	args []specArg // key is empty for "x:m" items
	raw  []string
}

// parseCall splits `name(a=1, b=2)` into its name and arguments.
func parseCall(spec string) (specCall, error) {
	s := strings.TrimSpace(spec)
	if s == "" {
		return specCall{}, fmt.Errorf("empty distribution spec; expected name(param=value, ...)")
	}
	open := strings.IndexByte(s, '(')
	if open < 0 || !strings.HasSuffix(s, ")") {
		return specCall{}, fmt.Errorf("distribution spec %q: expected name(param=value, ...)", spec)
	}
	c := specCall{name: strings.ToLower(strings.TrimSpace(s[:open]))}
	if c.name == "" {
		return specCall{}, fmt.Errorf("distribution spec %q: missing family name before '('", spec)
	}
	body := strings.TrimSpace(s[open+1 : len(s)-1])
	if strings.ContainsAny(body, "()") {
		return specCall{}, fmt.Errorf("distribution spec %q: unbalanced parentheses", spec)
	}
	if body == "" {
		return c, nil
	}
	for _, item := range strings.Split(body, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			return specCall{}, fmt.Errorf("distribution spec %q: empty item between commas", spec)
		}
		c.raw = append(c.raw, item)
		if k, v, ok := strings.Cut(item, "="); ok {
			c.args = append(c.args, specArg{strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)})
		} else {
			c.args = append(c.args, specArg{"", item})
		}
	}
	return c, nil
}

// keyed returns the arguments as numbers, checking every key is allowed.
func (c specCall) keyed(family, expected string, allowed ...string) (map[string]float64, error) {
	out := make(map[string]float64, len(c.args))
	for i, a := range c.args {
		if a.key == "" {
			return nil, fmt.Errorf("%s: %q is not of the form param=value; expected %s", family, c.raw[i], expected)
		}
		known := false
		for _, k := range allowed {
			if a.key == k {
				known = true
				break
			}
		}
		if !known {
			return nil, fmt.Errorf("%s: unknown parameter %q; expected %s", family, a.key, expected)
		}
		if _, dup := out[a.key]; dup {
			return nil, fmt.Errorf("%s: parameter %q given twice", family, a.key)
		}
		v, err := parseNumber(a.val)
		if err != nil {
			return nil, fmt.Errorf("%s: %s=%q: %v", family, a.key, a.val, err)
		}
		out[a.key] = v
	}
	return out, nil
}

func parseNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, fmt.Errorf("not a number")
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("must be finite")
	}
	return v, nil
}

// need returns the parameter or an error naming what is missing.
func need(m map[string]float64, family, key, expected string) (float64, error) {
	v, ok := m[key]
	if !ok {
		return 0, fmt.Errorf("%s: missing %s; expected %s", family, key, expected)
	}
	return v, nil
}

// oneOf returns the value of exactly one of a or b (and which was given).
func oneOf(m map[string]float64, family, a, b, expected string) (float64, string, error) {
	va, oka := m[a]
	vb, okb := m[b]
	switch {
	case oka && okb:
		return 0, "", fmt.Errorf("%s: give %s or %s, not both", family, a, b)
	case oka:
		return va, a, nil
	case okb:
		return vb, b, nil
	}
	return 0, "", fmt.Errorf("%s: missing %s or %s; expected %s", family, a, b, expected)
}

// invertIf returns 1/v when key is the inverted name (rate for scale, or
// scale for rate), checking v is positive first.
func invertIf(family, key, inverted string, v float64) (float64, error) {
	if key != inverted {
		return v, nil
	}
	if !(v > 0) {
		return 0, fmt.Errorf("%s: %s must be positive, got %v", family, key, v)
	}
	return 1 / v, nil
}

// ParseContinuous reads a severity spec such as "gamma(shape=2, rate=0.001)"
// or "discrete(1:0.5, 2:0.3, 3:0.2)". Names follow R, with aliases:
// exp|exponential(rate), gamma(shape, rate|scale), lnorm|lognormal(meanlog,
// sdlog), weibull(shape, scale), pareto|lomax(shape, scale),
// llogis|loglogistic(shape, scale|rate), burr(shape1, shape2, scale|rate),
// discrete|empirical(x:p, ...) with masses summing to 1 within 1e-9.
func ParseContinuous(spec string) (Continuous, error) {
	c, err := parseCall(spec)
	if err != nil {
		return nil, err
	}
	var d interface {
		Continuous
		Validate() error
	}
	switch c.name {
	case "exp", "exponential":
		const fam, exp = "exp", "rate"
		m, err := c.keyed(fam, exp, "rate")
		if err != nil {
			return nil, err
		}
		r, err := need(m, fam, "rate", exp)
		if err != nil {
			return nil, err
		}
		d = Exponential{Rate: r}
	case "gamma":
		const fam, exp = "gamma", "shape and rate or scale"
		m, err := c.keyed(fam, exp, "shape", "rate", "scale")
		if err != nil {
			return nil, err
		}
		shape, err := need(m, fam, "shape", exp)
		if err != nil {
			return nil, err
		}
		r, key, err := oneOf(m, fam, "rate", "scale", exp)
		if err != nil {
			return nil, err
		}
		if r, err = invertIf(fam, key, "scale", r); err != nil {
			return nil, err
		}
		d = Gamma{Shape: shape, Rate: r}
	case "lnorm", "lognormal", "lognorm":
		const fam, exp = "lnorm", "meanlog and sdlog"
		m, err := c.keyed(fam, exp, "meanlog", "sdlog")
		if err != nil {
			return nil, err
		}
		mu, err := need(m, fam, "meanlog", exp)
		if err != nil {
			return nil, err
		}
		sd, err := need(m, fam, "sdlog", exp)
		if err != nil {
			return nil, err
		}
		d = LogNormal{MeanLog: mu, SdLog: sd}
	case "weibull":
		const fam, exp = "weibull", "shape and scale"
		m, err := c.keyed(fam, exp, "shape", "scale")
		if err != nil {
			return nil, err
		}
		shape, err := need(m, fam, "shape", exp)
		if err != nil {
			return nil, err
		}
		scale, err := need(m, fam, "scale", exp)
		if err != nil {
			return nil, err
		}
		d = Weibull{Shape: shape, Scale: scale}
	case "pareto", "lomax", "pareto2":
		const fam, exp = "pareto", "shape and scale"
		m, err := c.keyed(fam, exp, "shape", "scale")
		if err != nil {
			return nil, err
		}
		shape, err := need(m, fam, "shape", exp)
		if err != nil {
			return nil, err
		}
		scale, err := need(m, fam, "scale", exp)
		if err != nil {
			return nil, err
		}
		d = Lomax{Shape: shape, Scale: scale}
	case "llogis", "loglogistic":
		const fam, exp = "llogis", "shape and scale or rate"
		m, err := c.keyed(fam, exp, "shape", "scale", "rate")
		if err != nil {
			return nil, err
		}
		shape, err := need(m, fam, "shape", exp)
		if err != nil {
			return nil, err
		}
		s, key, err := oneOf(m, fam, "scale", "rate", exp)
		if err != nil {
			return nil, err
		}
		if s, err = invertIf(fam, key, "rate", s); err != nil {
			return nil, err
		}
		d = LogLogistic{Shape: shape, Scale: s}
	case "burr":
		const fam, exp = "burr", "shape1, shape2 and scale or rate"
		m, err := c.keyed(fam, exp, "shape1", "shape2", "scale", "rate")
		if err != nil {
			return nil, err
		}
		s1, err := need(m, fam, "shape1", exp)
		if err != nil {
			return nil, err
		}
		s2, err := need(m, fam, "shape2", exp)
		if err != nil {
			return nil, err
		}
		s, key, err := oneOf(m, fam, "scale", "rate", exp)
		if err != nil {
			return nil, err
		}
		if s, err = invertIf(fam, key, "rate", s); err != nil {
			return nil, err
		}
		d = Burr{Shape1: s1, Shape2: s2, Scale: s}
	case "discrete", "empirical":
		return parseDiscreteSeverity(c)
	default:
		if isFrequencyName(c.name) {
			return nil, fmt.Errorf("%q is a claim-count (frequency) distribution; expected a severity: %s", c.name, SeverityFamilies)
		}
		return nil, fmt.Errorf("unknown severity distribution %q; expected one of %s", c.name, SeverityFamilies)
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

// parseDiscreteSeverity reads discrete(x1:p1, x2:p2, ...).
func parseDiscreteSeverity(c specCall) (Continuous, error) {
	const exp = "discrete(x1:p1, x2:p2, ...) with amounts x ≥ 0 and masses p summing to 1"
	if len(c.args) == 0 {
		return nil, fmt.Errorf("discrete: no points; expected %s", exp)
	}
	xs := make([]float64, len(c.args))
	ps := make([]float64, len(c.args))
	sum := 0.0
	for i, a := range c.args {
		xv, pv, ok := strings.Cut(c.raw[i], ":")
		if a.key != "" || !ok {
			return nil, fmt.Errorf("discrete: %q is not of the form x:p; expected %s", c.raw[i], exp)
		}
		x, err := parseNumber(xv)
		if err != nil {
			return nil, fmt.Errorf("discrete: amount %q: %v", strings.TrimSpace(xv), err)
		}
		p, err := parseNumber(pv)
		if err != nil {
			return nil, fmt.Errorf("discrete: mass %q: %v", strings.TrimSpace(pv), err)
		}
		if x < 0 {
			return nil, fmt.Errorf("discrete: amount %v is negative; expected %s", x, exp)
		}
		if p < 0 || p > 1 {
			return nil, fmt.Errorf("discrete: mass %v at %v is not in [0, 1]", p, x)
		}
		xs[i], ps[i] = x, p
		sum += p
	}
	if math.Abs(sum-1) > 1e-9 {
		return nil, fmt.Errorf("discrete: masses sum to %.12g; expected 1 (within 1e-9)", sum)
	}
	return NewEmpirical(xs, ps)
}

func isFrequencyName(n string) bool {
	switch n {
	case "pois", "poisson", "nbinom", "negbin", "negbinomial", "binom", "binomial":
		return true
	}
	return strings.HasPrefix(n, "ztrunc") || strings.HasPrefix(n, "zmod")
}

// ParseDiscrete reads a claim-count spec such as "nbinom(size=0.7, mu=0.21)".
// Names follow R, with aliases: pois|poisson(lambda), nbinom|negbin(size,
// prob|mu), binom|binomial(size, prob). A "ztrunc-" prefix gives the
// zero-truncated version, a "zmod-" prefix the zero-modified version with an
// extra parameter p0 (the mass at 0), e.g. "zmod-pois(lambda=2, p0=0.3)".
func ParseDiscrete(spec string) (Discrete, error) {
	c, err := parseCall(spec)
	if err != nil {
		return nil, err
	}
	var (
		trunc, mod bool
		p0         float64
	)
	switch {
	case strings.HasPrefix(c.name, "ztrunc-"):
		trunc, c.name = true, strings.TrimPrefix(c.name, "ztrunc-")
	case strings.HasPrefix(c.name, "zmod-"):
		mod, c.name = true, strings.TrimPrefix(c.name, "zmod-")
		// p0 is taken out before the base family sees the arguments.
		found := false
		for i := 0; i < len(c.args); i++ {
			if c.args[i].key == "p0" {
				if found {
					return nil, fmt.Errorf("zmod-%s: parameter \"p0\" given twice", c.name)
				}
				v, err := parseNumber(c.args[i].val)
				if err != nil {
					return nil, fmt.Errorf("zmod-%s: p0=%q: %v", c.name, c.args[i].val, err)
				}
				p0, found = v, true
				c.args = append(c.args[:i:i], c.args[i+1:]...)
				c.raw = append(c.raw[:i:i], c.raw[i+1:]...)
				i--
			}
		}
		if !found {
			return nil, fmt.Errorf("zmod-%s: missing p0 (the probability of no claim)", c.name)
		}
	}
	base, err := parseBaseDiscrete(c)
	if err != nil {
		return nil, err
	}
	var d interface {
		Discrete
		Validate() error
	}
	switch {
	case trunc:
		d = ZeroTruncated{Base: base}
	case mod:
		d = ZeroModified{Base: base, P0: p0}
	default:
		return base, nil
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

func parseBaseDiscrete(c specCall) (Discrete, error) {
	var d interface {
		Discrete
		Validate() error
	}
	switch c.name {
	case "pois", "poisson":
		const fam, exp = "pois", "lambda"
		m, err := c.keyed(fam, exp, "lambda")
		if err != nil {
			return nil, err
		}
		l, err := need(m, fam, "lambda", exp)
		if err != nil {
			return nil, err
		}
		d = Poisson{Lambda: l}
	case "nbinom", "negbin", "negbinomial":
		const fam, exp = "nbinom", "size and prob or mu"
		m, err := c.keyed(fam, exp, "size", "prob", "mu")
		if err != nil {
			return nil, err
		}
		size, err := need(m, fam, "size", exp)
		if err != nil {
			return nil, err
		}
		v, key, err := oneOf(m, fam, "prob", "mu", exp)
		if err != nil {
			return nil, err
		}
		if key == "mu" {
			if !(v >= 0) {
				return nil, fmt.Errorf("nbinom: mu must be non-negative, got %v", v)
			}
			if err := checkPos("nbinom", "size", size); err != nil {
				return nil, err
			}
			d = NegBinomialMu(size, v)
		} else {
			d = NegBinomial{Size: size, P: v}
		}
	case "binom", "binomial":
		const fam, exp = "binom", "size and prob"
		m, err := c.keyed(fam, exp, "size", "prob")
		if err != nil {
			return nil, err
		}
		size, err := need(m, fam, "size", exp)
		if err != nil {
			return nil, err
		}
		if size != math.Trunc(size) || size < 0 || size > 1<<40 {
			return nil, fmt.Errorf("binom: size must be a non-negative whole number, got %v", size)
		}
		p, err := need(m, fam, "prob", exp)
		if err != nil {
			return nil, err
		}
		d = Binomial{Size: int(size), P: p}
	default:
		switch c.name {
		case "exp", "exponential", "gamma", "lnorm", "lognormal", "weibull", "pareto", "lomax",
			"llogis", "loglogistic", "burr", "discrete", "empirical":
			return nil, fmt.Errorf("%q is a claim-amount (severity) distribution; expected a frequency: %s", c.name, FrequencyFamilies)
		}
		return nil, fmt.Errorf("unknown frequency distribution %q; expected one of %s", c.name, FrequencyFamilies)
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}
