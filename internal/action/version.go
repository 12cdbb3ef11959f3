package action

import (
	"runtime/debug"

	"github.com/huzhu-fund/huzhu/internal/record"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/internal/workbook"
)

// Version describes this build of huzhu from its build information: the
// module version ("(devel)" for a build from a source tree, shown as "dev"),
// the commit, its time and whether the tree had uncommitted changes.
func Version() *report.Version {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(bi)
}

func versionOf(bi *debug.BuildInfo) *report.Version {
	b := record.FromBuildInfo(bi)
	return &report.Version{Version: b.Version, Commit: b.Commit, Time: b.Time, Modified: b.Modified, Go: b.Go, WorkbookVersion: workbook.Version}
}
