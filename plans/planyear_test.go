package plans

import (
	"testing"
	"time"
)

func isoDay(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// A June–May plan year (Zhengzhou: 1 June – 31 May) holds 2025-03-10 in
// 2024 and 2025-06-01 in 2025; a 3-month deadline accepts plan year 2024's
// claims until 2025-08-31.
func TestPlanYear(t *testing.T) {
	june := Terms{PeriodStartMonth: 6, ClaimDeadlineMonths: 3}
	cal := Terms{}
	for _, c := range []struct {
		t    *Terms
		d    string
		want int
	}{
		{&june, "2025-03-10", 2024}, {&june, "2025-05-31", 2024}, {&june, "2025-06-01", 2025}, {&june, "2024-12-31", 2024},
		{&cal, "2025-03-10", 2025}, {&cal, "2025-01-01", 2025}, {&cal, "2024-12-31", 2024},
	} {
		if got := c.t.PlanYear(isoDay(c.d)); got != c.want {
			t.Errorf("start month %d, %s: plan year %d, want %d", c.t.StartMonth(), c.d, got, c.want)
		}
	}
	if got := june.YearStart(2024); !got.Equal(isoDay("2024-06-01")) {
		t.Errorf("start of plan year 2024: %v", got)
	}
	dl, ok := june.Deadline(2024)
	if !ok || !dl.Equal(isoDay("2025-09-01")) {
		t.Errorf("deadline of 2024: %v %v, want 2025-09-01", dl, ok)
	}
	if june.Late(2024, isoDay("2025-08-31")) || !june.Late(2024, isoDay("2025-09-01")) {
		t.Error("2025-08-31 is in time and 2025-09-01 late for plan year 2024")
	}
	if _, ok := cal.Deadline(2024); ok || cal.Late(2024, isoDay("2030-01-01")) {
		t.Error("no deadline: nothing is late")
	}
	three := Terms{PeriodYears: 3, ClaimDeadlineMonths: 2}
	if dl, _ := three.Deadline(2023); !dl.Equal(isoDay("2026-03-01")) {
		t.Errorf("3-year plan's deadline: %v, want 2026-03-01", dl)
	}
}
