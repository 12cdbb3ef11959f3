package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// fit's credibility sections: the blend per benefit with its prior, the
// Bühlmann–Straub parameters (k null and no group rows when a = 0), each
// group's rate and Z, and the outliers with their rows; the CSV carries the
// blend's columns on the benefit's row.
func TestFitCredibility(t *testing.T) {
	p := &model.Plan{Terms: &plans.Terms{Plan: "hospital", Kind: "hospital"}, Source: "claims",
		Benefits: []*model.Benefit{{Benefit: plans.Medical, Freq: model.Frequency{Family: "pois", Mu: 0.05, RecordedMu: 0.03, Thinning: 0.6, Size: math.Inf(1)}}},
		Experience: &model.Experience{
			Credibility: []model.Credibility{
				{Benefit: plans.Medical, Events: 100, Exposure: 2000, Own: 0.05, Prior: "reference", PriorRate: 0.04, PriorExposure: 500, Source: "省总工会 2024", Z: 0.8, Rate: 0.048,
					Groups: &model.GroupCredibility{Within: 0.02, Between: 1e-4, K: 200, Collective: 0.049, Groups: []model.GroupRate{
						{Group: "东区", Exposure: 1200, Events: 70, Rate: 0.0583, Z: 1200.0 / 1400, Estimated: 0.0570},
						{Group: "西区", Exposure: 800, Events: 30, Rate: 0.0375, Z: 0.8, Estimated: 0.0398}}}},
				{Benefit: plans.Day, Exposure: 2000, Prior: "jeffreys", PriorRate: 0.00025, Z: 1, Rate: 0.00025,
					Groups: &model.GroupCredibility{Within: 0.001, K: math.Inf(1), Collective: 0.0002, Groups: []model.GroupRate{{Group: "东区"}, {Group: "西区"}}}},
			},
			Outliers: []model.Outlier{{Row: 17, ClaimID: "C9", Benefit: plans.Medical, Paid: 90000, Cost: 150000, Code: "over_cap", Limit: 80000}},
		}}
	f := NewFits("book.xlsx", []*model.Plan{p}, []model.AE{{}})
	var zh, en, c bytes.Buffer
	if err := f.Table(&zh, i18n.Zh); err != nil {
		t.Fatal(err)
	}
	if err := f.Table(&en, i18n.En); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"参考表", "Jeffreys 先验", "0.800", "4.800%", "200", "东区", "0.857", "5.700%", "给付明细第 17 行", "超过限额"} {
		if !strings.Contains(zh.String(), want) {
			t.Errorf("Chinese table lacks %q:\n%s", want, zh.String())
		}
	}
	for _, want := range []string{"Reference row", "Jeffreys' prior", "Claims row 17", "beyond the cap", "credibility rate"} {
		if !strings.Contains(en.String(), want) {
			t.Errorf("English table lacks %q:\n%s", want, en.String())
		}
	}
	// Group rows only for medical (a > 0): 东区 once, not for day (a = 0).
	if n := strings.Count(en.String(), "东区"); n != 1 {
		t.Errorf("东区 %d times in the group rows, want 1 (day has a = 0):\n%s", n, en.String())
	}
	if err := f.CSV(&c, i18n.En); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&c).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("CSV %v %v", rows, err)
	}
	got := map[string]string{}
	for i, k := range rows[0] {
		got[k] = rows[1][i]
	}
	if got["own_rate"] != "0.05" || got["prior"] != "reference" || got["prior_rate"] != "0.04" || got["z"] != "0.8" || got["blended_rate"] != "0.048" {
		t.Errorf("CSV credibility columns %v", got)
	}
	js, _ := json.Marshal(f.JSON())
	for _, want := range []string{`"prior":"jeffreys"`, `"k":null`, `"k":200`, `"prior_source":"省总工会 2024"`, `"code":"over_cap"`, `"limit":"80000.00"`, `"row":17`} {
		if !strings.Contains(string(js), want) {
			t.Errorf("JSON lacks %s: %s", want, js)
		}
	}
}
