package workbook_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/xuri/excelize/v2"
)

// A bit flipped anywhere in the claims sheet's compressed data is a damaged
// part (CRC-32 detects every single-bit error), whatever the flipped data
// decompresses to: also when it parses into a bad cell before the checksum
// is reached. 24 offsets spread over the part.
func TestBitFlipsAreDamage(t *testing.T) {
	b, _, err := example.Generate(example.Config{Members: 3000, Years: 2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.xlsx")
	if err := workbook.Save(base, b, false); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(base)
	if err != nil {
		t.Fatal(err)
	}
	part := ""
	for i, s := range f.GetSheetList() {
		if s == "给付明细" {
			part = fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)
		}
	}
	f.Close()
	var off, size int64
	for _, zf := range zr.File {
		if zf.Name == part {
			if off, err = zf.DataOffset(); err != nil {
				t.Fatal(err)
			}
			size = int64(zf.CompressedSize64)
		}
	}
	if size < 1000 {
		t.Fatalf("claims part of %d bytes", size)
	}
	for k := int64(1); k <= 24; k++ {
		out := append([]byte(nil), data...)
		out[off+k*size/25] ^= 0x04
		p := filepath.Join(dir, "flip.xlsx")
		if err := os.WriteFile(p, out, 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := workbook.Read(p)
		if err == nil || !workbook.IsFileError(err) || !strings.Contains(err.Error(), "damaged") {
			t.Errorf("bit flipped at %d/25 of the claims part: %v, want a damaged part", k, err)
		}
	}
}
