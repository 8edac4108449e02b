package audit

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"
)

// CSVHeader is the header row of ExportCSV. The names are stable: scripts
// and spreadsheets built on an export keep working across versions.
var CSVHeader = []string{
	"id", "at", "actor_id", "actor_name", "actor_agency", "action",
	"object_type", "object_id", "agency", "before", "after", "note",
}

// ExcelBOM is the byte-order mark that makes Excel read a CSV file as
// UTF-8. ExportCSV does not write it, because it would become part of the
// first column name for every other reader; a download handler meant for
// spreadsheet users may write it first.
const ExcelBOM = "\ufeff"

// vietnam is Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight
// saving since 1975, so a fixed zone is exact and needs no tzdata.
var vietnam = time.FixedZone("ICT", 7*60*60)

// ExportCSV writes the entries matching f to w as CSV, newest first, with
// the CSVHeader row. Times are RFC 3339 in Vietnam's time (+07:00). Limit 0
// exports every matching entry; rows are streamed, not held in memory.
func (s *Store) ExportCSV(ctx context.Context, w io.Writer, f Filter) error {
	if f.Limit < 0 || f.Offset < 0 {
		return fmt.Errorf("%w: negative limit or offset", ErrInvalidFilter)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("audit: export csv: %w", err)
	}
	err := s.each(ctx, f, func(e *Entry) error {
		rec := []string{
			strconv.FormatInt(e.ID, 10),
			e.At.In(vietnam).Format(time.RFC3339),
			strconv.FormatInt(e.Actor.ID, 10),
			e.Actor.Name, e.Actor.Agency, e.Action,
			e.ObjectType, e.ObjectID, e.Agency,
			string(e.Before), string(e.After), e.Note,
		}
		for i := range rec {
			rec[i] = SafeCell(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("audit: export csv: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("audit: export csv: %w", err)
	}
	return nil
}

// SafeCell neutralises a value a spreadsheet would run as a formula (CSV
// injection): one starting with =, +, -, @, a tab or a carriage return gets
// a leading apostrophe, which spreadsheets show as text. An audit log holds
// text typed by many people (notes, names), so this matters here.
func SafeCell(v string) string {
	if v == "" {
		return v
	}
	switch v[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + v
	}
	return v
}
