package measure

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// AggregateColumns are the columns of the aggregate CSV format, as in
// ../shared/data/measure/seed-2023.csv. Their order in a file is free.
var AggregateColumns = []string{"period", "unit", "procedure", "received_total", "received_online",
	"received_fully_online", "resolved_total", "resolved_on_time", "paid_online"}

// AllProcedures is the procedure of an aggregate for all procedures.
const AllProcedures = "*"

// Count is a counter that may be unknown: an empty CSV cell is unknown,
// never zero.
type Count struct {
	N     int64
	Known bool
}

// Known returns a known count.
func Known(n int64) Count { return Count{N: n, Known: true} }

func (c Count) sqlValue() any {
	if !c.Known {
		return nil
	}
	return c.N
}

// AggregateRow is one valid line of an aggregate file.
type AggregateRow struct {
	Line   int
	Period Period
	// Unit is "VN", a ministry code, or a province or commune code;
	// Province and Agency follow from it ("" and "VN" for the nation).
	Unit, Province, Agency string
	// Procedure is the catalogue code of the procedure, the code as written
	// when unknown (KnownProcedure false), or "*" for all.
	Procedure                                          string
	KnownProcedure                                     bool
	ReceivedTotal, ReceivedOnline, ReceivedFullyOnline Count
	ResolvedTotal, ResolvedOnTime, PaidOnline          Count
}

// LineError is a problem on one line of an imported file, in Vietnamese.
type LineError struct {
	Line    int
	Field   string
	Message string
}

func (e LineError) String() string {
	if e.Field == "" {
		return fmt.Sprintf("Dòng %d: %s", e.Line, e.Message)
	}
	return fmt.Sprintf("Dòng %d, cột %s: %s", e.Line, e.Field, e.Message)
}

// ParsedAggregates is a parsed file: the valid rows, the lines rejected,
// and warnings on accepted lines (unknown procedures).
type ParsedAggregates struct {
	Rows     []AggregateRow
	Errors   []LineError
	Warnings []LineError
	// Lines is the number of data lines read.
	Lines int
}

// maxAggregateCount bounds a count: more than 10^12 dossiers is a typo.
const maxAggregateCount = 1_000_000_000_000

// ErrBadHeader is returned when the file is not in the aggregate format.
var ErrBadHeader = errors.New("measure: aggregates: header must name the columns " + strings.Join(AggregateColumns, ","))

// ParseAggregates reads an aggregate CSV file, checking every line. It
// fails only when the file cannot be read as CSV in this format at all;
// bad lines are listed in Errors with their line numbers.
func (s *Store) ParseAggregates(r io.Reader) (*ParsedAggregates, error) {
	return parseAggregates(r, s.dir.Load(), s.procs)
}

