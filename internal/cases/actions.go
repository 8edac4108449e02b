package cases

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// The handlers' actions. Each runs in one transaction (see act), appends
// its events, and leaves the deadline columns recomputed. Notes are
// cleaned like descriptions; a note on a Public event shows on the status
// page, redacted.

// Acknowledge confirms to the citizen that the agency has the case.
func (s *Store) Acknowledge(ctx context.Context, id int64, h Handler) (*Case, error) {
	return s.act(ctx, id, func(a *actCtx) error {
		if isEnded(a.c.State) {
			return a.badState("acknowledge")
		}
		return a.event(EventAcknowledged, h.actor(), "", Public)
	})
}

// isEnded reports states in which a case takes no more handling.
func isEnded(s State) bool {
	switch s {
	case StatePublished, StateClosed, StateDuplicate, StateNotOurResponsibility:
		return true
	}
	return false
}

// Classify sets the category and, where the state allows, moves the case
// to classified. A category changed later (the case assigned already) is
// recorded as an internal note.
func (s *Store) Classify(ctx context.Context, id int64, h Handler, cat Category, note string) (*Case, error) {
	return s.act(ctx, id, func(a *actCtx) error {
		if !cat.Valid() {
			return &InvalidError{Fields: []FieldError{{Field: "category", Message: "Vui lòng chọn một lĩnh vực trong danh sách."}}}
		}
		if isEnded(a.c.State) && a.c.State != StateDuplicate && a.c.State != StateNotOurResponsibility {
			return a.badState("classify")
		}
		if cat != a.c.Category {
			if err := a.exec("category = ?", cat); err != nil {
				return err
			}
			a.c.Category = cat
		}
		if CanTransition(a.c.State, StateClassified) {
			return a.move(StateClassified, h.actor(), note, Public)
		}
		return a.event(EventNote, h.actor(), "Phân loại: "+cat.Label()+". "+note, Internal)
	})
}

// Assign gives the case to an agency (agency "" keeps the current one)
// and, optionally, to one of its handlers (assignee 0: the agency's
// queue). A change of agency is a manual reassignment and is audited.
// From received, classified, transferred or reopened the case moves to
// assigned; later states keep theirs and get a "reassigned" event.
func (s *Store) Assign(ctx context.Context, id int64, h Handler, agency string, assignee int64, note string) (*Case, error) {
	return s.act(ctx, id, func(a *actCtx) error {
		if isEnded(a.c.State) || a.c.State == StateReturnedForInfo {
			return a.badState("assign")
		}
		agency = strings.TrimSpace(agency)
		if agency == "" {
			agency = a.c.Agency
		}
		if agency == "" {
			return &InvalidError{Fields: []FieldError{{Field: "agency", Message: "Vui lòng chọn cơ quan xử lý."}}}
		}
		if err := a.agencyOK(agency); err != nil {
			return err
		}
		if assignee < 0 {
			return &InvalidError{Fields: []FieldError{{Field: "assignee", Message: "Cán bộ xử lý không hợp lệ."}}}
		}
		changed := agency != a.c.Agency
		if err := a.exec("agency = ?, assignee_id = ?", agency, assignee); err != nil {
			return err
		}
		a.c.Agency, a.c.AssigneeID = agency, assignee
		if CanTransition(a.c.State, StateAssigned) && a.c.State != StateAssigned {
			if err := a.move(StateAssigned, h.actor(), note, Public); err != nil {
				return err
			}
		} else {
			msg := "Cơ quan: " + agency
			if assignee != 0 {
				msg += "; cán bộ: " + idString(assignee)
			}
			if err := a.event(EventReassigned, h.actor(), strings.TrimSpace(msg+". "+note), Internal); err != nil {
				return err
			}
		}
		if changed {
			return a.audit(h, "case.reassign", note)
		}
		return a.audit(h, "case.assign", note)
	})
}

// Start marks the case in progress; a case in the agency's queue becomes
// the starter's.
func (s *Store) Start(ctx context.Context, id int64, h Handler) (*Case, error) {
	return s.act(ctx, id, func(a *actCtx) error {
		if a.c.AssigneeID == 0 {
			if err := a.exec("assignee_id = ?", h.ID); err != nil {
				return err
			}
			a.c.AssigneeID = h.ID
		}
		return a.move(StateInProgress, h.actor(), "", Public)
	})
}

// SaveAnswer stores the handler's answer. With submit, the case moves to
// answered, where someone else reviews and publishes it; without, the
// answer is a draft.
func (s *Store) SaveAnswer(ctx context.Context, id int64, h Handler, text string, submit bool) (*Case, error) {
	return s.act(ctx, id, func(a *actCtx) error {
		switch a.c.State {
		case StateAssigned, StateInProgress, StateReopened:
		default:
			return a.badState("answer")
		}
		text = cleanText(text)
		if err := needText("answer", text, MaxAnswer, "Vui lòng nhập nội dung trả lời."); err != nil {
			return err
		}
		if err := a.exec("answer = ?, answer_by = ?", text, h.ID); err != nil {
			return err
		}
		a.c.Answer, a.c.AnswerBy = text, h.ID
		if submit {
			return a.move(StateAnswered, h.actor(), "", Public)
		}
		return a.event(EventAnswerDraft, h.actor(), "", Internal)
	})
}

