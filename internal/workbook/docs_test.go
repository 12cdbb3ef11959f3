package workbook

import (
	"flag"
	"os"
	"testing"
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
