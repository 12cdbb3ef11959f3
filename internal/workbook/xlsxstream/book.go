package xlsxstream

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Book is the part of xl/workbook.xml and its relationships a reader uses.
type Book struct {
	Sheets   []string          // sheet names in workbook order
	Parts    map[string]string // sheet name → worksheet part in the zip
	Date1904 bool
	Strings  *Strings
	Strict   bool // a Strict Open XML workbook (ISO/IEC 29500 Strict namespaces)
}

// strictNS is the namespace prefix of Strict Open XML's parts.
const strictNS = "http://purl.oclc.org/ooxml/"

// ReadBook reads the workbook part, its relationships and the shared strings
// (at most maxStrings bytes of text) of a. Both Transitional and Strict Open
// XML are read: the relationship attribute is matched by its local name.
func ReadBook(a *Archive, maxStrings int64) (*Book, error) {
	var wb struct {
		XMLName xml.Name
		Pr      struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
			Type   string `xml:"Type,attr"`
		} `xml:"Relationship"`
	}
	if err := decode(a, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := decode(a, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	b := &Book{Parts: map[string]string{}, Strict: strings.HasPrefix(wb.XMLName.Space, strictNS)}
	d := strings.ToLower(wb.Pr.Date1904)
	b.Date1904 = d == "1" || d == "true"
	target := map[string]string{}
	sstPart := ""
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			sstPart = t
		}
	}
	for _, s := range wb.Sheets {
		b.Sheets = append(b.Sheets, s.Name)
		if t, ok := target[s.RID]; ok {
			b.Parts[s.Name] = t
		}
	}
	if sstPart == "" && a.Find("xl/sharedStrings.xml") != nil {
		sstPart = "xl/sharedStrings.xml"
	}
	if sstPart != "" {
		rc, err := a.Open(sstPart)
		if err != nil {
			return nil, err
		}
		if rc != nil {
			b.Strings, err = ReadStrings(rc, maxStrings)
			if err != nil {
				Abort(rc)
				var ce *CorruptError
				if errors.As(err, &ce) {
					return nil, err
				}
				return nil, fmt.Errorf("%s: %w", sstPart, err)
			}
			if err := rc.Close(); err != nil {
				return nil, err
			}
		}
	}
	return b, nil
}

// decode reads part name as XML into v (at most 64 MB of it) and checks the
// part's checksum.
func decode(a *Archive, name string, v any) error {
	rc, err := a.Open(name)
	if err != nil {
		return err
	}
	if rc == nil {
		return fmt.Errorf("%s is missing", name)
	}
	derr := xml.NewDecoder(io.LimitReader(rc, 64<<20)).Decode(v)
	if err := rc.Close(); err != nil {
		return err
	}
	if derr != nil {
		var ce *CorruptError
		if errors.As(derr, &ce) {
			return derr
		}
		return fmt.Errorf("%s cannot be read: %v", name, derr)
	}
	return nil
}
