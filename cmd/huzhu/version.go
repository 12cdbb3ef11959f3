package main

import (
	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/spf13/cobra"
)

func newVersionCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "显示版本 / Print the version",
		Long: `显示 huzhu 的版本（模块版本、提交、提交时间、是否有未提交的修改）、构建所用的 Go 版本和支持的工作簿格式版本。
Print huzhu's version (module version, commit, commit time, whether the tree had uncommitted changes),
the Go version it was built with and the workbook format version it reads.`,
		Example: "  huzhu version\n  huzhu version --format json",
		GroupID: groupOther,
		Args:    exactArgs(0, "args.none"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return app.write(action.Version())
		},
	}
}
