package i18n

import (
	"regexp"
	"testing"
)

// A tornado's assumption keys in Chinese are Chinese (the Fund parameter's
// name, 参保人数, 发生率 / 案均金额 with the plan's name) and in English the
// keys themselves, which --vary takes back.
func TestVaryLabel(t *testing.T) {
	name := func(p string) string { return map[string]string{"hospital": "住院医疗互助保障计划"}[p] }
	ascii := regexp.MustCompile(`[A-Za-z]`)
	for key, want := range map[string]string{
		"enrolment":          "参保人数",
		"incidence":          "发生率（全部计划）",
		"severity.hospital":  "案均金额：住院医疗互助保障计划",
		"incidence.hospital": "发生率：住院医疗互助保障计划",
		"medical_trend":      FundName(Zh, "medical_trend"),
	} {
		got := VaryLabel(Zh, key, name)
		if got != want || ascii.MatchString(got) {
			t.Errorf("%s: %q, want %q without ASCII letters", key, got, want)
		}
		if en := VaryLabel(En, key, name); en != key {
			t.Errorf("%s in English: %q, want the key", key, en)
		}
	}
}
