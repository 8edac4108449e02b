package surveys

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// The audit actions of staff changes to surveys. They are stable: the
// audit log's filters and exports rely on them.
const (
	ActionCreate          = "survey.create"
	ActionVersion         = "survey.version_create"
	ActionPublish         = "survey.publish"
	ActionClose           = "survey.close"
	ActionReopen          = "survey.reopen"
	ActionResultsPublic   = "survey.results_publish"
	ActionResultsWithdraw = "survey.results_unpublish"
)

// AuditObject is the audit log's object type for a survey; entries about
// a survey's versions name the survey too, so its whole history is one
// filter away.
const AuditObject = "survey"

// surveySnapshot is what the audit log keeps of a survey: its settings,
// never a response.
type surveySnapshot struct {
	Slug          string `json:"slug"`
	Agency        string `json:"agency"`
	Title         string `json:"title"`
	State         State  `json:"state"`
	LiveVersionID int64  `json:"live_version_id,omitempty"`
	LiveNumber    int    `json:"live_number,omitempty"`
	ResultsPublic bool   `json:"results_public"`
}

// versionSnapshot is what the audit log keeps of a new version: its
// number and note. The definition itself is stored, immutable, in
// survey_versions; copying it into the log would only bloat it.
type versionSnapshot struct {
	VersionID int64  `json:"version_id"`
	Number    int    `json:"number"`
	Note      string `json:"note,omitempty"`
}

// snapshotOf builds the snapshot of sv; number is the live version's
// number, 0 when there is none.
func snapshotOf(sv *Survey, number int) surveySnapshot {
	return surveySnapshot{Slug: sv.Slug, Agency: sv.Agency, Title: sv.Title, State: sv.State,
		LiveVersionID: sv.LiveVersionID, LiveNumber: number, ResultsPublic: sv.ResultsPublic}
}

// record writes one audit entry about the survey inside tx. A nil before
// or after is left out of the entry.
func record(ctx context.Context, tx *db.Tx, actor audit.Actor, action string, sv *Survey, at time.Time, before, after any, note string) error {
	var b, a []byte
	var err error
	if before != nil {
		if b, err = audit.Snapshot(before); err != nil {
			return err
		}
	}
	if after != nil {
		if a, err = audit.Snapshot(after); err != nil {
			return err
		}
	}
	return audit.Record(ctx, tx, audit.Entry{At: at, Actor: actor, Action: action, ObjectType: AuditObject,
		ObjectID: strconv.FormatInt(sv.ID, 10), Agency: sv.Agency, Before: b, After: a, Note: note})
}

// lockSurvey reads the survey inside tx, locking its row on PostgreSQL so
// that two editors changing it at once are served one after the other and
// each audit entry's "before" is what the change replaced.
func lockSurvey(ctx context.Context, tx *db.Tx, op string, id int64) (*Survey, error) {
	sv, err := scanSurvey(tx.QueryRow(ctx, "SELECT "+surveyCols+" FROM surveys WHERE id = ?"+tx.ForUpdate(), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("surveys: %s %d: %w", op, id, err)
	}
	return sv, nil
}

// liveNumber is the number of the survey's live version, 0 when none.
func liveNumber(ctx context.Context, tx *db.Tx, sv *Survey) (int, error) {
	if sv.LiveVersionID == 0 {
		return 0, nil
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT number FROM survey_versions WHERE id = ?", sv.LiveVersionID).Scan(&n); err != nil {
		return 0, fmt.Errorf("surveys: number of version %d: %w", sv.LiveVersionID, err)
	}
	return n, nil
}
