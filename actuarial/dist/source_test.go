package dist

import (
	"math/rand/v2"
	"testing"
)

type foreign struct{ Continuous }

// TestWithSourceReproducible checks equal seeds give equal draws for every
// type, and that foreign types are reported.
func TestWithSourceReproducible(t *testing.T) {
	for _, d := range testContinuous() {
		a, ok1 := WithSource(d, rand.NewPCG(3, 4))
		b, ok2 := WithSource(d, rand.NewPCG(3, 4))
		if !ok1 || !ok2 {
			t.Fatalf("%s: WithSource not ok", name(d))
		}
		for i := 0; i < 5; i++ {
			if x, y := a.Rand(), b.Rand(); x != y {
				t.Errorf("%s: draws %v and %v differ under one seed", name(d), x, y)
			}
		}
	}
	for _, d := range testDiscrete() {
		a, _ := DiscreteWithSource(d, rand.NewPCG(3, 4))
		b, _ := DiscreteWithSource(d, rand.NewPCG(3, 4))
		for i := 0; i < 5; i++ {
			if x, y := a.Rand(), b.Rand(); x != y {
				t.Errorf("%s: draws %v and %v differ under one seed", name(d), x, y)
			}
		}
	}
	if _, ok := WithSource(foreign{}, rand.NewPCG(1, 1)); ok {
		t.Error("WithSource of a foreign type reported ok")
	}
}
