package action

import (
	"runtime"
	"runtime/debug"

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
	v := &report.Version{Version: "dev", Go: runtime.Version(), WorkbookVersion: workbook.Version}
	if bi == nil {
		return v
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v.Version = bi.Main.Version
	}
	if bi.GoVersion != "" {
		v.Go = bi.GoVersion
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Commit = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}
