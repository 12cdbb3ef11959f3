package main

import (
	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/spf13/cobra"
)

func newValidateCmd(app *App, runF func(*action.ValidateOptions) error) *cobra.Command {
	opts := &action.ValidateOptions{}
	cmd := &cobra.Command{
		Use:   "validate FILE",
		Short: "检查工作簿并显示读取结果 / Check a workbook and show what was read",
		Long: `检查输入工作簿：一次列出全部错误和警告（工作表!单元格、找到的值、应为何值），再按计划和年度显示读取到的
数据：参保人数、份数、给付笔数、给付金额、发生率、平均费用。有错误时退出码为 2，只有警告时为 0。

Check an input workbook: every error and warning at once (sheet!cell, the value found, what was
expected), then what was read per plan and year: members, shares, claims, paid, incidence, mean cost.
Exit code 2 when there are errors, 0 when there are only warnings. Notices (an ignored column or sheet)
are shown with --notices. --format json prints {"file","ok","errors","warnings","notices","problems","stats"}.`,
		Example: `  huzhu validate examples/example.xlsx
  huzhu validate book.xlsx --format json | jq '.problems[] | select(.level=="error")'
  huzhu validate book.xlsx --lang en --notices`,
		GroupID: groupData,
		Args:    exactArgs(1, "args.workbook"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runValidate(app, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Notices, "notices", false, "also show notices (ignored columns and sheets, defaults applied)")
	app.addWide(cmd)
	return cmd
}

func runValidate(app *App, o *action.ValidateOptions) error {
	v, err := action.Validate(*o)
	if err != nil {
		return err
	}
	if err := app.write(v); err != nil {
		return err
	}
	if !v.OK {
		return reported(action.Inputf("%d error(s) in %s", v.Errors, o.File))
	}
	return nil
}
