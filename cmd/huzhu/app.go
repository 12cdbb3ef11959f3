package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

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
	Format string // table | json | csv
	Lang   string // zh | en
}

// Output formats.
const (
	FormatTable = "table"
	FormatJSON  = "json"
	FormatCSV   = "csv"
)

// T picks the Chinese or English text by the --lang flag.
func (a *App) T(zh, en string) string {
	if a.Lang == "en" {
		return en
	}
	return zh
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
	app := &App{IO: ios}
	root := newRootCmd(app)
	root.SetArgs(args)
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	cmd, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	code = exitCode(err)
	// Errors raised by cobra itself (unknown command, bad flag, wrong number of
	// arguments) are usage errors.
	if code == ExitInternal && !ranCommand(cmd) {
		code = ExitInput
	}
	var e *exitError
	if !(asExit(err, &e) && e.silent) {
		fmt.Fprintf(ios.ErrOut, "huzhu: %v\n", err)
		if code == ExitInput && cmd != nil && !ranCommand(cmd) {
			fmt.Fprintf(ios.ErrOut, "%s\n", app.T("运行 '"+cmd.CommandPath()+" --help' 查看用法。", "Run '"+cmd.CommandPath()+" --help' for usage."))
		}
	}
	return code
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
				return inputError(err)
			}
			// Cobra checks required flags after this hook; check them here so
			// that a missing flag is a usage error (exit 2).
			if err := cmd.ValidateRequiredFlags(); err != nil {
				return inputError(err)
			}
			if err := cmd.ValidateFlagGroups(); err != nil {
				return inputError(err)
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
		lang = "zh"
	}
	pf := root.PersistentFlags()
	pf.StringVar(&app.Format, "format", FormatTable, "output format: table, json or csv (JSON keys are always English)")
	pf.StringVar(&app.Lang, "lang", lang, "language of labels and messages: zh or en (default from HUZHU_LANG, else zh)")
	_ = root.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{FormatTable, FormatJSON, FormatCSV}, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions([]string{"zh", "en"}, cobra.ShellCompDirectiveNoFileComp))

	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return inputError(err) })

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
		newVersionCmd(app),
	)
	return root
}

// Command groups of `huzhu --help`, by what users do.
const (
	groupData      = "data"
	groupAnalyse   = "analyse"
	groupRecommend = "recommend"
	groupOther     = "other"
)

func (a *App) checkGlobals() error {
	switch a.Format {
	case FormatTable, FormatJSON, FormatCSV:
	default:
		return fmt.Errorf("--format %q: expected table, json or csv", a.Format)
	}
	switch a.Lang {
	case "zh", "en":
	default:
		return fmt.Errorf("--lang %q: expected zh or en", a.Lang)
	}
	return nil
}

// exactArgs is cobra.ExactArgs with a usage error that names what is missing.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return inputErrorf("%s expects %d argument(s) (%s), got %d", cmd.CommandPath(), n, what, len(args))
		}
		return nil
	}
}

func asExit(err error, target **exitError) bool {
	for err != nil {
		if e, ok := err.(*exitError); ok {
			*target = e
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

// joinLines joins non-empty lines.
func joinLines(lines ...string) string {
	var out []string
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
