package workbook

import "io"

// WriteSheetRows is Write with worksheets of at most sheetRows rows (header
// included), so that tests continue tables on numbered sheets without
// writing a million rows.
func WriteSheetRows(w io.Writer, b *Book, sheetRows int) error { return write(w, b, sheetRows) }
