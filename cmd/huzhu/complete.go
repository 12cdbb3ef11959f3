package main

import (
	"strings"

	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/spf13/cobra"
)

// Shell completion (huzhu completion bash|zsh|fish|powershell): the values of
// --fix, --lever, --vary (Fund keys and, read from the workbook argument when
// there is one, incidence.PLAN and severity.PLAN with the plan's name as the
// description), and .xlsx files for workbook arguments and flags.

// xlsxArgs completes a command's workbook argument (the first) with .xlsx files.
func xlsxArgs(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return []string{"xlsx"}, cobra.ShellCompDirectiveFilterFileExt
}

// xlsxFlag completes a flag that takes an .xlsx file.
func xlsxFlag(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return []string{"xlsx"}, cobra.ShellCompDirectiveFilterFileExt
}

// yamlFlag completes a flag that takes a scenario file.
func yamlFlag(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
}

// completeFiles registers the file completions of a command's flags that
// exist: .xlsx for output, terms and record (.json), .yaml for file.
func completeFiles(cmd *cobra.Command) {
	for name, f := range map[string]cobra.CompletionFunc{"output": xlsxFlag, "terms": xlsxFlag, "file": yamlFlag} {
		if cmd.Flags().Lookup(name) != nil {
			_ = cmd.RegisterFlagCompletionFunc(name, f)
		}
	}
	if cmd.Flags().Lookup("record") != nil {
		_ = cmd.RegisterFlagCompletionFunc("record", cobra.FixedCompletions([]string{"json"}, cobra.ShellCompDirectiveFilterFileExt))
	}
}

// fixValues are --fix's values with what each keeps.
var fixValues = []string{"contributions\tkeep contributions, solve a benefit term per plan", "terms\tkeep every term, solve the reserve draw only"}

// planCompletions are "PREFIX.KEY\tNAME" for every plan of the workbook
// argument (none when there is no readable workbook yet).
func planCompletions(args []string, prefix string) []string {
	if len(args) == 0 {
		return nil
	}
	// Completion reads the Plans sheet only to offer its keys; problems are
	// left to the command itself.
	b, _, err := workbook.Read(args[0])
	if err != nil || b == nil {
		return nil
	}
	var out []string
	for _, p := range b.Plans {
		s := prefix + p.Plan
		if p.Name != "" {
			s += "\t" + p.Name
		}
		out = append(out, s)
	}
	return out
}

// varyCompletions completes --vary's KEY= part: the Fund keys, enrolment,
// incidence and severity, each also per plan of the workbook argument.
func varyCompletions(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, k := range book.FundKeys {
		out = append(out, k.Key+"=\t"+k.DocEn)
	}
	out = append(out, "enrolment=\trelative change of the members", "incidence=\trelative change of every plan's incidence",
		"severity=\trelative change of every plan's cost level")
	for _, what := range []string{"incidence", "severity"} {
		for _, p := range planCompletions(args, what+".") {
			key, name, _ := strings.Cut(p, "\t")
			out = append(out, key+"=\t"+name)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// addCompletions registers every command's completions.
func addCompletions(root *cobra.Command) {
	for _, c := range root.Commands() {
		completeFiles(c)
		switch c.Name() {
		case "validate", "fit", "simulate", "calibrate", "scenarios", "sensitivity", "stress":
			c.ValidArgsFunction = xlsxArgs
		}
		switch c.Name() {
		case "verify", "diff":
			c.ValidArgsFunction = cobra.FixedCompletions([]string{"json"}, cobra.ShellCompDirectiveFilterFileExt)
		case "calibrate":
			_ = c.RegisterFlagCompletionFunc("fix", cobra.FixedCompletions(fixValues, cobra.ShellCompDirectiveNoFileComp))
			_ = c.RegisterFlagCompletionFunc("lever", cobra.FixedCompletions(calibrate.CapLevers, cobra.ShellCompDirectiveNoFileComp))
		case "sensitivity":
			_ = c.RegisterFlagCompletionFunc("vary", varyCompletions)
		}
	}
}
