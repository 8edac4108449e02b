package cases

import (
	"context"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// Deadlines are the working days allowed for one category of report,
// counted from its receipt (or its reopening, for the answer): to
// acknowledge it, to classify it and to answer it.
type Deadlines struct {
	Category Category
	Ack      int
	Classify int
	Answer   int
}

// fallbackDeadlines apply to a category missing from case_deadlines (the
// migration seeds every category, so only a deleted row gets here).
var fallbackDeadlines = Deadlines{Ack: 1, Classify: 3, Answer: 10}

// MaxDeadlineDays bounds a deadline, so a typing mistake cannot park a
// case for years.
const MaxDeadlineDays = 90

// AllDeadlines returns the deadlines of every category, in display order.
func (s *Store) AllDeadlines(ctx context.Context) ([]Deadlines, error) {
	m, err := s.deadlines(ctx, s.db)
	if err != nil {
		return nil, err
	}
	out := make([]Deadlines, 0, len(m))
	for _, c := range Categories() {
		out = append(out, m.of(c))
	}
	return out, nil
}

// deadlineMap holds deadlines by category.
type deadlineMap map[Category]Deadlines

func (m deadlineMap) of(c Category) Deadlines {
	if d, ok := m[c]; ok {
		return d
	}
	d := fallbackDeadlines
	d.Category = c
	return d
}

func (s *Store) deadlines(ctx context.Context, q db.Querier) (deadlineMap, error) {
	rows, err := q.Query(ctx, "SELECT category, ack_days, classify_days, answer_days FROM case_deadlines")
	if err != nil {
		return nil, fmt.Errorf("cases: deadlines: %w", err)
	}
	defer rows.Close()
	m := deadlineMap{}
	for rows.Next() {
		var d Deadlines
		if err := rows.Scan(&d.Category, &d.Ack, &d.Classify, &d.Answer); err != nil {
			return nil, fmt.Errorf("cases: deadlines: %w", err)
		}
		m[d.Category] = d
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cases: deadlines: %w", err)
	}
	return m, nil
}

// SetDeadlines changes a category's deadlines, audited. Cases already
// open get the new answer deadline at the next escalation sweep.
func (s *Store) SetDeadlines(ctx context.Context, by audit.Actor, d Deadlines) error {
	if !d.Category.Valid() {
		return &InvalidError{Fields: []FieldError{{Field: "category", Message: "Vui lòng chọn một lĩnh vực trong danh sách."}}}
	}
	for _, v := range []struct {
		field string
		n     int
	}{{"ack_days", d.Ack}, {"classify_days", d.Classify}, {"answer_days", d.Answer}} {
		if v.n < 1 || v.n > MaxDeadlineDays {
			return &InvalidError{Fields: []FieldError{{Field: v.field, Message: "Thời hạn phải từ 1 đến 90 ngày làm việc."}}}
		}
	}
	if d.Ack > d.Answer || d.Classify > d.Answer {
		return &InvalidError{Fields: []FieldError{{Field: "answer_days", Message: "Thời hạn trả lời không được ngắn hơn thời hạn xác nhận, phân loại."}}}
	}
	now := s.now().Truncate(time.Microsecond)
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO case_deadlines (category, ack_days, classify_days, answer_days, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (category) DO UPDATE SET ack_days = excluded.ack_days,
			classify_days = excluded.classify_days, answer_days = excluded.answer_days, updated_at = excluded.updated_at`,
			d.Category, d.Ack, d.Classify, d.Answer, now); err != nil {
			return fmt.Errorf("cases: set deadlines %s: %w", d.Category, err)
		}
		after, err := audit.Snapshot(d)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, Actor: by, Action: "case_deadlines.set",
			ObjectType: "case_deadlines", ObjectID: string(d.Category), Agency: "VN", After: after})
	})
}
