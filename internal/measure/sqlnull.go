package measure

import "database/sql"

// nullInt is a nullable count column: NULL is unknown.
type nullInt = sql.NullInt64