// Publish publishes the answer under review. publicText is the text to
// publish (empty: the answer as written); either way personal data is
// removed with Redact before it is stored. The publisher must not be the
// answer's author unless h.Override, which the audit log records.
func (s *Store) Publish(ctx context.Context, id int64, h Handler, publicText string) (*Case, error) {
	return s.act(ctx, id, func(a *actCtx) error {
		if a.c.State != StateAnswered {
			return a.badState("publish")
		}
		own := a.c.AnswerBy == h.ID
		if own && !h.Override {
			return fmt.Errorf("cases: publish %s: %w", a.c.Code, ErrSelfReview)
		}
		text := cleanText(publicText)
		if text == "" {
			text = a.c.Answer
		}
		text = Redact(text, a.c.Contact)
		if err := needText("public_answer", text, MaxAnswer, "Vui lòng nhập nội dung trả lời công khai."); err != nil {
			return err
		}
		if err := a.exec("public_answer = ?, published_at = ?", text, a.now); err != nil {
			return err
		}
		a.c.PublicAnswer, a.c.PublishedAt = text, a.now
		if err := a.move(StatePublished, h.actor(), "", Public); err != nil {
			return err
		}
		note := ""
		if own {
			note = "Tự duyệt câu trả lời của chính mình (quyền vượt duyệt)."
		}
		return a.audit(h, "case.publish", note)
	})
}

// SendBack returns an answer under review to its author for more work.
func (s *Store) SendBack(ctx context.Context, id int64, h Handler, note string) (*Case, error) {
	return s.act(ctx, id, func(a *actCtx) error {
		if a.c.State != StateAnswered {
			return a.badState("send back")
		}
		return a.move(StateInProgress, h.actor(), note, Internal)
	})
}

// ReturnForInfo asks the citizen for more information; the note (what is
// needed) is public. The deadline clock pauses until the case resumes.
func (s *Store) ReturnForInfo(ctx context.Context, id int64, h Handler, note string) (*Case, error) {
	return s.act(ctx, id, func(a *actCtx) error {
		if err := needText("note", cleanText(note), MaxNote, "Vui lòng ghi rõ thông tin cần bổ sung."); err != nil {
			return err
		}
		return a.move(StateReturnedForInfo, h.actor(), note, Public)
	})
}

// stateBeforeReturn finds the state a case returned for information was
// in before, to go back to.
func (a *actCtx) stateBeforeReturn() (State, error) {
	events, err := eventsOf(a.ctx, a.tx, a.c.ID, false)
	if err != nil {
		return "", err
	}
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].ToState == StateReturnedForInfo && events[i].Kind == EventStateChanged {
			if prev := events[i].FromState; CanTransition(StateReturnedForInfo, prev) {
				return prev, nil
			}
			break
		}
	}
	return StateReceived, nil
}

// Resume ends a wait for information (the citizen answered by phone, or
// staff decide to go on without it): the case goes back to where it was.
func (s *Store) Resume(ctx context.Context, id int64, h Handler, note string) (*Case, error) {
	return s.act(ctx, id, func(a *actCtx) error {
		if a.c.State != StateReturnedForInfo {
			return a.badState("resume")
		}
		prev, err := a.stateBeforeReturn()
		if err != nil {
			return err
		}
		return a.move(prev, h.actor(), note, Public)
	})
}

// AddInfo is the citizen's reply to a request for information, from the
// status page: the text is added as a public event (shown redacted) and
// the case goes back to where it was.
func (s *Store) AddInfo(ctx context.Context, code, text string) (*Case, error) {
	c, err := s.ByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	return s.act(ctx, c.ID, func(a *actCtx) error {
		if a.c.State != StateReturnedForInfo {
			return a.badState("add info")
		}
		text = cleanText(text)
		if err := needText("info", text, MaxDescription, "Vui lòng nhập thông tin bổ sung."); err != nil {
			return err
		}
		if err := a.event(EventInfoAdded, ActorCitizen, text, Public); err != nil {
			return err
		}
		prev, err := a.stateBeforeReturn()
		if err != nil {
			return err
		}
		return a.move(prev, ActorCitizen, "", Public)
	})
}

