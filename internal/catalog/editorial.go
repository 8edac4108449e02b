package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/staff"
)

// AuditObject is the audit log's object type for editorial documents; the
// object id is DocumentKey(serviceCode, scope).
const AuditObject = "guide"

// The audit actions of the editorial workflow.
const (
	ActionDraftCreate     = "guide.draft_create"
	ActionDraftSave       = "guide.draft_save"
	ActionSubmit          = "guide.submit"
	ActionWithdraw        = "guide.withdraw"
	ActionDiscard         = "guide.discard"
	ActionReturn          = "guide.return"
	ActionApprove         = "guide.approve"
	ActionApproveOverride = "guide.approve_override"
	ActionPublish         = "guide.publish"
	ActionUnpublish       = "guide.unpublish"
)

// DraftInput is what the editor form sends back when saving. BaseVersion,
// DraftID and Saves come from Editing.Input as it was when the form was
// opened, and are the optimistic lock: if the document or the draft moved
// since, Draft returns ErrConflict and writes nothing.
type DraftInput struct {
	ServiceCode string
	Scope       string
	// BaseVersion is the publication the text was written on (Editing.Input.BaseVersion).
	BaseVersion int
	// DraftID and Saves identify the actor's draft the form was opened on
	// and how many saves it had; both zero when the form started a new draft.
	DraftID int64
	Saves   int
	Body    Body
	// ChangeNote says what changed and why; required before Submit.
	ChangeNote string
}

// Editing is what the editor page needs to open a document.
type Editing struct {
	ServiceCode string
	Scope       string
	// Head is the latest publication (perhaps since unpublished); nil when
	// the document was never published through the workflow.
	Head *Revision
	// Published is the text on the site now; nil when none.
	Published *Revision
	// Mine is the actor's open revision: a draft (perhaps returned), or one
	// in review or scheduled, which must be withdrawn before editing.
	Mine *Revision
	// Stale says Mine was written on an older publication than Head. Show
	// the changes from Base to Head; saving the form rebases the draft on Head.
	Stale bool
	Base  *Revision
	// Input fills the form: Mine's content, else Head's, else what the site
	// shows (a guide published before the workflow, "version 0"), else empty.
	Input DraftInput
}

// clock returns the current time as stored: UTC, to the microsecond (what
// PostgreSQL keeps), so values read back compare equal to values written.
func (s *Store) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Open returns what the actor needs to edit a document, or ErrForbidden
// when they may not edit it.
func (s *Store) Open(ctx context.Context, actor *staff.User, serviceCode, scope string) (*Editing, error) {
	o, err := loadOwner(ctx, s.db, serviceCode)
	if err != nil {
		return nil, err
	}
	if p := s.scopeProblem(o, scope); p != "" {
		return nil, invalid([]Problem{{Field: "scope", Message: p}})
	}
	if !s.permits(actor, staff.PermGuideEdit, o, scope) {
		return nil, ErrForbidden
	}
	e := &Editing{ServiceCode: serviceCode, Scope: scope}
	if e.Head, err = headRevision(ctx, s.db, serviceCode, scope); err != nil {
		return nil, err
	}
	if e.Head != nil && e.Head.State == StatePublished {
		e.Published = e.Head
	}
	if e.Mine, err = openRevisionOf(ctx, s.db, serviceCode, scope, actor.ID); err != nil {
		return nil, err
	}
	e.Input = DraftInput{ServiceCode: serviceCode, Scope: scope}
	if e.Head != nil {
		e.Input.BaseVersion = e.Head.Version
	}
	switch {
	case e.Mine != nil:
		if e.Mine.State == StateDraft {
			e.Input.DraftID, e.Input.Saves = e.Mine.ID, e.Mine.Saves
		}
		e.Input.Body, e.Input.ChangeNote = e.Mine.Body, e.Mine.ChangeNote
		if e.Mine.BaseVersion != e.Input.BaseVersion {
			e.Stale = true
			if e.Mine.BaseVersion > 0 {
				e.Base, err = queryRevision(ctx, s.db, "base of "+e.Mine.Key(),
					"WHERE service_code = ? AND scope = ? AND version = ?", serviceCode, scope, e.Mine.BaseVersion)
				if err != nil {
					return nil, err
				}
			}
		}
	case e.Head != nil:
		e.Input.Body = e.Head.Body
	default:
		b, err := projectedBody(ctx, s.db, serviceCode, scope)
		if err != nil {
			return nil, err
		}
		if b != nil {
			e.Input.Body = *b
		}
	}
	e.Input.Body = e.Input.Body.clone()
	return e, nil
}

