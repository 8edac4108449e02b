package measure

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// ErrInvalid is returned by ImportAggregates when lines are invalid and
// the caller did not ask to skip them: nothing was written.
var ErrInvalid = errors.New("measure: import: the file has invalid lines")

// ImportOptions tune an aggregate import.
type ImportOptions struct {
	// SkipInvalid imports the valid lines when some are invalid; otherwise
	// one invalid line stops the whole file (all or nothing).
	SkipInvalid bool
	// Allows reports whether the importer may report for an agency ("VN"
	// for national rows); nil allows all. A line outside it is invalid.
	Allows func(agency string) bool
	// Source names where the figures come from ("tệp seed-2023.csv").
	Source string
}

// ImportSummary says what an import did.
type ImportSummary struct {
	// Imported lines were written: Created new, Replaced an earlier row for
	// the same period, unit and procedure.
	Imported, Created, Replaced int
	// Rejected lines were not written; Errors say why.
	Rejected int
	Errors   []LineError
	Warnings []LineError
}

// ImportAggregates writes the parsed rows in one transaction, replacing
// rows for the same period, unit and procedure, and records the import in
// the audit log. Importing the same file twice changes nothing the second
// time.
func (s *Store) ImportAggregates(ctx context.Context, by audit.Actor, p *ParsedAggregates, opts ImportOptions) (ImportSummary, error) {
	sum := ImportSummary{Errors: append([]LineError(nil), p.Errors...), Warnings: p.Warnings}
	rows := make([]AggregateRow, 0, len(p.Rows))
	for _, r := range p.Rows {
		if opts.Allows != nil && !opts.Allows(r.Agency) {
			sum.Errors = append(sum.Errors, LineError{r.Line, "unit", "Bạn không được nhập số liệu của đơn vị này."})
			continue
		}
		rows = append(rows, r)
	}
	sum.Rejected = p.Lines - len(rows)
	if len(sum.Errors) > 0 && !opts.SkipInvalid {
		return sum, ErrInvalid
	}
	if opts.Source == "" {
		opts.Source = "import"
	}
	now := s.clock().UTC().Truncate(time.Microsecond)
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		sum.Created, sum.Replaced = 0, 0
		for _, r := range rows {
			var existing int64
			err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM measure_aggregates
				WHERE period_start = ? AND period_end = ? AND unit = ? AND procedure_code = ?`,
				r.Period.From, r.Period.To, r.Unit, r.Procedure).Scan(&existing)
			if err != nil {
				return fmt.Errorf("line %d: %w", r.Line, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO measure_aggregates (period, period_start, period_end, unit, province,
				procedure_code, known_procedure, received_total, received_online, received_fully_online,
				resolved_total, resolved_on_time, paid_online, source, imported_by, imported_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (period_start, period_end, unit, procedure_code) DO UPDATE SET
				period = excluded.period, province = excluded.province, known_procedure = excluded.known_procedure,
				received_total = excluded.received_total, received_online = excluded.received_online,
				received_fully_online = excluded.received_fully_online, resolved_total = excluded.resolved_total,
				resolved_on_time = excluded.resolved_on_time, paid_online = excluded.paid_online,
				source = excluded.source, imported_by = excluded.imported_by, imported_at = excluded.imported_at`,
				r.Period.Label, r.Period.From, r.Period.To, r.Unit, r.Province, r.Procedure, r.KnownProcedure,
				r.ReceivedTotal.sqlValue(), r.ReceivedOnline.sqlValue(), r.ReceivedFullyOnline.sqlValue(),
				r.ResolvedTotal.sqlValue(), r.ResolvedOnTime.sqlValue(), r.PaidOnline.sqlValue(),
				opts.Source, by.Name, now); err != nil {
				return fmt.Errorf("line %d: %w", r.Line, err)
			}
			if existing > 0 {
				sum.Replaced++
			} else {
				sum.Created++
			}
		}
		// Dashboards fold aggregates in: their cached pages must go.
		if err := s.bumpVersion(ctx, tx); err != nil {
			return err
		}
		after, err := audit.Snapshot(map[string]any{"source": opts.Source, "lines": p.Lines, "imported": len(rows),
			"created": sum.Created, "replaced": sum.Replaced, "rejected": sum.Rejected})
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Actor: by, Action: "measure.import", ObjectType: "measure_aggregates",
			ObjectID: opts.Source, Agency: by.Agency, After: after})
	})
	if err != nil {
		return sum, fmt.Errorf("measure: import aggregates: %w", err)
	}
	sum.Imported = len(rows)
	return sum, nil
}
