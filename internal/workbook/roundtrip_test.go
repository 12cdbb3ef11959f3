package workbook_test

import (
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
)

// A book saved again by LibreOffice Calc (testdata/roundtrip-libreoffice.xlsx,
// made by scripts/libreoffice-roundtrip.sh from roundtrip-huzhu.xlsx) reads
// to the same numbers as the book huzhu wrote, without problems.
func TestLibreOfficeRoundTrip(t *testing.T) {
	var books []string
	for _, p := range []string{"testdata/roundtrip-huzhu.xlsx", "testdata/roundtrip-libreoffice.xlsx"} {
		b, probs, err := workbook.Read(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range probs {
			t.Errorf("%s: %s %s", p, pr.Level, pr.Message(i18n.En))
		}
		if len(b.Claims) < 100 || len(b.Enrolment) < 50 {
			t.Fatalf("%s: %d claims, %d enrolment rows", p, len(b.Claims), len(b.Enrolment))
		}
		books = append(books, comparable(t, b))
	}
	if books[0] != books[1] {
		t.Fatal("the book saved by LibreOffice reads to other numbers")
	}
}

// The openpyxl book with formulas and no values, saved again by LibreOffice
// (which calculates them), reads clean with the calculated values: the
// README's advice works.
func TestOpenpyxlFormulasAfterLibreOffice(t *testing.T) {
	b, probs, err := workbook.Read("testdata/openpyxl-formulas-libreoffice.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Errorf("%s %s", p.Level, p.Message(i18n.En))
	}
	// F3 = (E3-800)*0.7 = (2000-800)*0.7; E3 = D3 = 500; B2 = 100000*2.
	if len(b.Claims) != 2 || b.Claims[1].Paid != 840 || len(b.Enrolment) != 2 || b.Enrolment[1].Shares != 500 ||
		b.Fund.OpeningReserve.String() != "200000" {
		t.Fatalf("claims %+v\nenrolment %+v\nreserve %s", b.Claims, b.Enrolment, b.Fund.OpeningReserve)
	}
}
