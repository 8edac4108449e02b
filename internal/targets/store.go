package targets

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// Errors a caller may act on.
var (
	// ErrNotFound: no target with that key.
	ErrNotFound = errors.New("targets: not found")
	// ErrConflict: the target changed since the form was rendered; nothing
	// was written.
	ErrConflict = errors.New("targets: changed by someone else")
	// ErrExists: a target with that key exists already.
	ErrExists = errors.New("targets: key exists")
)

// auditAgency is the agency the audit log files targets under: they are
// the nation's.
const auditAgency = "VN"

// Store reads and writes targets and observations. It keeps no state
// beyond configuration, so any number of replicas agree.
type Store struct {
	db  *db.DB
	now func() time.Time
	// indicators are the measured rates a target may be bound to, in the
	// order forms list them; nil accepts any well-formed id (tests).
	indicators []IndicatorRef
}

// IndicatorRef names a measured rate a target may be bound to.
type IndicatorRef struct {
	ID   string
	Name string
}

// Option configures a Store.
type Option func(*Store)

// WithClock replaces the clock (tests).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithIndicators lists the measured rates a target may be bound to (the
// rate indicators of package measure, which this package does not import:
// the app passes them). An edit binding any other id is refused.
func WithIndicators(list []IndicatorRef) Option {
	return func(s *Store) { s.indicators = append([]IndicatorRef(nil), list...) }
}

// Indicators returns the measured rates a target may be bound to, as
// given to WithIndicators.
func (s *Store) Indicators() []IndicatorRef { return append([]IndicatorRef(nil), s.indicators...) }

// IndicatorName is the name of a bindable indicator, or its id when the
// store was not told its name.
func (s *Store) IndicatorName(id string) string {
	for _, r := range s.indicators {
		if r.ID == id {
			return r.Name
		}
	}
	return id
}

