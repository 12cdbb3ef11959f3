package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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

func put(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// An input of the run is never replaced, under any name, even with force.
func TestWriteRefusesAnInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "book.xlsx")
	os.WriteFile(in, []byte("input"), 0o644)
	ProtectInput(in)
	link := filepath.Join(dir, "link.xlsx")
	os.Symlink(in, link)
	hard := filepath.Join(dir, "hard.xlsx")
	os.Link(in, hard)
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)
	for _, p := range []string{in, link, hard, "book.xlsx", "./sub/../book.xlsx"} {
		os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
		if err := Write(p, true, put("out")); !errors.Is(err, ErrIsInput) {
			t.Errorf("%s: got %v, want ErrIsInput", p, err)
		}
	}
	if b, _ := os.ReadFile(in); string(b) != "input" {
		t.Fatalf("the input changed: %q", b)
	}
}

// A dangling symbolic link is there: replacing it needs force.
func TestWriteDanglingLink(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.xlsx")
	os.Symlink(filepath.Join(dir, "nowhere"), p)
	if err := Write(p, false, put("x")); !errors.Is(err, ErrExists) {
		t.Fatalf("got %v, want ErrExists", err)
	}
	if err := Write(p, true, put("x")); err != nil {
		t.Fatal(err)
	}
}

// The refusals that no --force overrides, each with its sentinel and a
// message naming what to fix.
func TestWriteRefusals(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "~$open.xlsx"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "open.xlsx"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, ".~lock.calc.xlsx#"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "~$ng-name.xlsx"), nil, 0o644) // Excel's lock of a long name drops two characters
	os.Mkdir(filepath.Join(dir, "adir"), 0o755)
	for _, tc := range []struct {
		path string
		want error
		msg  string
	}{
		{filepath.Join(dir, "open.xlsx"), ErrLocked, "~$open.xlsx"},
		{filepath.Join(dir, "calc.xlsx"), ErrLocked, ".~lock.calc.xlsx#"},
		{filepath.Join(dir, "long-name.xlsx"), ErrLocked, "~$ng-name.xlsx"},
		{filepath.Join(dir, "adir"), ErrIsDir, "adir"},
		{filepath.Join(dir, "missing", "out.xlsx"), ErrNoDir, filepath.Join(dir, "missing")},
		{filepath.Join(dir, strings.Repeat("n", 300)+".xlsx"), ErrNameTooLong, "305 bytes"},
	} {
		err := Write(tc.path, true, put("x"))
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%.60s: got %v, want %v naming %s", filepath.Base(tc.path), err, tc.want, tc.msg)
		}
	}
	if err := Write(filepath.Join(dir, "missing", "out.xlsx"), true, put("x")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing directory is also fs.ErrNotExist: %v", err)
	}
	// A name just under the limit works: the temporary file's name is short.
	long := filepath.Join(dir, strings.Repeat("n", 250)+".xlsx")
	if err := Write(long, false, put("x")); err != nil {
		t.Errorf("a 255-byte name: %v", err)
	}
}

// SIGTERM (or SIGINT) during the write leaves no temporary file: the
// writer runs in a child process that is signalled while it writes.
func TestWriteSignalLeavesNoTemp(t *testing.T) {
	if dir := os.Getenv("ATOMICFILE_CHILD_DIR"); dir != "" {
		Write(filepath.Join(dir, "out.xlsx"), false, func(w io.Writer) error {
			io.WriteString(w, "partial")
			os.WriteFile(filepath.Join(dir, "ready"), nil, 0o644)
			time.Sleep(time.Minute)
			return nil
		})
		os.Exit(0)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		dir := t.TempDir()
		cmd := exec.Command(os.Args[0], "-test.run", "^TestWriteSignalLeavesNoTemp$")
		cmd.Env = append(os.Environ(), "ATOMICFILE_CHILD_DIR="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(20 * time.Second)
		for {
			if _, err := os.Stat(filepath.Join(dir, "ready")); err == nil {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatal("the child did not start writing")
			}
			time.Sleep(10 * time.Millisecond)
		}
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != sig {
			t.Errorf("%v: the child ended with %v, want killed by the signal", sig, err)
		}
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if e.Name() != "ready" {
				t.Errorf("%v: left %s", sig, e.Name())
			}
		}
	}
}

// Every refusal is also ErrRefused, for one check in the caller; a failure
// of the writer is not.
func TestRefusedSentinel(t *testing.T) {
	for _, e := range []error{ErrExists, ErrIsInput, ErrIsDir, ErrNoDir, ErrLocked, ErrNameTooLong} {
		if !errors.Is(e, ErrRefused) || !errors.Is(fmt.Errorf("x: %w", e), e) {
			t.Errorf("%v is not ErrRefused", e)
		}
	}
	if errors.Is(ErrExists, ErrIsDir) {
		t.Error("ErrExists is ErrIsDir")
	}
	err := Write(filepath.Join(t.TempDir(), "o"), false, func(io.Writer) error { return errors.New("disk full") })
	if err == nil || errors.Is(err, ErrRefused) {
		t.Errorf("a writer's failure: %v", err)
	}
}
