package jobs

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/loa-vn/loa/internal/db"
)

// CompleteTx marks the running job completed inside tx, the worker's own
// transaction. Use it in workers whose effect must happen exactly once
// (publish a version, send a notice): if the process dies after the commit,
// river would otherwise not know the job finished and run it again. Call it
// last in the transaction, from the job's Work method; the worker then
// returns nil as usual.
func CompleteTx[T river.JobArgs](ctx context.Context, tx *db.Tx, job *river.Job[T]) error {
	// Both dialects' drivers work on *sql.Tx and river takes the driver from
	// the client in ctx, so the driver interface serves as type argument.
	if _, err := river.JobCompleteTx[driverIface](ctx, tx.SQLTx(), job); err != nil {
		return fmt.Errorf("jobs: complete %s %d: %w", job.Kind, job.ID, err)
	}
	return nil
}
