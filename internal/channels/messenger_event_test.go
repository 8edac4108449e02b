package channels

import (
	"reflect"
	"testing"
)

func TestParseMessenger(t *testing.T) {
	body := `{"object":"page","entry":[
	 {"id":"PAGE","time":1,"messaging":[
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":1,"message":{"mid":"m1","text":"lam ho chieu"}},
	  {"sender":{"id":"PAGE"},"recipient":{"id":"U1"},"timestamp":2,"message":{"mid":"m2","text":"echo","is_echo":true}},
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":3,"delivery":{"mids":["m0"],"watermark":3}},
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":4,"read":{"watermark":4}},
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":5,"postback":{"title":"Bắt đầu","payload":"GET_STARTED"}},
	  {"sender":{"id":"U1"},"recipient":{"id":"PAGE"},"timestamp":6,"message":{"mid":"m3","attachments":[{"type":"image"}]}}
	 ]},
	 {"id":"PAGE","time":2,"messaging":[
	  {"sender":{"id":"U2"},"recipient":{"id":"PAGE"},"timestamp":7,"message":{"mid":"m4","text":"2","quick_reply":{"payload":"2"}}}
	 ]}
	]}`
	got, err := ParseMessenger([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := []Message{
		{Channel: Messenger, EventID: "m1", UserID: "U1", Text: "lam ho chieu"},
		{Channel: Messenger, EventID: "m4", UserID: "U2", Text: "2"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ParseMessenger = %+v, want %+v", got, want)
	}
	if got, err := ParseMessenger([]byte(`{"object":"instagram","entry":[{"messaging":[{"sender":{"id":"U"},"message":{"mid":"x","text":"hi"}}]}]}`)); err != nil || len(got) != 0 {
		t.Fatalf("other object: %+v %v", got, err)
	}
	if _, err := ParseMessenger([]byte(`[`)); err == nil {
		t.Fatal("bad JSON accepted")
	}
}
