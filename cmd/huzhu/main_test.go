package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/report"
)

// run executes huzhu with args and returns the exit code and both streams.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

func TestHelpIsGroupedByWhatUsersDo(t *testing.T) {
	code, out, _ := run(t, "--help")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"准备数据 / Prepare data:", "template", "validate", "version", "completion", "Exit codes"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	// Groups appear in the order users meet them.
	if strings.Index(out, "Prepare data") > strings.Index(out, "Other") {
		t.Errorf("groups out of order:\n%s", out)
	}
}

func TestEveryCommandHasShortLongAndExample(t *testing.T) {
	root := newRootCmd(&App{IO: &IOStreams{}})
	for _, c := range root.Commands() {
		if c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		if c.Short == "" || c.Long == "" || c.Example == "" {
			t.Errorf("%s: Short, Long and Example are all required (got %q, %d chars, %q)", c.Name(), c.Short, len(c.Long), c.Example)
		}
		if c.GroupID == "" {
			t.Errorf("%s: no help group", c.Name())
		}
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"nosuchcommand"}, "未知命令“nosuchcommand”"},
		{[]string{"nosuchcommand", "--lang", "en"}, `unknown command "nosuchcommand"`},
		{[]string{"version", "--nosuchflag"}, "未知参数：--nosuchflag"},
		{[]string{"version", "--nosuchflag", "--lang", "en"}, "unknown flag: --nosuchflag"},
		{[]string{"version", "extra", "--lang", "en"}, "expects 0 argument(s) (none), got 1"},
		{[]string{"fit"}, "需要 1 个参数（工作簿），实际为 0 个"},
		{[]string{"version", "--format", "xml", "--lang", "en"}, `--format "xml": expected table, json or csv`},
		{[]string{"version", "--format", "xml"}, `--format "xml"：应为 table、json 或 csv`},
		{[]string{"version", "--lang", "fr"}, `--lang "fr"：应为 zh 或 en`},
		{[]string{"simulate", "book.xlsx", "--method", "magic"}, `--method "magic"：应为 exact 或 mc`},
		{[]string{"simulate", "book.xlsx", "--method", "magic", "--lang", "en"}, `--method "magic": expected exact or mc`},
		{[]string{"calibrate", "book.xlsx", "--sims", "5"}, `--sims 5：应为 100 到 10,000,000`},
		{[]string{"template", "-o", "x.csv", "--lang", "en"}, "x.csv: the output must be an .xlsx file"},
	}
	for _, c := range cases {
		code, _, errOut := run(t, c.args...)
		if code != ExitInput {
			t.Errorf("%v: exit %d, want %d", c.args, code, ExitInput)
		}
		if !strings.Contains(errOut, c.want) {
			t.Errorf("%v: stderr %q lacks %q", c.args, errOut, c.want)
		}
		if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, ".go:") {
			t.Errorf("%v: a Go stack reached the user:\n%s", c.args, errOut)
		}
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := run(t, "version", "--lang", "en")
	if code != ExitOK || !strings.HasPrefix(out, "huzhu ") || !strings.Contains(out, "workbook format 1") {
		t.Fatalf("exit %d, out %q", code, out)
	}
	code, out, _ = run(t, "version", "--format", "json")
	if code != ExitOK || !strings.Contains(out, `"workbook_version": 1`) {
		t.Fatalf("exit %d, out %q", code, out)
	}
}

func TestCompletion(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		code, out, _ := run(t, "completion", sh)
		if code != ExitOK || !strings.Contains(out, "huzhu") {
			t.Errorf("completion %s: exit %d, %d bytes", sh, code, len(out))
		}
	}
}

func TestPanicBecomesInternalErrorWithoutStack(t *testing.T) {
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	// A nil Out makes the version command panic inside fmt: an internal failure.
	ios.Out = nil
	t.Setenv("HUZHU_DEBUG", "")
	code := Main([]string{"version"}, ios)
	if code != ExitInternal {
		t.Fatalf("exit %d, want %d", code, ExitInternal)
	}
	if !strings.Contains(errOut.String(), "internal error") || strings.Contains(errOut.String(), "goroutine") {
		t.Fatalf("stderr: %q", errOut.String())
	}
}

func TestTemplateFlagsReachOptions(t *testing.T) {
	var got *action.TemplateOptions
	app := &App{IO: &IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, Format: report.FormatTable, Lang: i18n.Zh}
	cmd := newTemplateCmd(app, func(o *action.TemplateOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"-o", "x.xlsx", "--force"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.Output != "x.xlsx" || !got.Force {
		t.Fatalf("options: %+v", got)
	}
}
