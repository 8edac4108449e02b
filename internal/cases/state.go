package cases

// State is where a case stands in its handling. Values are stable (stored,
// sent over the API); labels are what citizens and staff read.
//
// The main line is
//
//	received → classified → assigned → in_progress → answered → published → closed
//
// with these side states:
//
//   - transferred: handed to another agency, which picks it up (assigned);
//   - returned_for_info: waiting for the citizen to add information (the
//     deadline clock pauses here); it goes back to where it was;
//   - duplicate: the same problem as another case, which it links to;
//   - not_our_responsibility: outside the agencies' remit, with a referral;
//   - reopened: the citizen said the answer did not solve it (within 30
//     days of publication — the window is checked by the caller).
//
// The intake core only creates cases in StateReceived; the transitions are
// the listening work's, checked against the table in transitions.
type State string

// The states.
const (
	StateReceived             State = "received"
	StateClassified           State = "classified"
	StateAssigned             State = "assigned"
	StateInProgress           State = "in_progress"
	StateAnswered             State = "answered"
	StatePublished            State = "published"
	StateClosed               State = "closed"
	StateTransferred          State = "transferred"
	StateReturnedForInfo      State = "returned_for_info"
	StateDuplicate            State = "duplicate"
	StateNotOurResponsibility State = "not_our_responsibility"
	StateReopened             State = "reopened"
)

// stateLabels holds the Vietnamese label of every state, in workflow order.
var stateLabels = []struct {
	s     State
	label string
}{
	{StateReceived, "Đã tiếp nhận"},
	{StateClassified, "Đã phân loại"},
	{StateAssigned, "Đã chuyển cơ quan xử lý"},
	{StateInProgress, "Đang xử lý"},
	{StateAnswered, "Đã có trả lời, đang duyệt"},
	{StatePublished, "Đã công khai trả lời"},
	{StateClosed, "Đã kết thúc"},
	{StateTransferred, "Đã chuyển cơ quan khác"},
	{StateReturnedForInfo, "Chờ bổ sung thông tin"},
	{StateDuplicate, "Trùng với phản ánh khác"},
	{StateNotOurResponsibility, "Không thuộc thẩm quyền"},
	{StateReopened, "Đã mở lại"},
}

// transitions lists, for every state, the states a case may move to.
// Rules that need more than the two states (the 30-day reopen window, the
// link of a duplicate, the referral of not_our_responsibility, returning
// from returned_for_info to where the case was) are the caller's.
var transitions = map[State][]State{
	StateReceived: {StateClassified, StateAssigned, StateTransferred, StateReturnedForInfo,
		StateDuplicate, StateNotOurResponsibility},
	StateClassified: {StateAssigned, StateTransferred, StateReturnedForInfo, StateDuplicate,
		StateNotOurResponsibility},
	StateAssigned: {StateInProgress, StateAnswered, StateTransferred,
		StateReturnedForInfo, StateDuplicate, StateNotOurResponsibility},
	StateInProgress: {StateAnswered, StateTransferred, StateReturnedForInfo,
		StateDuplicate, StateNotOurResponsibility},
	// A reviewer may send an answer back for more work.
	StateAnswered:  {StatePublished, StateInProgress},
	StatePublished: {StateClosed, StateReopened},
	StateClosed:    {StateReopened},
	// The receiving agency accepts a transfer, or hands it on again.
	StateTransferred: {StateAssigned, StateInProgress, StateTransferred,
		StateNotOurResponsibility},
	// The citizen added what was asked, or never did and the case ends.
	StateReturnedForInfo: {StateReceived, StateClassified, StateAssigned,
		StateInProgress, StateClosed},
	// A wrong duplicate or referral decision can be undone by classifying
	// again; otherwise both end in closed.
	StateDuplicate:            {StateClosed, StateClassified},
	StateNotOurResponsibility: {StateClosed, StateClassified},
	StateReopened: {StateClassified, StateAssigned, StateInProgress,
		StateAnswered, StateTransferred, StateReturnedForInfo},
}

// States returns every state in workflow order.
func States() []State {
	out := make([]State, len(stateLabels))
	for i, s := range stateLabels {
		out[i] = s.s
	}
	return out
}

// Valid reports whether s is one of the states.
func (s State) Valid() bool { return s.Label() != "" }

// Label returns the Vietnamese label, or "" for an unknown state.
func (s State) Label() string {
	for _, l := range stateLabels {
		if l.s == s {
			return l.label
		}
	}
	return ""
}

// Next returns the states a case in s may move to. The slice is a copy.
func (s State) Next() []State {
	return append([]State(nil), transitions[s]...)
}

// CanTransition reports whether a case may move from one state to another.
func CanTransition(from, to State) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}
