package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// template --force replaces a blank template but not a workbook that holds
// data: that is someone's input (issue: "template -o INPUT --force
// overwrites an input").
func TestTemplateKeepsFilledBook(t *testing.T) {
	dir := t.TempDir()
	filled := copyBook(t, dir)
	before, err := os.ReadFile(filled)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "template", "-o", filled, "--force", "--lang", "en")
	if code != ExitInput || !strings.Contains(errOut, "holds data") {
		t.Errorf("template over a filled book: exit %d, %s", code, errOut)
	}
	if after, _ := os.ReadFile(filled); string(after) != string(before) {
		t.Error("the filled book was changed")
	}
	blank := filepath.Join(dir, "blank.xlsx")
	for i := 0; i < 2; i++ {
		if code, _, errOut := run(t, "template", "-o", blank, "--force"); code != ExitOK {
			t.Errorf("template over a blank template: exit %d, %s", code, errOut)
		}
	}
}
