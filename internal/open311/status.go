package open311

import "github.com/loa-vn/loa/internal/cases"

// The two statuses of the GeoReport v2 specification.
const (
	StatusOpen   = "open"
	StatusClosed = "closed"
)

// mySociety's extended statuses (FixMyStreet's Open311 extension), as its
// Service Request Updates carry them.
const (
	MSOpen                     = "OPEN"
	MSInvestigating            = "INVESTIGATING"
	MSInProgress               = "IN_PROGRESS"
	MSActionScheduled          = "ACTION_SCHEDULED"
	MSClosed                   = "CLOSED"
	MSFixed                    = "FIXED"
	MSNotCouncilsResponsibilty = "NOT_COUNCILS_RESPONSIBILITY"
	MSDuplicate                = "DUPLICATE"
	MSInternalReferral         = "INTERNAL_REFERRAL"
	MSNoFurtherAction          = "NO_FURTHER_ACTION"
	MSReopened                 = "REOPENED"
)

// Status is how a case state reads in Open311.
type Status struct {
	// Open311 is StatusOpen or StatusClosed.
	Open311 string
	// MySociety is one of the MS* statuses.
	MySociety string
}

// statuses maps every case state. The reasoning, where it is not obvious:
// an answer under review is an action scheduled (the reply is written,
// publication follows); a published answer is the agency's resolution —
// closed, and FIXED in mySociety's terms, though the citizen may still
// reopen it within 30 days (which is REOPENED, open again); a transfer to
// another agency is an internal referral; waiting for the citizen is still
// being investigated. NO_FURTHER_ACTION is not used: a case that ends
// without an answer ends as a duplicate, not ours, or closed.
var statuses = map[cases.State]Status{
	cases.StateReceived:             {StatusOpen, MSOpen},
	cases.StateClassified:           {StatusOpen, MSInvestigating},
	cases.StateAssigned:             {StatusOpen, MSInvestigating},
	cases.StateInProgress:           {StatusOpen, MSInProgress},
	cases.StateAnswered:             {StatusOpen, MSActionScheduled},
	cases.StatePublished:            {StatusClosed, MSFixed},
	cases.StateClosed:               {StatusClosed, MSClosed},
	cases.StateTransferred:          {StatusOpen, MSInternalReferral},
	cases.StateReturnedForInfo:      {StatusOpen, MSInvestigating},
	cases.StateDuplicate:            {StatusClosed, MSDuplicate},
	cases.StateNotOurResponsibility: {StatusClosed, MSNotCouncilsResponsibilty},
	cases.StateReopened:             {StatusOpen, MSReopened},
}

// StatusOf returns how state s reads in Open311; ok is false for a state
// the table does not know (a test keeps the table complete).
func StatusOf(s cases.State) (Status, bool) {
	st, ok := statuses[s]
	return st, ok
}

// StatesWith returns the case states whose Open311 status is status
// (StatusOpen or StatusClosed), in workflow order.
func StatesWith(status string) []cases.State {
	var out []cases.State
	for _, s := range cases.States() {
		if statuses[s].Open311 == status {
			out = append(out, s)
		}
	}
	return out
}
