package surveys

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// WriteXLSX writes the table as a one-sheet Office Open XML workbook.
//
// Written by hand with archive/zip and encoding/xml rather than with
// github.com/xuri/excelize/v2: an export needs five small parts and inline
// strings (about a hundred lines), while excelize would add a large
// dependency tree to a binary that otherwise has none of it. The parts are
// the minimum SpreadsheetML (ECMA-376) requires; Excel, LibreOffice and
// Google Sheets open the result.
func (t *Table) WriteXLSX(w io.Writer, sheet string) error {
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`</Types>`},
		{"_rels/.rels", xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
			`</Relationships>`},
		{"xl/workbook.xml", xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="` + escapeXML(sheetName(sheet)) + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`</Relationships>`},
	}
	modified := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // fixed, so equal tables give equal files
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return fmt.Errorf("surveys: xlsx %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("surveys: xlsx %s: %w", p.name, err)
		}
	}
	f, err := z.CreateHeader(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, Modified: modified})
	if err != nil {
		return fmt.Errorf("surveys: xlsx sheet: %w", err)
	}
	if err := t.writeSheet(f); err != nil {
		return fmt.Errorf("surveys: xlsx sheet: %w", err)
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("surveys: xlsx: %w", err)
	}
	return nil
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// writeSheet writes the worksheet: the header row, frozen, then the rows.
// Text cells are inline strings (no shared-string table to keep in step);
// numeric columns hold numbers so sums and averages work.
func (t *Table) writeSheet(w io.Writer) error {
	var b strings.Builder
	b.WriteString(xmlHeader + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>`)
	for r, row := range append([][]string{t.Header}, t.Rows...) {
		fmt.Fprintf(&b, `<row r="%d">`, r+1)
		for c, v := range row {
			ref := columnName(c) + fmt.Sprint(r+1)
			if v == "" {
				continue
			}
			if r > 0 && c < len(t.Numeric) && t.Numeric[c] {
				if _, ok := parseNumber(v); ok {
					fmt.Fprintf(&b, `<c r="%s"><v>%s</v></c>`, ref, strings.Replace(v, ",", ".", 1))
					continue
				}
			}
			fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, escapeXML(cellLimit(v)))
		}
		b.WriteString(`</row>`)
		if b.Len() > 64<<10 {
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
			b.Reset()
		}
	}
	b.WriteString(`</sheetData></worksheet>`)
	_, err := io.WriteString(w, b.String())
	return err
}

// columnName is the spreadsheet name of the zero-based column c: A … Z,
// AA … ZZ, AAA ….
func columnName(c int) string {
	name := ""
	for c++; c > 0; c = (c - 1) / 26 {
		name = string(rune('A'+(c-1)%26)) + name
	}
	return name
}

// escapeXML escapes text for an element or attribute and drops the
// characters XML 1.0 cannot carry at all (most C0 controls), which would
// make Excel refuse the whole file.
func escapeXML(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r != 0xFFFE && r != 0xFFFF && (r < 0xD800 || r > 0xDFFF)) {
			return r
		}
		return -1
	}, strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// cellLimit cuts text to the 32,767 characters a cell holds.
func cellLimit(s string) string {
	const max = 32767
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max])
}

// sheetName makes a valid sheet name: at most 31 characters, none of
// []:*?/\.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if s == "" {
		s = "Kết quả"
	}
	if utf8.RuneCountInString(s) > 31 {
		s = string([]rune(s)[:31])
	}
	return s
}
