package surveys

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"testing"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

// surveyLog returns the survey's audit entries, oldest first.
func surveyLog(t *testing.T, d *db.DB, id int64) []audit.Entry {
	t.Helper()
	list, err := audit.NewStore(d).List(context.Background(), audit.Filter{ObjectType: AuditObject, ObjectID: strconv.FormatInt(id, 10)})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
		list[i], list[j] = list[j], list[i]
	}
	return list
}

func decode(t *testing.T, raw json.RawMessage) map[string]any {
	t.Helper()
	if raw == nil {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("snapshot %s: %v", raw, err)
	}
	return m
}

func TestStaffChangesAreAudited(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		sv, err := s.Create(ctx, NewSurvey{Slug: "nhat-ky", Agency: "UBND-01", Title: "Khảo sát có nhật ký", By: editor})
		if err != nil {
			t.Fatal(err)
		}
		v2, err := s.SaveVersion(ctx, editor, sv.ID, DemoDefinition(), "Thêm câu hỏi")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Publish(ctx, editor, sv.ID, v2.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.SetState(ctx, editor, sv.ID, StateClosed); err != nil {
			t.Fatal(err)
		}
		// Closing a closed survey is no change, so nothing is recorded.
		if err := s.SetState(ctx, editor, sv.ID, StateClosed); err != nil {
			t.Fatal(err)
		}
		if err := s.SetState(ctx, editor, sv.ID, StateOpen); err != nil {
			t.Fatal(err)
		}
		if err := s.SetResultsPublic(ctx, editor, sv.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := s.SetResultsPublic(ctx, editor, sv.ID, false); err != nil {
			t.Fatal(err)
		}
		// Failed changes record nothing either.
		if err := s.Publish(ctx, editor, sv.ID, v2.ID+100); !errors.Is(err, ErrNotFound) {
			t.Fatalf("publish unknown version: %v", err)
		}
		var de *DefinitionError
		if _, err := s.SaveVersion(ctx, editor, sv.ID, []byte(`{"pages":[]}`), ""); !errors.As(err, &de) {
			t.Fatalf("bad definition: %v", err)
		}
		if err := s.SetState(ctx, editor, sv.ID+100, StateClosed); !errors.Is(err, ErrNotFound) {
			t.Fatalf("close unknown survey: %v", err)
		}

		log := surveyLog(t, d, sv.ID)
		want := []string{ActionCreate, ActionVersion, ActionPublish, ActionClose, ActionReopen, ActionResultsPublic, ActionResultsWithdraw}
		if len(log) != len(want) {
			t.Fatalf("audit entries = %d, want %d: %+v", len(log), len(want), log)
		}
		for i, e := range log {
			if e.Action != want[i] {
				t.Errorf("entry %d action = %q, want %q", i, e.Action, want[i])
			}
			if e.Actor != editor || e.Agency != "UBND-01" || !e.At.Equal(fixedNow) {
				t.Errorf("entry %d: actor %+v agency %q at %v", i, e.Actor, e.Agency, e.At)
			}
		}
		if log[0].Before != nil || decode(t, log[0].After)["slug"] != "nhat-ky" {
			t.Errorf("create snapshot: before %s after %s", log[0].Before, log[0].After)
		}
		if a := decode(t, log[1].After); a["number"] != float64(2) || a["note"] != "Thêm câu hỏi" || log[1].Note != "Thêm câu hỏi" {
			t.Errorf("version snapshot: %s note %q", log[1].After, log[1].Note)
		}
		if b, a := decode(t, log[2].Before), decode(t, log[2].After); b["live_number"] != nil || a["live_number"] != float64(2) ||
			a["live_version_id"] != float64(v2.ID) {
			t.Errorf("publish snapshots: %s → %s", log[2].Before, log[2].After)
		}
		if b, a := decode(t, log[3].Before), decode(t, log[3].After); b["state"] != "open" || a["state"] != "closed" {
			t.Errorf("close snapshots: %s → %s", log[3].Before, log[3].After)
		}
		if b, a := decode(t, log[5].Before), decode(t, log[5].After); b["results_public"] != false || a["results_public"] != true {
			t.Errorf("results snapshots: %s → %s", log[5].Before, log[5].After)
		}
	})
}

// TestAuditRollsBackWithChange checks the entry and the change share one
// transaction: an actor the audit log refuses (no name) leaves the survey
// as it was.
func TestAuditRollsBackWithChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		sv, v := published(t, s, "quay-lui", string(DemoDefinition()))
		nameless := audit.Actor{ID: 9}
		if err := s.SetState(ctx, nameless, sv.ID, StateClosed); err == nil {
			t.Fatal("close by a nameless actor succeeded")
		}
		if _, err := s.SaveVersion(ctx, nameless, sv.ID, DemoDefinition(), ""); err == nil {
			t.Fatal("save by a nameless actor succeeded")
		}
		if _, err := s.Create(ctx, NewSurvey{Slug: "khong-ten", Agency: "UBND-01", Title: "Không tên", By: nameless}); err == nil {
			t.Fatal("create by a nameless actor succeeded")
		}
		got, err := s.Get(ctx, sv.ID)
		if err != nil || got.State != StateOpen || got.LiveVersionID != v.ID {
			t.Fatalf("survey after refused change: %+v %v", got, err)
		}
		if n := countRows(t, d, "survey_versions"); n != 2 {
			t.Errorf("versions = %d, want 2", n)
		}
		if _, err := s.BySlug(ctx, "khong-ten"); !errors.Is(err, ErrNotFound) {
			t.Errorf("refused create left a survey: %v", err)
		}
	})
}
