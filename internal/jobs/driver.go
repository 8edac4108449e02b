package jobs

import (
	"database/sql"
	"fmt"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"

	"github.com/loa-vn/loa/internal/db"
)

// driverIface names river's driver interface over database/sql, for generic
// river helpers that take the driver as a type parameter (CompleteTx).
type driverIface = riverdriver.Driver[*sql.Tx]

// driverFor returns a river driver over d's write pool. Both drivers work on
// database/sql, so one client type (*sql.Tx transactions) serves both
// databases and a *db.Tx can be handed to river as it is:
//
//   - SQLite: riversqlite, on the single writer connection. River's fetches,
//     completions and maintenance all write, and SQLite has one writer; going
//     through Loa's writer makes them queue behind Loa's own transactions
//     instead of failing with SQLITE_BUSY.
//   - PostgreSQL: riverdatabasesql, because Loa reaches PostgreSQL through
//     database/sql (pgx's stdlib driver), not a pgxpool. Without a pgx pool
//     river has no LISTEN connection. Both databases run river in poll-only
//     mode (see Queue.config for why SQLite does too), which is fine for
//     Loa's volume (see Options.FetchPollInterval).
//
// Each river client gets its own driver value.
func driverFor(d *db.DB) (riverdriver.Driver[*sql.Tx], error) {
	switch d.Dialect() {
	case db.SQLite:
		return riversqlite.New(d.WritePool()), nil
	case db.Postgres:
		return riverdatabasesql.New(d.WritePool()), nil
	default:
		return nil, fmt.Errorf("jobs: no river driver for dialect %q", d.Dialect())
	}
}
