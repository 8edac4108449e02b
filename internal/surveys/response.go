package surveys

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/loa-vn/loa/internal/db"
)

// Response is one stored response.
type Response struct {
	ID        int64
	SurveyID  int64
	VersionID int64
	Answers   Answers
	// Respondent is the normalised identity of an identified survey, ""
	// for an anonymous one: personal data, to be shown masked.
	Respondent string
	Channel    string
	CreatedAt  time.Time
	// Repeat is true when Submit found the idempotency key already used
	// and returned the first response instead of storing a new one.
	Repeat bool
}

// Submission is what Submit needs.
type Submission struct {
	// Raw are the answers as posted, keyed by question id (and
	// IdentityField).
	Raw Answers
	// IdempotencyKey, when set, makes a repeated submission return the
	// first response: a form's hidden token, or an Idempotency-Key header.
	IdempotencyKey string
	// Channel is "web" (the hosted page) or "embed".
	Channel string
}

var keyPattern = regexp.MustCompile(`^[A-Za-z0-9_.:-]{8,128}$`)

// ValidIdempotencyKey reports whether k has the accepted shape: 8 to 128
// letters, digits and "_.:-".
func ValidIdempotencyKey(k string) bool { return keyPattern.MatchString(k) }

// Submit validates the answers against the survey's live version, on the
// server whatever the client checked, and stores the response with its
// files in one transaction. Answers a person must correct give an
// *InvalidError; a closed survey ErrClosed; a second response of an
// identity where one is allowed ErrAlreadyResponded. With an idempotency
// key already used, the first response comes back with Repeat set and
// nothing is stored.
func (s *Store) Submit(ctx context.Context, surveyID int64, sub Submission) (*Response, error) {
	if sub.IdempotencyKey != "" && !ValidIdempotencyKey(sub.IdempotencyKey) {
		return nil, &InvalidError{Fields: []FieldError{{Field: "idempotency_key", Message: "Khóa chống gửi trùng (Idempotency-Key) gồm 8–128 chữ cái, chữ số hoặc _.:-"}}}
	}
	if sub.Channel != "embed" {
		sub.Channel = "web"
	}
	if sub.IdempotencyKey != "" {
		if r, err := s.byIdempotencyKey(ctx, s.db, surveyID, sub.IdempotencyKey); err == nil {
			return r, nil
		} else if !errors.Is(err, ErrNotFound) {
			return nil, err
		}
	}
	sv, err := s.Get(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	if !sv.Accepting() {
		return nil, ErrClosed
	}
	v, err := s.Version(ctx, sv.LiveVersionID)
	if err != nil {
		return nil, err
	}
	def := v.Definition
	st := def.Walk(sub.Raw, "", s.Lookup(ctx, surveyID))
	if !st.Done {
		return nil, &InvalidError{Fields: st.Errors}
	}
	var identityKey any // NULL unless one response per identity
	if def.OnePerIdentity {
		key, err := s.identityKey(ctx)
		if err != nil {
			return nil, err
		}
		identityKey = identityHash(key, surveyID, st.Identity)
	}
	var idem any
	if sub.IdempotencyKey != "" {
		idem = sub.IdempotencyKey
	}
	answers, err := json.Marshal(st.Answers)
	if err != nil {
		return nil, fmt.Errorf("surveys: submit to %d: %w", surveyID, err)
	}
	r := &Response{SurveyID: surveyID, VersionID: v.ID, Answers: st.Answers, Respondent: st.Identity,
		Channel: sub.Channel, CreatedAt: s.now().Truncate(time.Microsecond)}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		// ON CONFLICT DO NOTHING rather than catching the violation: on
		// PostgreSQL a failed statement would abort the transaction.
		err := tx.QueryRow(ctx, `INSERT INTO survey_responses (survey_id, version_id, answers, respondent, identity_key,
			idempotency_key, channel, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING RETURNING id`,
			surveyID, v.ID, string(answers), r.Respondent, identityKey, idem, r.Channel, r.CreatedAt).Scan(&r.ID)
		if errors.Is(err, sql.ErrNoRows) {
			// A concurrent submission with the same key won the race: give
			// its response. Otherwise the identity has answered already.
			if idem != nil {
				first, ferr := s.byIdempotencyKey(ctx, tx, surveyID, sub.IdempotencyKey)
				if ferr == nil {
					r = first
					return nil
				}
				if !errors.Is(ferr, ErrNotFound) {
					return ferr
				}
			}
			return ErrAlreadyResponded
		}
		if err != nil {
			return fmt.Errorf("surveys: submit to %d: %w", surveyID, err)
		}
		return claimFiles(ctx, tx, def, surveyID, r.ID, st.Answers)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

const responseCols = "id, survey_id, version_id, answers, respondent, channel, created_at"

func scanResponse(sc interface{ Scan(...any) error }) (*Response, error) {
	var r Response
	var answers string
	if err := sc.Scan(&r.ID, &r.SurveyID, &r.VersionID, &answers, &r.Respondent, &r.Channel, &r.CreatedAt); err != nil {
		return nil, err
	}
	r.CreatedAt = r.CreatedAt.UTC()
	if err := json.Unmarshal([]byte(answers), &r.Answers); err != nil {
		return nil, fmt.Errorf("response %d: answers: %w", r.ID, err)
	}
	return &r, nil
}

// byIdempotencyKey returns the response stored with the key, marked Repeat.
func (s *Store) byIdempotencyKey(ctx context.Context, q db.Querier, surveyID int64, key string) (*Response, error) {
	r, err := scanResponse(q.QueryRow(ctx, "SELECT "+responseCols+" FROM survey_responses WHERE survey_id = ? AND idempotency_key = ?", surveyID, key))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("surveys: response by key: %w", err)
	}
	r.Repeat = true
	return r, nil
}

// Responses calls fn for each response to the version, oldest first.
func (s *Store) Responses(ctx context.Context, versionID int64, fn func(*Response) error) error {
	rows, err := s.db.Query(ctx, "SELECT "+responseCols+" FROM survey_responses WHERE version_id = ? ORDER BY id", versionID)
	if err != nil {
		return fmt.Errorf("surveys: responses to version %d: %w", versionID, err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanResponse(rows)
		if err != nil {
			return fmt.Errorf("surveys: responses to version %d: %w", versionID, err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("surveys: responses to version %d: %w", versionID, err)
	}
	return nil
}

// Counts returns the number of responses per version of the survey.
func (s *Store) Counts(ctx context.Context, surveyID int64) (map[int64]int, error) {
	rows, err := s.db.Query(ctx, "SELECT version_id, COUNT(*) FROM survey_responses WHERE survey_id = ? GROUP BY version_id", surveyID)
	if err != nil {
		return nil, fmt.Errorf("surveys: count responses of %d: %w", surveyID, err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var v int64
		var n int
		if err := rows.Scan(&v, &n); err != nil {
			return nil, fmt.Errorf("surveys: count responses of %d: %w", surveyID, err)
		}
		out[v] = n
	}
	return out, rows.Err()
}

// ResponseFiles returns the files of the version's responses, by token.
func (s *Store) ResponseFiles(ctx context.Context, versionID int64) (map[string]*File, error) {
	rows, err := s.db.Query(ctx, "SELECT "+fileCols+` FROM survey_files WHERE response_id IN
		(SELECT id FROM survey_responses WHERE version_id = ?)`, versionID)
	if err != nil {
		return nil, fmt.Errorf("surveys: files of version %d: %w", versionID, err)
	}
	defer rows.Close()
	out := map[string]*File{}
	for rows.Next() {
		f, err := scanFile(rows)
		if err != nil {
			return nil, fmt.Errorf("surveys: files of version %d: %w", versionID, err)
		}
		out[f.Token] = f
	}
	return out, rows.Err()
}

// ResponseByKey returns the response stored with the idempotency key
// (Repeat set), or ErrNotFound: the web layer checks it before validating
// a posted page again, since a repeated final page refers to files the
// first submission already claimed.
func (s *Store) ResponseByKey(ctx context.Context, surveyID int64, key string) (*Response, error) {
	return s.byIdempotencyKey(ctx, s.db, surveyID, key)
}
