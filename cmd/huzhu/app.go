package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/spf13/cobra"
)

// IOStreams are the command's standard streams, injected so that commands can be
// tested without a terminal.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

// SystemStreams are the process's stdin, stdout and stderr.
func SystemStreams() *IOStreams {
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}
}

// App holds what every command shares: the streams and the global flags.
type App struct {
	IO     *IOStreams
	Format report.Format
	Lang   i18n.Lang
	Args   []string // the command line after the program's name, for the audit record
	Wide   bool     // --wide: terminal tables as wide as they come

	format, lang string // the flags as given
}

// write writes a command's result in the format and language asked for.
func (a *App) write(o report.Output) error {
	width := report.TerminalWidth
	if a.Wide {
		width = 0
	}
	return report.WriteWidth(a.IO.Out, a.IO.ErrOut, a.Format, a.Lang, o, width)
}

// excelOutput is a result that can also be written as an Excel workbook.
type excelOutput interface {
	report.Output
	Excel(w io.Writer, l i18n.Lang) error
}

// writeWithExcel writes a result and, when output is not "", its Excel
// workbook there first (atomically; --force to replace it), then says the
// file was written (message code wrote).
func (a *App) writeWithExcel(o excelOutput, output string, force bool, wrote string) error {
	if output != "" {
		if err := atomicfile.Write(output, force, func(w io.Writer) error { return o.Excel(w, a.Lang) }); err != nil {
			return action.OutputError(err)
		}
	}
	if err := a.write(o); err != nil {
		return err
	}
	if output != "" {
		a.note(wrote, output)
	}
	return nil
}

// note writes a line in the user's language to the error stream.
func (a *App) note(code string, args ...any) {
	fmt.Fprintln(a.IO.ErrOut, a.Lang.T(code, args...))
}

// Main runs huzhu with args and returns the exit code. It never lets a panic or a
// Go stack reach the user; HUZHU_DEBUG=1 prints the stack of an internal failure.
func Main(args []string, ios *IOStreams) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(ios.ErrOut, "huzhu: internal error: %v\n", r)
			if os.Getenv("HUZHU_DEBUG") != "" {
				ios.ErrOut.Write(debug.Stack())
			} else {
				fmt.Fprintln(ios.ErrOut, "huzhu: this is a bug in huzhu, not in your data; run again with HUZHU_DEBUG=1 and report the output")
			}
			code = ExitInternal
		}
	}()
	app := &App{IO: ios, Format: report.FormatTable, Lang: i18n.Default, Args: append([]string{}, args...)}
	root := newRootCmd(app)
	root.SetArgs(args)
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	cmd, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	lang := app.lang
	if !ranCommand(cmd) {
		lang = langArg(args, lang) // the flags may not have been parsed
	}
	if l, lerr := i18n.Parse(lang); lerr == nil {
		app.Lang = l // also for errors before the flags were checked
	}
	code = exitCode(err)
	// Errors raised by cobra itself (unknown command, bad flag, wrong number of
	// arguments) are usage errors.
	if code == ExitInternal && !ranCommand(cmd) {
		code = ExitInput
	}
	printError(app, err)
	if code == ExitInput && cmd != nil && !ranCommand(cmd) && !errors.Is(err, errReported) {
		app.note("usage.help", cmd.CommandPath())
	}
	return code
}

// langArg is the value of the last --lang among args (before "--"), else
// def: the language of an error met before the flags were parsed.
func langArg(args []string, def string) string {
	for i, a := range args {
		switch {
		case a == "--":
			return def
		case a == "--lang" && i+1 < len(args):
			def = args[i+1]
		case strings.HasPrefix(a, "--lang="):
			def = strings.TrimPrefix(a, "--lang=")
		}
	}
	return def
}

const ranAnnotation = "huzhu.ran"

func ranCommand(cmd *cobra.Command) bool {
	return cmd != nil && cmd.Annotations != nil && cmd.Annotations[ranAnnotation] == "1"
}

func newRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "huzhu",
		Short: "职工互助保障基金年度测算 / Annual recalibration of a mutual-aid health fund",
		Long: `huzhu (互助) 为工会职工互助保障协会做年度测算：读取上年参保、给付和医疗费用数据（Excel 工作簿），
拟合给付频率和金额分布，计算下一年各计划和整个基金的给付成本分布，并建议互助费、给付封顶和风险储备金的
提取，使基金出现赤字（入不敷出）的概率低于目标。

huzhu recalibrates a trade-union mutual-aid health fund every year: it reads last year's enrolment,
claims and medical costs from an Excel workbook, fits claim frequency and severity, computes next year's
claim-cost distribution of every plan and of the fund, and recommends contributions, payout caps and
reserve draws that keep the chance of a deficit below a target.

Exit codes: 0 success, 1 internal failure, 2 bad input or usage, 3 infeasible calibration target.`,
		Example: `  huzhu template -o 工作簿.xlsx          # a blank workbook to fill in
  huzhu validate examples/example.xlsx   # check a workbook and see what was read
  huzhu validate book.xlsx --format json # the same, for scripts`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if err := app.checkGlobals(); err != nil {
				return action.Input(err)
			}
			// Cobra checks required flags after this hook; check them here so
			// that a missing flag is a usage error (exit 2).
			if err := cmd.ValidateRequiredFlags(); err != nil {
				return action.Input(err)
			}
			if err := cmd.ValidateFlagGroups(); err != nil {
				return action.Input(err)
			}
			if err := checkUseless(cmd, app); err != nil {
				return err
			}
			if cmd.Annotations == nil {
				cmd.Annotations = map[string]string{}
			}
			cmd.Annotations[ranAnnotation] = "1"
			return nil
		},
	}
	lang := os.Getenv("HUZHU_LANG")
	if lang == "" {
		lang = string(i18n.Default)
	}
	pf := root.PersistentFlags()
	pf.StringVar(&app.format, "format", string(report.FormatTable), "output format: table, json or csv (JSON keys are always English)")
	pf.StringVar(&app.lang, "lang", lang, "language of labels and messages: zh or en (default from HUZHU_LANG, else zh)")
	var formats, langs []string
	for _, f := range report.Formats {
		formats = append(formats, string(f))
	}
	for _, l := range i18n.Langs {
		langs = append(langs, string(l))
	}
	_ = root.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions(langs, cobra.ShellCompDirectiveNoFileComp))

	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return action.Input(err) })

	root.AddGroup(
		&cobra.Group{ID: groupData, Title: "准备数据 / Prepare data:"},
		&cobra.Group{ID: groupAnalyse, Title: "分析 / Analyse:"},
		&cobra.Group{ID: groupRecommend, Title: "建议 / Recommend:"},
		&cobra.Group{ID: groupOther, Title: "其他 / Other:"},
	)
	root.SetHelpCommandGroupID(groupOther)
	root.SetCompletionCommandGroupID(groupOther)

	root.AddCommand(
		newTemplateCmd(app, nil),
		newExampleCmd(app, nil),
		newValidateCmd(app, nil),
		newFitdistCmd(app, nil),
		newAggregateCmd(app, nil),
		newFitCmd(app, nil),
		newSimulateCmd(app, nil),
		newCalibrateCmd(app, nil),
		newScenariosCmd(app, nil),
		newSensitivityCmd(app, nil),
		newStressCmd(app, nil),
		newVerifyCmd(app, nil),
		newDiffCmd(app, nil),
		newVersionCmd(app),
	)
	addCompletions(root)
	return root
}

// Command groups of `huzhu --help`, by what users do.
const (
	groupData      = "data"
	groupAnalyse   = "analyse"
	groupRecommend = "recommend"
	groupOther     = "other"
)

// addWide adds --wide to a command whose tables can be wide.
func (a *App) addWide(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&a.Wide, "wide", false, "print terminal tables at full width (default: fitted to 120 columns, wide tables split in two)")
}

// checkGlobals reads --format and --lang.
func (a *App) checkGlobals() error {
	l, err := i18n.Parse(a.lang)
	if err != nil {
		return err
	}
	a.Lang = l
	a.Format, err = report.ParseFormat(a.format)
	return err
}

// exactArgs is cobra.ExactArgs with a usage error that names what is
// expected (what: a message code).
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return action.Invalid("err.args", cmd.CommandPath(), n, i18n.N(what), len(args))
		}
		return nil
	}
}
