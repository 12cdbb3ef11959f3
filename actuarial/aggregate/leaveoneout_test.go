package aggregate

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLeaveOneOutIsConvolve: each leave-one-out sum is Convolve of the
// other terms to the bit (the exact value its sharing must keep), on term
// sets that take either of Convolve's orders (all at once: terms of equal
// length; Huffman: one long term and short ones), with off-lattice masses,
// continuous terms and a term off the step.
func TestLeaveOneOutIsConvolve(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	term := func(n int, origin float64) *Lattice {
		p := make([]float64, n)
		s := 0.0
		for k := range p {
			p[k] = rng.Float64() * math.Exp(-3*float64(k)/float64(n))
			s += p[k]
		}
		for k := range p {
			p[k] /= s * (1 + 1e-9)
		}
		return &Lattice{Origin: origin, Step: 1, PMF: p, Above: 1e-9 / (1 + 1e-9)}
	}
	sets := map[string][]*Lattice{
		"equal":   {term(3000, 0), term(2900, 5), term(3100, 0), term(3000, 2), term(2800, 0)},
		"huffman": {term(20000, 0), term(30, 0), term(40, 3), term(25, 0), term(60, 0), term(35, 0), term(50, 0)},
		"two":     {term(500, 0), term(700, 1)},
		"one":     {term(100, 0)},
	}
	sets["equal"][1].Continuous = true
	sets["equal"][2].Below = 1e-12
	sets["huffman"][2].Continuous = true
	off := term(1000, 0)
	off.Step = 0.7
	sets["mixed"] = []*Lattice{off, term(800, 0), term(5000, 0), term(900, 4)}
	// One Convolver across calls that share terms (as the fund's trend
	// nodes share the untrended plans): the same numbers again.
	shared := NewConvolver(1)
	tr, tiny := NewTransforms(1<<30), NewTransforms(1000)
	eq := sets["equal"]
	sets["equal, one term changed"] = []*Lattice{eq[0], eq[1], term(3050, 0), eq[3], eq[4]}
	sets["equal, one term shorter"] = []*Lattice{eq[0], term(1000, 0), eq[2], eq[3], eq[4]}
	names := []string{"equal", "equal, one term changed", "equal, one term shorter", "huffman", "two", "one", "mixed"}
	for _, name := range names {
		ls := sets[name]
		lo := LeaveOneOut
		switch name {
		case "equal", "equal, one term changed":
			// New Convolvers that share transforms (as the batch's funds do).
			lo = func(_ float64, ls ...*Lattice) ([]*Lattice, error) { return NewConvolverWith(1, tr).LeaveOneOut(ls...) }
		case "huffman":
			// A cache too small to keep anything.
			lo = func(_ float64, ls ...*Lattice) ([]*Lattice, error) {
				return NewConvolverWith(1, tiny).LeaveOneOut(ls...)
			}
		case "mixed":
		default:
			lo = func(_ float64, ls ...*Lattice) ([]*Lattice, error) { return shared.LeaveOneOut(ls...) }
		}
		got, err := lo(1, ls...)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(ls) {
			t.Fatalf("%s: %d sums for %d terms", name, len(got), len(ls))
		}
		for i := range ls {
			var others []*Lattice
			for j := range ls {
				if j != i {
					others = append(others, ls[j])
				}
			}
			want := &Lattice{Step: 1, PMF: []float64{1}}
			if len(others) > 0 {
				if want, err = Convolve(1, others...); err != nil {
					t.Fatal(err)
				}
			}
			g := got[i]
			if g.Origin != want.Origin || g.Step != want.Step || g.Below != want.Below || g.Above != want.Above ||
				g.Continuous != want.Continuous || g.ExcessVariance != want.ExcessVariance || len(g.PMF) != len(want.PMF) {
				t.Fatalf("%s, without %d: got origin %v step %v below %v above %v cont %v ev %v len %d, want %v %v %v %v %v %v %d",
					name, i, g.Origin, g.Step, g.Below, g.Above, g.Continuous, g.ExcessVariance, len(g.PMF),
					want.Origin, want.Step, want.Below, want.Above, want.Continuous, want.ExcessVariance, len(want.PMF))
			}
			for k := range g.PMF {
				if math.Float64bits(g.PMF[k]) != math.Float64bits(want.PMF[k]) {
					t.Fatalf("%s, without %d: PMF[%d] = %v, Convolve's %v", name, i, k, g.PMF[k], want.PMF[k])
				}
			}
		}
	}
}

