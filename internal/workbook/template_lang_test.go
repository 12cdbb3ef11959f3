package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var hanRE = regexp.MustCompile(`\p{Han}|[\x{3000}-\x{303f}\x{ff00}-\x{ffef}]`)

// templateTexts is every text of a template a person sees: sheet names,
// cells, data validation (drop-down lists, titles, messages), comments and
// the document's title, each with where it is.
func templateTexts(t *testing.T, en bool) (texts map[string]string, drops map[string][]string) {
	t.Helper()
	var buf bytes.Buffer
	if err := TemplateIn(&buf, en); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	texts, drops = map[string]string{}, map[string][]string{}
	for _, sh := range f.GetSheetList() {
		texts["sheet "+sh] = sh
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				texts[sh+"!"+cell] = v
			}
		}
		dvs, err := f.GetDataValidations(sh)
		if err != nil {
			t.Fatal(err)
		}
		for i, dv := range dvs {
			at := sh + " validation " + dv.Sqref
			for k, v := range map[string]*string{"error title": dv.ErrorTitle, "error": dv.Error, "prompt title": dv.PromptTitle, "prompt": dv.Prompt} {
				if v != nil {
					texts[at+" "+k] = *v
				}
			}
			texts[at+" list"] = dv.Formula1
			if dv.Type == "list" {
				list := strings.Trim(strings.TrimSuffix(strings.TrimPrefix(dv.Formula1, "<formula1>"), "</formula1>"), `"`)
				drops[sh+" "+strings.Split(dv.Sqref, ":")[0]+" "+string(rune('0'+i%10))] = strings.Split(list, ",")
			}
		}
		comments, err := f.GetComments(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range comments {
			texts[sh+"!"+c.Cell+" comment"] = c.Text
		}
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	texts["title"] = props.Title
	return texts, drops
}

// TestEnglishTemplateHasNoChinese: `huzhu template --lang en` is wholly
// English — no Chinese character in any cell, sheet name, drop-down,
// validation message, comment or the title.
func TestEnglishTemplateHasNoChinese(t *testing.T) {
	texts, drops := templateTexts(t, true)
	han := 0
	for at, v := range texts {
		if hanRE.MatchString(v) {
			han++
			t.Errorf("%s: Chinese in the English template: %q", at, v)
		}
	}
	if len(texts) < 100 || len(drops) == 0 {
		t.Errorf("only %d texts and %d drop-downs read", len(texts), len(drops))
	}
	// And the Chinese template is Chinese: its instructions are.
	zh, _ := templateTexts(t, false)
	if !hanRE.MatchString(zh["说明!A1"]) {
		t.Errorf("the Chinese template's title cell: %q", zh["说明!A1"])
	}
}

// TestTemplateDropDownsAreRead: the Chinese template's drop-downs offer
// Chinese names and the English one the keys; the reader takes every value
// either offers.
func TestTemplateDropDownsAreRead(t *testing.T) {
	for _, en := range []bool{false, true} {
		_, drops := templateTexts(t, en)
		n := 0
		for at, list := range drops {
			for _, v := range list {
				n++
				_, kind := parseKind(v)
				_, benefit := parseBenefit(v)
				if !kind && !benefit {
					t.Errorf("en=%v %s: drop-down value %q is not read as a kind or a benefit", en, at, v)
				}
				if !en && !hanRE.MatchString(v) {
					t.Errorf("%s: the Chinese template offers %q", at, v)
				}
			}
		}
		if n < 7+6 {
			t.Errorf("en=%v: %d drop-down values", en, n)
		}
	}
}

// TestEnglishTemplateReadsAsTheChinese: a blank English template reads with
// the same problems as the Chinese one (its English sheet names and headers
// are taken, its instructions sheet is ignored).
func TestEnglishTemplateReadsAsTheChinese(t *testing.T) {
	dir := t.TempDir()
	codes := func(en bool) []string {
		var buf bytes.Buffer
		if err := TemplateIn(&buf, en); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, map[bool]string{false: "zh.xlsx", true: "en.xlsx"}[en])
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		_, probs, err := Read(p)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, pr := range probs {
			out = append(out, pr.Level.String()+" "+pr.Code)
		}
		return out
	}
	zh, en := codes(false), codes(true)
	if strings.Join(zh, "; ") != strings.Join(en, "; ") {
		t.Errorf("blank templates read differently:\n zh: %v\n en: %v", zh, en)
	}
}
