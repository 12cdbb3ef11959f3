package workbook

import (
	"flag"
	"os"
	"testing"
	"unicode"
)

var update = flag.Bool("update", false, "rewrite golden files and generated docs")

// TestDocs keeps docs/workbook.md equal to the schema's Markdown: a change to the
// schema without `-update` fails here.
func TestDocs(t *testing.T) {
	const path = "../../docs/workbook.md"
	want := Markdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("docs/workbook.md is out of date with the schema: run go test ./internal/workbook -run TestDocs -update")
	}
}

// Every English text of the schema — sheets, columns, the Fund keys (their
// DocEn), units in words — is wholly English: docs/workbook.md, the English
// template, flag help and the English report show them as they are.
func TestSchemaEnglishHasNoChinese(t *testing.T) {
	n := 0
	for _, s := range Sheets {
		texts := map[string]string{s.Key: s.DocEn}
		for _, c := range s.Columns {
			texts[s.Key+"."+c.Key] = c.DocEn
		}
		for where, x := range texts {
			n++
			if x == "" && where != s.Key {
				t.Errorf("%s: no English doc", where)
			}
			for _, r := range x {
				if unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef {
					t.Errorf("%s: Chinese %q in its English doc %q", where, r, x)
					break
				}
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d texts checked", n)
	}
}
