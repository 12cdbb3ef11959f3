package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/spf13/cobra"
)

type exampleOptions struct {
	Output   string
	Force    bool
	Members  int
	Years    int
	LastYear int
	Seed     uint64
	Zhejiang bool
	Truth    string
}

func newExampleCmd(app *App, runF func(*exampleOptions) error) *cobra.Command {
	opts := &exampleOptions{}
	cmd := &cobra.Command{
		Use:   "example",
		Short: "生成示例工作簿 / Generate a realistic example workbook",
		Long: `按文档化的假设（见 docs/example.md）生成一个中等城市互助会的示例工作簿：七个计划、数年历史、
参保、给付明细和基金参数。同一参数和种子总是生成同样的数据；--truth 另存生成时使用的真实参数（JSON），
便于检验拟合和测算。--zhejiang 生成根据 2014 年浙江省公开数据制作的汇总工作簿。

Generate the example workbook of a mid-size city association from documented assumptions
(docs/example.md): all seven plans, several years of enrolment and claims, and a Fund sheet.
The same options and seed always give the same book; --truth writes the true parameters used (JSON)
so that fits and calibrations can be checked against them. --zhejiang writes the summary-only book
built from the real 2014 Zhejiang table instead.`,
		Example: `  huzhu example -o examples/example.xlsx
  huzhu example -o big.xlsx --members 1000000 --years 3 --seed 7 --truth big-truth.json
  huzhu example --zhejiang -o examples/zhejiang-2014.xlsx`,
		GroupID: groupData,
		Args:    exactArgs(0, "none; the file is given with -o"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runExample(app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "example.xlsx", "workbook to write (.xlsx)")
	f.BoolVar(&opts.Force, "force", false, "replace the output files if they exist")
	f.IntVar(&opts.Members, "members", 300000, "members of the association")
	f.IntVar(&opts.Years, "years", 3, "years of history")
	f.IntVar(&opts.LastYear, "last-year", 2025, "last data year (the book prices the year after)")
	f.Uint64Var(&opts.Seed, "seed", 1, "random seed")
	f.BoolVar(&opts.Zhejiang, "zhejiang", false, "write the summary-only book of the real 2014 Zhejiang table")
	f.StringVar(&opts.Truth, "truth", "", "also write the true parameters used, as JSON, to this file")
	return cmd
}

func runExample(app *App, opts *exampleOptions) error {
	if err := checkXLSXPath(opts.Output); err != nil {
		return err
	}
	var book *workbook.Book
	var truth any
	if opts.Zhejiang {
		book = example.Zhejiang2014()
	} else {
		if opts.Members < 100 || opts.Members > 50_000_000 {
			return inputErrorf("--members %d: expected 100 to 50,000,000", opts.Members)
		}
		if opts.Years < 1 || opts.Years > 20 {
			return inputErrorf("--years %d: expected 1 to 20", opts.Years)
		}
		if opts.LastYear < 2000 || opts.LastYear > 2100 {
			return inputErrorf("--last-year %d: expected 2000 to 2100", opts.LastYear)
		}
		b, tr, err := example.Generate(example.Config{Members: opts.Members, Years: opts.Years, LastYear: opts.LastYear, Seed: opts.Seed})
		if err != nil {
			return err
		}
		book, truth = b, tr
	}
	if err := workbook.Save(opts.Output, book, opts.Force); err != nil {
		return outputError(err)
	}
	if opts.Truth != "" && truth != nil {
		err := atomicfile.Write(opts.Truth, opts.Force, func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(truth)
		})
		if err != nil {
			return outputError(err)
		}
	}
	seedZh, seedEn := fmt.Sprintf("（种子 %d）", opts.Seed), fmt.Sprintf(" (seed %d)", opts.Seed)
	if opts.Zhejiang {
		seedZh, seedEn = "（2014 年浙江公开数据）", " (published 2014 Zhejiang table)"
	}
	fmt.Fprintln(app.IO.ErrOut, app.T(
		fmt.Sprintf("已生成 %s：%d 个计划，%d 行参保，%d 笔给付，%d 行汇总%s", opts.Output, len(book.Plans), len(book.Enrolment), len(book.Claims), len(book.Summary), seedZh),
		fmt.Sprintf("wrote %s: %d plans, %d enrolment rows, %d claims, %d summary rows%s", opts.Output, len(book.Plans), len(book.Enrolment), len(book.Claims), len(book.Summary), seedEn)))
	return nil
}