func parseAggregates(r io.Reader, dir *Directory, procs Procedures) (*ParsedAggregates, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("measure: aggregates: read: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // spreadsheets add a BOM
	if !utf8.Valid(data) {
		return nil, errors.New("measure: aggregates: the file is not UTF-8 text")
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadHeader, err)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := col[h]; dup {
			return nil, fmt.Errorf("%w (column %q twice)", ErrBadHeader, h)
		}
		col[h] = i
	}
	for _, c := range AggregateColumns {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("%w (missing %q)", ErrBadHeader, c)
		}
	}
	if len(col) != len(AggregateColumns) {
		return nil, fmt.Errorf("%w (unknown columns)", ErrBadHeader)
	}
	out := &ParsedAggregates{}
	seen := map[[4]string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// FieldPos is only valid for a record read without error.
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			out.Lines++
			out.Errors = append(out.Errors, LineError{Line: line, Message: "Dòng không đọc được như CSV (dấu ngoặc kép không khớp?)."})
			if errors.As(err, &pe) && pe.Err == csv.ErrQuote {
				// A stray quote swallows the rest of the file: stop here.
				break
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		out.Lines++
		if len(rec) != len(head) {
			out.Errors = append(out.Errors, LineError{Line: line, Message: fmt.Sprintf("Dòng có %d cột, cần %d.", len(rec), len(head))})
			continue
		}
		get := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
		row, warns, errs := parseAggregateLine(line, get, dir, procs)
		out.Warnings = append(out.Warnings, warns...)
		if len(errs) > 0 {
			out.Errors = append(out.Errors, errs...)
			continue
		}
		k := [4]string{row.Period.From, row.Period.To, row.Unit, row.Procedure}
		if first, dup := seen[k]; dup {
			out.Errors = append(out.Errors, LineError{Line: line, Message: fmt.Sprintf("Trùng kỳ, đơn vị và thủ tục với dòng %d.", first)})
			continue
		}
		seen[k] = line
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

func parseAggregateLine(line int, get func(string) string, dir *Directory, procs Procedures) (row AggregateRow, warns, errs []LineError) {
	bad := func(field, msg string) { errs = append(errs, LineError{line, field, msg}) }
	row.Line = line
	p, err := ParsePeriod(get("period"))
	if err != nil || strings.Contains(get("period"), "..") {
		bad("period", "Kỳ phải là năm (2023), tháng (2023-05) hoặc ngày (2023-05-01).")
	} else {
		row.Period = p
	}
	unit := get("unit")
	switch u, ok := dir.Unit(unit); {
	case unit == National:
		row.Unit, row.Agency = National, National
	case unit == "":
		bad("unit", "Thiếu mã đơn vị: VN, mã bộ, mã tỉnh 2 chữ số hoặc mã xã 5 chữ số.")
	case !ok:
		bad("unit", fmt.Sprintf("Mã đơn vị %q không có trong danh mục hiện hành.", clip(unit)))
	default:
		row.Unit, row.Province, row.Agency = u.Code, u.Province, u.Agency
	}
	proc := get("procedure")
	switch {
	case proc == AllProcedures:
		row.Procedure, row.KnownProcedure = AllProcedures, true
	case proc == "":
		bad("procedure", "Thiếu thủ tục: mã hoặc tên ngắn (slug) của thủ tục, hoặc * cho mọi thủ tục.")
	case len(proc) > maxProcedureLen || !isToken(proc):
		bad("procedure", "Mã thủ tục chỉ gồm chữ Latinh không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới.")
	default:
		if pr, ok := procs(proc); ok {
			row.Procedure, row.KnownProcedure = pr.Key(), true
		} else {
			row.Procedure = proc
			warns = append(warns, LineError{line, "procedure", fmt.Sprintf("Thủ tục %q chưa có trong danh mục của Loa; vẫn được nhập theo mã đã ghi.", proc)})
		}
	}
	counts := []struct {
		name string
		dst  *Count
	}{
		{"received_total", &row.ReceivedTotal}, {"received_online", &row.ReceivedOnline},
		{"received_fully_online", &row.ReceivedFullyOnline}, {"resolved_total", &row.ResolvedTotal},
		{"resolved_on_time", &row.ResolvedOnTime}, {"paid_online", &row.PaidOnline},
	}
	known := 0
	for _, c := range counts {
		v := get(c.name)
		if v == "" {
			continue // unknown, never zero
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 || n > maxAggregateCount {
			bad(c.name, fmt.Sprintf("Số %q không hợp lệ: cần số nguyên không âm, không dấu phân cách; để trống nếu chưa biết.", clip(v)))
			continue
		}
		*c.dst = Known(n)
		known++
	}
	if known == 0 && len(errs) == 0 {
		bad("", "Dòng không có số liệu nào.")
	}
	le := func(a, b Count) bool { return !a.Known || !b.Known || a.N <= b.N }
	if !le(row.ReceivedOnline, row.ReceivedTotal) {
		bad("received_online", "Số hồ sơ trực tuyến lớn hơn tổng số hồ sơ tiếp nhận.")
	}
	if !le(row.ReceivedFullyOnline, row.ReceivedOnline) || !le(row.ReceivedFullyOnline, row.ReceivedTotal) {
		bad("received_fully_online", "Số hồ sơ trực tuyến toàn trình lớn hơn số hồ sơ trực tuyến.")
	}
	if !le(row.ResolvedOnTime, row.ResolvedTotal) {
		bad("resolved_on_time", "Số hồ sơ giải quyết đúng hạn lớn hơn số hồ sơ đã giải quyết.")
	}
	return row, warns, errs
}

// clip shortens a value quoted back in a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}
