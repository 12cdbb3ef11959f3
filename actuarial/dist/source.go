package dist

import "math/rand/v2"

// WithSource returns a copy of d that draws from src, and false when d is not
// one of this package's types (then d is returned unchanged). An Empirical
// copy shares its (read-only) support with d.
func WithSource(d Continuous, src rand.Source) (Continuous, bool) {
	switch v := d.(type) {
	case Exponential:
		v.Src = src
		return v, true
	case Gamma:
		v.Src = src
		return v, true
	case LogNormal:
		v.Src = src
		return v, true
	case Weibull:
		v.Src = src
		return v, true
	case Lomax:
		v.Src = src
		return v, true
	case LogLogistic:
		v.Src = src
		return v, true
	case Burr:
		v.Src = src
		return v, true
	case *Empirical:
		if v == nil {
			return d, false
		}
		c := *v
		c.Src = src
		return &c, true
	}
	return d, false
}

// DiscreteWithSource returns a copy of d that draws from src, and false when
// d is not one of this package's types (then d is returned unchanged). For
// ZeroTruncated and ZeroModified the base draws from src too.
func DiscreteWithSource(d Discrete, src rand.Source) (Discrete, bool) {
	switch v := d.(type) {
	case Poisson:
		v.Src = src
		return v, true
	case NegBinomial:
		v.Src = src
		return v, true
	case Binomial:
		v.Src = src
		return v, true
	case ZeroTruncated:
		v.Src = src
		if b, ok := DiscreteWithSource(v.Base, src); ok {
			v.Base = b
		}
		return v, true
	case ZeroModified:
		v.Src = src
		if b, ok := DiscreteWithSource(v.Base, src); ok {
			v.Base = b
		}
		return v, true
	}
	return d, false
}
