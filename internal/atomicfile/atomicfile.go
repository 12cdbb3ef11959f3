// Package atomicfile writes output files atomically: to a temporary file in the
// same directory, then renamed over the target, so a reader never sees half a
// file and a failed or interrupted run leaves no debris. It refuses to replace
// an existing file unless asked to, and never replaces an input of the run, a
// directory, or a file another program (Excel, WPS, LibreOffice) has open.
//
// Every refusal wraps one of the sentinel errors below (errors.Is): all of
// them are the user's to fix (exit code 2).
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"unicode/utf8"
)

// ErrRefused is wrapped by every refusal below: errors.Is(err, ErrRefused)
// tells an output the user must change (exit code 2) from a failure to write.
var ErrRefused = errors.New("output refused")

// refusal is a sentinel that is also ErrRefused.
type refusal string

func (r refusal) Error() string        { return string(r) }
func (r refusal) Is(target error) bool { return target == ErrRefused }

// The errors a refusal wraps.
var (
	// ErrExists: the target exists (a file, or a symbolic link, even a
	// dangling one) and force is false.
	ErrExists error = refusal("file exists")
	// ErrIsInput: the target is a file this run reads (ProtectInput),
	// refused even with force: inputs are never modified.
	ErrIsInput error = refusal("the output is an input of this run")
	// ErrIsDir: the target is a directory.
	ErrIsDir error = refusal("the output is a directory")
	// ErrNoDir: the target's directory does not exist (also wraps
	// fs.ErrNotExist).
	ErrNoDir error = refusal("the output's directory does not exist")
	// ErrLocked: an office program has the target open (its lock file is
	// beside it), refused even with force.
	ErrLocked error = refusal("the output is open in another program")
	// ErrNameTooLong: the file name is longer than the file system allows.
	ErrNameTooLong error = refusal("the output's file name is too long")
)

// maxName is the longest file name (bytes) most file systems accept.
const maxName = 255

var inputs struct {
	sync.Mutex
	paths []string // absolute
}

// ProtectInput records path as an input of this run: Write refuses to
// replace it, with or without force, under any name that reaches the same
// file (a relative path, a symbolic or hard link).
func ProtectInput(path string) {
	if _, err := os.Stat(path); err != nil {
		return
	}
	abs, _ := filepath.Abs(path)
	inputs.Lock()
	defer inputs.Unlock()
	for _, p := range inputs.paths {
		if p == abs {
			return
		}
	}
	inputs.paths = append(inputs.paths, abs)
}

// isInput returns the protected input that fi is ("" if none).
func isInput(fi os.FileInfo) string {
	inputs.Lock()
	defer inputs.Unlock()
	for _, p := range inputs.paths {
		// Stat again: a removed input's inode may since name another file.
		if g, err := os.Stat(p); err == nil && os.SameFile(g, fi) {
			return p
		}
	}
	return ""
}

// Check reports whether path may be written (with force to replace an
// existing file), without writing: the same refusals as Write.
func Check(path string, force bool) error {
	base := filepath.Base(path)
	if len(base) > maxName {
		return fmt.Errorf("%s…: %w (%d bytes; at most %d)", clipName(base), ErrNameTooLong, len(base), maxName)
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: %w: %s (%w)", path, ErrNoDir, dir, fs.ErrNotExist)
		}
		return fmt.Errorf("%s: %w", path, err)
	} else if !st.IsDir() {
		return fmt.Errorf("%s: %w: %s is not a directory (%w)", path, ErrNoDir, dir, fs.ErrNotExist)
	}
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return fmt.Errorf("%s: %w; give a file name", path, ErrIsDir)
		}
		if in := isInput(fi); in != "" {
			return fmt.Errorf("%s: %w (%s); write the output to another file", path, ErrIsInput, in)
		}
	}
	if lock := lockFile(path); lock != "" {
		return fmt.Errorf("%s: %w (its lock file %s is there); close it in Excel, WPS or LibreOffice first, or delete the lock file if no program has it open", path, ErrLocked, filepath.Base(lock))
	}
	if !force {
		// Lstat: a symbolic link is there even when it points nowhere.
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s: %w (use --force to replace it)", path, ErrExists)
		}
	}
	return nil
}

// lockFile returns the lock file an office program keeps beside path while
// it has it open: Excel's and WPS's `~$NAME` (for long names Excel drops the
// first two characters), LibreOffice's `.~lock.NAME#`.
func lockFile(path string) string {
	dir, base := filepath.Dir(path), filepath.Base(path)
	cands := []string{"~$" + base, ".~lock." + base + "#"}
	if r := []rune(base); len(r) > 2 {
		cands = append(cands, "~$"+string(r[2:]))
	}
	for _, c := range cands {
		if _, err := os.Lstat(filepath.Join(dir, c)); err == nil {
			return filepath.Join(dir, c)
		}
	}
	return ""
}

func clipName(s string) string {
	n := 0
	for i := range s {
		if n == 40 {
			return s[:i]
		}
		n++
	}
	return s
}

// Write creates path with the bytes write produces. With force false an existing
// path is an error wrapping ErrExists, and nothing is written; the other
// refusals of Check apply with or without force. SIGINT or SIGTERM during the
// write removes the temporary file before the process ends.
func Write(path string, force bool, write func(w io.Writer) error) (err error) {
	if err := Check(path, force); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	// The temporary name is short, so that a long target name still fits.
	prefix := "." + clipName(filepath.Base(path))
	if !utf8.ValidString(prefix) {
		prefix = ".huzhu"
	}
	tmp, err := os.CreateTemp(dir, prefix+".tmp-*")
	if err != nil {
		return err
	}
	stop := cleanOnSignal(tmp.Name())
	defer stop()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	// Re-check just before the rename: another process may have made the
	// file, or opened it.
	if err = Check(path, force); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// temps are the temporary files being written, removed on a signal.
var temps struct {
	sync.Mutex
	names map[string]bool
	ch    chan os.Signal
}

// cleanOnSignal registers a temporary file to be removed if the process
// is interrupted (SIGINT, SIGTERM) while it exists; the returned function
// unregisters it. On the signal the files are removed and the signal is
// delivered again with its default action, so the process ends as it would
// have.
func cleanOnSignal(name string) func() {
	temps.Lock()
	defer temps.Unlock()
	if temps.names == nil {
		temps.names = map[string]bool{}
	}
	temps.names[name] = true
	if temps.ch == nil {
		ch := make(chan os.Signal, 1)
		temps.ch = ch
		signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
		go func() {
			sig, ok := <-ch
			if !ok {
				return
			}
			temps.Lock()
			for n := range temps.names {
				os.Remove(n)
			}
			temps.names = nil
			temps.Unlock()
			signal.Reset(sig)
			if p, err := os.FindProcess(os.Getpid()); err == nil {
				p.Signal(sig)
			}
		}()
	}
	return func() {
		temps.Lock()
		defer temps.Unlock()
		delete(temps.names, name)
		if len(temps.names) == 0 && temps.ch != nil {
			signal.Stop(temps.ch)
			close(temps.ch)
			temps.ch = nil
		}
	}
}
