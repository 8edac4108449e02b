package channels

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseMessenger(t *testing.T) {
	body := `{"object":"page","entry":[
	 {"id":"PAGE","time":1,"messaging":[
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":1,"message":{"mid":"m1","text":"lam ho chieu"}},
	  {"sender":{"id":"PAGE"},"recipient":{"id":"U1"},"timestamp":2,"message":{"mid":"m2","text":"echo","is_echo":true}},
	  {"sender":{"id":"PAGE"},"recipient":{"id":"U1"},"timestamp":2,"message":{"mid":"m2i","is_echo":true,"attachments":[{"type":"image"}]}},
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":3,"delivery":{"mids":["m0"],"watermark":3}},
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":4,"read":{"watermark":4}},
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":5,"postback":{"mid":"p1","title":"Bắt đầu","payload":"GET_STARTED"}},
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":6,"message":{"mid":"m3","attachments":[{"type":"image","payload":{"url":"https://x/y.jpg"}}]}},
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":7,"message":{"mid":"m5","text":"https://dichvucong.gov.vn xem giúp","attachments":[{"type":"fallback","payload":{"url":"https://dichvucong.gov.vn"}}]}},
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":8,"message":{"mid":"m6","sticker_id":369239263222822,"attachments":[{"type":"image","payload":{"sticker_id":369239263222822}}]}},
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":9,"message":{"mid":"m7","text":"1. Đăng ký khai…","quick_reply":{"payload":"LOA_OPTION:dang-ky-khai-sinh"}}},
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":10,"postback":{"mid":"p2","title":"Khai sinh","payload":"LOA_OPTION:dang-ky-khai-sinh"}},
	  {"sender":{"user_ref":"REF"},"recipient":{"id":"PAGE"},"timestamp":11,"postback":{"mid":"p3","title":"x","payload":"LOA_OPTION:a"}},
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":12,"message":{"mid":"m8"}}
	 ]},
	 {"id":"PAGE","time":2,"messaging":[
	  {"sender":{"id":"U2"},"recipient":{"id":"PAGE"},"timestamp":7,"message":{"mid":"m4","text":"2","quick_reply":{"payload":"2"}}},
	  {"sender":{"id":"U2"},"recipient":{"id":"PAGE"},"timestamp":8,"message":{"mid":"m9","text":"Bấm nhầm","quick_reply":{"payload":"LOA_OPTION:'; DROP TABLE channel_messages;--"}}}
	 ]}
	]}`
	got, err := ParseMessenger([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := []Message{
		{Channel: Messenger, EventID: "m1", UserID: "U1", Kind: KindText, Text: "lam ho chieu"},
		// A postback not ours is its title, as if typed.
		{Channel: Messenger, EventID: "p1", UserID: "U1", Kind: KindText, Text: "Bắt đầu"},
		{Channel: Messenger, EventID: "m3", UserID: "U1", Kind: KindMedia},
		{Channel: Messenger, EventID: "m5", UserID: "U1", Kind: KindText, Text: "https://dichvucong.gov.vn xem giúp"},
		{Channel: Messenger, EventID: "m6", UserID: "U1", Kind: KindMedia},
		{Channel: Messenger, EventID: "m7", UserID: "U1", Kind: KindChoice, Choice: "dang-ky-khai-sinh"},
		{Channel: Messenger, EventID: "p2", UserID: "U1", Kind: KindChoice, Choice: "dang-ky-khai-sinh"},
		// A quick reply not ours is its text; a malformed payload of ours too.
		{Channel: Messenger, EventID: "m4", UserID: "U2", Kind: KindText, Text: "2"},
		{Channel: Messenger, EventID: "m9", UserID: "U2", Kind: KindText, Text: "Bấm nhầm"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ParseMessenger =\n%+v\nwant\n%+v", got, want)
	}
	if got, err := ParseMessenger([]byte(`{"object":"instagram","entry":[{"messaging":[{"sender":{"id":"U"},"message":{"mid":"x","text":"hi"}}]}]}`)); err != nil || len(got) != 0 {
		t.Fatalf("other object: %+v %v", got, err)
	}
	if _, err := ParseMessenger([]byte(`[`)); err == nil {
		t.Fatal("bad JSON accepted")
	}
}

func TestParseMessengerPostbackWithoutMid(t *testing.T) {
	ev := `{"object":"page","entry":[{"messaging":[{"sender":{"id":"U1"},"timestamp":TS,"postback":{"title":"Cấp hộ chiếu","payload":"LOA_OPTION:cap-ho-chieu"}}]}]}`
	a, _ := ParseMessenger([]byte(strings.Replace(ev, "TS", "1", 1)))
	again, _ := ParseMessenger([]byte(strings.Replace(ev, "TS", "1", 1)))
	b, _ := ParseMessenger([]byte(strings.Replace(ev, "TS", `"2"`, 1)))
	if len(a) != 1 || len(b) != 1 || a[0].Kind != KindChoice || a[0].EventID == "" ||
		a[0].EventID != again[0].EventID || a[0].EventID == b[0].EventID {
		t.Fatalf("postback ids: %+v %+v %+v", a, again, b)
	}
}
