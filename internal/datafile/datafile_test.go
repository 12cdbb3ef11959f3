package datafile

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestReadFormats(t *testing.T) {
	cases := []struct {
		name, file, data, column string
		counts                   bool
		want                     Table
	}{
		{"lines", "x.txt", "141\n16\n\n46\n", "", false, Table{Values: []float64{141, 16, 46}}},
		{"csv header pick", "x.csv", "id,cost\na,1\nb,\"1,234.5\"\n", "cost", false, Table{Values: []float64{1, 1234.5}}},
		{"csv by number", "x.csv", "1,10\n2,20\n", "2", false, Table{Values: []float64{10, 20}}},
		{"tsv bom", "x.tsv", "\xef\xbb\xbfcost\n5\n6\n", "", false, Table{Values: []float64{5, 6}}},
		{"stdin sniff csv", "-", "value,frequency\n0,7840\n1,1317\n", "", true, Table{Values: []float64{0, 1}, Freq: []float64{7840, 1317}}},
		{"counts one per line", "-", "0\n2\n1\n", "", true, Table{Values: []float64{0, 2, 1}}},
	}
	for _, c := range cases {
		got, err := Read(strings.NewReader(c.data), c.file, Options{Column: c.column}, c.counts)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !reflect.DeepEqual(*got, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.name, *got, c.want)
		}
	}
}

func TestReadReportsAllBadLines(t *testing.T) {
	_, err := Read(strings.NewReader("1\nabc\n3\nx\n"), "d.txt", Options{}, false)
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{"2 bad value(s)", `d.txt:2: "abc" is not a number`, `d.txt:4: "x"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	_, err = Read(strings.NewReader("1\n2.5\n-1\n"), "c.txt", Options{}, true)
	if err == nil || !strings.Contains(err.Error(), "c.txt:2") || !strings.Contains(err.Error(), "c.txt:3") || !strings.Contains(err.Error(), "whole number") {
		t.Errorf("counts: %v", err)
	}
}

func TestReadColumnChoiceErrors(t *testing.T) {
	cases := []struct{ data, column, want string }{
		{"a,b\n1,2\n", "", "2 columns (a, b): choose one with --column"},
		{"a,b\n1,2\n", "c", `no column "c"; the columns are a, b`},
		{"1,2\n3,4\n", "cost", "no header row"},
		{"1,2\n3,4\n", "3", "columns 1 to 2"},
		{"\n\n", "", "no data"},
	}
	for _, c := range cases {
		_, err := Read(strings.NewReader(c.data), "f.csv", Options{Column: c.column}, false)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q --column %q: got %v, want %q", c.data, c.column, err, c.want)
		}
	}
}

func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	f.NewSheet("给付明细")
	f.SetSheetRow("给付明细", "A1", &[]any{"费用 (cost)", "paid"})
	f.SetSheetRow("给付明细", "A2", &[]any{1300.5, 100})
	f.SetSheetRow("给付明细", "A3", &[]any{2000, 200})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Read(bytes.NewReader(buf.Bytes()), "b.xlsx", Options{Sheet: "给付明细", Column: "费用 (cost)"}, false)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Values, []float64{1300.5, 2000}) {
		t.Errorf("got %v", got.Values)
	}
	if _, err := Read(bytes.NewReader(buf.Bytes()), "b.xlsx", Options{Sheet: "Claims"}, false); err == nil || !strings.Contains(err.Error(), "no sheet \"Claims\"") {
		t.Errorf("missing sheet: %v", err)
	}
}

// A comma is a thousands separator only between groups of three digits: a
// decimal comma is a bad value, not a number a hundred times larger, and a
// long bad value is cut in the message.
func TestDecimalComma(t *testing.T) {
	for s, want := range map[string]float64{"1,234.5": 1234.5, "12,345,678": 12345678, "-1,000": -1000, "1631.94": 1631.94} {
		if v, ok := number(s); !ok || v != want {
			t.Errorf("%q: %v %v, want %v", s, v, ok, want)
		}
	}
	for _, s := range []string{"1631,94", "50,5", "1,23", "1.234,5", ",5"} {
		if v, ok := number(s); ok {
			t.Errorf("%q read as %v", s, v)
		}
	}
	_, err := Read(strings.NewReader("cost\n1631,94\n"+strings.Repeat("x", 5000)+"\n"), "x.tsv", Options{}, false)
	if err == nil || !strings.Contains(err.Error(), `"1631,94" is not a number`) || len(err.Error()) > 400 {
		t.Errorf("got %v", err)
	}
}
