package action

import (
	"bytes"
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/internal/i18n"
)

// The board report is reproducible to the byte: two runs of the same book
// and seed with the same record give the same file (the document's
// creation time is the record's run time, TestPrintSetup in calreport).
func TestReportReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("calibrates the example book twice")
	}
	at := time.Date(2026, 11, 29, 6, 30, 0, 0, time.UTC)
	write := func() []byte {
		o := CalibrateOptions{File: "../../examples/example.xlsx", Paths: 500, Seed: DefaultSeed, Report: true}
		c, err := Calibrate(o)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Stats) == 0 || len(c.AE) == 0 || len(c.Assumptions) == 0 {
			t.Fatalf("the report's input is missing: %d stats, %d AE, %d assumptions", len(c.Stats), len(c.AE), len(c.Assumptions))
		}
		if c.Record, err = CalibrateRecord(o, c, []string{"calibrate", o.File, "-o", "r.xlsx"}, at); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := c.Excel(&b, i18n.Zh); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := write(), write()
	if !bytes.Equal(a, b) {
		t.Fatalf("two runs give different reports (%d and %d bytes)", len(a), len(b))
	}
}
