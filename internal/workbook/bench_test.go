package workbook_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/workbook"
)

// BenchmarkRead1MClaims reads a generated book of about a million claim rows
// (7,300,000 members, three years: the example association at 24 times its
// size). The book is generated and saved once, outside the timed loop; set
// HUZHU_BENCH_BOOK to an existing workbook to read that one instead (so that
// `/usr/bin/time -v` measures the read alone). Besides the time it reports
// the claim rows, the file size and, on Linux, the peak resident memory of
// the reads (VmHWM after resetting it through /proc/self/clear_refs).
//
//	go test ./internal/workbook -run '^$' -bench Read1MClaims -benchtime 1x
//
// Targets on a 2-core machine: under 20 s and 1.5 GB.
func BenchmarkRead1MClaims(b *testing.B) {
	if testing.Short() {
		b.Skip("generates a book of a million claims")
	}
	path := os.Getenv("HUZHU_BENCH_BOOK")
	if path == "" {
		book, _, err := example.Generate(example.Config{Members: 7_300_000})
		if err != nil {
			b.Fatal(err)
		}
		path = filepath.Join(b.TempDir(), "big.xlsx")
		if err := workbook.Save(path, book, false); err != nil {
			b.Fatal(err)
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()
	claims := 0
	b.ResetTimer()
	for b.Loop() {
		book, probs, err := workbook.Read(path)
		if err != nil {
			b.Fatal(err)
		}
		if probs.HasErrors() {
			b.Fatalf("the generated book has errors:\n%v", probs)
		}
		claims = len(book.Claims)
	}
	b.StopTimer()
	b.ReportMetric(float64(claims), "claims")
	b.ReportMetric(float64(st.Size())/(1<<20), "file-MB")
	if kb := peakRSSKB(); kb > 0 {
		b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
	}
}

// resetPeakRSS resets the process's resident-memory high-water mark (Linux
// 4.0 and later; elsewhere nothing happens).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSSKB is the process's resident-memory high-water mark in KB (0 when
// unknown).
func peakRSSKB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range bytes.Lines(b) {
		if v, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			n, _ := strconv.ParseInt(string(bytes.TrimSuffix(bytes.TrimSpace(v), []byte(" kB"))), 10, 64)
			return n
		}
	}
	return 0
}
