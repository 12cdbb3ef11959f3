package action

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/workbook"
)

// CheckXLSXPath refuses an output name that Excel would not open as a workbook.
func CheckXLSXPath(p string) error {
	if !strings.EqualFold(filepath.Ext(p), ".xlsx") {
		return Invalid("err.xlsx", p)
	}
	return nil
}

// OutputError says what failed in writing an output file. An existing file
// without --force, a directory that does not exist or a file that may not be
// written is the user's to fix (those errors are returned as they are and
// classified by their kind).
func OutputError(err error) error {
	if err == nil || errors.Is(err, atomicfile.ErrExists) || errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return err
	}
	return fmt.Errorf("writing the output: %w", err)
}

// TemplateOptions are template's options.
type TemplateOptions struct {
	Output string
	Force  bool // replace an existing file
	En     bool // the English template (--lang en): English sheet names, headers, texts and drop-downs
}

// Template writes a blank input workbook. Even with Force it does not
// replace a workbook that holds enrolment or claims: that is someone's
// input, and a blank template over it would lose the data.
func Template(o TemplateOptions) error {
	if err := CheckXLSXPath(o.Output); err != nil {
		return err
	}
	if o.Force {
		if fi, err := os.Stat(o.Output); err == nil && fi.Mode().IsRegular() {
			lim := workbook.DefaultLimits
			lim.Peek = true
			if b, _, err := workbook.ReadWithLimits(o.Output, lim); err == nil && len(b.Enrolment)+len(b.Claims) > 0 {
				return Invalid("err.template_filled", o.Output, len(b.Enrolment), len(b.Claims))
			}
		}
	}
	return OutputError(atomicfile.Write(o.Output, o.Force, func(w io.Writer) error { return workbook.TemplateIn(w, o.En) }))
}

// ExampleOptions are example's options.
type ExampleOptions struct {
	Output   string
	Force    bool
	Members  int
	Years    int
	LastYear int
	Seed     uint64
	Zhejiang bool   // the summary-only book of the published 2014 Zhejiang table
	Truth    string // also write the true parameters, as JSON, here
	// Preset names a city's book (example.Presets: weihai); Members 0
	// then takes the preset's size.
	Preset string
}

// ExampleResult is what example wrote.
type ExampleResult struct {
	Output                                string
	Plans, Enrolment, Claims, SummaryRows int
	Seed                                  uint64
	Zhejiang                              bool
	Preset                                string
}

// Example generates a realistic example workbook (and its true parameters).
func Example(o ExampleOptions) (*ExampleResult, error) {
	if err := CheckXLSXPath(o.Output); err != nil {
		return nil, err
	}
	var book *workbook.Book
	var truth any
	if o.Preset != "" && !slices.Contains(example.Presets(), o.Preset) {
		return nil, Invalid("err.preset", o.Preset, strings.Join(example.Presets(), ", "))
	}
	if o.Zhejiang && o.Preset != "" {
		return nil, Invalid("err.preset_zhejiang")
	}
	if o.Zhejiang {
		book = example.Zhejiang2014()
	} else {
		if o.Members == 0 && o.Preset != "" {
			o.Members = example.PresetMembers(o.Preset)
		}
		if o.Members < 100 || o.Members > 50_000_000 {
			return nil, Invalid("err.members", o.Members)
		}
		if o.Years < 1 || o.Years > 20 {
			return nil, Invalid("err.years", o.Years)
		}
		if o.LastYear < 2000 || o.LastYear > 2099 { // the generator's range (example.Config)
			return nil, Invalid("err.last_year", o.LastYear)
		}
		if first := o.LastYear - o.Years + 1; first < 1990 {
			return nil, Invalid("err.first_year", o.Years, o.LastYear, first)
		}
		b, tr, err := example.Generate(example.Config{Members: o.Members, Years: o.Years, LastYear: o.LastYear, Seed: o.Seed, Preset: o.Preset})
		if err != nil {
			return nil, err
		}
		book, truth = b, tr
	}
	if err := workbook.Save(o.Output, book, o.Force); err != nil {
		return nil, OutputError(err)
	}
	if o.Truth != "" && truth != nil {
		err := atomicfile.Write(o.Truth, o.Force, func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(truth)
		})
		if err != nil {
			return nil, OutputError(err)
		}
	}
	return &ExampleResult{Output: o.Output, Plans: len(book.Plans), Enrolment: len(book.Enrolment), Claims: len(book.Claims),
		SummaryRows: len(book.Summary), Seed: o.Seed, Zhejiang: o.Zhejiang, Preset: o.Preset}, nil
}
