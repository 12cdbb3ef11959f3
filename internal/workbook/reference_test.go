package workbook_test

import (
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/i18n"
)

// A Reference sheet and a plan's reporting_lag_months are written and read
// back as they were, and validate clean.
func TestReferenceRoundTrip(t *testing.T) {
	b, tr, err := example.Generate(example.Config{Members: 3000, Years: 2, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	b.References, err = example.References(&b.Book, tr, 5, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	b.Plans[1].ReportingLagMonths = 4
	got, probs := roundTrip(t, b)
	for _, p := range probs {
		t.Errorf("problem: %s", p.Message(i18n.En))
	}
	if len(got.References) != len(b.References) || got.Plans[1].ReportingLagMonths != 4 || got.Plans[0].ReportingLagMonths != 0 {
		t.Fatalf("read %d Reference rows (wrote %d), lags %d %d", len(got.References), len(b.References), got.Plans[0].ReportingLagMonths, got.Plans[1].ReportingLagMonths)
	}
	for i, r := range got.References {
		w := b.References[i]
		if r.Kind != w.Kind || r.Benefit != w.Benefit || r.Incidence != w.Incidence || r.Exposure != w.Exposure || r.Source != w.Source ||
			(w.MeanPaid > 0 && r.MeanPaid != w.MeanPaid) || r.Row != i+2 {
			t.Errorf("row %d: read %+v, wrote %+v", i, r, w)
		}
	}
}
