package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/actuarial/fit"
	"github.com/huzhu-fund/huzhu/plans"
)

// DerSimonian–Laird on the BCG vaccine trials (Colditz et al. 1994, the 13
// trials of metafor's dat.bcg): log relative risks and their variances from
// the 2×2 tables. Reference: metafor's rma(yi, vi, data = dat.bcg, method =
// "DL") prints τ² = 0.3088 and the estimate −0.7141 (four places: the
// tolerance 5e-5).
func TestDerSimonianLairdBCG(t *testing.T) {
	trials := [][4]float64{ // tpos, tneg, cpos, cneg
		{4, 119, 11, 128}, {6, 300, 29, 274}, {3, 228, 11, 209}, {62, 13536, 248, 12619},
		{33, 5036, 47, 5761}, {180, 1361, 372, 1079}, {8, 2537, 10, 619}, {505, 87886, 499, 87892},
		{29, 7470, 45, 7232}, {17, 1699, 65, 1600}, {186, 50448, 141, 27197}, {5, 2493, 3, 2338},
		{27, 16886, 29, 17825},
	}
	var x, se []float64
	for _, r := range trials {
		x = append(x, math.Log(r[0]/(r[0]+r[1])/(r[2]/(r[2]+r[3]))))
		se = append(se, math.Sqrt(1/r[0]-1/(r[0]+r[1])+1/r[2]-1/(r[2]+r[3])))
	}
	z, mean, tau2 := dersimonianLaird(x, se)
	if math.Abs(tau2-0.3088) > 5e-5 || math.Abs(mean-(-0.7141)) > 5e-5 {
		t.Errorf("τ² %.5f, mean %.5f; metafor: 0.3088, −0.7141", tau2, mean)
	}
	for i := range z {
		if want := tau2 / (tau2 + se[i]*se[i]); z[i] != want {
			t.Errorf("Z[%d] = %v, want %v", i, z[i], want)
		}
	}
	// Estimates that agree within chance: τ² = 0, every Z 0, the mean the
	// fixed-effect one; a missing estimate is left out.
	z, mean, tau2 = dersimonianLaird([]float64{1, 1.1, math.NaN()}, []float64{1, 1, 1})
	if tau2 != 0 || z[0] != 0 || z[1] != 0 || math.Abs(mean-1.05) > 1e-15 {
		t.Errorf("homogeneous: τ² %v, Z %v, mean %v", tau2, z, mean)
	}
	if _, mean, _ = dersimonianLaird([]float64{math.NaN()}, []float64{1}); !math.IsNaN(mean) {
		t.Errorf("no estimate: mean %v, want NaN", mean)
	}
}

// classCountData draws members' yearly counts of one benefit for classes
// with the given negative binomial laws (size, mean) and members a year,
// over three years: the Data's claims (each with its class), the classes'
// indices and their exposure, as estimateClasses hands estimateCounts.
func classCountData(seed uint64, laws [][2]float64, members []int) (*Data, map[string]int, []map[int]float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	d := &Data{Terms: &plans.Terms{Plan: "ci", Kind: plans.CriticalIllness}, LastYear: 2024}
	mc := map[string]int{}
	expo := make([]map[int]float64, len(laws))
	for c, law := range laws {
		expo[c] = map[int]float64{}
		mc[fmt.Sprint("class", c)] = c
		nb := dist.NegBinomial{Size: law[0], P: law[0] / (law[0] + law[1]), Src: rng}
		for y := 2022; y <= 2024; y++ {
			expo[c][y] = float64(members[c])
			for m := range members[c] {
				n := nb.Rand()
				if n == 0 {
					continue
				}
				id := fmt.Sprintf("c%d-%d", c, m)
				for range n {
					d.Claims = append(d.Claims, ClaimRec{Year: y, Member: id, Benefit: plans.Diagnosis, Class: fmt.Sprint("class", c)})
				}
			}
		}
	}
	return d, mc, expo
}

