package cases

import "testing"

func TestStatesHaveLabelsAndTransitions(t *testing.T) {
	states := States()
	if len(states) != 12 {
		t.Fatalf("%d states, want 12", len(states))
	}
	for _, s := range states {
		if s.Label() == "" {
			t.Errorf("state %s has no label", s)
		}
		if len(s.Next()) == 0 {
			t.Errorf("state %s is a dead end: no transition out", s)
		}
		for _, to := range s.Next() {
			if !to.Valid() {
				t.Errorf("transition %s → %q: unknown state", s, to)
			}
		}
	}
	for from := range transitions {
		if !from.Valid() {
			t.Errorf("transition table has unknown state %q", from)
		}
	}
	if State("bogus").Valid() || State("bogus").Label() != "" {
		t.Error("unknown state reported valid")
	}
}

// Every state must be reachable from received, or it could never be used.
func TestEveryStateReachableFromReceived(t *testing.T) {
	seen := map[State]bool{StateReceived: true}
	queue := []State{StateReceived}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, n := range s.Next() {
			if !seen[n] {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	for _, s := range States() {
		if !seen[s] {
			t.Errorf("state %s unreachable from received", s)
		}
	}
}

func TestCanTransition(t *testing.T) {
	tests := []struct {
		from, to State
		want     bool
	}{
		{StateReceived, StateClassified, true},
		{StateClassified, StateAssigned, true},
		{StateAssigned, StateInProgress, true},
		{StateInProgress, StateAnswered, true},
		{StateAnswered, StatePublished, true},
		{StatePublished, StateClosed, true},
		{StatePublished, StateReopened, true},
		{StateClosed, StateReopened, true},
		{StateAssigned, StateTransferred, true},
		{StateInProgress, StateReturnedForInfo, true},
		{StateReturnedForInfo, StateInProgress, true},
		{StateReceived, StateDuplicate, true},
		{StateReceived, StateNotOurResponsibility, true},
		// Not allowed: skipping review, publishing unanswered, leaving closed
		// other than by reopening, staying put.
		{StateReceived, StatePublished, false},
		{StateInProgress, StatePublished, false},
		{StateClosed, StateInProgress, false},
		{StateReceived, StateReceived, false},
		{StateReceived, StateReopened, false},
		{State("bogus"), StateClosed, false},
	}
	for _, tt := range tests {
		if got := CanTransition(tt.from, tt.to); got != tt.want {
			t.Errorf("CanTransition(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestNextIsACopy(t *testing.T) {
	n := StateReceived.Next()
	n[0] = StateClosed
	if CanTransition(StateReceived, StateClosed) {
		t.Fatal("changing Next's result changed the transition table")
	}
}
