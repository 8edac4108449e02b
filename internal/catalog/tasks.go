package catalog

import (
	"context"

	"github.com/loa-vn/loa/internal/staff"
)

// Tasks is a staff member's "Việc của tôi" (my tasks) page.
type Tasks struct {
	// ToReview are revisions waiting for review that the user may approve
	// or return: in their scope, written by someone else; oldest first.
	ToReview []Revision
	// Returned are the user's drafts sent back by a reviewer, with the note.
	Returned []Revision
	// Drafts are the user's other drafts.
	Drafts []Revision
	// Waiting are the user's revisions in review or scheduled for publication.
	Waiting []Revision
}

// MyTasks returns user's tasks. The lists are short (one open revision per
// author and document), so the scope filter runs here rather than in SQL.
func (s *Store) MyTasks(ctx context.Context, user *staff.User) (*Tasks, error) {
	t := &Tasks{}
	if user == nil || user.Disabled {
		return t, nil
	}
	mine, err := queryRevisions(ctx, s.db, "tasks of "+user.Username,
		"WHERE author_id = ? AND state IN ('draft', 'in_review', 'scheduled') ORDER BY updated_at DESC, id DESC", user.ID)
	if err != nil {
		return nil, err
	}
	for _, r := range mine {
		switch {
		case r.Returned():
			t.Returned = append(t.Returned, r)
		case r.State == StateDraft:
			t.Drafts = append(t.Drafts, r)
		default:
			t.Waiting = append(t.Waiting, r)
		}
	}
	if !user.Can(staff.PermGuideReview) {
		return t, nil
	}
	pending, err := queryRevisions(ctx, s.db, "tasks of "+user.Username,
		"WHERE state = 'in_review' AND author_id <> ? ORDER BY submitted_at, id", user.ID)
	if err != nil {
		return nil, err
	}
	owners := map[string]*serviceOwner{}
	for _, r := range pending {
		o, ok := owners[r.ServiceCode]
		if !ok {
			if o, err = loadOwner(ctx, s.db, r.ServiceCode); err != nil {
				return nil, err
			}
			owners[r.ServiceCode] = o
		}
		if s.permits(user, staff.PermGuideReview, o, r.Scope) {
			t.ToReview = append(t.ToReview, r)
		}
	}
	return t, nil
}
