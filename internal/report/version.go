package report

import (
	"fmt"
	"io"

	"github.com/huzhu-fund/huzhu/internal/i18n"
)

// Version is what `huzhu version` prints.
type Version struct {
	Version         string `json:"version"`
	Commit          string `json:"commit,omitempty"`
	Time            string `json:"time,omitempty"`     // commit time (RFC 3339)
	Modified        bool   `json:"modified,omitempty"` // built from a tree with uncommitted changes
	Go              string `json:"go"`
	WorkbookVersion int    `json:"workbook_version"`
}

func (v *Version) JSON() any { return v }

func (v *Version) CSV(w io.Writer, l i18n.Lang) error {
	t := &Table{Columns: []Column{{Key: "version"}, {Key: "commit"}, {Key: "time"}, {Key: "modified"}, {Key: "go"}, {Key: "workbook_version"}}}
	t.Add(v.Version, v.Commit, v.Time, fmt.Sprint(v.Modified), v.Go, fmt.Sprint(v.WorkbookVersion))
	return t.WriteCSV(w)
}

func (v *Version) Table(w io.Writer, l i18n.Lang) error {
	commit := ""
	if v.Commit != "" {
		c := v.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		if v.Modified {
			c += "+" + l.T("version.modified")
		}
		if v.Time != "" {
			c += ", " + v.Time
		}
		commit = " (" + c + ")"
	}
	_, err := fmt.Fprintln(w, l.T("version.line", v.Version, commit, v.Go, v.WorkbookVersion))
	return err
}
