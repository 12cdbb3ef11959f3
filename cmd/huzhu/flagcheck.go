package main

import (
	"strings"

	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/spf13/cobra"
)

// uselessRule is a flag that does nothing unless another flag says so: when
// flag is given and needs(cmd) is false, the command stops with a usage
// error (exit 2) naming the flag and why (a message code).
type uselessRule struct {
	cmd, flag string
	needs     func(c *cobra.Command, a *App) bool
	why       string
}

func changed(c *cobra.Command, name string) bool {
	f := c.Flags().Lookup(name)
	return f != nil && f.Changed
}

func flagValue(c *cobra.Command, name string) string {
	if f := c.Flags().Lookup(name); f != nil {
		return f.Value.String()
	}
	return ""
}

// uselessRules are the flag combinations that would do nothing.
var uselessRules = []uselessRule{
	// --wide only widens terminal tables.
	{"", "wide", func(c *cobra.Command, a *App) bool { return a.Format == report.FormatTable }, "flag.why.wide"},
	// diff --all lists every change in the table (JSON and CSV list them all).
	{"diff", "all", func(c *cobra.Command, a *App) bool { return a.Format == report.FormatTable }, "flag.why.all"},
	// --force replaces the files -o or --record writes.
	{"calibrate", "force", writesFile, "flag.why.force"},
	{"simulate", "force", writesFile, "flag.why.force"},
	{"scenarios", "force", writesFile, "flag.why.force"},
	{"sensitivity", "force", writesFile, "flag.why.force"},
	// simulate's --sims and --seed drive the Monte Carlo method only.
	{"simulate", "sims", func(c *cobra.Command, a *App) bool { return flagValue(c, "method") == "mc" }, "flag.why.mc"},
	{"simulate", "seed", func(c *cobra.Command, a *App) bool { return flagValue(c, "method") == "mc" }, "flag.why.mc"},
	// scenarios --simulate has no reserve projection.
	{"scenarios", "sims", func(c *cobra.Command, a *App) bool { return !changed(c, "simulate") }, "flag.why.no_projection"},
	{"scenarios", "seed", func(c *cobra.Command, a *App) bool { return !changed(c, "simulate") }, "flag.why.no_projection"},
	// fitdist reads a sheet only of an .xlsx file.
	{"fitdist", "sheet", func(c *cobra.Command, a *App) bool {
		return strings.HasSuffix(strings.ToLower(flagValue(c, "data")), ".xlsx")
	}, "flag.why.sheet"},
	// template and example write a workbook and say so; nothing is formatted.
	{"template", "format", func(c *cobra.Command, a *App) bool { return false }, "flag.why.no_output"},
	{"example", "format", func(c *cobra.Command, a *App) bool { return false }, "flag.why.no_output"},
}

func writesFile(c *cobra.Command, a *App) bool { return changed(c, "output") || changed(c, "record") }

// checkUseless applies uselessRules to the command about to run.
func checkUseless(c *cobra.Command, a *App) error {
	for _, r := range uselessRules {
		if r.cmd != "" && r.cmd != c.Name() {
			continue
		}
		if !changed(c, r.flag) {
			continue
		}
		if r.needs(c, a) {
			continue
		}
		return action.Invalid("err.flag_useless", "--"+r.flag, i18n.N(r.why))
	}
	return nil
}
