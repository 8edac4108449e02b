package surveys

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// ActionDraftEdit is the audit action of a change the form-based builder
// made to the working draft in place.
const ActionDraftEdit = "survey.draft_edit"

// DraftNote is the note of a version the form-based builder starts, when
// the newest version was already published.
const DraftNote = "Bản nháp soạn bằng biểu mẫu"

// draftSnapshot is what the audit log keeps of a draft changed in place:
// which version, and its ETag before and after, so each entry can be
// matched to the form it came from. The note says what changed.
type draftSnapshot struct {
	VersionID int64  `json:"version_id"`
	Number    int    `json:"number"`
	ETag      string `json:"etag"`
}

// ErrStale: the draft changed since the form was rendered (another
// editor, or another tab, saved first); nothing was saved.
var ErrStale = errors.New("surveys: draft changed since it was read")

// Draft reports whether the version is the working draft: never
// published, so nobody has answered it and it may still change in place.
func (v *Version) Draft() bool { return v.PublishedAt.IsZero() }

// ETag identifies the version's content: it changes with every change the
// builder saves, in place or as a new version. Forms carry it so that an
// edit made from an old page is refused instead of undoing someone
// else's.
func (v *Version) ETag() string {
	h := sha256.Sum256([]byte(strconv.FormatInt(v.ID, 10) + "\x00" + v.Source))
	return hex.EncodeToString(h[:12])
}

// Latest returns the survey's newest version: the one the builder edits.
func (s *Store) Latest(ctx context.Context, surveyID int64) (*Version, error) {
	v, err := scanVersion(s.db.QueryRow(ctx, "SELECT "+versionCols+" FROM survey_versions WHERE survey_id = ? ORDER BY number DESC LIMIT 1", surveyID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("surveys: latest version of %d: %w", surveyID, err)
	}
	return v, nil
}

// SaveDraft stores def, an edit of the newest version whose ETag was
// etag, and records it in the audit log with the note (what changed) in
// the same transaction. When the newest version is still a draft it is
// updated in place, so that a session of small edits does not leave a
// version behind each; a published version never changes, so an edit of
// one starts a new draft version. A newest version whose ETag is no
// longer etag gives ErrStale; def is checked as Parse does and problems
// give a *DefinitionError. Either way nothing is stored.
func (s *Store) SaveDraft(ctx context.Context, actor audit.Actor, surveyID int64, etag string, def *Definition, note string) (*Version, error) {
	def, err := Parse(def.JSON())
	if err != nil {
		return nil, err
	}
	var v *Version
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		// Every writer of versions locks the survey row first, so the
		// newest version read below cannot change before the commit.
		sv, err := lockSurvey(ctx, tx, "save draft of", surveyID)
		if err != nil {
			return err
		}
		cur, err := scanVersion(tx.QueryRow(ctx, "SELECT "+versionCols+" FROM survey_versions WHERE survey_id = ? ORDER BY number DESC LIMIT 1", surveyID))
		if err != nil {
			return fmt.Errorf("surveys: save draft of %d: %w", surveyID, err)
		}
		if cur.ETag() != etag {
			return ErrStale
		}
		now := s.now().Truncate(time.Microsecond)
		if !cur.Draft() {
			if v, err = s.insertVersion(ctx, tx, surveyID, def, DraftNote, actor.ID, now); err != nil {
				return err
			}
			return record(ctx, tx, actor, ActionVersion, sv, now, nil, versionSnapshot{VersionID: v.ID, Number: v.Number, Note: DraftNote}, note)
		}
		v = cur
		v.Definition, v.Source = def, string(def.JSON())
		if _, err := tx.Exec(ctx, "UPDATE survey_versions SET definition = ? WHERE id = ?", v.Source, v.ID); err != nil {
			return fmt.Errorf("surveys: save draft %d: %w", v.ID, err)
		}
		if _, err := tx.Exec(ctx, "UPDATE surveys SET updated_at = ? WHERE id = ?", now, surveyID); err != nil {
			return fmt.Errorf("surveys: touch %d: %w", surveyID, err)
		}
		before := draftSnapshot{VersionID: v.ID, Number: v.Number, ETag: etag}
		after := draftSnapshot{VersionID: v.ID, Number: v.Number, ETag: v.ETag()}
		return record(ctx, tx, actor, ActionDraftEdit, sv, now, before, after, note)
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}
