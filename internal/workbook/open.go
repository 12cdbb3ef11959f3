package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"github.com/huzhu-fund/huzhu/internal/i18n"
)

// Limits bound what the reader accepts, so that a zip bomb or an absurd file is
// refused with a clear message instead of exhausting memory.
type Limits struct {
	MaxFileBytes  int64 // size of the .xlsx file itself
	MaxUnzipBytes int64 // total size of its parts once unzipped (checked before reading)
	MaxRatio      int64 // largest unzipped/zipped ratio of a part above 10 MB
	MaxRows       int   // rows of one sheet
	// MaxStringBytes bounds the text of the shared strings (0: the default).
	MaxStringBytes int64
	// Peek reads the file without recording it as an input of the run
	// (to look at a file an output would replace).
	Peek bool
}

// DefaultLimits are generous for a city association (a few million claim rows)
// and far below what would hurt the machine.
var DefaultLimits = Limits{
	MaxFileBytes:  512 << 20,
	MaxUnzipBytes: 2 << 30,
	MaxRatio:      1000,
	MaxRows:       5_000_000,
	// Two distinct ids of 30 characters on each of 5 million rows take
	// 300 MB.
	MaxStringBytes: 512 << 20,
}

// FileError is a problem with the file as a whole (not found, not an .xlsx,
// too large): the user's to fix, reported before any cell is read. Text is
// a message of the catalogue (keys "wb.file.*").
type FileError struct {
	Path string
	Text i18n.Note
	Err  error
}

// Error is the error in English.
func (e *FileError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Path, e.Text.In(i18n.En), e.Err)
	}
	return e.Path + ": " + e.Text.In(i18n.En)
}

func (e *FileError) Unwrap() error { return e.Err }

// In is the error in l (an i18n.Localized error). In Chinese a missing file
// or a refused permission is said in Chinese; another underlying error
// follows as it is (it names a part of the file).
func (e *FileError) In(l i18n.Lang) string {
	if l == i18n.En {
		return e.Error()
	}
	msg := e.Path + "：" + e.Text.In(l)
	switch {
	case e.Err == nil:
		return msg
	case errors.Is(e.Err, fs.ErrNotExist):
		return msg + "（" + l.T("wb.file.not_exist") + "）"
	case errors.Is(e.Err, fs.ErrPermission):
		return msg + "（" + l.T("wb.file.permission") + "）"
	}
	return fmt.Sprintf("%s（%v）", msg, e.Err)
}

func fileErr(path string, err error, msg string, args ...any) *FileError {
	return &FileError{Path: path, Text: i18n.N(msg, args...), Err: err}
}

// openZip opens path as a zip archive after the size checks of lim.
func openZip(p string, lim Limits) (*os.File, *zip.Reader, error) {
	fh, err := os.Open(p)
	if err != nil {
		return nil, nil, fileErr(p, err, "wb.file.open")
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, nil, fileErr(p, err, "wb.file.open")
	}
	if st.IsDir() {
		fh.Close()
		return nil, nil, fileErr(p, nil, "wb.file.dir")
	}
	if st.Size() > lim.MaxFileBytes {
		fh.Close()
		return nil, nil, fileErr(p, nil, "wb.file.too_big", st.Size()>>20, lim.MaxFileBytes>>20)
	}
	zr, err := zip.NewReader(fh, st.Size())
	if err != nil {
		msg := notXLSX(fh)
		fh.Close()
		return nil, nil, fileErr(p, nil, msg)
	}
	var total int64
	for _, zf := range zr.File {
		u := int64(zf.UncompressedSize64)
		if u < 0 {
			u = 1 << 62
		}
		total += u
		if u > 10<<20 && zf.CompressedSize64 > 0 && u/int64(zf.CompressedSize64) > lim.MaxRatio {
			fh.Close()
			return nil, nil, fileErr(p, nil, "wb.file.zip_bomb", zf.Name, u>>20, zf.CompressedSize64>>10, lim.MaxRatio)
		}
	}
	if total > lim.MaxUnzipBytes {
		fh.Close()
		return nil, nil, fileErr(p, nil, "wb.file.unzip_too_big", total>>20, lim.MaxUnzipBytes>>20)
	}
	if findZip(zr, "xl/workbook.xml") == nil {
		fh.Close()
		return nil, nil, fileErr(p, nil, "wb.file.no_workbook")
	}
	return fh, zr, nil
}

// notXLSX explains why a file is not a zip: an old .xls, an encrypted
// workbook, a CSV (a message key of the catalogue).
func notXLSX(r io.ReaderAt) string {
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "wb.file.xls"
	case n == 0:
		return "wb.file.empty"
	default:
		return "wb.file.not_xlsx"
	}
}

func findZip(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// protectInput records path as an input of this run: an output may not
// replace it (atomicfile refuses, even with --force).
func protectInput(path string) { atomicfile.ProtectInput(path) }

// IsFileError reports whether err is a problem with the workbook file as a whole.
func IsFileError(err error) bool {
	var fe *FileError
	return errors.As(err, &fe)
}
