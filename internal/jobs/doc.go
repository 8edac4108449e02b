// Package jobs is Loa's durable background job queue: scheduled publication
// of guides first, later SLA escalation, rollups and notifications. It wraps
// github.com/riverqueue/river so that domain packages get a small, Loa-shaped
// API and the same behaviour on SQLite and PostgreSQL.
//
// Jobs are rows in the database (river's tables, next to Loa's). A job is
// enqueued inside the transaction of the change that causes it, runs in
// whichever `loa serve` process fetches it first (river locks a job as it
// fetches it, so several replicas never run the same job at once), is
// retried with backoff when its worker returns an error, and is kept for a
// while afterwards so that admins can see it on the job page (List, Get,
// Retry, Cancel).
//
// # Adding a job kind
//
// A kind is an args type and a worker, declared in the domain package that
// owns the work (never here):
//
//	// PublishArgs asks for a scheduled guide version to go live.
//	type PublishArgs struct {
//		VersionID int64 `json:"version_id"` // ids, never personal data
//	}
//
//	func (PublishArgs) Kind() string { return "catalog.publish" }
//
//	type publishWorker struct {
//		river.WorkerDefaults[PublishArgs]
//		svc *Service
//	}
//
//	func (w *publishWorker) Work(ctx context.Context, job *river.Job[PublishArgs]) error {
//		return w.svc.db.InTx(ctx, func(tx *db.Tx) error {
//			if err := w.svc.publishTx(ctx, tx, job.Args.VersionID); err != nil {
//				return err // retried with backoff
//			}
//			return jobs.CompleteTx(ctx, tx, job) // done exactly once
//		})
//	}
//
//	// RegisterJobs is called by serve (and any command that enqueues).
//	func RegisterJobs(q *jobs.Queue, svc *Service) error {
//		return jobs.AddWorker(q, &publishWorker{svc: svc})
//	}
//
// The kind string is stored with every job: never rename it while jobs of
// that kind may exist. Args are JSON; keep them small and free of citizens'
// personal data, because the job page shows them. A worker may override the
// defaults per kind with river's worker methods (Timeout, NextRetry) and its
// args with InsertOpts (MaxAttempts, UniqueOpts). Work must honour ctx: it is
// cancelled on timeout, on Cancel and when serve stops.
//
// For work on a timetable, register a periodic job before Start:
//
//	q.AddPeriodic(river.NewPeriodicJob(jobs.DailyAt(1, 0, hcm),
//		func() (river.JobArgs, *river.InsertOpts) { return RollupArgs{}, nil },
//		&river.PeriodicJobOpts{ID: "measure.rollup"}))
//
// Only the elected leader among the running processes inserts periodic jobs.
// A sweep, whose args carry nothing because its worker finds its own work,
// registers its worker and schedule in one call:
//
//	jobs.AddSweep(q, &pruneWorker{store: s}, river.PeriodicInterval(time.Hour),
//		&river.PeriodicJobOpts{ID: "reports.prune"})
//
// # Enqueueing in the transaction
//
// EnqueueTx takes the *db.Tx of the change and inserts the job row through
// the same database/sql transaction (db.Tx.SQLTx). The job is invisible to
// workers until the commit and disappears with a rollback, so a saved change
// always has its job and a job never refers to a change that was not saved:
//
//	err := d.InTx(ctx, func(tx *db.Tx) error {
//		if err := saveSchedule(ctx, tx, v); err != nil {
//			return err
//		}
//		_, err := q.EnqueueTx(ctx, tx, PublishArgs{VersionID: v.ID},
//			&jobs.InsertOpts{ScheduledAt: v.PublishAt})
//		return err
//	})
//
// Enqueue (its own transaction) exists for causes that are not a database
// change. Never call it, List, Retry or Cancel inside a transaction: on
// SQLite they need the single writer connection the transaction holds and
// would wait forever. RetryTx and CancelTx take the transaction instead, so
// that an admin's action and its audit row commit together.
//
// A job with a ScheduledAt starts within Options.FetchPollInterval of that
// time. River's scheduler, which runs every five seconds on the leader,
// promotes jobs due before its next run, so only a job scheduled less than
// five seconds ahead may start up to five seconds late.
//
// # Drivers and databases
//
// Both drivers are database/sql drivers, so one river client type
// (transactions are *sql.Tx) serves both databases and a db.Tx is handed to
// river as it is.
//
//   - SQLite: riverdriver/riversqlite over Loa's single writer connection
//     (db.DB.WritePool). River's fetches and completions write, and SQLite
//     has one writer; sharing Loa's writer makes them queue behind Loa's own
//     transactions instead of failing with SQLITE_BUSY. River holds that
//     connection only for the length of each of its statements, never while
//     a job runs, so a job that writes through db.DB.InTx cannot deadlock
//     against river (a test runs many such jobs at once). Keep job
//     transactions short all the same: while one is open, every other
//     writer, river included, waits.
//   - PostgreSQL: riverdriver/riverdatabasesql over Loa's database/sql pool
//     (pgx's stdlib driver), because Loa does not keep a pgxpool. River then
//     has no LISTEN connection. River's pgx driver would add LISTEN/NOTIFY
//     at the cost of a second pool; Loa's volume does not need it.
//
// River runs in poll-only mode on both: a committed job starts within
// Options.FetchPollInterval (1 s by default), a running job that an admin
// cancels sees its context cancelled within about two seconds, and a new
// leader is elected within about five seconds of the old one leaving.
// SQLite could use river's outbox listener, but it would poll the single
// writer connection twenty times a second and it delivers cancel requests
// without rechecking them (a job cancelled and at once retried could be
// cancelled again); polling avoids both and keeps the two databases alike.
//
// # Schema and lifecycle
//
// River's tables are migrated by river's own migrator: call Migrate after
// db.Migrate, in serve and in `loa migrate`. Loa's goose folders do not
// contain them, so river upgrades bring their migrations with them; river's
// tables have the same columns on both dialects all the same (a test checks).
// Tests that enqueue call Migrate on their dbtest database.
//
// In serve: New, AddWorker for every kind, AddPeriodic, Start; on shutdown,
// after the HTTP server has stopped, Stop with a deadline (running jobs may
// finish until then, are cancelled after it and retried later), then close
// the database.
package jobs
