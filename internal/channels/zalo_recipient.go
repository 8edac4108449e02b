package channels

import (
	"fmt"
	"net/url"
	"strings"
)

// ZaloRecipient is whom a reply on Zalo goes to: a follower of the OA by
// their user id, or an anonymous visitor (who writes to the OA without
// following it) by their anonymous id and the conversation they wrote in.
// Zalo's OA message API takes the first as {"user_id"} and the second as
// {"anonymous_id", "conversation_id"} in the same "recipient" field —
// Zalo's reference as public integrations quote it; Zalo's own site could
// not be read from here.
type ZaloRecipient struct {
	UserID         string
	AnonymousID    string
	ConversationID string
}

// Anonymous reports whether r is an anonymous visitor.
func (r ZaloRecipient) Anonymous() bool { return r.UserID == "" }

// zaloAnonymousPrefix starts the stored address of an anonymous visitor.
// A Zalo user id is digits, so a follower's address never starts so.
const zaloAnonymousPrefix = "zalo-anonymous:"

// Recipient is the address of m's reply, as Receive stores it and the
// reply job hands it to the Sender: the sender's id, or for a Zalo
// anonymous visitor the anonymous id and the conversation id in one
// string (ParseZaloRecipient reads it back). It also keys the user's
// conversation, so that two anonymous visitors, or one in two
// conversations, never share one. It is personal data: never log it.
func (m Message) Recipient() string {
	if m.ZaloConversationID == "" {
		return m.UserID
	}
	return zaloAnonymousPrefix + url.QueryEscape(m.UserID) + ":" + url.QueryEscape(m.ZaloConversationID)
}

// ParseZaloRecipient reads the address a Zalo Sender is given: a
// follower's user id, or an anonymous visitor's as Receive stored it. The
// error never shows the address.
func ParseZaloRecipient(to string) (ZaloRecipient, error) {
	rest, ok := strings.CutPrefix(to, zaloAnonymousPrefix)
	if !ok {
		if to == "" {
			return ZaloRecipient{}, fmt.Errorf("channels: zalo recipient: empty")
		}
		return ZaloRecipient{UserID: to}, nil
	}
	a, c, ok := strings.Cut(rest, ":")
	var err error
	var r ZaloRecipient
	if ok {
		r.AnonymousID, err = url.QueryUnescape(a)
		if err == nil {
			r.ConversationID, err = url.QueryUnescape(c)
		}
	}
	if !ok || err != nil || r.AnonymousID == "" || r.ConversationID == "" {
		return ZaloRecipient{}, fmt.Errorf("channels: zalo recipient: malformed anonymous address")
	}
	return r, nil
}
