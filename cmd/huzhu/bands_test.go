package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/shopspring/decimal"
)

// validate accepts a banded book and rejects one whose banded plan also has
// admission ratios: exit 2, the error at the Plans sheet's ratio_1 cell.
func TestValidateBandsWithRatios(t *testing.T) {
	b, _, err := example.Generate(example.Config{Members: 5000, Years: 2, Seed: 2, Banded: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.xlsx"), filepath.Join(dir, "bad.xlsx")
	if err := workbook.Save(good, b, false); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "validate", good, "--lang", "en"); code != ExitOK || !strings.Contains(out, "0 error(s)") {
		t.Fatalf("validate the banded book: exit %d\n%s%s", code, out, errOut)
	}
	for i := range b.Plans {
		if b.Plans[i].Plan == "hospital" {
			b.Plans[i].Ratios[0] = decimal.NewNullDecimal(decimal.RequireFromString("0.7"))
		}
	}
	if err := workbook.Save(bad, b, false); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "validate", bad, "--lang", "en")
	if code != ExitInput || !strings.Contains(out+errOut, "pays by cost bands, not by admission number: ratio_1 must be empty") {
		t.Fatalf("validate a banded plan with ratio_1: exit %d, want %d\n%s%s", code, ExitInput, out, errOut)
	}
}
