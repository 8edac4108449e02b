package cases

import "regexp"

// Source is how a case reached Loa. It says who typed it (the citizen, an
// agency's system, the assistant, a hotline officer, other staff) and so
// which actor the "created" event names when NewCase.By is empty.
type Source string

// The sources.
const (
	SourceWeb        Source = "web"        // the citizen's form on the site
	SourceAPI        Source = "api"        // an agency's system, with a token
	SourceAssistant  Source = "assistant"  // a handoff from the virtual assistant
	SourceHotline    Source = "hotline"    // a hotline officer typing a call
	SourceBackoffice Source = "backoffice" // staff entering a report received otherwise (letter, counter)
)

var sourceLabels = []struct {
	s     Source
	label string
}{
	{SourceWeb, "Cổng thông tin"},
	{SourceAPI, "Hệ thống kết nối"},
	{SourceAssistant, "Trợ lý ảo"},
	{SourceHotline, "Đường dây nóng"},
	{SourceBackoffice, "Cán bộ tiếp nhận"},
}

// Sources returns every source in display order.
func Sources() []Source {
	out := make([]Source, len(sourceLabels))
	for i, s := range sourceLabels {
		out[i] = s.s
	}
	return out
}

// Valid reports whether s is one of the sources.
func (s Source) Valid() bool { return s.Label() != "" }

// Label returns the Vietnamese label, or "" for an unknown source.
func (s Source) Label() string {
	for _, l := range sourceLabels {
		if l.s == s {
			return l.label
		}
	}
	return ""
}

// defaultActor is who opened a case of this source when the caller does not
// say: the citizen on the site and through the assistant, the system for an
// agency's API client. Staff sources have no default: the officer's id
// must be given.
func (s Source) defaultActor() string {
	switch s {
	case SourceWeb, SourceAssistant:
		return ActorCitizen
	case SourceAPI:
		return ActorSystem
	}
	return ""
}

// Channels a case may arrive through. The list is open — a new messaging
// channel needs no change here — so these constants only fix the spelling
// of the known ones; any lower-case slug matching channelPattern is stored.
const (
	ChannelWeb       = "web"
	ChannelWidget    = "widget"
	ChannelZalo      = "zalo"
	ChannelMessenger = "messenger"
	ChannelPhone     = "phone"
	ChannelEmail     = "email"
	ChannelAPI       = "api"
	ChannelCounter   = "counter" // in person, at a one-stop desk
	ChannelLetter    = "letter"
)

var channelPattern = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)

// defaultChannel is the channel of a case whose caller gave none.
func (s Source) defaultChannel() string {
	switch s {
	case SourceWeb, SourceAssistant:
		return ChannelWeb
	case SourceAPI:
		return ChannelAPI
	case SourceHotline:
		return ChannelPhone
	}
	return ChannelCounter
}
