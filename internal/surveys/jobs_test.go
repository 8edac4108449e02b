package surveys

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/jobs"
)

// TestPruneFilesJob runs the periodic job's work: uploads no response
// claimed within FileKeep go, recent and claimed ones stay.
func TestPruneFilesJob(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := fixedNow
		s := NewStore(d, WithClock(func() time.Time { return now }), WithPlaces(testPlaces{}))
		def := `{"pages":[{"id":"p1","questions":[{"id":"tep","type":"file","label":"Ảnh"}]}]}`
		sv, v := published(t, s, "don-tep", def)
		q := v.Definition.Question("tep")
		old, err := s.SaveFile(ctx, sv, q, "cu.pdf", pdfBytes)
		if err != nil {
			t.Fatal(err)
		}
		claimed, err := s.SaveFile(ctx, sv, q, "da-gui.png", pngBytes)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Submit(ctx, sv.ID, Submission{Raw: Answers{"tep": {claimed.Token}}}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(FileKeep - time.Minute)
		recent, err := s.SaveFile(ctx, sv, q, "moi.pdf", pdfBytes)
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(2 * time.Minute)
		w := &pruneFilesWorker{store: s}
		if err := w.Work(ctx, &river.Job[PruneFilesArgs]{}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FileByToken(ctx, old.Token); err != ErrNotFound {
			t.Errorf("abandoned upload after pruning: %v, want ErrNotFound", err)
		}
		for _, f := range []*File{claimed, recent} {
			if _, err := s.FileByToken(ctx, f.Token); err != nil {
				t.Errorf("%s after pruning: %v", f.Name, err)
			}
		}
		if n := countRows(t, d, "survey_files"); n != 2 {
			t.Errorf("%d files left, want the claimed and the recent one", n)
		}
		// A second run finds nothing more to delete.
		if err := w.Work(ctx, &river.Job[PruneFilesArgs]{}); err != nil || countRows(t, d, "survey_files") != 2 {
			t.Errorf("second run: %v, %d files", err, countRows(t, d, "survey_files"))
		}
	})
}

// TestRegisterJobs checks the kind is registered: the queue refuses to
// enqueue a kind nobody registered, and takes it once RegisterJobs ran.
func TestRegisterJobs(t *testing.T) {
	ctx := context.Background()
	d := dbtest.SQLite(t)
	if err := jobs.Migrate(ctx, d); err != nil {
		t.Fatal(err)
	}
	q, err := jobs.New(d, nil, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.Enqueue(ctx, PruneFilesArgs{}, nil); err == nil {
		t.Fatal("enqueue before registering succeeded")
	}
	if err := RegisterJobs(q, NewStore(d)); err != nil {
		t.Fatalf("register: %v", err)
	}
	if _, err := q.Enqueue(ctx, PruneFilesArgs{}, nil); err != nil {
		t.Errorf("enqueue after registering: %v", err)
	}
}
