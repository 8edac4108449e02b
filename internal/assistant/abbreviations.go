package assistant

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/vn"
)

// Abbreviations are the rows editors add, in the back office, to the
// curated table of abbreviations and everyday names (vn/synonyms.tsv):
// a term citizens type ("gpkd") and the words the catalogue uses
// ("giấy phép kinh doanh"). They live in assistant_abbreviations and are
// applied to the *vn.Synonyms that the search index and the assistant
// share: Load rebuilds that table — the curated rows, then the editors' —
// and swaps it in, without a restart. Every change bumps the change
// counter "assistant_abbreviations"; Watch polls it, so every replica
// picks up a change made on another within its polling interval.
//
// Who may change them: any account with guide.edit, whatever its agency.
// A row is global, but it can only widen what a search finds (expansions
// weigh less than the words typed) and never changes a guide; every
// change is audited with its author, shown in the list, and undone in one
// click. Keeping it open to every editor lets the people who read
// citizens' questions fix what they see.
type Abbreviations struct {
	db     *db.DB
	shared *vn.Synonyms
	// curated are the rows of synonyms.tsv, by term key and expansion
	// key, so that editors do not add them again.
	curated map[[2]string]bool
	now     func() time.Time

	mu      sync.Mutex // one Load at a time
	version int64      // the counter's value the shared table reflects; -1 before the first Load
}

// Abbreviation is one row added by an editor.
type Abbreviation struct {
	ID        int64
	Term      string
	Expansion string
	// CreatedBy is the author's user name.
	CreatedBy string
	CreatedAt time.Time
}

// ErrAbbreviationNotFound: no row has that id (perhaps deleted meanwhile).
var ErrAbbreviationNotFound = errors.New("assistant: abbreviation not found")

// The audit actions and object type of abbreviations.
const (
	ActionAbbreviationAdd    = "assistant.abbreviation_add"
	ActionAbbreviationDelete = "assistant.abbreviation_delete"
	AuditAbbreviation        = "assistant_abbreviation"
)

// abbreviationCounter is the change_counters row of the table.
const abbreviationCounter = "assistant_abbreviations"

// Limits on a row, in characters, and on the table.
const (
	MaxAbbreviationTerm      = 50
	MaxAbbreviationExpansion = 150
	MaxAbbreviations         = 2000
)

// NewAbbreviations returns the editors' rows over d, applied to shared
// (the table given to search.New and assistant.Options). Call Load before
// serving.
func NewAbbreviations(d *db.DB, shared *vn.Synonyms) *Abbreviations {
	a := &Abbreviations{db: d, shared: shared, curated: map[[2]string]bool{}, now: time.Now, version: -1}
	for _, e := range vn.DefaultSynonyms().Entries() {
		for _, x := range e.Expansions {
			a.curated[[2]string{foldedKey(e.Term), foldedKey(x)}] = true
		}
	}
	return a
}

// foldedKey is s's folded syllables joined by one space.
func foldedKey(s string) string {
	toks := vn.Tokens(s)
	for i, t := range toks {
		toks[i] = vn.Fold(t)
	}
	return strings.Join(toks, " ")
}

// List returns the editors' rows, in the order added.
func (a *Abbreviations) List(ctx context.Context) ([]Abbreviation, error) {
	return listAbbreviations(ctx, a.db)
}

