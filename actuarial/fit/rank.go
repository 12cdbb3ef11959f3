package fit

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Info summarises a fit for ranking and reports.
type Info struct {
	Family           string
	LogLik, AIC, BIC float64
	K                int
	Converged        bool
	Message          string
}

// Info returns the summary of r (a nil r is a failed fit).
func (r *Result) Info() Info {
	if r == nil {
		return Info{Message: "no result"}
	}
	return Info{r.Family, r.LogLik, r.AIC, r.BIC, r.K, r.Converged, r.Message}
}

// Info returns the summary of r (a nil r is a failed fit).
func (r *CountResult) Info() Info {
	if r == nil {
		return Info{Message: "no result"}
	}
	return Info{r.Family, r.LogLik, r.AIC, r.BIC, r.K, r.Converged, r.Message}
}

// Fitted is a severity or count fit (*Result or *CountResult).
type Fitted interface{ Info() Info }

// Rank returns the converged fits with a finite AIC, ordered by increasing
// AIC (ties keep their input order); failed fits are left out.
func Rank[T Fitted](fits []T) []T {
	var out []T
	for _, f := range fits {
		if in := f.Info(); in.Converged && !math.IsNaN(in.AIC) && !math.IsInf(in.AIC, 0) {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b T) int {
		x, y := a.Info().AIC, b.Info().AIC
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
	return out
}

// Choose returns the fit with the lowest AIC among the converged ones, and
// the reason, e.g. "lowest AIC (139.13); next weibull at +0.61; left out
// (not converged): burr". When none converged it returns the zero T and
// says why.
func Choose[T Fitted](fits []T) (T, string) {
	ranked := Rank(fits)
	var failed []string
	for _, f := range fits {
		if in := f.Info(); !in.Converged || math.IsNaN(in.AIC) || math.IsInf(in.AIC, 0) {
			name := in.Family
			if name == "" {
				name = "?"
			}
			failed = append(failed, name)
		}
	}
	if len(ranked) == 0 {
		var zero T
		if len(fits) == 0 {
			return zero, "no fits to choose from"
		}
		return zero, "no fit converged: " + strings.Join(failed, ", ")
	}
	best := ranked[0].Info()
	reason := fmt.Sprintf("lowest AIC (%.2f)", best.AIC)
	if len(ranked) > 1 {
		next := ranked[1].Info()
		reason += fmt.Sprintf("; next %s at +%.2f", next.Family, next.AIC-best.AIC)
	} else {
		reason = fmt.Sprintf("only converged fit (AIC %.2f)", best.AIC)
	}
	if len(failed) > 0 {
		reason += "; left out (not converged): " + strings.Join(failed, ", ")
	}
	return ranked[0], reason
}
