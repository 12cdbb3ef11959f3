package workbook

import (
	"slices"
	"strings"
	"testing"
)

// The Schedules sheet's benefit drop-down offers the band keys (分段, 门诊分段
// in Chinese), and the Claims sheet's offers the outpatient benefit but no
// band key.
func TestTemplateBandDropDowns(t *testing.T) {
	for _, en := range []bool{false, true} {
		_, drops := templateTexts(t, en)
		band, outBand, outpatient := "分段", "门诊分段", "门诊规定病种"
		if en {
			band, outBand, outpatient = "band", "outpatient_band", "outpatient"
		}
		var sched, claims []string
		for at, list := range drops {
			switch {
			case strings.HasPrefix(at, "给付标准 ") || strings.HasPrefix(at, "Schedules "):
				sched = append(sched, list...)
			case strings.HasPrefix(at, "给付明细 ") || strings.HasPrefix(at, "Claims "):
				claims = append(claims, list...)
			}
		}
		if !slices.Contains(sched, band) || !slices.Contains(sched, outBand) || slices.Contains(sched, outpatient) {
			t.Errorf("en=%v: Schedules drop-down %v", en, sched)
		}
		if !slices.Contains(claims, outpatient) || slices.Contains(claims, band) {
			t.Errorf("en=%v: Claims drop-down %v", en, claims)
		}
	}
}
