package main

import (
	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/spf13/cobra"
)

func newTemplateCmd(app *App, runF func(*action.TemplateOptions) error) *cobra.Command {
	opts := &action.TemplateOptions{}
	cmd := &cobra.Command{
		Use:   "template",
		Short: "生成空白工作簿模板 / Write a blank input workbook",
		Long: `生成一个空白的输入工作簿：包含全部工作表（计划、给付标准、参保、给付明细、汇总、基金），表头为
"中文 (key)" 形式，首页"说明"逐列解释含义和单位，并带有 Excel 数据验证（类型、给付类型下拉框，比例 0–1，整数）。

Write a blank input workbook with every sheet, headers as "中文 (key)", an instructions sheet (说明)
explaining each column in Chinese with units, and Excel data validation (kind and benefit drop-downs,
ratios 0–1, whole numbers). Fill it in Excel or WPS, then run 'huzhu validate'.`,
		Example: "  huzhu template -o 互助测算2026.xlsx\n  huzhu template -o book.xlsx --force   # replace an existing file",
		GroupID: groupData,
		Args:    exactArgs(0, "args.output"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runTemplate(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "huzhu-template.xlsx", "workbook to write (.xlsx)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace the output file if it exists")
	return cmd
}

func runTemplate(app *App, o *action.TemplateOptions) error {
	if err := action.Template(*o); err != nil {
		return err
	}
	app.note("template.wrote", o.Output)
	return nil
}
