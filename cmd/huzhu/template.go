package main

import (
	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/spf13/cobra"
)

func newTemplateCmd(app *App, runF func(*action.TemplateOptions) error) *cobra.Command {
	opts := &action.TemplateOptions{}
	cmd := &cobra.Command{
		Use:   "template",
		Short: "生成空白工作簿模板 / Write a blank input workbook",
		Long: `生成一个空白的输入工作簿：包含全部工作表（计划、给付标准、参保、给付明细、汇总、基金），表头为
"中文 (key)" 形式，首页"说明"逐列解释含义和单位，并带有 Excel 数据验证（计划类型、给付类型的中文下拉框，比例 0–1，
整数）。--lang en 生成全英文模板（英文工作表名和表头），读取时同样接受。

Write a blank input workbook with every sheet, headers as "中文 (key)", an instructions sheet (说明)
explaining each column in Chinese with units, and Excel data validation (drop-downs of the Chinese names
of plan kinds and benefit types, which the reader takes as it takes the English keys; ratios 0–1, whole
numbers). With --lang en the workbook is wholly English: sheets named Plans, Schedules, …, the column
keys as headers, an Instructions sheet, drop-downs of the keys. Fill it in Excel or WPS, then run
'huzhu validate'.`,
		Example: "  huzhu template -o 互助测算2026.xlsx\n  huzhu template -o book.xlsx --lang en  # wholly English\n  huzhu template -o book.xlsx --force   # replace an existing file",
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
	o.En = app.Lang == i18n.En
	if err := action.Template(*o); err != nil {
		return err
	}
	app.note("template.wrote", o.Output)
	return nil
}
