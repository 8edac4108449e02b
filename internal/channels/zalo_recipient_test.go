package channels

import (
	"strings"
	"testing"
)

func TestZaloRecipientRoundTrip(t *testing.T) {
	follower := Message{Channel: Zalo, UserID: "2468"}
	if to := follower.Recipient(); to != "2468" {
		t.Fatalf("follower's address %q, want the user id as before", to)
	}
	if r, err := ParseZaloRecipient("2468"); err != nil || r != (ZaloRecipient{UserID: "2468"}) || r.Anonymous() {
		t.Fatalf("follower: %+v, %v", r, err)
	}
	for _, ids := range [][2]string{{"anon-7", "conv-9"}, {"a:b%c", "c:d e/ñ"}, {"7", ":"}} {
		m := Message{Channel: Zalo, UserID: ids[0], ZaloConversationID: ids[1]}
		r, err := ParseZaloRecipient(m.Recipient())
		if err != nil || r != (ZaloRecipient{AnonymousID: ids[0], ConversationID: ids[1]}) || !r.Anonymous() {
			t.Errorf("%q: %+v, %v", ids, r, err)
		}
	}
	for _, bad := range []string{"", "zalo-anonymous:", "zalo-anonymous:a", "zalo-anonymous::c", "zalo-anonymous:a:", "zalo-anonymous:%zz:c"} {
		r, err := ParseZaloRecipient(bad)
		if err == nil {
			t.Errorf("%q read as %+v", bad, r)
		} else if bad != "" && strings.Contains(err.Error(), bad) {
			t.Errorf("the error shows the address: %v", err)
		}
	}
}
