package targets

import (
	"context"
	"testing"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/jobs"
)

// TestComputeJob runs the sweep's work as the queue would.
func TestComputeJob(t *testing.T) {
	d := dbtest.SQLite(t)
	s := boundStore(t, d)
	m := fakeMeasure{"online_rate": {span2023: {18_240_000, 47_624_021}}}
	w := &computeWorker{store: s, measure: m.fn}
	if err := w.Work(context.Background(), &river.Job[ComputeArgs]{}); err != nil {
		t.Fatal(err)
	}
	obs, err := s.Observations(context.Background(), "ho_so")
	if err != nil || len(obs) != 1 || obs[0].Value != 38.3 {
		t.Fatalf("after the job: %+v %v", obs, err)
	}
}

// TestRegisterJobs: the kind is refused before registering and taken
// after; registering without a way to read the measurements is an error.
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
	if _, err := q.Enqueue(ctx, ComputeArgs{}, nil); err == nil {
		t.Fatal("enqueue before registering succeeded")
	}
	if err := RegisterJobs(q, NewStore(d), nil); err == nil {
		t.Error("registered without a measure function")
	}
	if err := RegisterJobs(q, NewStore(d), fakeMeasure{}.fn); err != nil {
		t.Fatalf("register: %v", err)
	}
	if _, err := q.Enqueue(ctx, ComputeArgs{}, nil); err != nil {
		t.Errorf("enqueue after registering: %v", err)
	}
}
