// Package atomicfile writes output files atomically: to a temporary file in the
// same directory, then renamed over the target, so a reader never sees half a
// file and a failed run leaves no debris. It refuses to replace an existing file
// unless asked to.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ErrExists is returned (wrapped) when the target exists and force is false.
var ErrExists = errors.New("file exists")

// Write creates path with the bytes write produces. With force false an existing
// path is an error wrapping ErrExists, and nothing is written.
func Write(path string, force bool, write func(w io.Writer) error) (err error) {
	if !force {
		if _, err := os.Stat(path); err == nil {
			return fmt.Errorf("%s: %w (use --force to replace it)", path, ErrExists)
		}
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
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
	if !force {
		// Re-check just before the rename: another process may have made it.
		if _, serr := os.Stat(path); serr == nil {
			err = fmt.Errorf("%s: %w (use --force to replace it)", path, ErrExists)
			return err
		}
	}
	return os.Rename(tmp.Name(), path)
}
