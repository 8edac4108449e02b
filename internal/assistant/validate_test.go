package assistant

import (
	"errors"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	ok := []Request{
		{Question: "a"},
		{Question: strings.Repeat("ạ", MaxQuestion)}, // characters, not bytes
		{Question: "  hoà \t\n bình  ", Channel: "zalo"},
		{Question: "x", ConversationID: "abcdefghijABCDEFGHIJ_-"},
	}
	for _, r := range ok {
		if _, _, err := validate(r); err != nil {
			t.Errorf("%q: %v", r.Question, err)
		}
	}
	q, ch, _ := validate(Request{Question: "  hoà \t\n bình  "})
	if q != "hòa bình" || ch != DefaultChannel {
		t.Errorf("normalised %q, channel %q", q, ch)
	}
	bad := []struct {
		r     Request
		field string
	}{
		{Request{Question: ""}, "question"},
		{Request{Question: " \u200b "}, "question"},
		{Request{Question: strings.Repeat("a", MaxQuestion+1)}, "question"},
		{Request{Question: "a\xc3"}, "question"},
		{Request{Question: "a\x00b"}, "question"},
		{Request{Question: "a\x07b"}, "question"},
		{Request{Question: "a\ufffdb"}, "question"},
		{Request{Question: "a", ConversationID: "short"}, "conversation_id"},
		{Request{Question: "a", ConversationID: "abcdefghijABCDEFGHIJ_/"}, "conversation_id"},
		{Request{Question: "a", Channel: "Web"}, "channel"},
		{Request{Question: "a", Channel: "web site"}, "channel"},
	}
	for _, tt := range bad {
		_, _, err := validate(tt.r)
		var inv *InvalidError
		if !errors.As(err, &inv) || inv.Field != tt.field || inv.Message == "" {
			t.Errorf("%+v: %v, want invalid %s", tt.r, err, tt.field)
		}
		if inv != nil && len(tt.r.Question) > 3 && strings.Contains(inv.Message, tt.r.Question) {
			t.Errorf("%+v: the message repeats the input", tt.r)
		}
	}
}