// TestLeaveOneOutOrders: the "huffman" set above does take the pairwise
// order and the "equal" set the all-at-once one (else the test would not
// cover both).
func TestLeaveOneOutOrders(t *testing.T) {
	mk := func(ns ...int) []*Lattice {
		var ls []*Lattice
		for _, n := range ns {
			ls = append(ls, &Lattice{Step: 1, PMF: make([]float64, n)})
		}
		return ls
	}
	if !huffmanCheaper(mk(20000, 30, 40, 25, 60, 35)) {
		t.Error("one long term and short ones: not the Huffman order")
	}
	if huffmanCheaper(mk(3000, 2900, 3100, 3000)) {
		t.Error("terms of equal length: the Huffman order")
	}
}

// LeaveOneOutShared against Convolve of the other terms: the same lattice
// (origin, length up to the rounding noise trimmed at its ends, masses off
// the lattice), each point within 1e-15 of the sum's largest mass (the
// rounding of another transform length), on the term sets of
// TestLeaveOneOutIsConvolve, with a Convolver shared across the sets and
// new ones sharing transforms.
func TestLeaveOneOutSharedIsConvolve(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	term := func(n int, origin float64) *Lattice {
		p := make([]float64, n)
		s := 0.0
		for k := range p {
			p[k] = rng.Float64() * math.Exp(-3*float64(k)/float64(n))
			s += p[k]
		}
		for k := range p {
			p[k] /= s * (1 + 1e-9)
		}
		return &Lattice{Origin: origin, Step: 1, PMF: p, Above: 1e-9 / (1 + 1e-9)}
	}
	eq := []*Lattice{term(3000, 0), term(2900, 5), term(3100, 0), term(3000, 2), term(2800, 0)}
	eq[1].Continuous = true
	eq[2].Below = 1e-12
	off := term(1000, 0)
	off.Step = 0.7
	sets := [][]*Lattice{
		eq,
		{eq[0], eq[1], term(3050, 0), eq[3], eq[4]},
		{term(20000, 0), term(30, 0), term(40, 3), term(25, 0), term(60, 0), term(35, 0), term(50, 0)},
		{term(500, 0), term(700, 1), term(300, 0)},
		{term(500, 0), term(700, 1)},
		{off, term(800, 0), term(5000, 0), term(900, 4)},
	}
	shared := NewConvolver(1)
	tr := NewTransforms(1 << 30)
	for si, ls := range sets {
		cv := shared
		if si%2 == 1 {
			cv = NewConvolverWith(1, tr)
		}
		got, err := cv.LeaveOneOutShared(ls...)
		if err != nil {
			t.Fatal(err)
		}
		for i := range ls {
			var others []*Lattice
			for j := range ls {
				if j != i {
					others = append(others, ls[j])
				}
			}
			want, err := Convolve(1, others...)
			if err != nil {
				t.Fatal(err)
			}
			g := got[i]
			top := 0.0
			for _, v := range want.PMF {
				top = math.Max(top, v)
			}
			lo := math.Min(g.Origin, want.Origin)
			hi := math.Max(g.Origin+float64(len(g.PMF)), want.Origin+float64(len(want.PMF)))
			at := func(l *Lattice, x float64) float64 {
				k := int(math.Round(x - l.Origin))
				if k < 0 || k >= len(l.PMF) {
					return 0
				}
				return l.PMF[k]
			}
			for x := lo; x < hi; x++ {
				if d := math.Abs(at(g, x) - at(want, x)); d > 1e-15*top {
					t.Fatalf("set %d, sum %d: at %v %.17g, Convolve %.17g", si, i, x, at(g, x), at(want, x))
				}
			}
			if math.Abs(g.Below-want.Below) > 1e-15 || math.Abs(g.Above-want.Above) > 1e-15 ||
				g.Continuous != want.Continuous || g.ExcessVariance != want.ExcessVariance {
				t.Errorf("set %d, sum %d: below %v above %v continuous %v excess %v, Convolve %v %v %v %v", si, i,
					g.Below, g.Above, g.Continuous, g.ExcessVariance, want.Below, want.Above, want.Continuous, want.ExcessVariance)
			}
		}
	}
}