// clone returns a deep copy, so normalising a caller's body never changes it.
func (b Body) clone() Body {
	j, err := json.Marshal(b)
	if err != nil {
		return b // cannot happen: Body holds strings only
	}
	var c Body
	if err := json.Unmarshal(j, &c); err != nil {
		return b
	}
	return c
}

// Draft saves the actor's draft of a document, creating it when the actor
// has none: content normalised and validated, the author recorded, the
// change audited. It returns ErrConflict, writing nothing, when the document
// was published again since in.BaseVersion or the draft was saved, submitted
// or discarded elsewhere since the form was opened; ErrState when the
// actor's revision is waiting for review (withdraw it first).
func (s *Store) Draft(ctx context.Context, actor *staff.User, in DraftInput) (*Revision, error) {
	body := in.Body.clone()
	body.Normalize()
	var problems []Problem
	if err := body.Validate(in.Scope); err != nil {
		problems = append(problems, err.(*EditorialError).Problems...)
	}
	note, err := cleanNote("change_note", "Ghi chú thay đổi", in.ChangeNote, maxChangeNote, false)
	if err != nil {
		problems = append(problems, err.(*EditorialError).Problems...)
	}
	var out *Revision
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		o, err := loadOwner(ctx, tx, in.ServiceCode)
		if err != nil {
			return err
		}
		if p := s.scopeProblem(o, in.Scope); p != "" {
			return invalid([]Problem{{Field: "scope", Message: p}})
		}
		if !s.permits(actor, staff.PermGuideEdit, o, in.Scope) {
			return ErrForbidden
		}
		if err := invalid(problems); err != nil {
			return err
		}
		head, err := headVersion(ctx, tx, in.ServiceCode, in.Scope)
		if err != nil {
			return err
		}
		if in.BaseVersion != head {
			return ErrConflict
		}
		mine, err := openRevisionOf(ctx, tx, in.ServiceCode, in.Scope, actor.ID)
		if err != nil {
			return err
		}
		now := s.clock()
		switch {
		case mine == nil:
			if in.DraftID != 0 {
				return refuse(ErrConflict, "Bản nháp bạn đang sửa đã được gửi duyệt hoặc huỷ ở nơi khác (có thể trong một thẻ trình duyệt khác). "+
					"Nội dung của bạn chưa được lưu và không có gì bị ghi đè. Hãy mở lại trang soạn thảo.")
			}
			rev := &Revision{ServiceCode: in.ServiceCode, Scope: in.Scope, State: StateDraft, Body: body, ChangeNote: note,
				AuthorID: actor.ID, AuthorName: actor.Username, AuthorAgency: actor.Agency,
				CreatedAt: now, UpdatedAt: now, Saves: 1, BaseVersion: head}
			if err := insertRevision(ctx, tx, rev); err != nil {
				return err
			}
			out = rev
			return s.record(ctx, tx, actor, ActionDraftCreate, o, nil, rev, note)
		case mine.State != StateDraft:
			return refuse(ErrState, "Bạn đã gửi duyệt một bản của hướng dẫn này. Hãy rút bản đó về để sửa tiếp, hoặc chờ người duyệt xử lý.")
		case in.DraftID != mine.ID || in.Saves != mine.Saves:
			return refuse(ErrConflict, "Bản nháp này đã được lưu ở nơi khác (có thể trong một thẻ trình duyệt khác) sau khi bạn mở ra. "+
				"Nội dung của bạn chưa được lưu và không có gì bị ghi đè. Hãy mở lại trang soạn thảo để xem bản mới nhất.")
		}
		after := *mine
		after.Body, after.ChangeNote, after.BaseVersion = body, note, head
		after.Saves++
		after.UpdatedAt = now
		if err := saveRevision(ctx, tx, mine, &after); err != nil {
			return err
		}
		out = &after
		return s.record(ctx, tx, actor, ActionDraftSave, o, mine, &after, note)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Submit sends the author's draft for review. The draft needs a change note
// and must still be written on the latest publication (else ErrConflict:
// reopen, check the new text, save and submit again).
func (s *Store) Submit(ctx context.Context, actor *staff.User, id int64) (*Revision, error) {
	return s.transition(ctx, actor, id, func(tx *db.Tx, o *serviceOwner, rev *Revision, now time.Time) (*Revision, error) {
		if rev.AuthorID != actor.ID || !s.permits(actor, staff.PermGuideEdit, o, rev.Scope) {
			return nil, refuse(ErrForbidden, "Chỉ người soạn bản nháp mới gửi duyệt được.")
		}
		if rev.State != StateDraft {
			return nil, ErrState
		}
		if rev.ChangeNote == "" {
			return nil, invalid([]Problem{{Field: "change_note", Message: "Hãy ghi chú ngắn gọn bạn đã thay đổi gì trước khi gửi duyệt."}})
		}
		if err := rev.Body.Validate(rev.Scope); err != nil {
			return nil, err
		}
		if err := s.checkHead(ctx, tx, rev, "Trong lúc bạn soạn, hướng dẫn đã có bản mới được xuất bản (phiên bản %d). "+
			"Hãy mở lại trang soạn thảo, xem thay đổi mới, cập nhật bản nháp rồi gửi duyệt lại."); err != nil {
			return nil, err
		}
		after := *rev
		after.State, after.SubmittedAt, after.UpdatedAt = StateInReview, now, now
		return &after, s.saveAndRecord(ctx, tx, actor, ActionSubmit, o, rev, &after, rev.ChangeNote)
	})
}

// Withdraw takes the author's revision back from review (or from its
// scheduled publication) to a draft they can edit again.
func (s *Store) Withdraw(ctx context.Context, actor *staff.User, id int64) (*Revision, error) {
	return s.transition(ctx, actor, id, func(tx *db.Tx, o *serviceOwner, rev *Revision, now time.Time) (*Revision, error) {
		if rev.AuthorID != actor.ID || !s.permits(actor, staff.PermGuideEdit, o, rev.Scope) {
			return nil, refuse(ErrForbidden, "Chỉ người soạn mới rút lại được bản này.")
		}
		if rev.State != StateInReview && rev.State != StateScheduled {
			return nil, ErrState
		}
		after := *rev
		after.State, after.UpdatedAt, after.PublishAt = StateDraft, now, time.Time{}
		after.ReviewerID, after.ReviewerName, after.ReviewedAt, after.ReviewNote, after.Override = 0, "", time.Time{}, "", false
		return &after, s.saveAndRecord(ctx, tx, actor, ActionWithdraw, o, rev, &after, "")
	})
}

// Discard gives up the author's draft. The revision is kept, as
// "discarded", like every other version.
func (s *Store) Discard(ctx context.Context, actor *staff.User, id int64) (*Revision, error) {
	return s.transition(ctx, actor, id, func(tx *db.Tx, o *serviceOwner, rev *Revision, now time.Time) (*Revision, error) {
		if rev.AuthorID != actor.ID || !s.permits(actor, staff.PermGuideEdit, o, rev.Scope) {
			return nil, refuse(ErrForbidden, "Chỉ người soạn mới huỷ được bản nháp này.")
		}
		if rev.State != StateDraft {
			return nil, ErrState
		}
		after := *rev
		after.State, after.UpdatedAt = StateDiscarded, now
		return &after, s.saveAndRecord(ctx, tx, actor, ActionDiscard, o, rev, &after, "")
	})
}

// Return sends a revision in review, or one approved and waiting for its
// scheduled time, back to its author as a draft with the reviewer's note
// ("trả lại"). The note is required: the author must know what to fix.
func (s *Store) Return(ctx context.Context, reviewer *staff.User, id int64, note string) (*Revision, error) {
	note, err := cleanNote("review_note", "Lý do trả lại", note, maxReviewNote, true)
	if err != nil {
		return nil, err
	}
	return s.transition(ctx, reviewer, id, func(tx *db.Tx, o *serviceOwner, rev *Revision, now time.Time) (*Revision, error) {
		if !s.permits(reviewer, staff.PermGuideReview, o, rev.Scope) {
			return nil, ErrForbidden
		}
		if rev.State != StateInReview && rev.State != StateScheduled {
			return nil, ErrState
		}
		after := returned(rev, reviewer.ID, reviewer.Username, note, now)
		return after, s.saveAndRecord(ctx, tx, reviewer, ActionReturn, o, rev, after, note)
	})
}

// returned is rev sent back to its author as a draft with a note.
func returned(rev *Revision, reviewerID int64, reviewerName, note string, now time.Time) *Revision {
	after := *rev
	after.State, after.UpdatedAt, after.PublishAt, after.Override = StateDraft, now, time.Time{}, false
	after.ReviewerID, after.ReviewerName, after.ReviewedAt, after.ReviewNote = reviewerID, reviewerName, now, note
	return &after
}

// Approve accepts a revision in review. With publishAt nil or not in the
// future it is published at once; otherwise it is scheduled and PublishDue
// publishes it when the time comes. A reviewer cannot approve their own
// revision (ErrSelfApproval) unless they hold guide.publish_override (the
// national coordinator), and then the audit entry is
// guide.approve_override. If another revision was published since this one
// was written, approving would erase that change: ErrConflict, and the
// reviewer should return it.
func (s *Store) Approve(ctx context.Context, reviewer *staff.User, id int64, publishAt *time.Time) (*Revision, error) {
	return s.transition(ctx, reviewer, id, func(tx *db.Tx, o *serviceOwner, rev *Revision, now time.Time) (*Revision, error) {
		if !s.permits(reviewer, staff.PermGuideReview, o, rev.Scope) {
			return nil, ErrForbidden
		}
		if rev.State != StateInReview {
			return nil, ErrState
		}
		override := rev.AuthorID == reviewer.ID
		if override && !reviewer.Can(staff.PermGuidePublishOverride) {
			return nil, ErrSelfApproval
		}
		if err := s.checkHead(ctx, tx, rev, "Trong lúc bản này chờ duyệt, hướng dẫn đã có bản mới được xuất bản (phiên bản %d); "+
			"duyệt bản này sẽ xoá mất thay đổi đó. Hãy trả lại để người soạn cập nhật theo bản mới."); err != nil {
			return nil, err
		}
		after := *rev
		after.ReviewerID, after.ReviewerName, after.ReviewedAt, after.ReviewNote = reviewer.ID, reviewer.Username, now, ""
		after.Override, after.UpdatedAt = override, now
		action, note := ActionApprove, ""
		if override {
			action, note = ActionApproveOverride, "Tự duyệt bản của chính mình bằng quyền điều phối quốc gia (guide.publish_override)."
		}
		if publishAt != nil && publishAt.After(now) {
			after.State, after.PublishAt = StateScheduled, publishAt.UTC().Truncate(time.Microsecond)
			if err := s.saveAndRecord(ctx, tx, reviewer, action, o, rev, &after, note); err != nil {
				return nil, err
			}
			if s.onSchedule != nil {
				if err := s.onSchedule(ctx, tx, &after); err != nil {
					return nil, fmt.Errorf("catalog: schedule %s: %w", after.Key(), err)
				}
			}
			return &after, nil
		}
		// Approval and publication are two audit entries: who decided, and
		// what the site showed before and after.
		approved := after
		approved.State = StatePublished
		if err := s.record(ctx, tx, reviewer, action, o, rev, &approved, note); err != nil {
			return nil, err
		}
		return s.publish(ctx, tx, reviewer, o, rev, &after, now, "")
	})
}

// Unpublish takes the published revision off the site (the national
// guide and FAQs, or the local note), with a reason for the audit log.
// The text stays in the history and the next draft starts from it.
func (s *Store) Unpublish(ctx context.Context, actor *staff.User, id int64, note string) (*Revision, error) {
	note, err := cleanNote("review_note", "Lý do gỡ xuất bản", note, maxReviewNote, true)
	if err != nil {
		return nil, err
	}
	return s.transition(ctx, actor, id, func(tx *db.Tx, o *serviceOwner, rev *Revision, now time.Time) (*Revision, error) {
		if !s.permits(actor, staff.PermGuideReview, o, rev.Scope) {
			return nil, ErrForbidden
		}
		if rev.State != StatePublished {
			return nil, ErrState
		}
		after := *rev
		after.State, after.EndedAt, after.UpdatedAt = StateUnpublished, now, now
		if err := s.saveAndRecord(ctx, tx, actor, ActionUnpublish, o, rev, &after, note); err != nil {
			return nil, err
		}
		return &after, s.unproject(ctx, tx, rev.ServiceCode, rev.Scope)
	})
}

// transition runs one state change of revision id in a transaction: load,
// let fn check and build the new state (fn saves and audits), commit.
func (s *Store) transition(ctx context.Context, actor *staff.User, id int64,
	fn func(tx *db.Tx, o *serviceOwner, rev *Revision, now time.Time) (*Revision, error)) (*Revision, error) {
	if actor == nil {
		return nil, ErrForbidden
	}
	var out *Revision
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		rev, err := lockedRevision(ctx, tx, id)
		if err != nil {
			return err
		}
		o, err := loadOwner(ctx, tx, rev.ServiceCode)
		if err != nil {
			return err
		}
		out, err = fn(tx, o, rev, s.clock())
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkHead refuses, with ErrConflict and the message (which gets the head
// version), a revision written on an older publication than the latest.
func (s *Store) checkHead(ctx context.Context, tx *db.Tx, rev *Revision, message string) error {
	head, err := headVersion(ctx, tx, rev.ServiceCode, rev.Scope)
	if err != nil {
		return err
	}
	if rev.BaseVersion != head {
		return refuse(ErrConflict, fmt.Sprintf(message, head))
	}
	return nil
}

// publish makes after (rev approved) the published text: the previous
// publication becomes superseded, after gets the next version number, the
// projection is rewritten and the change counter bumped, and the
// publication is audited with the previous text as "before". actor nil is
// the system (a scheduled publication, seeding).
func (s *Store) publish(ctx context.Context, tx *db.Tx, actor *staff.User, o *serviceOwner, rev, after *Revision,
	now time.Time, note string) (*Revision, error) {
	head, err := headVersion(ctx, tx, rev.ServiceCode, rev.Scope)
	if err != nil {
		return nil, err
	}
	prev, err := queryRevision(ctx, tx, "published "+rev.Key(),
		"WHERE service_code = ? AND scope = ? AND state = 'published'", rev.ServiceCode, rev.Scope)
	if err != nil {
		return nil, err
	}
	if prev != nil {
		ended := *prev
		ended.State, ended.EndedAt, ended.UpdatedAt = StateSuperseded, now, now
		if err := saveRevision(ctx, tx, prev, &ended); err != nil {
			return nil, err
		}
	}
	after.State, after.Version, after.PublishedAt, after.UpdatedAt = StatePublished, head+1, now, now
	if err := saveRevision(ctx, tx, rev, after); err != nil {
		return nil, err
	}
	if err := s.project(ctx, tx, after); err != nil {
		return nil, err
	}
	if err := s.record(ctx, tx, actor, ActionPublish, o, prev, after, note); err != nil {
		return nil, err
	}
	return after, nil
}

// PublishDue publishes every scheduled revision whose time has come (at or
// before now), each in its own transaction, and returns how many it
// published. A background job calls it; it is idempotent and safe to run on
// several replicas at once. A scheduled revision that another publication
// overtook is not published over it: it goes back to its author as a
// returned draft, with a note saying why.
func (s *Store) PublishDue(ctx context.Context, now time.Time) (int, error) {
	now = now.UTC().Truncate(time.Microsecond)
	due, err := s.Scheduled(ctx)
	if err != nil {
		return 0, err
	}
	published := 0
	var errs []error
	for _, d := range due {
		if d.PublishAt.After(now) {
			break // Scheduled is ordered by time
		}
		done := false
		err := s.db.InTx(ctx, func(tx *db.Tx) error {
			rev, err := lockedRevision(ctx, tx, d.ID)
			if err != nil {
				return err
			}
			if rev.State != StateScheduled || rev.PublishAt.After(now) {
				return nil // done by another replica, withdrawn or returned meanwhile
			}
			o, err := loadOwner(ctx, tx, rev.ServiceCode)
			if err != nil {
				return err
			}
			head, err := headVersion(ctx, tx, rev.ServiceCode, rev.Scope)
			if err != nil {
				return err
			}
			if rev.BaseVersion != head {
				note := fmt.Sprintf("Không xuất bản theo lịch: trước giờ hẹn, hướng dẫn đã có bản mới được xuất bản (phiên bản %d). "+
					"Hãy cập nhật bản nháp theo bản mới rồi gửi duyệt lại.", head)
				after := returned(rev, 0, audit.System.Name, note, now)
				return s.saveAndRecord(ctx, tx, nil, ActionReturn, o, rev, after, note)
			}
			after := *rev
			if _, err := s.publish(ctx, tx, nil, o, rev, &after, now, "Xuất bản theo lịch đã duyệt."); err != nil {
				return err
			}
			done = true
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("catalog: publish due revision %d: %w", d.ID, err))
			continue
		}
		if done {
			published++
		}
	}
	return published, errors.Join(errs...)
}

// Scheduled returns the revisions approved for a later publication,
// soonest first.
func (s *Store) Scheduled(ctx context.Context) ([]Revision, error) {
	return queryRevisions(ctx, s.db, "scheduled revisions", "WHERE state = 'scheduled' ORDER BY publish_at, id")
}

// NextPublishAt returns the time of the soonest scheduled publication, and
// false when nothing is scheduled. A job runner can use it to sleep until
// then without enqueuing anything; PublishDue does the work.
func (s *Store) NextPublishAt(ctx context.Context) (time.Time, bool, error) {
	revs, err := queryRevisions(ctx, s.db, "next scheduled revision", "WHERE state = 'scheduled' ORDER BY publish_at, id LIMIT 1")
	if err != nil || len(revs) == 0 {
		return time.Time{}, false, err
	}
	return revs[0].PublishAt, true, nil
}

// insertRevision stores a new revision and sets its ID.
func insertRevision(ctx context.Context, tx *db.Tx, rev *Revision) error {
	body, _, err := encodeBody(&rev.Body)
	if err != nil {
		return err
	}
	err = tx.QueryRow(ctx, `INSERT INTO guide_revisions (service_code, scope, version, state, body, change_note,
		author_id, author_name, author_agency, created_at, updated_at, saves, base_version, submitted_at,
		reviewed_by, reviewer_name, reviewed_at, review_note, override, publish_at, published_at, ended_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		rev.ServiceCode, rev.Scope, rev.Version, string(rev.State), body, rev.ChangeNote,
		rev.AuthorID, rev.AuthorName, rev.AuthorAgency, rev.CreatedAt, rev.UpdatedAt, rev.Saves, rev.BaseVersion,
		timeOrNull(rev.SubmittedAt), rev.ReviewerID, rev.ReviewerName, timeOrNull(rev.ReviewedAt), rev.ReviewNote,
		rev.Override, timeOrNull(rev.PublishAt), timeOrNull(rev.PublishedAt), timeOrNull(rev.EndedAt)).Scan(&rev.ID)
	if err != nil {
		if isUniqueViolation(err) {
			// Another request of the same author created a draft at the same moment.
			return ErrConflict
		}
		return fmt.Errorf("catalog: save revision of %s: %w", rev.Key(), err)
	}
	return nil
}

// saveRevision writes after over before, provided the row is still as
// before was read (same state and number of saves); otherwise someone
// changed it meanwhile and the result is ErrConflict.
func saveRevision(ctx context.Context, tx *db.Tx, before, after *Revision) error {
	body, _, err := encodeBody(&after.Body)
	if err != nil {
		return err
	}
	res, err := tx.Exec(ctx, `UPDATE guide_revisions SET version = ?, state = ?, body = ?, change_note = ?,
		updated_at = ?, saves = ?, base_version = ?, submitted_at = ?, reviewed_by = ?, reviewer_name = ?,
		reviewed_at = ?, review_note = ?, override = ?, publish_at = ?, published_at = ?, ended_at = ?
		WHERE id = ? AND state = ? AND saves = ?`,
		after.Version, string(after.State), body, after.ChangeNote, after.UpdatedAt, after.Saves, after.BaseVersion,
		timeOrNull(after.SubmittedAt), after.ReviewerID, after.ReviewerName, timeOrNull(after.ReviewedAt),
		after.ReviewNote, after.Override, timeOrNull(after.PublishAt), timeOrNull(after.PublishedAt),
		timeOrNull(after.EndedAt), before.ID, string(before.State), before.Saves)
	if err != nil {
		if isUniqueViolation(err) {
			// Two publications of one document at the same moment: the
			// version number or the single published slot is taken.
			return ErrConflict
		}
		return fmt.Errorf("catalog: save revision %d: %w", before.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("catalog: save revision %d: %w", before.ID, err)
	}
	if n != 1 {
		return ErrConflict
	}
	return nil
}

// saveAndRecord saves a state change and audits it.
func (s *Store) saveAndRecord(ctx context.Context, tx *db.Tx, actor *staff.User, action string, o *serviceOwner,
	before, after *Revision, note string) error {
	if err := saveRevision(ctx, tx, before, after); err != nil {
		return err
	}
	return s.record(ctx, tx, actor, action, o, before, after, note)
}

// record writes the audit entry of a change to a document, in tx. A nil
// actor is the system.
func (s *Store) record(ctx context.Context, tx *db.Tx, actor *staff.User, action string, o *serviceOwner,
	before, after *Revision, note string) error {
	var b, a json.RawMessage
	var err error
	if b, err = before.auditJSON(); err != nil {
		return err
	}
	if a, err = after.auditJSON(); err != nil {
		return err
	}
	scope := ""
	if after != nil {
		scope = after.Scope
	} else if before != nil {
		scope = before.Scope
	}
	return audit.Record(ctx, tx, audit.Entry{
		At: s.clock(), Actor: actor.Actor(), Action: action, ObjectType: AuditObject,
		ObjectID: DocumentKey(o.Code, scope), Agency: auditAgency(o, scope, actor), Before: b, After: a, Note: note,
	})
}

// isUniqueViolation recognises both drivers' unique-constraint errors.
func isUniqueViolation(err error) bool {
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "unique constraint") || strings.Contains(msg, "duplicate key")
}