func listAbbreviations(ctx context.Context, q db.Querier) ([]Abbreviation, error) {
	rows, err := q.Query(ctx, `SELECT id, term, expansion, created_by_name, created_at
		FROM assistant_abbreviations ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("assistant: list abbreviations: %w", err)
	}
	defer rows.Close()
	var out []Abbreviation
	for rows.Next() {
		var r Abbreviation
		if err := rows.Scan(&r.ID, &r.Term, &r.Expansion, &r.CreatedBy, &r.CreatedAt); err != nil {
			return nil, fmt.Errorf("assistant: list abbreviations: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("assistant: list abbreviations: %w", err)
	}
	return out, nil
}

// cleanAbbreviationField normalises one side of a row (NFC, one tone
// placement, spaces collapsed) and checks it; what names the side in the
// Vietnamese message.
func cleanAbbreviationField(field, what, s string, maxLen int) (string, error) {
	if !utf8.ValidString(s) {
		return "", &InvalidError{field, what + " có ký tự không đọc được."}
	}
	for _, c := range s {
		if unicode.IsControl(c) && c != '\t' && c != '\n' && c != '\r' {
			return "", &InvalidError{field, what + " có ký tự điều khiển."}
		}
	}
	s = vn.Normalize(strings.Join(strings.Fields(s), " "))
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return "", &InvalidError{field, what + " không được để trống."}
	case n > maxLen:
		return "", &InvalidError{field, fmt.Sprintf("%s dài %d ký tự, quá giới hạn %d ký tự.", what, n, maxLen)}
	}
	if len(vn.Tokens(s)) == 0 {
		return "", &InvalidError{field, what + " phải có chữ hoặc số."}
	}
	return s, nil
}

// Add adds a row: citizens typing term mean expansion. Both sides are
// normalised (NFC, one tone placement) and checked: not empty, within
// the limits, not the same words, not a row of the curated table nor one
// already added. It returns an *InvalidError with a Vietnamese message for
// a row it refuses. The shared table is updated at once on this replica.
func (a *Abbreviations) Add(ctx context.Context, actor audit.Actor, term, expansion string) (*Abbreviation, error) {
	term, err := cleanAbbreviationField("term", "Từ viết tắt hoặc tên thường gọi", term, MaxAbbreviationTerm)
	if err != nil {
		return nil, err
	}
	expansion, err = cleanAbbreviationField("expansion", "Từ ngữ chính thức", expansion, MaxAbbreviationExpansion)
	if err != nil {
		return nil, err
	}
	tk, ek := foldedKey(term), foldedKey(expansion)
	if tk == ek {
		return nil, &InvalidError{"expansion", "Từ ngữ chính thức giống hệt từ viết tắt (không kể dấu): dòng này không có tác dụng."}
	}
	if a.curated[[2]string{tk, ek}] {
		return nil, &InvalidError{"term", fmt.Sprintf("Dòng “%s → %s” đã có trong bảng mặc định.", term, expansion)}
	}
	now := a.now().UTC().Truncate(time.Microsecond)
	row := &Abbreviation{Term: term, Expansion: expansion, CreatedBy: actor.Name, CreatedAt: now}
	err = a.db.InTx(ctx, func(tx *db.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM assistant_abbreviations`).Scan(&n); err != nil {
			return fmt.Errorf("assistant: add abbreviation: %w", err)
		}
		if n >= MaxAbbreviations {
			return &InvalidError{"term", fmt.Sprintf("Bảng đã có %d dòng, mức tối đa. Hãy xoá các dòng không còn cần.", n)}
		}
		// DO NOTHING, not a prior SELECT: two editors adding the same row
		// on two replicas at once get one row and one clear refusal.
		err := tx.QueryRow(ctx, `INSERT INTO assistant_abbreviations
			(term, term_key, expansion, expansion_key, created_by, created_by_name, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (term_key, expansion_key) DO NOTHING RETURNING id`,
			term, tk, expansion, ek, actor.ID, actor.Name, now).Scan(&row.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return &InvalidError{"term", fmt.Sprintf("Dòng “%s → %s” đã có trong bảng.", term, expansion)}
		}
		if err != nil {
			return fmt.Errorf("assistant: add abbreviation: %w", err)
		}
		after, err := audit.Snapshot(map[string]string{"term": term, "expansion": expansion})
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{At: now, Actor: actor, Action: ActionAbbreviationAdd,
			ObjectType: AuditAbbreviation, ObjectID: strconv.FormatInt(row.ID, 10), Agency: actor.Agency, After: after}); err != nil {
			return err
		}
		return bumpAbbreviations(ctx, tx, now)
	})
	if err != nil {
		return nil, err
	}
	return row, a.Load(ctx)
}

// Delete removes the row id, audited, and updates the shared table at
// once on this replica. It returns ErrAbbreviationNotFound when there is
// no such row.
func (a *Abbreviations) Delete(ctx context.Context, actor audit.Actor, id int64) error {
	now := a.now().UTC().Truncate(time.Microsecond)
	err := a.db.InTx(ctx, func(tx *db.Tx) error {
		var term, expansion string
		err := tx.QueryRow(ctx, `DELETE FROM assistant_abbreviations WHERE id = ? RETURNING term, expansion`, id).
			Scan(&term, &expansion)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrAbbreviationNotFound
		}
		if err != nil {
			return fmt.Errorf("assistant: delete abbreviation %d: %w", id, err)
		}
		before, err := audit.Snapshot(map[string]string{"term": term, "expansion": expansion})
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{At: now, Actor: actor, Action: ActionAbbreviationDelete,
			ObjectType: AuditAbbreviation, ObjectID: strconv.FormatInt(id, 10), Agency: actor.Agency, Before: before}); err != nil {
			return err
		}
		return bumpAbbreviations(ctx, tx, now)
	})
	if err != nil {
		return err
	}
	return a.Load(ctx)
}

// bumpAbbreviations marks the table as changed so every replica reloads it.
func bumpAbbreviations(ctx context.Context, tx *db.Tx, now time.Time) error {
	if _, err := tx.Exec(ctx, `INSERT INTO change_counters (name, version, changed_at) VALUES (?, 1, ?)
		ON CONFLICT (name) DO UPDATE SET version = change_counters.version + 1, changed_at = excluded.changed_at`,
		abbreviationCounter, now); err != nil {
		return fmt.Errorf("assistant: bump abbreviations: %w", err)
	}
	return nil
}

// Load rebuilds the shared table when the rows changed since the last
// Load (or on the first call): the curated rows, then the editors' in the
// order added, swapped in at once. Searches and questions in flight keep
// the table they started with.
func (a *Abbreviations) Load(ctx context.Context) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	var v int64
	err := a.db.QueryRow(ctx, `SELECT version FROM change_counters WHERE name = ?`, abbreviationCounter).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("assistant: load abbreviations: %w", err)
	}
	if v == a.version {
		return nil
	}
	rows, err := listAbbreviations(ctx, a.db)
	if err != nil {
		return err
	}
	t := vn.DefaultSynonyms()
	var bad []error
	for _, r := range rows {
		if err := t.Add(r.Term, r.Expansion); err != nil {
			// Add checks rows as Synonyms.Add does, so this one was
			// written by hand in the database: apply every other row, and
			// say which one was left out.
			bad = append(bad, fmt.Errorf("row %d: %w", r.ID, err))
		}
	}
	a.shared.Replace(t)
	a.version = v
	if len(bad) > 0 {
		return fmt.Errorf("assistant: load abbreviations: %w", errors.Join(bad...))
	}
	return nil
}

// Watch calls Load every interval until ctx ends, so a change made on
// another replica applies here within interval. Errors are logged and
// retried; the last good table stays in use.
func (a *Abbreviations) Watch(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := a.Load(ctx); err != nil && ctx.Err() == nil {
				log.Error("abbreviations reload failed", "err", err)
			}
		}
	}
}