// NewStore returns a store over d.
func NewStore(d *db.DB, opts ...Option) *Store {
	s := &Store{db: d, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Now is the store's clock, for assessing progress at the same moment the
// store checks periods against.
func (s *Store) Now() time.Time { return s.now() }

func (s *Store) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

const versionColumns = `v.target_key, v.version, v.name, v.unit, v.direction, v.baseline_value, v.baseline_year,
	v.target_2025, v.target_2030, v.source, v.indicator, v.confirmed, v.change_note, v.created_by_id, v.created_by, v.created_at, t.position`

func scanTarget(row interface{ Scan(...any) error }) (Target, error) {
	var t Target
	var base, t25, t30 sql.NullFloat64
	var baseYear sql.NullInt64
	err := row.Scan(&t.Key, &t.Version, &t.Name, &t.Unit, &t.Direction, &base, &baseYear,
		&t25, &t30, &t.Source, &t.Indicator, &t.Confirmed, &t.ChangeNote, &t.CreatedByID, &t.CreatedBy, &t.CreatedAt, &t.Position)
	if err != nil {
		return Target{}, err
	}
	t.Baseline, t.Target2025, t.Target2030 = nullFloat(base), nullFloat(t25), nullFloat(t30)
	if baseYear.Valid {
		yr := int(baseYear.Int64)
		t.BaselineYear = &yr
	}
	t.CreatedAt = t.CreatedAt.UTC()
	return t, nil
}

func nullFloat(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	v := n.Float64
	return &v
}

// List returns the current version of every target, in display order.
func (s *Store) List(ctx context.Context) ([]Target, error) {
	rows, err := s.db.Query(ctx, `SELECT `+versionColumns+` FROM targets t
		JOIN target_versions v ON v.target_key = t.target_key AND v.version = t.version
		ORDER BY t.position, t.target_key`)
	if err != nil {
		return nil, fmt.Errorf("targets: list: %w", err)
	}
	defer rows.Close()
	var out []Target
	for rows.Next() {
		t, err := scanTarget(rows)
		if err != nil {
			return nil, fmt.Errorf("targets: list: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("targets: list: %w", err)
	}
	return out, nil
}

// Get returns the current version of the target, or ErrNotFound.
func (s *Store) Get(ctx context.Context, key string) (Target, error) {
	return s.get(ctx, s.db, key)
}

func (s *Store) get(ctx context.Context, q db.Querier, key string) (Target, error) {
	t, err := scanTarget(q.QueryRow(ctx, `SELECT `+versionColumns+` FROM targets t
		JOIN target_versions v ON v.target_key = t.target_key AND v.version = t.version
		WHERE t.target_key = ?`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return Target{}, ErrNotFound
	}
	if err != nil {
		return Target{}, fmt.Errorf("targets: get %s: %w", key, err)
	}
	return t, nil
}

// History returns every version of the target, newest first.
func (s *Store) History(ctx context.Context, key string) ([]Target, error) {
	rows, err := s.db.Query(ctx, `SELECT `+versionColumns+` FROM target_versions v
		JOIN targets t ON t.target_key = v.target_key
		WHERE v.target_key = ? ORDER BY v.version DESC`, key)
	if err != nil {
		return nil, fmt.Errorf("targets: history %s: %w", key, err)
	}
	defer rows.Close()
	var out []Target
	for rows.Next() {
		t, err := scanTarget(rows)
		if err != nil {
			return nil, fmt.Errorf("targets: history %s: %w", key, err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("targets: history %s: %w", key, err)
	}
	if len(out) == 0 {
		return nil, ErrNotFound
	}
	return out, nil
}

// Create adds a target at version 1, or returns ErrExists. position orders
// the list.
func (s *Store) Create(ctx context.Context, actor audit.Actor, key string, position int, in Input) (Target, error) {
	op := "create " + key
	if !keyPattern.MatchString(key) {
		return Target{}, &InvalidError{Op: op, Fields: []FieldError{{"key", "chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới, 2–40 ký tự"}}}
	}
	in.normalize()
	if err := in.validate(op, false, s.indicators); err != nil {
		return Target{}, err
	}
	var out Target
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		now := s.clock()
		// ON CONFLICT DO NOTHING: two replicas seeding at once both
		// succeed, and only one creates.
		res, err := tx.Exec(ctx, `INSERT INTO targets (target_key, version, position, created_at) VALUES (?, 1, ?, ?)
			ON CONFLICT (target_key) DO NOTHING`, key, position, now)
		if err != nil {
			return fmt.Errorf("targets: %s: %w", op, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("targets: %s: %w", op, err)
		} else if n == 0 {
			return ErrExists
		}
		if out, err = s.insertVersion(ctx, tx, actor, key, 1, in, now); err != nil {
			return err
		}
		after, err := audit.Snapshot(out)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, Actor: actor, Action: "target.create",
			ObjectType: "target", ObjectID: key, Agency: auditAgency, After: after, Note: in.ChangeNote})
	})
	return out, err
}

// Update saves a new version of the target. version is the one the form
// was rendered with: when the target changed since, nothing is written and
// ErrConflict is returned.
func (s *Store) Update(ctx context.Context, actor audit.Actor, key string, version int64, in Input) (Target, error) {
	op := "update " + key
	in.normalize()
	if err := in.validate(op, true, s.indicators); err != nil {
		return Target{}, err
	}
	var out Target
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		// The conditional UPDATE both checks the version and locks the
		// row (PostgreSQL), so a concurrent edit of the same version
		// waits, then finds the version gone: a conflict, never a lost
		// update.
		res, err := tx.Exec(ctx, `UPDATE targets SET version = version + 1 WHERE target_key = ? AND version = ?`, key, version)
		if err != nil {
			return fmt.Errorf("targets: %s: %w", op, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("targets: %s: %w", op, err)
		} else if n == 0 {
			if _, err := s.get(ctx, tx, key); err != nil {
				return err
			}
			return ErrConflict
		}
		before, err := s.version(ctx, tx, key, version)
		if err != nil {
			return err
		}
		now := s.clock()
		if out, err = s.insertVersion(ctx, tx, actor, key, version+1, in, now); err != nil {
			return err
		}
		out.Position = before.Position
		b, err := audit.Snapshot(before)
		if err != nil {
			return err
		}
		a, err := audit.Snapshot(out)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, Actor: actor, Action: "target.update",
			ObjectType: "target", ObjectID: key, Agency: auditAgency, Before: b, After: a, Note: in.ChangeNote})
	})
	return out, err
}

// version reads one version of a target.
func (s *Store) version(ctx context.Context, q db.Querier, key string, version int64) (Target, error) {
	t, err := scanTarget(q.QueryRow(ctx, `SELECT `+versionColumns+` FROM target_versions v
		JOIN targets t ON t.target_key = v.target_key WHERE v.target_key = ? AND v.version = ?`, key, version))
	if err != nil {
		return Target{}, fmt.Errorf("targets: read %s version %d: %w", key, version, err)
	}
	return t, nil
}

func (s *Store) insertVersion(ctx context.Context, tx *db.Tx, actor audit.Actor, key string, version int64, in Input, now time.Time) (Target, error) {
	_, err := tx.Exec(ctx, `INSERT INTO target_versions (target_key, version, name, unit, direction, baseline_value,
		baseline_year, target_2025, target_2030, source, indicator, confirmed, change_note, created_by_id, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		key, version, in.Name, string(in.Unit), string(in.Direction), floatArg(in.Baseline), intArg(in.BaselineYear),
		floatArg(in.Target2025), floatArg(in.Target2030), in.Source, in.Indicator, in.Confirmed, in.ChangeNote,
		actor.ID, cleanText(actor.Name), now)
	if err != nil {
		return Target{}, fmt.Errorf("targets: save %s version %d: %w", key, version, err)
	}
	return Target{Key: key, Name: in.Name, Unit: in.Unit, Direction: in.Direction, Baseline: in.Baseline,
		BaselineYear: in.BaselineYear, Target2025: in.Target2025, Target2030: in.Target2030, Source: in.Source,
		Indicator: in.Indicator, Confirmed: in.Confirmed, Version: version, ChangeNote: in.ChangeNote, CreatedByID: actor.ID,
		CreatedBy: cleanText(actor.Name), CreatedAt: now}, nil
}

// floatArg and intArg pass an unknown value as NULL.
func floatArg(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func intArg(v *int) any {
	if v == nil {
		return nil
	}
	return int64(*v)
}
