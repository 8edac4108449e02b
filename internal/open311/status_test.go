package open311

import (
	"testing"

	"github.com/loa-vn/loa/internal/cases"
)

// TestStatusCoversEveryState fails when a state is added to cases without
// a line in the table, or a line maps to something outside the two
// vocabularies.
func TestStatusCoversEveryState(t *testing.T) {
	ms := map[string]bool{MSOpen: true, MSInvestigating: true, MSInProgress: true, MSActionScheduled: true,
		MSClosed: true, MSFixed: true, MSNotCouncilsResponsibilty: true, MSDuplicate: true,
		MSInternalReferral: true, MSNoFurtherAction: true, MSReopened: true}
	for _, s := range cases.States() {
		st, ok := StatusOf(s)
		if !ok {
			t.Errorf("state %s has no Open311 status", s)
			continue
		}
		if st.Open311 != StatusOpen && st.Open311 != StatusClosed {
			t.Errorf("state %s: Open311 status %q", s, st.Open311)
		}
		if !ms[st.MySociety] {
			t.Errorf("state %s: mySociety status %q", s, st.MySociety)
		}
	}
	if len(statuses) != len(cases.States()) {
		t.Errorf("the table has %d lines for %d states", len(statuses), len(cases.States()))
	}
	if _, ok := StatusOf("nonsense"); ok {
		t.Error("an unknown state has a status")
	}
}

// TestStatusEndings pins the states whose meaning clients rely on: the
// ends of a case are closed, a reopened case is open again.
func TestStatusEndings(t *testing.T) {
	closed := map[cases.State]string{cases.StatePublished: MSFixed, cases.StateClosed: MSClosed,
		cases.StateDuplicate: MSDuplicate, cases.StateNotOurResponsibility: MSNotCouncilsResponsibilty}
	for _, s := range cases.States() {
		st, _ := StatusOf(s)
		want, isClosed := closed[s]
		if isClosed != (st.Open311 == StatusClosed) {
			t.Errorf("state %s: %s", s, st.Open311)
		}
		if isClosed && st.MySociety != want {
			t.Errorf("state %s: %s, want %s", s, st.MySociety, want)
		}
	}
	if st, _ := StatusOf(cases.StateReopened); st != (Status{StatusOpen, MSReopened}) {
		t.Errorf("reopened: %+v", st)
	}
	open, cl := StatesWith(StatusOpen), StatesWith(StatusClosed)
	if len(open)+len(cl) != len(cases.States()) || len(cl) != len(closed) {
		t.Errorf("StatesWith: open %v closed %v", open, cl)
	}
}
