package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

type versionInfo struct {
	Version         string `json:"version"`
	Commit          string `json:"commit,omitempty"`
	Go              string `json:"go"`
	WorkbookVersion int    `json:"workbook_version"`
}

func buildVersion() versionInfo {
	v := versionInfo{Version: version, Go: runtime.Version(), WorkbookVersion: workbook.Version}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v.Commit = s.Value[:12]
			}
		}
		if v.Version == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v.Version = bi.Main.Version
		}
	}
	return v
}

func newVersionCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "显示版本 / Print the version",
		Long:    "显示 huzhu 的版本、构建所用的 Go 版本和支持的工作簿格式版本。\nPrint huzhu's version, the Go version it was built with and the workbook format version it reads.",
		Example: "  huzhu version\n  huzhu version --format json",
		GroupID: groupOther,
		Args:    exactArgs(0, "none"),
		RunE: func(cmd *cobra.Command, args []string) error {
			v := buildVersion()
			if app.Format == FormatJSON {
				return report.WriteJSON(app.IO.Out, v)
			}
			commit := ""
			if v.Commit != "" {
				commit = " (" + v.Commit + ")"
			}
			_, err := fmt.Fprintf(app.IO.Out, "huzhu %s%s, %s, workbook format %d\n", v.Version, commit, v.Go, v.WorkbookVersion)
			return err
		},
	}
}
