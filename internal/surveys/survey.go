package surveys

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/vn"
)

// State says whether a survey takes responses.
type State string

// The states. A survey is open from creation, but citizens can answer it
// only once a version is published.
const (
	StateOpen   State = "open"
	StateClosed State = "closed"
)

// Survey is an agency's survey.
type Survey struct {
	ID     int64
	Slug   string
	Agency string
	Title  string
	State  State
	// LiveVersionID is the published version citizens answer; 0 before the
	// first publication.
	LiveVersionID int64
	ResultsPublic bool
	CreatedBy     int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Accepting reports whether citizens may answer the survey now.
func (s *Survey) Accepting() bool { return s.State == StateOpen && s.LiveVersionID != 0 }

// Version is one definition of a survey, immutable once published.
type Version struct {
	ID         int64
	SurveyID   int64
	Number     int
	Definition *Definition
	// Source is the definition as stored (canonical JSON).
	Source      string
	Note        string
	CreatedBy   int64
	CreatedAt   time.Time
	PublishedAt time.Time // zero when never published
}

// Places checks province and commune codes; the application plugs in the
// units store (see Lookup).
type Places interface {
	Province(code string) bool
	Commune(province, commune string) bool
}

// Store reads and writes the survey tables. It keeps no state that
// matters (the identity key is in the meta table), so every replica may
// have its own.
type Store struct {
	db     *db.DB
	now    func() time.Time
	places Places

	keyOnce sync.Mutex
	key     []byte
}

// StoreOption configures a Store.
type StoreOption func(*Store)

// WithClock replaces the clock.
func WithClock(now func() time.Time) StoreOption {
	return func(s *Store) { s.now = func() time.Time { return now().UTC() } }
}

// WithPlaces plugs in the check of province and commune codes. Without
// it, place questions accept no answer.
func WithPlaces(p Places) StoreOption { return func(s *Store) { s.places = p } }

// NewStore returns a store over d.
func NewStore(d *db.DB, opts ...StoreOption) *Store {
	s := &Store{db: d, now: func() time.Time { return time.Now().UTC() }}
	for _, o := range opts {
		o(s)
	}
	return s
}

// NewSurvey is what creating a survey needs. By is the staff member
// creating it, written to the audit log with the survey.
type NewSurvey struct {
	Slug, Agency, Title string
	By                  audit.Actor
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// MaxTitle is the longest survey title, in characters.
const MaxTitle = 200

// starter is the first version of a new survey: one satisfaction question,
// so the builder starts from something that works.
const starter = `{
  "intro": "",
  "pages": [{"id": "p1", "title": "", "questions": [
    {"id": "hai_long", "type": "rating", "label": "Bạn hài lòng thế nào với dịch vụ?", "required": true}
  ]}]
}`

// Create validates in and creates the survey with a first, unpublished
// version. Bad fields give an *InvalidError (fields slug, title, agency);
// a slug in use gives ErrSlugTaken.
func (s *Store) Create(ctx context.Context, in NewSurvey) (*Survey, error) {
	in.Slug, in.Title, in.Agency = strings.TrimSpace(in.Slug), vn.Normalize(in.Title), strings.TrimSpace(in.Agency)
	var errs []FieldError
	if len(in.Slug) < 3 || len(in.Slug) > 80 || !slugPattern.MatchString(in.Slug) {
		errs = append(errs, FieldError{Field: "slug", Message: "Địa chỉ gồm 3–80 chữ thường không dấu, số và dấu gạch ngang (ví dụ khao-sat-hai-long-2026)."})
	}
	if in.Title == "" || utf8.RuneCountInString(in.Title) > MaxTitle {
		errs = append(errs, FieldError{Field: "title", Message: fmt.Sprintf("Tên khảo sát cần từ 1 đến %d ký tự.", MaxTitle)})
	}
	if in.Agency == "" {
		errs = append(errs, FieldError{Field: "agency", Message: "Vui lòng chọn cơ quan sở hữu khảo sát."})
	}
	if len(errs) > 0 {
		return nil, &InvalidError{Fields: errs}
	}
	def, err := Parse([]byte(starter))
	if err != nil {
		return nil, fmt.Errorf("surveys: create: starter definition: %w", err)
	}
	now := s.now().Truncate(time.Microsecond)
	sv := &Survey{Slug: in.Slug, Agency: in.Agency, Title: in.Title, State: StateOpen, CreatedBy: in.By.ID, CreatedAt: now, UpdatedAt: now}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO surveys (slug, agency, title, state, results_public, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, FALSE, ?, ?, ?) ON CONFLICT (slug) DO NOTHING RETURNING id`,
			sv.Slug, sv.Agency, sv.Title, sv.State, sv.CreatedBy, now, now).Scan(&sv.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrSlugTaken
		}
		if err != nil {
			return fmt.Errorf("surveys: create %s: %w", sv.Slug, err)
		}
		if _, err := s.insertVersion(ctx, tx, sv.ID, def, "Phiên bản đầu", in.By.ID, now); err != nil {
			return err
		}
		return record(ctx, tx, in.By, ActionCreate, sv, now, nil, snapshotOf(sv, 0), "")
	})
	if err != nil {
		return nil, err
	}
	return sv, nil
}

const surveyCols = "id, slug, agency, title, state, COALESCE(live_version_id, 0), results_public, created_by, created_at, updated_at"

func scanSurvey(sc interface{ Scan(...any) error }) (*Survey, error) {
	var sv Survey
	var state string
	err := sc.Scan(&sv.ID, &sv.Slug, &sv.Agency, &sv.Title, &state, &sv.LiveVersionID, &sv.ResultsPublic, &sv.CreatedBy, &sv.CreatedAt, &sv.UpdatedAt)
	sv.State = State(state)
	sv.CreatedAt, sv.UpdatedAt = sv.CreatedAt.UTC(), sv.UpdatedAt.UTC()
	return &sv, err
}

// Get returns the survey with the id, or ErrNotFound.
func (s *Store) Get(ctx context.Context, id int64) (*Survey, error) {
	return s.one(ctx, "get survey", "id = ?", id)
}

// BySlug returns the survey with the address, or ErrNotFound.
func (s *Store) BySlug(ctx context.Context, slug string) (*Survey, error) {
	return s.one(ctx, "get survey "+slug, "slug = ?", slug)
}

func (s *Store) one(ctx context.Context, op, where string, arg any) (*Survey, error) {
	sv, err := scanSurvey(s.db.QueryRow(ctx, "SELECT "+surveyCols+" FROM surveys WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("surveys: %s: %w", op, err)
	}
	return sv, nil
}

// List returns the surveys of the agencies, newest first; nil agencies
// means every survey.
func (s *Store) List(ctx context.Context, agencies []string) ([]*Survey, error) {
	q := "SELECT " + surveyCols + " FROM surveys"
	var args []any
	if agencies != nil {
		if len(agencies) == 0 {
			return nil, nil
		}
		q += " WHERE agency IN (?" + strings.Repeat(", ?", len(agencies)-1) + ")"
		for _, a := range agencies {
			args = append(args, a)
		}
	}
	rows, err := s.db.Query(ctx, q+" ORDER BY created_at DESC, id DESC", args...)
	if err != nil {
		return nil, fmt.Errorf("surveys: list: %w", err)
	}
	defer rows.Close()
	var out []*Survey
	for rows.Next() {
		sv, err := scanSurvey(rows)
		if err != nil {
			return nil, fmt.Errorf("surveys: list: %w", err)
		}
		out = append(out, sv)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("surveys: list: %w", err)
	}
	return out, nil
}

// SetState opens or closes a survey, recording the change in the audit
// log in the same transaction. Setting the state it already has changes
// nothing and records nothing.
func (s *Store) SetState(ctx context.Context, actor audit.Actor, id int64, st State) error {
	var action string
	switch st {
	case StateOpen:
		action = ActionReopen
	case StateClosed:
		action = ActionClose
	default:
		return fmt.Errorf("surveys: set state %q: unknown state", st)
	}
	return s.update(ctx, actor, id, "set state", action, "state = ?", st, func(sv *Survey) bool {
		if sv.State == st {
			return false
		}
		sv.State = st
		return true
	})
}

// SetResultsPublic publishes the results page, or withdraws it, recording
// the change in the audit log in the same transaction.
func (s *Store) SetResultsPublic(ctx context.Context, actor audit.Actor, id int64, public bool) error {
	action := ActionResultsWithdraw
	if public {
		action = ActionResultsPublic
	}
	return s.update(ctx, actor, id, "set results public", action, "results_public = ?", public, func(sv *Survey) bool {
		if sv.ResultsPublic == public {
			return false
		}
		sv.ResultsPublic = public
		return true
	})
}

// update sets one column of the survey when apply says the value
// changes, and records the before and after in the audit log.
func (s *Store) update(ctx context.Context, actor audit.Actor, id int64, op, action, set string, v any, apply func(*Survey) bool) error {
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		sv, err := lockSurvey(ctx, tx, op, id)
		if err != nil {
			return err
		}
		number, err := liveNumber(ctx, tx, sv)
		if err != nil {
			return err
		}
		before := snapshotOf(sv, number)
		if !apply(sv) {
			return nil
		}
		now := s.now().Truncate(time.Microsecond)
		if _, err := tx.Exec(ctx, "UPDATE surveys SET "+set+", updated_at = ? WHERE id = ?", v, now, id); err != nil {
			return fmt.Errorf("surveys: %s %d: %w", op, id, err)
		}
		return record(ctx, tx, actor, action, sv, now, before, snapshotOf(sv, number), "")
	})
}

// identityKey returns the installation's secret key for identity hashes,
// created once and shared by every replica through the meta table.
func (s *Store) identityKey(ctx context.Context) ([]byte, error) {
	s.keyOnce.Lock()
	defer s.keyOnce.Unlock()
	if s.key != nil {
		return s.key, nil
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("surveys: identity key: %w", err)
	}
	v, err := s.db.MetaOnce(ctx, "surveys_identity_key", hex.EncodeToString(b[:]))
	if err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(v)
	if err != nil || len(key) < 16 {
		return nil, fmt.Errorf("surveys: identity key in meta is malformed")
	}
	s.key = key
	return key, nil
}

// identityHash is the keyed hash of a survey and a normalised identity:
// equal for the same person on the same survey, unrelated across surveys,
// and useless to anyone without the key.
func identityHash(key []byte, surveyID int64, identity string) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "%d\x00%s", surveyID, identity)
	return hex.EncodeToString(m.Sum(nil))
}