// MarkDuplicate closes the case as the same problem as the case with
// otherCode, which it links to.
func (s *Store) MarkDuplicate(ctx context.Context, id int64, h Handler, otherCode, note string) (*Case, error) {
	return s.act(ctx, id, func(a *actCtx) error {
		other, err := s.ByCode(ctx, otherCode)
		if errors.Is(err, ErrNotFound) {
			return &InvalidError{Fields: []FieldError{{Field: "duplicate_of", Message: "Không tìm thấy phản ánh có mã này."}}}
		}
		if err != nil {
			return err
		}
		if other.ID == a.c.ID {
			return &InvalidError{Fields: []FieldError{{Field: "duplicate_of", Message: "Phản ánh không thể trùng với chính nó."}}}
		}
		if other.DuplicateOf == a.c.Code {
			return &InvalidError{Fields: []FieldError{{Field: "duplicate_of", Message: "Phản ánh kia đã được đánh dấu trùng với phản ánh này."}}}
		}
		if !CanTransition(a.c.State, StateDuplicate) {
			return a.badState("mark duplicate")
		}
		if err := a.exec("duplicate_of = ?", other.Code); err != nil {
			return err
		}
		a.c.DuplicateOf = other.Code
		if err := a.move(StateDuplicate, h.actor(), strings.TrimSpace("Trùng với phản ánh "+other.Code+". "+note), Public); err != nil {
			return err
		}
		return a.audit(h, "case.duplicate", other.Code)
	})
}

// NotOurs closes the case as outside the agencies' remit, telling the
// citizen where to turn (the referral, public).
func (s *Store) NotOurs(ctx context.Context, id int64, h Handler, referral string) (*Case, error) {
	return s.act(ctx, id, func(a *actCtx) error {
		referral = cleanText(referral)
		if err := needText("referral", referral, MaxNote, "Vui lòng hướng dẫn người phản ánh nơi có thẩm quyền giải quyết."); err != nil {
			return err
		}
		if !CanTransition(a.c.State, StateNotOurResponsibility) {
			return a.badState("not ours")
		}
		if err := a.exec("referral = ?", referral); err != nil {
			return err
		}
		a.c.Referral = referral
		return a.move(StateNotOurResponsibility, h.actor(), referral, Public)
	})
}

// Transfer hands the case to another agency, which picks it up (Assign).
// The receiving agency's queue gets it; the transfer is audited.
func (s *Store) Transfer(ctx context.Context, id int64, h Handler, agency, note string) (*Case, error) {
	return s.act(ctx, id, func(a *actCtx) error {
		agency = strings.TrimSpace(agency)
		if err := a.agencyOK(agency); err != nil {
			return err
		}
		if agency == a.c.Agency {
			return &InvalidError{Fields: []FieldError{{Field: "agency", Message: "Vui lòng chọn một cơ quan khác cơ quan đang xử lý."}}}
		}
		if !CanTransition(a.c.State, StateTransferred) {
			return a.badState("transfer")
		}
		from := a.c.Agency
		if err := a.exec("agency = ?, assignee_id = 0", agency); err != nil {
			return err
		}
		a.c.Agency, a.c.AssigneeID = agency, 0
		if err := a.move(StateTransferred, h.actor(), note, Public); err != nil {
			return err
		}
		return a.audit(h, "case.transfer", "Từ "+from+" sang "+agency+". "+cleanText(note))
	})
}

// Close ends the case.
func (s *Store) Close(ctx context.Context, id int64, h Handler, note string) (*Case, error) {
	return s.act(ctx, id, func(a *actCtx) error {
		if !CanTransition(a.c.State, StateClosed) {
			return a.badState("close")
		}
		if err := a.move(StateClosed, h.actor(), note, Public); err != nil {
			return err
		}
		return a.audit(h, "case.close", note)
	})
}

// Feedback is the citizen's verdict on the published answer, from the
// status page. Solved closes the case. Not solved reopens it, within
// ReopenWindow of publication (ErrReopenWindow after), starting a new
// round with a new answer deadline. One verdict per published answer.
func (s *Store) Feedback(ctx context.Context, code string, solved bool, note string) (*Case, error) {
	c, err := s.ByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	return s.act(ctx, c.ID, func(a *actCtx) error {
		if a.c.State != StatePublished && a.c.State != StateClosed || a.c.PublishedAt.IsZero() {
			return a.badState("feedback")
		}
		events, err := eventsOf(a.ctx, a.tx, a.c.ID, false)
		if err != nil {
			return err
		}
		for _, e := range events {
			if e.Kind == EventFeedback && !e.At.Before(a.c.PublishedAt) {
				return fmt.Errorf("cases: feedback on %s: %w", a.c.Code, ErrFeedbackGiven)
			}
		}
		note = cleanText(note)
		if err := needText("note", note, MaxNote, ""); err != nil {
			return err
		}
		if solved {
			if err := a.exec("resolved = ?", ResolvedYes); err != nil {
				return err
			}
			if err := a.event(EventFeedback, ActorCitizen, strings.TrimSpace("Đã được giải quyết. "+note), Public); err != nil {
				return err
			}
			if a.c.State == StatePublished {
				return a.move(StateClosed, ActorCitizen, "", Public)
			}
			return nil
		}
		if a.now.Sub(a.c.PublishedAt) > ReopenWindow {
			return fmt.Errorf("cases: reopen %s: %w", a.c.Code, ErrReopenWindow)
		}
		if err := a.exec("resolved = ?, round = round + 1", ResolvedNo); err != nil {
			return err
		}
		if err := a.event(EventFeedback, ActorCitizen, strings.TrimSpace("Chưa được giải quyết. "+note), Public); err != nil {
			return err
		}
		return a.move(StateReopened, ActorCitizen, "", Public)
	})
}
