package measure

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestValidateAcceptsVietnameseSpellings(t *testing.T) {
	v := validator{dir: testDir(), procs: testProcs, now: fixedNow}
	in := EventInput{ID: "x", Source: "motcua", Type: "received", Procedure: "thong-bao-luu-tru", Unit: "00004",
		Channel: "Trực tuyến", Level: "Toàn trình", OccurredAt: "2025-03-01T23:30:00"}
	e, warns, probs := v.validate(&in)
	if probs != nil || warns != nil {
		t.Fatalf("problems %v, warnings %v", probs, warns)
	}
	// No offset means Vietnam's time: 23:30 on 1 March is 16:30 UTC, still 1 March.
	if e.Channel != ChannelOnline || e.Level != LevelFull || e.Procedure != "2.001159" || e.Day != "2025-03-01" ||
		e.Province != "01" || e.Agency != "UBND-00004" || e.OccurredAt.Hour() != 16 {
		t.Fatalf("event %+v", e)
	}
	// 23:30 UTC is the next day in Vietnam.
	in.OccurredAt = "2025-03-01T23:30:00Z"
	if e, _, _ := v.validate(&in); e.Day != "2025-03-02" {
		t.Errorf("day of 23:30 UTC = %s", e.Day)
	}
}

func TestValidateRejects(t *testing.T) {
	v := validator{dir: testDir(), procs: testProcs, now: fixedNow}
	good := EventInput{ID: "x", Source: "motcua", Type: "received", Procedure: "2.001159", Unit: "01",
		Channel: "online", OccurredAt: "2025-03-01T08:00:00+07:00"}
	for _, tc := range []struct {
		field string
		edit  func(e *EventInput)
	}{
		{"id", func(e *EventInput) { e.ID = "" }},
		{"id", func(e *EventInput) { e.ID = "a\nb" }},
		{"source", func(e *EventInput) { e.Source = "hệ thống" }},
		{"type", func(e *EventInput) { e.Type = "opened" }},
		{"occurred_at", func(e *EventInput) { e.OccurredAt = "01/03/2025" }},
		{"occurred_at", func(e *EventInput) { e.OccurredAt = fixedNow.Add(48 * time.Hour).Format(time.RFC3339) }},
		{"procedure", func(e *EventInput) { e.Procedure = "" }},
		{"procedure", func(e *EventInput) { e.Procedure = "*" }},
		{"unit", func(e *EventInput) { e.Unit = "1" }},
		{"channel", func(e *EventInput) { e.Channel = "" }},
		{"channel", func(e *EventInput) { e.Channel = "fax" }},
		{"level", func(e *EventInput) { e.Level = "mức 4" }},
		{"score", func(e *EventInput) { e.Score = 3 }},
		{"score", func(e *EventInput) { e.Type, e.Score = "rated", 6 }},
	} {
		e := good
		tc.edit(&e)
		_, _, probs := v.validate(&e)
		found := false
		for _, p := range probs {
			found = found || p.Field == tc.field
			if !utf8.ValidString(p.Message) || !strings.HasSuffix(p.Message, ".") {
				t.Errorf("message %q", p.Message)
			}
		}
		if !found {
			t.Errorf("%+v: problems %v, want one on %s", e, probs, tc.field)
		}
	}
	// Unknown procedure and a level on a counter dossier are warnings only.
	e := good
	e.Procedure, e.Channel, e.Level = "1.999999", "in_person", "full"
	ev, warns, probs := v.validate(&e)
	if probs != nil || len(warns) != 2 || ev.Level != "" || ev.KnownProcedure {
		t.Errorf("warnings %v problems %v event %+v", warns, probs, ev)
	}
}

func FuzzValidateEvent(f *testing.F) {
	f.Add("id-1", "motcua", "received", "2025-03-01T08:00:00+07:00", "2.001159", "00004", "online", "full", "", "", 0)
	f.Add("r", "s", "resolved", "2025-03-01T08:00:00Z", "x.y", "BCA", "", "", "2025-03-02T08:00:00Z", "2025-03-03T08:00:00Z", 0)
	f.Add("r", "s", "rated", "2025-03-01T08:00:00", "x", "79", "Trực tiếp", "một phần", "", "", 5)
	f.Fuzz(func(t *testing.T, id, src, typ, at, proc, unit, ch, lv, due, res string, score int) {
		v := validator{dir: testDir(), procs: testProcs, now: fixedNow}
		in := EventInput{ID: id, Source: src, Type: typ, OccurredAt: at, Procedure: proc, Unit: unit,
			Channel: ch, Level: lv, DueAt: due, ResolvedAt: res, Score: score}
		e, _, probs := v.validate(&in)
		if len(probs) > 0 {
			return
		}
		if e.ID == "" || e.Source == "" || e.Day == "" || e.Unit == "" || e.Agency == "" || e.Procedure == "" {
			t.Fatalf("accepted incomplete event %+v", e)
		}
		if e.Kind == KindReceived && e.Channel == "" {
			t.Fatalf("received without channel: %+v", e)
		}
		if e.Level != "" && e.Channel != ChannelOnline {
			t.Fatalf("level on a non-online dossier: %+v", e)
		}
		if DayOf(e.OccurredAt) != e.Day || e.OccurredAt.After(fixedNow.Add(maxFuture)) {
			t.Fatalf("bad time %+v", e)
		}
	})
}
