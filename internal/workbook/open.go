package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"io"
	"os"
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
// too large): the user's to fix, reported before any cell is read.
type FileError struct {
	Path  string
	Msg   string // in English
	MsgZh string // in Chinese
	Err   error
}

func (e *FileError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Path, e.Msg, e.Err)
	}
	return e.Path + ": " + e.Msg
}

func (e *FileError) Unwrap() error { return e.Err }

// Message is the error in Chinese ("zh") or English; the underlying error,
// if any, follows in English (it names a part of the file or a system error).
func (e *FileError) Message(lang string) string {
	if lang != "zh" || e.MsgZh == "" {
		return e.Error()
	}
	if e.Err != nil {
		return fmt.Sprintf("%s：%s（%v）", e.Path, e.MsgZh, e.Err)
	}
	return e.Path + "：" + e.MsgZh
}

func fileErr(path string, err error, en, zh string) *FileError {
	return &FileError{Path: path, Msg: en, MsgZh: zh, Err: err}
}

// openZip opens path as a zip archive after the size checks of lim.
func openZip(p string, lim Limits) (*os.File, *zip.Reader, error) {
	fh, err := os.Open(p)
	if err != nil {
		return nil, nil, fileErr(p, err, "cannot open the workbook", "无法打开工作簿")
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, nil, fileErr(p, err, "cannot open the workbook", "无法打开工作簿")
	}
	if st.IsDir() {
		fh.Close()
		return nil, nil, fileErr(p, nil, "is a directory, not a workbook", "是目录，不是工作簿")
	}
	if st.Size() > lim.MaxFileBytes {
		fh.Close()
		return nil, nil, fileErr(p, nil, fmt.Sprintf("the file is %d MB, more than the %d MB a workbook may have", st.Size()>>20, lim.MaxFileBytes>>20),
			fmt.Sprintf("文件有 %d MB，超过工作簿上限 %d MB", st.Size()>>20, lim.MaxFileBytes>>20))
	}
	zr, err := zip.NewReader(fh, st.Size())
	if err != nil {
		en, zh := notXLSX(fh)
		fh.Close()
		return nil, nil, fileErr(p, nil, en, zh)
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
			return nil, nil, fileErr(p, nil, fmt.Sprintf("part %s unzips to %d MB from %d KB (ratio over %d): refused as a possible zip bomb",
				zf.Name, u>>20, zf.CompressedSize64>>10, lim.MaxRatio),
				fmt.Sprintf("部件 %s 由 %d KB 解压为 %d MB（压缩比超过 %d）：疑为压缩炸弹，拒绝读取", zf.Name, zf.CompressedSize64>>10, u>>20, lim.MaxRatio))
		}
	}
	if total > lim.MaxUnzipBytes {
		fh.Close()
		return nil, nil, fileErr(p, nil, fmt.Sprintf("the workbook unzips to %d MB, more than the limit of %d MB: refused as too large or a zip bomb", total>>20, lim.MaxUnzipBytes>>20),
			fmt.Sprintf("工作簿解压后 %d MB，超过上限 %d MB：过大或疑为压缩炸弹，拒绝读取", total>>20, lim.MaxUnzipBytes>>20))
	}
	if findZip(zr, "xl/workbook.xml") == nil {
		fh.Close()
		return nil, nil, fileErr(p, nil, "is a zip file but not an Excel workbook (no xl/workbook.xml); save it as .xlsx",
			"是 zip 文件但不是 Excel 工作簿（没有 xl/workbook.xml）；请另存为 .xlsx")
	}
	return fh, zr, nil
}

// notXLSX explains why a file is not a zip: an old .xls, an encrypted workbook, a CSV.
func notXLSX(r io.ReaderAt) (en, zh string) {
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "is an old .xls workbook or a password-protected one; open it in Excel or WPS and save it as .xlsx without a password",
			"是旧版 .xls 工作簿或有密码保护；请在 Excel 或 WPS 中打开并另存为不带密码的 .xlsx"
	case n == 0:
		return "is empty, not an .xlsx workbook", "是空文件，不是 .xlsx 工作簿"
	default:
		return "is not an .xlsx workbook (a CSV or damaged file?); open it in Excel or WPS and save it as .xlsx",
			"不是 .xlsx 工作簿（CSV 或已损坏？）；请在 Excel 或 WPS 中打开并另存为 .xlsx"
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
