// Package xlsxstream reads the parts of an .xlsx file that a data workbook
// needs, streaming, rather than through excelize: a workbook of a million
// rows is read several times faster and in a fraction of the memory
// (encoding/xml allocates per token). Only what the format needs is decoded:
// the sheet list, the 1904 date system, the shared strings, and per cell its
// reference, type, cached value or inline string, and whether it holds a
// formula without a cached value. Cell values are excelize's raw values
// (RawCellValue): numbers as stored, strings resolved.
//
// Every part is read to its end, so that the zip layer checks its CRC-32: a
// damaged part is an error naming it (*CorruptError), never data read short.
// Every text (a tag, a cell's or a shared string's text) is bounded by
// MaxText, and the shared strings as a whole by the limit the caller gives.
package xlsxstream

import "errors"

// ErrTooLarge is wrapped by the errors of a text or a table beyond the
// limits: the file is refused as too large (or a zip bomb), not as damaged.
var ErrTooLarge = errors.New("beyond the reader's limits")

// MaxText bounds one tag or text run (Excel's cell text is at most 32,767
// characters).
const MaxText = 4 << 20

// Excel's sheet size.
const (
	MaxCols = 16384
	MaxRows = 1048576
)
