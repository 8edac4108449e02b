package targets

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// AddObservation records an observed value of the target's indicator, as
// a person entered it: the kind must be SourceManual, because computed
// values are Loa's own (ComputeObservations). A value for a period already
// observed supersedes it (the older one stays in the history), and wins
// over a computed one. The period must be over: this year's figure is not
// an observation until the year ends.
func (s *Store) AddObservation(ctx context.Context, actor audit.Actor, key string, in ObservationInput) (Observation, error) {
	op := "observe " + key
	in.Source, in.Note = cleanText(in.Source), cleanText(in.Note)
	var out Observation
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		t, err := s.get(ctx, tx, key)
		if err != nil {
			return err
		}
		var errs []FieldError
		add := func(field, msg string) { errs = append(errs, FieldError{field, msg}) }
		p, perr := ParsePeriod(in.Period)
		switch {
		case perr != nil:
			add("period", "nhập năm (2024) hoặc ngày (2024-06-30), từ năm 2000 đến 2100")
		case p.End().After(s.now()):
			add("period", "kỳ này chưa kết thúc; số liệu trong năm hãy nhập theo ngày")
		}
		if math.IsNaN(in.Value) || math.IsInf(in.Value, 0) {
			add("value", "phải là một số")
		} else if msg := t.Unit.check(in.Value); msg != "" {
			add("value", msg)
		}
		switch {
		case in.SourceKind == SourceComputed:
			add("source_kind", "số liệu tự động tính do Loa ghi từ chỉ số đo lường, không nhập tay")
		case !in.SourceKind.Valid():
			add("source_kind", "không hợp lệ")
		}
		checkText(add, "source", in.Source, maxSource, true)
		checkText(add, "note", in.Note, maxNote, false)
		if len(errs) > 0 {
			return &InvalidError{Op: op, Fields: errs}
		}
		now := s.clock()
		out = Observation{TargetKey: key, Period: p, Value: in.Value, SourceKind: in.SourceKind, Source: in.Source,
			Note: in.Note, CreatedByID: actor.ID, CreatedBy: cleanText(actor.Name), CreatedAt: now}
		if err := tx.QueryRow(ctx, `INSERT INTO target_observations (target_key, period, value, source_kind, source, note,
			created_by_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			key, p.String(), in.Value, string(in.SourceKind), in.Source, in.Note, actor.ID, out.CreatedBy, now).Scan(&out.ID); err != nil {
			return fmt.Errorf("targets: %s: %w", op, err)
		}
		after, err := audit.Snapshot(map[string]any{"period": p.String(), "value": in.Value,
			"source_kind": in.SourceKind, "source": in.Source, "note": in.Note})
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, Actor: actor, Action: "target.observe",
			ObjectType: "target", ObjectID: key, Agency: auditAgency, After: after, Note: in.Note})
	})
	return out, err
}

const observationColumns = `id, target_key, period, value, source_kind, source, note, created_by_id, created_by, created_at`

// ObservationHistory returns every observation of the target, superseded
// ones included, newest entry first.
func (s *Store) ObservationHistory(ctx context.Context, key string) ([]Observation, error) {
	list, err := observations(ctx, s.db, `WHERE target_key = ?`, key)
	if err != nil {
		return nil, err
	}
	slices.Reverse(list)
	return list, nil
}

// Observations returns the current observation of each period of the
// target (the newest entry a person made for the period, else the one Loa
// computed), earliest period first.
func (s *Store) Observations(ctx context.Context, key string) ([]Observation, error) {
	list, err := observations(ctx, s.db, `WHERE target_key = ?`, key)
	if err != nil {
		return nil, err
	}
	return current(list)[key], nil
}

// AllObservations returns Observations for every target, by key.
func (s *Store) AllObservations(ctx context.Context) (map[string][]Observation, error) {
	list, err := observations(ctx, s.db, ``)
	if err != nil {
		return nil, err
	}
	return current(list), nil
}

// observations reads rows through q in entry order (oldest first).
func observations(ctx context.Context, q db.Querier, where string, args ...any) ([]Observation, error) {
	rows, err := q.Query(ctx, `SELECT `+observationColumns+` FROM target_observations `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("targets: observations: %w", err)
	}
	defer rows.Close()
	var out []Observation
	for rows.Next() {
		var o Observation
		var period string
		if err := rows.Scan(&o.ID, &o.TargetKey, &period, &o.Value, &o.SourceKind, &o.Source, &o.Note,
			&o.CreatedByID, &o.CreatedBy, &o.CreatedAt); err != nil {
			return nil, fmt.Errorf("targets: observations: %w", err)
		}
		if o.Period, err = ParsePeriod(period); err != nil {
			return nil, fmt.Errorf("targets: observation %d: %w", o.ID, err)
		}
		o.CreatedAt = o.CreatedAt.UTC()
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("targets: observations: %w", err)
	}
	return out, nil
}

// current keeps the current entry of each (target, period), ordered by
// period, from rows in entry order: the newest a person made, else the
// computed one. Deciding here, not by entry order alone, keeps a person's
// value current even when the sweep wrote its figure a moment later.
func current(list []Observation) map[string][]Observation {
	type k struct{ key, period string }
	latest := map[k]Observation{}
	for _, o := range list {
		key := k{o.TargetKey, o.Period.String()}
		if prev, ok := latest[key]; ok && o.Automatic() && !prev.Automatic() {
			continue
		}
		latest[key] = o
	}
	out := map[string][]Observation{}
	for _, o := range latest {
		out[o.TargetKey] = append(out[o.TargetKey], o)
	}
	for key := range out {
		slices.SortFunc(out[key], func(a, b Observation) int {
			if c := compareFloat(a.Period.At(), b.Period.At()); c != 0 {
				return c
			}
			return int(a.ID - b.ID)
		})
	}
	return out
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Summary is a target with its observations and its assessment, what a
// page or an export shows.
type Summary struct {
	Target       Target
	Observations []Observation
	Latest       *Observation
	Assessment   Assessment
}

// Summaries returns every target with its current observations, the
// latest complete one, and its progress at now.
func (s *Store) Summaries(ctx context.Context, now time.Time) ([]Summary, error) {
	list, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	all, err := s.AllObservations(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Summary, len(list))
	for i, t := range list {
		obs := all[t.Key]
		latest := Latest(obs, now)
		out[i] = Summary{Target: t, Observations: obs, Latest: latest, Assessment: Progress(t, latest, now)}
	}
	return out, nil
}
