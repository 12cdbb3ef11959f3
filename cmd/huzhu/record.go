package main

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"github.com/huzhu-fund/huzhu/internal/record"
	"github.com/spf13/cobra"
)

// recordPath is where a run writes its audit record: the --record file, or
// beside the report (-o NAME.xlsx → NAME.record.json), or nowhere. The path
// is checked before the run (an existing file needs --force).
func recordPath(output, rec string, force bool) (string, error) {
	if rec == "" && output != "" {
		rec = strings.TrimSuffix(output, filepath.Ext(output)) + ".record.json"
	}
	if rec == "" {
		return "", nil
	}
	if !strings.EqualFold(filepath.Ext(rec), ".json") {
		return "", action.Invalid("err.record_extension", rec)
	}
	if err := atomicfile.Check(rec, force); err != nil {
		return "", action.OutputError(err)
	}
	return rec, nil
}

// writeRecord writes a run's audit record and says so.
func writeRecord(app *App, path string, force bool, r *record.Record) error {
	b, err := r.Marshal()
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, force, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return action.OutputError(err)
	}
	app.note("record.wrote", path)
	return nil
}

func newVerifyCmd(app *App, runF func(string) error) *cobra.Command {
	return &cobra.Command{
		Use:   "verify RECORD.json",
		Short: "按审计记录重新运行并核对 / Replay a run from its audit record and confirm it",
		Long: `读取 calibrate、simulate 或 scenarios 写下的审计记录（--record，或 -o 文件旁的 NAME.record.json）：核对每个输入文件的
SHA-256，用记录的选项重新运行，并把模型和结果与记录逐项比较。完全一致退出码为 0；输入文件已改变（指出是哪个
文件，不再重新运行）或结果不同（列出不同之处）退出码为 4。请在原运行的目录中运行（记录中的路径按原样使用）。

Read an audit record written by calibrate, simulate or scenarios (--record, or NAME.record.json beside
the -o file): check every input file's SHA-256, run again with the recorded options and compare the models
and the result with the record, value by value. Exit 0 when identical; exit 4 when an input changed
(named; the run is then not replayed) or the result differs (the differences listed). Run it in the
directory of the original run (the record's paths are used as they are).

JSON: {"record","action","recorded_build","build","inputs":[{"role","path","sha256","size"}],
"changed_inputs","identical","changes":[{"path","old","new"}]}.`,
		Example: `  huzhu calibrate examples/example.xlsx -o 测算报告.xlsx     # also writes 测算报告.record.json
  huzhu verify 测算报告.record.json`,
		GroupID: groupOther,
		Args:    exactArgs(1, "args.record"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(args[0])
			}
			v, err := action.Verify(args[0])
			if v == nil {
				return err
			}
			if werr := app.write(v); werr != nil {
				return werr
			}
			if err != nil {
				return reported(err)
			}
			return nil
		},
	}
}

func newDiffCmd(app *App, runF func(string, string) error) *cobra.Command {
	all := false
	cmd := &cobra.Command{
		Use:   "diff OLD.json NEW.json",
		Short: "比较两次运行的审计记录 / What changed between two runs' audit records",
		Long: `比较两份审计记录：输入文件（按路径）、假设（每个基金参数的取值和来源）、拟合的模型和结果（按计划）。
表格列出程序版本、输入文件、假设的改变和改变了的建议（部分、路径、原值、新值），随之改变的模型数值和其他结果
只计数（--all 全部列出；JSON 和 CSV 总是全部列出）；命令行不同时也列出。可比较同一年度的两次运行，或相邻两个年度。

Compare two audit records: the input files (by path), the assumptions (each Fund key's value and source),
the fitted models and the results (by plan). The table lists what changed in the build, the inputs and
the assumptions and the recommendations that moved (section, path, old, new), and counts the models'
values and the result's other figures that follow (--all lists every one; JSON and CSV always do); the
command lines too when they differ. Compare two runs of one year, or two years.

JSON: {"old","new","old_command","new_command","changes":[{"section","path","old","new"}]}; sections:
build, inputs, assumptions, models, result.`,
		Example: `  huzhu calibrate examples/example.xlsx --record base.json
  huzhu calibrate examples/example.xlsx --medical-trend 0.1 --record trend10.json
  huzhu diff base.json trend10.json`,
		GroupID: groupOther,
		Args:    exactArgs(2, "args.records"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(args[0], args[1])
			}
			d, err := action.DiffRecords(args[0], args[1])
			if err != nil {
				return err
			}
			d.All = all
			return app.write(d)
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "list every changed value in the table (default: the build, inputs, assumptions and recommendations; the models and other figures counted)")
	return cmd
}
