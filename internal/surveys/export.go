package surveys

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// Table is the responses to a version as rows of text, for CSV and XLSX.
type Table struct {
	Header []string
	// Numeric marks the columns whose values are numbers, written as
	// numbers in XLSX.
	Numeric []bool
	Rows    [][]string
}

// vietnam is the country's time zone (UTC+7, no daylight saving).
var vietnam = time.FixedZone("ICT", 7*60*60)

// Export builds the table of the responses to version v: the response
// number, the time in Vietnam, the respondent masked, then one column per
// question with option labels. Files appear by name.
func (s *Store) Export(ctx context.Context, v *Version) (*Table, error) {
	def := v.Definition
	qs := def.Questions()
	t := &Table{Header: []string{"Số thứ tự", "Thời điểm gửi"}, Numeric: []bool{true, false}}
	if def.Identity != IdentityNone {
		t.Header = append(t.Header, "Người trả lời (đã che)")
		t.Numeric = append(t.Numeric, false)
	}
	for _, q := range qs {
		t.Header = append(t.Header, q.Label)
		t.Numeric = append(t.Numeric, q.Type == TypeRating || q.Type == TypeScale || q.Type == TypeNumber)
	}
	files, err := s.ResponseFiles(ctx, v.ID)
	if err != nil {
		return nil, err
	}
	err = s.Responses(ctx, v.ID, func(r *Response) error {
		row := []string{strconv.FormatInt(r.ID, 10), r.CreatedAt.In(vietnam).Format("02/01/2006 15:04")}
		if def.Identity != IdentityNone {
			row = append(row, MaskIdentity(r.Respondent))
		}
		for _, q := range qs {
			row = append(row, cellText(q, r.Answers[q.ID], files))
		}
		t.Rows = append(t.Rows, row)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// cellText writes an answer for a spreadsheet.
func cellText(q *Question, vals []string, files map[string]*File) string {
	if len(vals) == 0 {
		return ""
	}
	switch q.Type {
	case TypeSingle, TypeMultiple:
		labels := make([]string, len(vals))
		for i, v := range vals {
			labels[i] = q.OptionLabel(v)
		}
		return strings.Join(labels, "; ")
	case TypeYesNo:
		if vals[0] == "yes" {
			return "Có"
		}
		return "Không"
	case TypeFile:
		if f, ok := files[vals[0]]; ok {
			return f.Name
		}
		return ""
	case TypePlace:
		return strings.Join(vals, "/")
	}
	return vals[0]
}

// MaskIdentity hides most of a phone number or e-mail address:
// "0912345678" → "091****678", "an.nguyen@x.vn" → "an***@x.vn".
func MaskIdentity(s string) string {
	if s == "" {
		return ""
	}
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		local := []rune(s[:at])
		keep := min(len(local), 2)
		if len(local) < 4 {
			keep = min(len(local), 1)
		}
		return string(local[:keep]) + "***" + s[at:]
	}
	r := []rune(s)
	if len(r) < 8 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:3]) + strings.Repeat("*", len(r)-6) + string(r[len(r)-3:])
}

// WriteCSV writes the table as UTF-8 CSV with a byte-order mark, which
// Excel needs to read Vietnamese correctly. A cell that a spreadsheet
// would take for a formula (=, +, -, @, tab, CR at the start) gets a
// leading apostrophe, so a citizen's answer can never run as one.
func (t *Table) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	for r, row := range append([][]string{t.Header}, t.Rows...) {
		safe := make([]string, len(row))
		for i, c := range row {
			safe[i] = c
			if r > 0 && i < len(t.Numeric) && t.Numeric[i] {
				continue // our own numbers, e.g. "-3"
			}
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				safe[i] = "'" + c
			}
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
