package credibility

import (
	"errors"
	"math"
	"testing"
)

// hachemeister is R actuar's hachemeister data set (Hachemeister 1975):
// average claim amounts of five US states over 12 quarters, weighted by the
// number of claims.
var hachemeisterRatios = [][]float64{
	{1738, 1642, 1794, 2051, 2079, 2234, 2032, 2035, 2115, 2262, 2267, 2517},
	{1364, 1408, 1597, 1444, 1342, 1675, 1470, 1448, 1464, 1831, 1612, 1471},
	{1759, 1685, 1479, 1763, 1674, 2103, 1502, 1622, 1828, 2155, 2233, 2059},
	{1223, 1146, 1010, 1257, 1426, 1532, 1953, 1123, 1343, 1243, 1762, 1306},
	{1456, 1499, 1609, 1741, 1482, 1572, 1606, 1735, 1607, 1573, 1613, 1690},
}

var hachemeisterWeights = [][]float64{
	{7861, 9251, 8706, 8575, 7917, 8263, 9456, 8003, 7365, 7832, 7849, 9077},
	{1622, 1742, 1523, 1515, 1622, 1602, 1964, 1515, 1527, 1748, 1654, 1861},
	{1147, 1357, 1329, 1204, 998, 1077, 1277, 1218, 896, 1003, 1108, 1121},
	{407, 396, 348, 341, 315, 328, 352, 331, 287, 384, 321, 342},
	{2902, 3172, 3046, 3068, 2693, 2910, 3275, 2697, 2663, 3017, 3242, 3425},
}

func rel(a, b float64) float64 { return math.Abs(a/b - 1) }

// The Bühlmann–Straub fit of the hachemeister data against R actuar 3.3's
// cm(~state, hachemeister, ratios = ratio.1:ratio.12, weights =
// weight.1:weight.12) (testdata/hachemeister.R), to 1e-9 relative (R prints
// 15 digits): collective 1683.71343704728, between-state variance
// 89638.7262327551, within-state variance 139120025.925285.
func TestBuhlmannStraubHachemeister(t *testing.T) {
	r, err := EstimateBuhlmannStraub(hachemeisterRatios, hachemeisterWeights)
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, got, want float64) {
		t.Helper()
		if rel(got, want) > 1e-9 {
			t.Errorf("%s = %.15g, want %.15g", what, got, want)
		}
	}
	check("collective", r.Collective, 1683.71343704728)
	check("between", r.Between, 89638.7262327551)
	check("within", r.Within, 139120025.925285)
	means := []float64{2060.92139184264, 1511.22412666499, 1805.84273753185, 1352.97591522158, 1599.82860703406}
	weights := []float64{100155, 19895, 13735, 4152, 36110}
	z := []float64{0.984740401933337, 0.927635217974918, 0.898475355206511, 0.727909209400669, 0.958791149399359}
	prem := []float64{2055.16535006492, 1523.70627801246, 1793.44360368128, 1442.96654901600, 1603.28540446174}
	for i := range means {
		check("mean", r.Means[i], means[i])
		check("weight", r.Weights[i], weights[i])
		check("Z", r.Z[i], z[i])
		check("premium", r.Premiums[i], prem[i])
	}
}

// Groups that differ less than their within-group noise explains get no
// credibility: every premium is the weighted mean.
func TestBuhlmannStraubNoBetweenVariance(t *testing.T) {
	x := [][]float64{{1, 3}, {3, 1}, {2, 2}}
	w := [][]float64{{1, 1}, {1, 1}, {1, 1}}
	r, err := EstimateBuhlmannStraub(x, w)
	if err != nil {
		t.Fatal(err)
	}
	if r.Between != 0 {
		t.Fatalf("between %v, want 0", r.Between)
	}
	for i, p := range r.Premiums {
		if r.Z[i] != 0 || p != 2 {
			t.Errorf("group %d: Z %v premium %v, want 0 and the mean 2", i, r.Z[i], p)
		}
	}
}

func TestBuhlmannStraubRefuses(t *testing.T) {
	for name, c := range map[string][2][][]float64{
		"one group":    {{{1, 2}}, {{1, 1}}},
		"no weight":    {{{1, 2}, {1, 2}}, {{1, 1}, {0, 0}}},
		"ragged":       {{{1, 2}, {1}}, {{1, 1}, {1, 1}}},
		"one period":   {{{1}, {2}}, {{1}, {1}}},
		"negative":     {{{1, 2}, {1, 2}}, {{1, -1}, {1, 1}}},
		"not a number": {{{1, math.NaN()}, {1, 2}}, {{1, 1}, {1, 1}}},
	} {
		if _, err := EstimateBuhlmannStraub(c[0], c[1]); !errors.Is(err, ErrData) {
			t.Errorf("%s: err %v, want ErrData", name, err)
		}
	}
}

// The Poisson–gamma posterior by hand: 3 events on 100 member-years with a
// prior of 0.05 on 200 gives gamma(13, 300): mean 13/300, Z = 100/300, and
// the mean equals Z·3/100 + (1 − Z)·0.05.
func TestBlendPoisson(t *testing.T) {
	p, err := BlendPoisson(3, 100, 0.05, 200)
	if err != nil {
		t.Fatal(err)
	}
	if p.Shape != 13 || p.Rate != 300 || rel(p.Z, 1.0/3) > 1e-15 {
		t.Fatalf("posterior %+v", p)
	}
	if rel(p.Mean(), 13.0/300) > 1e-15 || rel(p.Mean(), p.Z*0.03+(1-p.Z)*0.05) > 1e-14 || rel(p.SD(), math.Sqrt(13)/300) > 1e-15 {
		t.Errorf("mean %v sd %v", p.Mean(), p.SD())
	}
	if _, err := BlendPoisson(1, 0, 0.1, 1); !errors.Is(err, ErrData) {
		t.Errorf("zero exposure accepted")
	}
}

// With no events Jeffreys' prior gives a positive rate ½/e with its spread.
func TestJeffreysNoEvents(t *testing.T) {
	p, err := Jeffreys(0, 500)
	if err != nil {
		t.Fatal(err)
	}
	if p.Mean() != 0.001 || rel(p.SD(), math.Sqrt(0.5)/500) > 1e-15 {
		t.Errorf("mean %v sd %v", p.Mean(), p.SD())
	}
}
