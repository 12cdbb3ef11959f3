package i18n_test

import (
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
)

// TestLeverNames: every benefit term calibrate --fix contributions solves
// for has a Chinese name, the Plans sheet's name of its column where it is
// one (the workbook's schema is the source), and stays its key in English;
// the messages that name it do so in each language.
func TestLeverNames(t *testing.T) {
	plansSheet := workbook.SheetByKey(workbook.SheetPlans)
	columns := 0
	for _, key := range calibrate.CapLevers {
		zh, en := i18n.LeverName(i18n.Zh, key), i18n.LeverName(i18n.En, key)
		if zh == key || en != key {
			t.Errorf("%s: names %q, %q", key, zh, en)
		}
		if c, ok := plansSheet.Column(key); ok {
			columns++
			if c.Zh != zh {
				t.Errorf("%s: Chinese name %q, the Plans sheet's column is %q", key, zh, c.Zh)
			}
		}
		got := i18n.Zh.T("rpt.warn.cap_limited", "hospital", key)
		if want := "计划 hospital 的" + zh + "受调整幅度上限限制。"; got != want {
			t.Errorf("Chinese %q, want %q", got, want)
		}
		n := i18n.FromEnglish("plan hospital: " + key + " held at its highest allowed value; the plan's income still exceeds its expected benefits and margin")
		if got, want := n.In(i18n.Zh)[0], "计划 hospital："+zh+"已取最高允许值"; got != want {
			t.Errorf("Chinese %q, want %q", got, want)
		}
		if got := i18n.En.T("rpt.warn.cap_limited", "hospital", key); got != "Plan hospital: the benefit term "+key+" is held by the limit on a change." {
			t.Errorf("English %q", got)
		}
	}
	if columns != 4 {
		t.Errorf("%d levers are Plans columns, want 4 (annual_cap, claim_cap, daily_amount, lump_sum)", columns)
	}
}
