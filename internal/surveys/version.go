package surveys

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/vn"
)

// MaxNote is the longest change note of a version, in characters.
const MaxNote = 300

// SaveVersion parses src and stores it as the survey's next version,
// unpublished, recording it in the audit log in the same transaction. A
// definition with problems gives its *DefinitionError and stores nothing.
// Published versions are never changed afterwards: responses keep the
// version they answered (only SaveDraft changes a never-published one).
func (s *Store) SaveVersion(ctx context.Context, actor audit.Actor, surveyID int64, src []byte, note string) (*Version, error) {
	def, err := Parse(src)
	if err != nil {
		return nil, err
	}
	note = vn.Normalize(note)
	if utf8.RuneCountInString(note) > MaxNote {
		return nil, &InvalidError{Fields: []FieldError{{Field: "note", Message: fmt.Sprintf("Ghi chú thay đổi dài quá %d ký tự.", MaxNote)}}}
	}
	var v *Version
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		// Lock the survey row so two editors saving at once get numbers
		// one after the other rather than a unique violation.
		sv, err := lockSurvey(ctx, tx, "save version of", surveyID)
		if err != nil {
			return err
		}
		now := s.now().Truncate(time.Microsecond)
		if v, err = s.insertVersion(ctx, tx, surveyID, def, note, actor.ID, now); err != nil {
			return err
		}
		return record(ctx, tx, actor, ActionVersion, sv, now, nil, versionSnapshot{VersionID: v.ID, Number: v.Number, Note: note}, note)
	})
	return v, err
}

// insertVersion stores def as the survey's next version.
func (s *Store) insertVersion(ctx context.Context, tx *db.Tx, surveyID int64, def *Definition, note string, by int64, now time.Time) (*Version, error) {
	v := &Version{SurveyID: surveyID, Definition: def, Source: string(def.JSON()), Note: note, CreatedBy: by, CreatedAt: now}
	if err := tx.QueryRow(ctx, "SELECT COALESCE(MAX(number), 0) + 1 FROM survey_versions WHERE survey_id = ?", surveyID).Scan(&v.Number); err != nil {
		return nil, fmt.Errorf("surveys: number version of %d: %w", surveyID, err)
	}
	if err := tx.QueryRow(ctx, `INSERT INTO survey_versions (survey_id, number, definition, note, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, surveyID, v.Number, v.Source, note, by, now).Scan(&v.ID); err != nil {
		return nil, fmt.Errorf("surveys: insert version of %d: %w", surveyID, err)
	}
	if _, err := tx.Exec(ctx, "UPDATE surveys SET updated_at = ? WHERE id = ?", now, surveyID); err != nil {
		return nil, fmt.Errorf("surveys: touch %d: %w", surveyID, err)
	}
	return v, nil
}

const versionCols = "id, survey_id, number, definition, note, created_by, created_at, published_at"

func scanVersion(sc interface{ Scan(...any) error }) (*Version, error) {
	var v Version
	var published sql.NullTime
	if err := sc.Scan(&v.ID, &v.SurveyID, &v.Number, &v.Source, &v.Note, &v.CreatedBy, &v.CreatedAt, &published); err != nil {
		return nil, err
	}
	v.CreatedAt = v.CreatedAt.UTC()
	if published.Valid {
		v.PublishedAt = published.Time.UTC()
	}
	def, err := Parse([]byte(v.Source))
	if err != nil {
		// Stored definitions were parsed before they were stored; one that
		// no longer parses means the parser grew stricter.
		return nil, fmt.Errorf("version %d: stored definition: %w", v.ID, err)
	}
	v.Definition = def
	return &v, nil
}

// Version returns the version with the id, or ErrNotFound.
func (s *Store) Version(ctx context.Context, id int64) (*Version, error) {
	v, err := scanVersion(s.db.QueryRow(ctx, "SELECT "+versionCols+" FROM survey_versions WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("surveys: get version %d: %w", id, err)
	}
	return v, nil
}

// Versions returns the survey's versions, newest first.
func (s *Store) Versions(ctx context.Context, surveyID int64) ([]*Version, error) {
	rows, err := s.db.Query(ctx, "SELECT "+versionCols+" FROM survey_versions WHERE survey_id = ? ORDER BY number DESC", surveyID)
	if err != nil {
		return nil, fmt.Errorf("surveys: versions of %d: %w", surveyID, err)
	}
	defer rows.Close()
	var out []*Version
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, fmt.Errorf("surveys: versions of %d: %w", surveyID, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("surveys: versions of %d: %w", surveyID, err)
	}
	return out, nil
}

// Live returns the survey's published version, or ErrClosed when there is
// none yet.
func (s *Store) Live(ctx context.Context, sv *Survey) (*Version, error) {
	if sv.LiveVersionID == 0 {
		return nil, ErrClosed
	}
	return s.Version(ctx, sv.LiveVersionID)
}

// Publish makes the version the one citizens answer from now on, and
// opens the survey, recording the change in the audit log in the same
// transaction. Responses to earlier versions keep their version.
func (s *Store) Publish(ctx context.Context, actor audit.Actor, surveyID, versionID int64) error {
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		sv, err := lockSurvey(ctx, tx, "publish version of", surveyID)
		if err != nil {
			return err
		}
		oldNumber, err := liveNumber(ctx, tx, sv)
		if err != nil {
			return err
		}
		before := snapshotOf(sv, oldNumber)
		var number int
		err = tx.QueryRow(ctx, "SELECT number FROM survey_versions WHERE id = ? AND survey_id = ?", versionID, surveyID).Scan(&number)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("surveys: publish version %d: %w", versionID, err)
		}
		now := s.now().Truncate(time.Microsecond)
		if _, err := tx.Exec(ctx, "UPDATE survey_versions SET published_at = COALESCE(published_at, ?) WHERE id = ?", now, versionID); err != nil {
			return fmt.Errorf("surveys: publish version %d: %w", versionID, err)
		}
		if _, err := tx.Exec(ctx, "UPDATE surveys SET live_version_id = ?, state = ?, updated_at = ? WHERE id = ?",
			versionID, StateOpen, now, surveyID); err != nil {
			return fmt.Errorf("surveys: publish version %d: %w", versionID, err)
		}
		sv.LiveVersionID, sv.State = versionID, StateOpen
		return record(ctx, tx, actor, ActionPublish, sv, now, before, snapshotOf(sv, number), "")
	})
}
