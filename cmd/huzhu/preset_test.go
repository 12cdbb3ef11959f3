package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// example --preset weihai writes the Weihai book (one hospital plan with a
// June–May plan year, paid by cost bands) that validates clean, and its
// truth names the preset and what it assumes; an unknown preset, or one with
// --zhejiang, is bad usage.
func TestExamplePreset(t *testing.T) {
	dir := t.TempDir()
	ex, truth := filepath.Join(dir, "weihai.xlsx"), filepath.Join(dir, "weihai-truth.json")
	code, _, errOut := run(t, "example", "--preset", "weihai", "--members", "20000", "--years", "2", "-o", ex, "--truth", truth)
	if code != ExitOK {
		t.Fatalf("example --preset weihai: exit %d %s", code, errOut)
	}
	if code, out, _ := run(t, "validate", ex); code != ExitOK || !strings.Contains(out, "0 个错误，0 个警告") {
		t.Fatalf("validate the weihai book: exit %d\n%s", code, out)
	}
	var tr map[string]any
	data, err := os.ReadFile(truth)
	if err != nil {
		t.Fatal(err)
	}
	decodeJSON(t, string(data), &tr)
	if tr["preset"] != "weihai" || tr["provisional"] != nil || !strings.Contains(tr["assumed"].(string), "outpatient") {
		t.Errorf("truth: preset %v, provisional %v, assumed %v", tr["preset"], tr["provisional"], tr["assumed"])
	}
	for _, args := range [][]string{
		{"example", "--preset", "atlantis", "-o", filepath.Join(dir, "a.xlsx")},
		{"example", "--preset", "weihai", "--zhejiang", "-o", filepath.Join(dir, "b.xlsx")},
	} {
		if code, _, _ := run(t, args...); code != ExitInput {
			t.Errorf("%v: exit %d, want %d", args, code, ExitInput)
		}
	}
}
