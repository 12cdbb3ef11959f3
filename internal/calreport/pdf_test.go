package calreport

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

var pdfLine = regexp.MustCompile(`pages=(\d+) landscape=(yes|no) pdf=`)

// reportPDF converts an xlsx file with scripts/report-pdf.sh and returns its
// pages and whether they are landscape.
func reportPDF(t *testing.T, xlsx string) (int, bool) {
	t.Helper()
	out, err := exec.Command("bash", "../../scripts/report-pdf.sh", xlsx, filepath.Dir(xlsx)).CombinedOutput()
	if err != nil {
		t.Fatalf("report-pdf.sh %s: %v\n%s", xlsx, err, out)
	}
	m := pdfLine.FindSubmatch(out)
	if m == nil {
		t.Fatalf("report-pdf.sh said %q", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n, string(m[2]) == "yes"
}

// Printed by LibreOffice the report is landscape and its 摘要 one page (the
// 摘要 converted alone: the other sheets removed from a copy). Needs
// LibreOffice: skipped with -short or without soffice on PATH (CI).
func TestReportPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("converts the report with LibreOffice")
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("no soffice on PATH")
	}
	in := testInput(t)
	dir := t.TempDir()
	full := filepath.Join(dir, "report.xlsx")
	f, _ := build(t, in)
	if err := f.SaveAs(full); err != nil {
		t.Fatal(err)
	}
	pages, landscape := reportPDF(t, full)
	t.Logf("the report prints on %d pages", pages)
	if !landscape || pages < len(f.GetSheetList()) {
		t.Errorf("the report: %d pages, landscape %v", pages, landscape)
	}
	for _, s := range f.GetSheetList()[1:] {
		if err := f.DeleteSheet(s); err != nil {
			t.Fatal(err)
		}
	}
	sum := filepath.Join(dir, "summary.xlsx")
	if err := f.SaveAs(sum); err != nil {
		t.Fatal(err)
	}
	if pages, landscape := reportPDF(t, sum); pages != 1 || !landscape {
		t.Errorf("the 摘要 prints on %d pages (landscape %v), want one landscape page", pages, landscape)
	}
	if _, err := os.Stat(filepath.Join(dir, "summary.pdf")); err != nil {
		t.Error(err)
	}
}
