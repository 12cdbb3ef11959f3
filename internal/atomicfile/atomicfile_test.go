package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteRefusesAndForces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	put := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := Write(p, false, put("one")); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, false, put("two")); !errors.Is(err, ErrExists) {
		t.Fatalf("second write without force: got %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "one" {
		t.Fatalf("file changed without force: %q", b)
	}
	if err := Write(p, true, put("three")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "three" {
		t.Fatalf("forced write: got %q", b)
	}
	// A failing writer leaves the old file and no temporary file.
	if err := Write(p, true, func(io.Writer) error { return errors.New("boom") }); err == nil {
		t.Fatal("want the writer's error")
	}
	if b, _ := os.ReadFile(p); string(b) != "three" {
		t.Fatalf("failed write changed the file: %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("temporary files left: %v", ents)
	}
}
