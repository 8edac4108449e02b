package ratings

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/idempotency"
)

// Rating is one stored rating.
type Rating struct {
	ID          int64
	ServiceCode string
	Agency      string
	Level       Level
	WentWell    DriverSet
	DidNot      DriverSet
	// Comment is NFC with personal data already redacted.
	Comment   string
	Source    Source
	LinkID    int64 // 0 unless given through a link
	Month     string
	CreatedAt time.Time
}

const ratingColumns = "id, service_code, agency, level, went_well, did_not, comment, source, link_id, month, created_at"

// Count returns how many ratings f selects.
func (s *Store) Count(ctx context.Context, f Filter) (int, error) {
	where, args, err := f.where()
	if err != nil {
		return 0, err
	}
	var n int
	if err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM ratings"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("ratings: count: %w", err)
	}
	return n, nil
}

// List returns the ratings f selects, newest first, limit of them after
// skipping offset (limit 0: all).
func (s *Store) List(ctx context.Context, f Filter, limit, offset int) ([]Rating, error) {
	var out []Rating
	err := s.each(ctx, f, limit, offset, func(r *Rating) error { out = append(out, *r); return nil })
	return out, err
}

func (s *Store) each(ctx context.Context, f Filter, limit, offset int, fn func(*Rating) error) error {
	if limit < 0 || offset < 0 {
		return fmt.Errorf("ratings: list: negative limit or offset")
	}
	where, args, err := f.where()
	if err != nil {
		return err
	}
	q := "SELECT " + ratingColumns + " FROM ratings" + where + " ORDER BY id DESC"
	if limit > 0 {
		q += " LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(offset)
	}
	rows, err := s.db.Query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("ratings: list: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r Rating
		var level int
		var well, not int64
		var link sql.NullInt64
		var source string
		if err := rows.Scan(&r.ID, &r.ServiceCode, &r.Agency, &level, &well, &not, &r.Comment, &source, &link, &r.Month, &r.CreatedAt); err != nil {
			return fmt.Errorf("ratings: list: %w", err)
		}
		r.Level, r.WentWell, r.DidNot, r.Source, r.LinkID = Level(level), DriverSet(well), DriverSet(not), Source(source), link.Int64
		r.CreatedAt = r.CreatedAt.UTC()
		if err := fn(&r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("ratings: list: %w", err)
	}
	return nil
}

// CSVHeader is the header row of ExportCSV; the names are stable for
// scripts and spreadsheets built on an export.
var CSVHeader = []string{"id", "created_at", "month", "service_code", "agency", "level", "level_name",
	"went_well", "did_not", "comment", "source"}

// ExportCSV streams the ratings f selects to w as CSV, newest first, with
// CSVHeader. Times are RFC 3339 in Vietnam's time; cells that a
// spreadsheet would run as a formula are neutralised, since comments are
// citizens' text.
func (s *Store) ExportCSV(ctx context.Context, w io.Writer, f Filter) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("ratings: export csv: %w", err)
	}
	err := s.each(ctx, f, 0, 0, func(r *Rating) error {
		rec := []string{
			strconv.FormatInt(r.ID, 10), r.CreatedAt.In(vietnam).Format(time.RFC3339), r.Month,
			r.ServiceCode, r.Agency, strconv.Itoa(int(r.Level)), r.Level.Name(),
			r.WentWell.String(), r.DidNot.String(), r.Comment, string(r.Source),
		}
		for i := range rec {
			rec[i] = audit.SafeCell(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("ratings: export csv: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("ratings: export csv: %w", err)
	}
	return nil
}

// PruneKeys deletes idempotency keys older than keep: clients retry
// within minutes, so a day or a week is plenty.
func (s *Store) PruneKeys(ctx context.Context, keep time.Duration) (int64, error) {
	n, err := idempotency.Prune(ctx, s.db, s.now().Add(-keep), scopeRating)
	if err != nil {
		return 0, fmt.Errorf("ratings: prune keys: %w", err)
	}
	return n, nil
}