// Convolver.Convolve is Convolve to the bit (the exact value its kept
// transforms must give) on term sets of either order, called again on a
// Convolver that has the terms' transforms and on a new one that finds them
// in the shared Transforms; and a fund's convolution and its leave-one-out
// sums share the terms' transforms (LeaveOneOutShared after Convolve
// transforms nothing more).
func TestConvolverConvolveIsConvolve(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	term := func(n int, origin float64) *Lattice {
		p := make([]float64, n)
		s := 0.0
		for k := range p {
			p[k] = rng.Float64() * math.Exp(-3*float64(k)/float64(n))
			s += p[k]
		}
		for k := range p {
			p[k] /= s * (1 + 1e-9)
		}
		return &Lattice{Origin: origin, Step: 1, PMF: p, Above: 1e-9 / (1 + 1e-9)}
	}
	eq := []*Lattice{term(3000, 0), term(2900, 5), term(3100, 0), term(3000, 2), term(2800, 0)}
	eq[1].Continuous = true
	eq[2].Below = 1e-12
	off := term(1000, 0)
	off.Step = 0.7
	sets := [][]*Lattice{
		eq,
		{eq[0], eq[1], term(3050, 0), eq[3], eq[4]},
		{term(20000, 0), term(30, 0), term(40, 3), term(25, 0), term(60, 0), term(35, 0), term(50, 0)},
		{term(500, 0), term(700, 1)},
		{term(100, 0)},
		{off, term(800, 0), term(5000, 0), term(900, 4)},
	}
	tr := NewTransforms(1 << 30)
	shared := NewConvolverWith(1, tr)
	for si, ls := range sets {
		want, err := Convolve(1, ls...)
		if err != nil {
			t.Fatal(err)
		}
		for pass, cv := range []*Convolver{shared, shared, NewConvolverWith(1, tr)} {
			g, err := cv.Convolve(ls...)
			if err != nil {
				t.Fatal(err)
			}
			if g.Origin != want.Origin || g.Step != want.Step || g.Below != want.Below || g.Above != want.Above ||
				g.Continuous != want.Continuous || g.ExcessVariance != want.ExcessVariance || len(g.PMF) != len(want.PMF) {
				t.Fatalf("set %d, pass %d: got origin %v step %v below %v above %v cont %v ev %v len %d, want %v %v %v %v %v %v %d",
					si, pass, g.Origin, g.Step, g.Below, g.Above, g.Continuous, g.ExcessVariance, len(g.PMF),
					want.Origin, want.Step, want.Below, want.Above, want.Continuous, want.ExcessVariance, len(want.PMF))
			}
			for k := range g.PMF {
				if math.Float64bits(g.PMF[k]) != math.Float64bits(want.PMF[k]) {
					t.Fatalf("set %d, pass %d: PMF[%d] = %v, Convolve's %v", si, pass, k, g.PMF[k], want.PMF[k])
				}
			}
		}
	}
	// The all-at-once set: its leave-one-out sums find every transform kept.
	cv := NewConvolver(1)
	if _, err := cv.Convolve(eq...); err != nil {
		t.Fatal(err)
	}
	kept := len(cv.coef)
	if kept != len(eq) {
		t.Fatalf("%d transforms kept for %d terms", kept, len(eq))
	}
	if _, err := cv.LeaveOneOutShared(eq...); err != nil {
		t.Fatal(err)
	}
	if len(cv.coef) != kept {
		t.Errorf("LeaveOneOutShared transformed %d terms again", len(cv.coef)-kept)
	}
}
