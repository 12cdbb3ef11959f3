package xlsxstream

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// archive builds a zip of the given parts (stored or deflated).
func archive(t *testing.T, method uint16, parts ...[2]string) *zip.Reader {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p[1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return zr
}

// flip changes one byte of a stored part's data in place.
func flip(t *testing.T, zr *zip.Reader, name string, data []byte) *zip.Reader {
	t.Helper()
	for _, zf := range zr.File {
		if zf.Name == name {
			off, _ := zf.DataOffset()
			out := append([]byte(nil), data...)
			out[off+int64(zf.CompressedSize64)-3] ^= 0x01
			z, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
			if err != nil {
				t.Fatal(err)
			}
			return z
		}
	}
	t.Fatalf("no %s", name)
	return nil
}

const sheet = `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><pageMargins/><!-- the end --></worksheet>`

// A part damaged after the rows that were read is still refused: Close
// reads it to the end, where the checksum is compared.
func TestRowsCloseChecksThePart(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "s.xml", Method: zip.Store})
	io.WriteString(w, sheet)
	zw.Close()
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	bad := flip(t, zr, "s.xml", buf.Bytes())
	for _, tc := range []struct {
		zr   *zip.Reader
		damn bool
	}{{zr, false}, {bad, true}} {
		rows, err := OpenRows(NewArchive(tc.zr), "s.xml", nil)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
		}
		if rows.Error() != nil {
			t.Fatal(rows.Error())
		}
		err = rows.Close()
		var ce *CorruptError
		if tc.damn != errors.As(err, &ce) || tc.damn && (ce.Part != "s.xml" || !errors.Is(err, zip.ErrChecksum)) {
			t.Errorf("damaged %v: Close = %v", tc.damn, err)
		}
	}
}

// VerifyRest checks the parts never opened.
func TestVerifyRest(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range []string{"a.xml", "styles.xml"} {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		io.WriteString(w, sheet)
	}
	zw.Close()
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err := NewArchive(zr).VerifyRest(); err != nil {
		t.Fatal(err)
	}
	err := NewArchive(flip(t, zr, "styles.xml", buf.Bytes())).VerifyRest()
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Part != "styles.xml" || !strings.Contains(err.Error(), "styles.xml") {
		t.Fatalf("got %v", err)
	}
}

// endless is an endless run of text.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.n += int64(len(p))
	return len(p), nil
}

// One shared string without end is refused after MaxText bytes, not read
// whole (a 1.5 GB string took 5.8 GB of memory).
func TestSharedStringBounded(t *testing.T) {
	e := &endless{}
	start := time.Now()
	_, err := ReadStrings(io.MultiReader(strings.NewReader(`<sst><si><t>`), e), 512<<20)
	if err == nil || !strings.Contains(err.Error(), "4 MB") {
		t.Fatalf("got %v", err)
	}
	if e.n > MaxText+1<<20 {
		t.Errorf("read %d bytes before refusing", e.n)
	}
	t.Logf("refused after %d bytes in %v", e.n, time.Since(start))
}

// The table as a whole is bounded too, and rich text runs are joined while
// phonetic runs are left out.
func TestSharedStrings(t *testing.T) {
	x := `<sst><si><t>计划</t></si><si><r><t>住院</t></r><r><t xml:space="preserve">医疗 </t></r><rPh><t>ぢ</t></rPh></si><si/><si><t>a&amp;b&#x4E00;</t></si></sst>`
	st, err := ReadStrings(strings.NewReader(x), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := range st.Len() {
		s, _ := st.Get(i)
		got = append(got, s)
	}
	if strings.Join(got, "|") != "计划|住院医疗 ||a&b一" {
		t.Errorf("got %q", got)
	}
	if _, ok := st.Get(4); ok {
		t.Error("index 4 found")
	}
	many := "<sst>" + strings.Repeat("<si><t>0123456789</t></si>", 200) + "</sst>"
	if _, err := ReadStrings(strings.NewReader(many), 1000); err == nil || !strings.Contains(err.Error(), "shared strings hold more than") {
		t.Errorf("2,000 bytes under a limit of 1,000: %v", err)
	}
}

// A Strict Open XML workbook: its relationship ids are in another
// namespace and are read all the same.
func TestStrictWorkbook(t *testing.T) {
	zr := archive(t, zip.Deflate,
		[2]string{"xl/workbook.xml", `<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"><sheets><sheet name="计划" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		[2]string{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		[2]string{"xl/worksheets/sheet1.xml", sheet})
	b, err := ReadBook(NewArchive(zr), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if !b.Strict || b.Parts["计划"] != "xl/worksheets/sheet1.xml" {
		t.Fatalf("%+v", b)
	}
}

// A formula's empty cached value (<v></v> or <v/>, as openpyxl writes) is
// no value; an empty text result (t="str") is a value.
func TestEmptyCachedValue(t *testing.T) {
	x := `<worksheet><sheetData><row r="1"><c r="A1"><f>1+1</f><v></v></c><c r="B1"><f>1+1</f><v/></c><c r="C1" t="str"><f>""</f><v></v></c><c r="D1"><f>1+1</f><v>2</v></c><c r="E1"><f>1+1</f></c></row></sheetData></worksheet>`
	zr := archive(t, zip.Deflate, [2]string{"s.xml", x})
	rows, err := OpenRows(NewArchive(zr), "s.xml", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatal(rows.Error())
	}
	if nv := rows.NoValue(); len(nv) != 3 || nv[0] != 0 || nv[1] != 1 || nv[2] != 4 {
		t.Errorf("no value in %v, want [0 1 4]", nv)
	}
	if c := rows.Columns(); c[3] != "2" {
		t.Errorf("columns %q", c)
	}
}
