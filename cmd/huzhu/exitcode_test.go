package main

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
)

func TestExitCode(t *testing.T) {
	_, notExist := os.Open("/no/such/file")
	cases := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, ExitOK},
		{"our bug", errors.New("index out of range"), ExitInternal},
		{"bad input", action.Inputf("--sims %d: expected 100 to 10,000,000", 5), ExitInput},
		{"bad input wrapped", fmt.Errorf("reading: %w", action.Input(errors.New("bad cell"))), ExitInput},
		{"bad input joined", errors.Join(errors.New("first"), action.Input(errors.New("second"))), ExitInput},
		{"workbook with errors", &action.BookError{File: "book.xlsx"}, ExitInput},
		{"file not found", notExist, ExitInput},
		{"permission", &fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}, ExitInput},
		{"output exists", fmt.Errorf("x.xlsx: %w", atomicfile.ErrExists), ExitInput},
		{"writing failed", action.OutputError(errors.New("disk full")), ExitInternal},
		{"infeasible", &messageError{msg: "目标无法达到", err: calibrate.ErrInfeasible}, ExitInfeasible},
		{"infeasible joined", errors.Join(calibrate.ErrInfeasible, action.Input(errors.New("x"))), ExitInfeasible},
		{"reported", reported(action.Inputf("2 error(s) in book.xlsx")), ExitInput},
		{"band terms", fmt.Errorf("plan weihai: %w", &model.BandTermsError{Plan: "weihai", Term: "claim_cap", Value: 50000, AnnualCap: 75000}), ExitInput},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := exitCode(c.err); got != c.want {
				t.Errorf("exitCode(%v) = %d, want %d", c.err, got, c.want)
			}
		})
	}
}

// A workbook's errors are printed before the message; a reported error is
// not printed again.
func TestPrintError(t *testing.T) {
	code, _, errOut := run(t, "fit", "../../internal/workbook/testdata/defects.xlsx", "--lang", "en")
	if code != ExitInput {
		t.Fatalf("exit %d", code)
	}
	if n := len(errOut); n == 0 || errOut[:6] != "error " {
		t.Fatalf("stderr does not start with the workbook's errors: %q", errOut)
	}
	code, out, errOut := run(t, "validate", "../../internal/workbook/testdata/defects.xlsx")
	if code != ExitInput || errOut != "" || out == "" {
		t.Fatalf("validate: exit %d, stderr %q", code, errOut)
	}
}

// A cost-band term the exact method refuses, met in a search or a scenario
// (model.BandTermsError under a "plan x: " prefix), is told in either
// language wholly: Chinese without the English sentence, English without
// Chinese.
func TestBandTermsErrorLang(t *testing.T) {
	inf := math.Inf(1)
	for _, be := range []*model.BandTermsError{
		{Plan: "weihai", Term: "claim_cap", Value: 50000, AnnualCap: 75000},
		{Plan: "weihai", Term: "claim_cap", Value: 50000, AnnualCap: inf},
		{Plan: "weihai", Term: "deductible", Value: 1000, AnnualCap: inf},
		{Plan: "weihai", Term: "ratios", AnnualCap: inf},
		{Plan: "weihai", Term: "bands", Err: plans.Bands{{From: 0, Ratio: 1.5}}.Check()},
	} {
		err := fmt.Errorf("plan weihai: %w", be)
		zh, en := i18n.ErrorIn(err, i18n.Zh), i18n.ErrorIn(err, i18n.En)
		if strings.Contains(zh, "cost bands") || strings.Contains(zh, "expected") || !strings.Contains(zh, "计划 weihai") {
			t.Errorf("%s: Chinese %q", be.Term, zh)
		}
		if en != err.Error() || strings.ContainsFunc(en, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
			t.Errorf("%s: English %q", be.Term, en)
		}
	}
}
