package main

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/atomicfile"
)

// checkXLSXPath refuses an output name that Excel would not open as a workbook.
func checkXLSXPath(p string) error {
	if !strings.EqualFold(filepath.Ext(p), ".xlsx") {
		return inputErrorf("%s: the output must be an .xlsx file", p)
	}
	return nil
}

// outputError classifies an error from writing an output file: an existing file
// without --force, or a directory that does not exist, is the user's to fix.
func outputError(err error) error {
	if errors.Is(err, atomicfile.ErrExists) || errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return inputError(err)
	}
	return fmt.Errorf("writing the output: %w", err)
}
