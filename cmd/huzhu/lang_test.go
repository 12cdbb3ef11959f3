package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// englishSentence is three or more English words in a row (words of two or
// more letters, apart by one space or a comma and a space): prose, not a key
// such as female_disease, a distribution such as lnorm(meanlog=…), columns
// such as "VaR  TVaR" or a CSV header (English keys in every language).
var englishSentence = regexp.MustCompile(`\b[A-Za-z]{2,}(?:,? [A-Za-z]{2,}){2,}\b`)

// han is a Chinese character or full-width punctuation.
var han = regexp.MustCompile(`[\p{Han}\x{3000}-\x{303f}\x{ff00}-\x{ffef}]`)

// cellRef is a reference to a cell of the user's workbook, whose sheet names
// are Chinese in every language ("汇总!F14").
var cellRef = regexp.MustCompile(`\p{Han}+!([A-Z]+[0-9]+)?`)

// groupName is a group (单位) of the example book, as its Claims and
// Enrolment name it: the user's data, the same in every language.
var groupName = regexp.MustCompile(`(市直|吴兴区|南浔区|德清县|长兴县|安吉县)`)

// TestGoldenLanguages: Chinese output holds no English sentence, and English
// output no Chinese, in every golden output.
func TestGoldenLanguages(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.golden"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden outputs: %v", err)
	}
	checked := 0
	for _, f := range files {
		name := filepath.Base(f)
		zh, en := strings.Contains(name, ".zh."), strings.Contains(name, ".en.")
		if !zh && !en {
			continue // JSON: the same in every language
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for i, line := range strings.Split(string(b), "\n") {
			if i == 0 && strings.Contains(name, ".csv") {
				continue // the header: keys
			}
			if zh {
				if m := englishSentence.FindString(line); m != "" {
					t.Errorf("%s:%d: English %q in Chinese output: %s", name, i+1, m, line)
				}
			}
			if en {
				if m := han.FindString(groupName.ReplaceAllString(cellRef.ReplaceAllString(line, ""), "")); m != "" {
					t.Errorf("%s:%d: Chinese %q in English output: %s", name, i+1, m, line)
				}
			}
		}
	}
	if checked < 40 {
		t.Errorf("only %d outputs checked", checked)
	}
}
