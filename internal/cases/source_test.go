package cases

import "testing"

func TestSources(t *testing.T) {
	srcs := Sources()
	if len(srcs) != 5 {
		t.Fatalf("%d sources, want 5", len(srcs))
	}
	for _, s := range srcs {
		if !s.Valid() || s.Label() == "" {
			t.Errorf("source %s invalid or unlabelled", s)
		}
		if !channelPattern.MatchString(s.defaultChannel()) {
			t.Errorf("source %s: default channel %q does not match the channel pattern", s, s.defaultChannel())
		}
	}
	if Source("fax").Valid() {
		t.Error("unknown source reported valid")
	}
	// Staff sources must name the officer; the others have a default.
	for s, want := range map[Source]string{SourceWeb: ActorCitizen, SourceAssistant: ActorCitizen,
		SourceAPI: ActorSystem, SourceHotline: "", SourceBackoffice: ""} {
		if got := s.defaultActor(); got != want {
			t.Errorf("%s default actor %q, want %q", s, got, want)
		}
	}
}
