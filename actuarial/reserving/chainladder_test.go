package reserving

import (
	"errors"
	"math"
	"testing"
)

// raa is the RAA triangle (Mack 1993; R ChainLadder's RAA data set), the
// cumulative incurred amounts of origin years 1981–1990.
var raa = [][]float64{
	{5012, 8269, 10907, 11805, 13539, 16181, 18009, 18608, 18662, 18834},
	{106, 4285, 5396, 10666, 13782, 15599, 15496, 16169, 16704},
	{3410, 8992, 13873, 16141, 18735, 22214, 22863, 23466},
	{5655, 11555, 15766, 21266, 23425, 26083, 27067},
	{1092, 9565, 15836, 22169, 25955, 26180},
	{1513, 6445, 11702, 12935, 15852},
	{557, 4020, 10946, 12314},
	{1351, 6947, 13112},
	{3133, 5395},
	{2063},
}

func rel(a, b float64) float64 {
	if b == 0 {
		return math.Abs(a)
	}
	return math.Abs(a/b - 1)
}

// The chain ladder and Mack's standard errors on RAA, against the values of
// testdata/raa.R (base R, Mack's formulas written out) to 1e-9 relative; they
// round to the published MackChainLadder(RAA) output of R's ChainLadder
// package: ultimate 213,122, IBNR 52,135, Mack S.E. 26,909, and per origin
// ultimates 16,858 … 18,402 and S.E. 206 … 24,566.
func TestMackRAA(t *testing.T) {
	c, err := Mack(raa, 1)
	if err != nil {
		t.Fatal(err)
	}
	wantF := []float64{2.99935865133538, 1.62352275375345, 1.27088811503565, 1.17167463308837, 1.11338488620646,
		1.04193463791101, 1.03326355378938, 1.01693648100756, 1.00921658986175}
	wantS2 := []float64{27883.4793940436, 1108.52628613301, 691.442784577114, 61.2299953904416, 119.439053990895,
		40.8198626850883, 1.34342546562448, 7.88320371458801, 1.34342546562448}
	wantU := []float64{18834, 16857.9539170507, 24083.3709238149, 28703.1421634209, 28926.7363434222,
		19501.1031839964, 17749.3025902952, 24019.1925095074, 16044.9841007022, 18402.4425290004}
	wantSE := []float64{0, 206.220059401112, 623.376672631965, 747.17522508149, 1469.45714958943,
		2001.85693093186, 2209.24209364208, 5357.86929769708, 6333.16586573636, 24566.2879109896}
	for j := range wantF {
		if rel(c.Factors[j], wantF[j]) > 1e-12 || rel(c.Sigma2[j], wantS2[j]) > 1e-9 {
			t.Errorf("period %d: f %.15g σ² %.15g, want %.15g %.15g", j, c.Factors[j], c.Sigma2[j], wantF[j], wantS2[j])
		}
	}
	for i := range wantU {
		if rel(c.Ultimate[i], wantU[i]) > 1e-12 || rel(c.SE[i], wantSE[i]) > 1e-9 {
			t.Errorf("origin %d: ultimate %.15g SE %.15g, want %.15g %.15g", i, c.Ultimate[i], c.SE[i], wantU[i], wantSE[i])
		}
	}
	l, u, ibnr := c.Totals()
	if l != 160987 || rel(u, 213122.22826121) > 1e-12 || rel(ibnr, 52135.2282612102) > 1e-9 || rel(c.TotalSE, 26909.0111556437) > 1e-9 {
		t.Errorf("totals latest %.15g ultimate %.15g IBNR %.15g SE %.15g", l, u, ibnr, c.TotalSE)
	}
	if got := c.Completion(9); rel(got, 2063/18402.4425290004) > 1e-12 {
		t.Errorf("completion of 1990 %v", got)
	}
}

// A tail factor scales every ultimate and standard error, and adds to IBNR
// even for the oldest origin.
func TestMackTail(t *testing.T) {
	c, err := Mack(raa, 1.05)
	if err != nil {
		t.Fatal(err)
	}
	if rel(c.Ultimate[0], 18834*1.05) > 1e-15 || rel(c.IBNR[0], 18834*0.05) > 1e-12 {
		t.Errorf("oldest origin: ultimate %v IBNR %v", c.Ultimate[0], c.IBNR[0])
	}
	if rel(c.TotalSE, 26909.0111556437*1.05) > 1e-9 {
		t.Errorf("total SE %v", c.TotalSE)
	}
}

func TestMackRefuses(t *testing.T) {
	for name, tri := range map[string][][]float64{
		"one origin":   {{1, 2}},
		"short first":  {{1}, {1}},
		"long row":     {{1, 2}, {1, 2, 3}},
		"negative":     {{1, 2}, {-1}},
		"not a number": {{1, math.NaN()}, {1}},
		"empty row":    {{1, 2}, {}},
	} {
		if _, err := Mack(tri, 1); !errors.Is(err, ErrTriangle) {
			t.Errorf("%s: err %v, want ErrTriangle", name, err)
		}
	}
	if _, err := Mack(raa, 0.9); !errors.Is(err, ErrTriangle) {
		t.Errorf("tail below 1 accepted")
	}
}