// estimateCounts on classes drawn from known negative binomials: two large
// classes with sizes 0.3 and 1.5 each get their own size within 3 standard
// errors (the fit's), with a credibility near 1; a thin class (400
// members a year) is pulled towards the others' mean, with a small Z.
func TestEstimateCountsKnownSizes(t *testing.T) {
	laws := [][2]float64{{0.3, 0.08}, {1.5, 0.2}, {0.3, 0.08}}
	d, mc, expo := classCountData(7, laws, []int{60000, 60000, 400})
	p := &Plan{Benefits: []*Benefit{{Benefit: plans.Diagnosis,
		Freq: Frequency{Family: "nbinom", Size: 0.5, Mu: 0.14, Fit: &fit.CountResult{}}}}}
	cs := make([]RateClass, len(laws))
	estimateCounts(d, p, cs, mc, expo)
	for i := range 2 {
		c := cs[i].Counts[0]
		if math.Abs(c.Size-laws[i][0]) > 3*c.SE*c.Size*c.Size || c.Z < 0.9 {
			t.Errorf("class %d: size %.4f (Z %.3f, se of α %.4f), drawn from %v", i, c.Size, c.Z, c.SE, laws[i][0])
		}
		t.Logf("class %d: size %.4f, α̂ %.4f ± %.4f, Z %.3f, claimants %.0f", i, c.Size, c.Raw, c.SE, c.Z, c.Claimants)
	}
	thin := cs[2].Counts[0]
	t.Logf("thin class: size %.4f, α̂ %.4f ± %.4f, Z %.3f, claimants %.0f", thin.Size, thin.Raw, thin.SE, thin.Z, thin.Claimants)
	if !(thin.Z < 0.9*cs[0].Counts[0].Z) {
		t.Errorf("thin class: Z %.3f, expected well below the large classes' %.3f", thin.Z, cs[0].Counts[0].Z)
	}
	// The blend lies between the class's own estimate and the others'.
	if lo, hi := math.Min(thin.Raw, cs[0].Counts[0].Dispersion), math.Max(thin.Raw, cs[1].Counts[0].Dispersion); thin.Dispersion < lo || thin.Dispersion > hi {
		t.Errorf("thin class: α %.4f outside [%.4f, %.4f]", thin.Dispersion, lo, hi)
	}
	// countDist hands the class's size to the member's law; class 0 (no
	// class) the plan's.
	b := p.Benefits[0]
	p.Classes = cs
	if got := p.countDist(b, 2, 1, 1).(dist.NegBinomial); got.Size != cs[1].Counts[0].Size {
		t.Errorf("class 2: size %v, want %v", got.Size, cs[1].Counts[0].Size)
	}
	if got := p.countDist(b, 0, 1, 1).(dist.NegBinomial); got.Size != 0.5 {
		t.Errorf("no class: size %v, want the plan's 0.5", got.Size)
	}
	// Classes drawn from one law: their estimates differ by chance only,
	// so each is shrunk towards the common one — the thin class the most.
	d1, mc1, expo1 := classCountData(8, [][2]float64{{0.3, 0.08}, {0.3, 0.08}, {0.3, 0.08}}, []int{60000, 60000, 400})
	same := make([]RateClass, 3)
	estimateCounts(d1, p, same, mc1, expo1)
	for i, c := range same {
		t.Logf("one law, class %d: size %.4f, α̂ %.4f ± %.4f, Z %.3f", i, c.Counts[0].Size, c.Counts[0].Raw, c.Counts[0].SE, c.Counts[0].Z)
	}
	if z := same[2].Counts[0].Z; !(z < 0.2) {
		t.Errorf("one law: the thin class's Z %.3f, expected below 0.2", z)
	}
	if a := same[2].Counts[0].Dispersion; math.Abs(a-1/0.3) > 0.3/0.3/0.3 {
		t.Errorf("one law: the thin class's α %.3f, expected near 1/0.3", a)
	}
	// A Poisson plan leaves its classes Poisson.
	cs2 := make([]RateClass, len(laws))
	p.Benefits[0].Freq = Frequency{Family: "pois", Size: math.Inf(1), Mu: 0.14, Fit: &fit.CountResult{}}
	estimateCounts(d, p, cs2, mc, expo)
	if len(cs2[0].Counts) != 0 {
		t.Errorf("Poisson plan: class counts %+v", cs2[0].Counts)
	}
}
