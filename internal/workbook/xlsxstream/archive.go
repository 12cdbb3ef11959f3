package xlsxstream

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"sync"
)

// CorruptError is a part of the archive that cannot be read as stored: its
// data fails the zip checksum or does not decompress.
type CorruptError struct {
	Part string
	Err  error
}

func (e *CorruptError) Error() string {
	if errors.Is(e.Err, zip.ErrChecksum) {
		return fmt.Sprintf("part %s is damaged (its checksum does not match)", e.Part)
	}
	return fmt.Sprintf("part %s is damaged: %v", e.Part, e.Err)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// Archive is a zip archive whose parts are checked as they are read: a part
// is read to its end when closed, so its CRC-32 is verified even when the
// reader stopped early. VerifyRest checks the parts never opened.
type Archive struct {
	Zip      *zip.Reader
	mu       sync.Mutex
	verified map[string]bool
}

// NewArchive wraps zr.
func NewArchive(zr *zip.Reader) *Archive {
	return &Archive{Zip: zr, verified: map[string]bool{}}
}

// Find returns the part name (nil if absent).
func (a *Archive) Find(name string) *zip.File {
	for _, f := range a.Zip.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Open opens part name; nil, nil when it is absent. Its Close reads the rest
// of the part and returns a *CorruptError if the data is damaged.
func (a *Archive) Open(name string) (io.ReadCloser, error) {
	zf := a.Find(name)
	if zf == nil {
		return nil, nil
	}
	return a.open(zf)
}

func (a *Archive) open(zf *zip.File) (*part, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, &CorruptError{Part: zf.Name, Err: err}
	}
	return &part{a: a, name: zf.Name, rc: rc}, nil
}

type part struct {
	a    *Archive
	name string
	rc   io.ReadCloser
	err  error
}

func (p *part) Read(b []byte) (int, error) {
	n, err := p.rc.Read(b)
	if err != nil && err != io.EOF {
		p.err = err
		err = &CorruptError{Part: p.name, Err: err}
	}
	return n, err
}

// Close drains the part to its end (where the checksum is compared).
func (p *part) Close() error {
	err := p.err
	if err == nil {
		_, err = io.Copy(io.Discard, p.rc)
	}
	p.rc.Close()
	if err != nil {
		return &CorruptError{Part: p.name, Err: err}
	}
	p.a.mu.Lock()
	p.a.verified[p.name] = true
	p.a.mu.Unlock()
	return nil
}

// Abort releases a part without reading the rest of it: for a part whose
// reading failed, so that the file is refused at once rather than after
// decompressing what may be gigabytes.
func Abort(rc io.Closer) {
	if p, ok := rc.(*part); ok {
		p.rc.Close()
		return
	}
	rc.Close()
}

// VerifyRest reads every part not yet read through Open to its end and
// returns the first damaged one as a *CorruptError.
func (a *Archive) VerifyRest() error {
	for _, zf := range a.Zip.File {
		a.mu.Lock()
		done := a.verified[zf.Name]
		a.mu.Unlock()
		if done || zf.FileInfo().IsDir() {
			continue
		}
		p, err := a.open(zf)
		if err != nil {
			return err
		}
		if err := p.Close(); err != nil {
			return err
		}
	}
	return nil
}
