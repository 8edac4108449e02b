package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// openTestSQLite opens a SQLite database with one table, t(id, v).
func openTestSQLite(t *testing.T) *DB {
	t.Helper()
	d, err := Open(context.Background(), Config{Path: filepath.Join(t.TempDir(), "loa.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.Exec(context.Background(), "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	return d
}

// holdWriter starts a transaction that holds SQLite's writer until the
// returned function is called, and waits until it has begun.
func holdWriter(t *testing.T, d *DB) (release func() error) {
	t.Helper()
	started, free := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- d.InTx(context.Background(), func(tx *Tx) error {
			close(started)
			<-free
			_, err := tx.Exec(context.Background(), "INSERT INTO t (id, v) VALUES (0, 'holder')")
			return err
		})
	}()
	<-started
	return func() error { close(free); return <-done }
}

// waitQueued waits until n calls wait in the committer's queue.
func waitQueued(t *testing.T, d *DB, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		d.group.mu.Lock()
		got := len(d.group.queue)
		d.group.mu.Unlock()
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d calls queued after 10 s, want %d", got, n)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestInTxRunsWaitingCallsInOneTransaction checks the group commit: the
// calls that queue while the writer is busy run in one transaction, in
// the order they came, each seeing the writes of those before it; one
// that fails loses only its own writes.
func TestInTxRunsWaitingCallsInOneTransaction(t *testing.T) {
	d := openTestSQLite(t)
	ctx := context.Background()
	release := holdWriter(t, d)
	const n = 8
	var (
		mu   sync.Mutex
		txs  = map[*sql.Tx]bool{}
		seen = make([]int, n) // rows each call saw before writing
		errs = make([]error, n)
		wg   sync.WaitGroup
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = d.InTx(ctx, func(tx *Tx) error {
				mu.Lock()
				txs[tx.tx] = true
				mu.Unlock()
				if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM t WHERE id > 0").Scan(&seen[i]); err != nil {
					return err
				}
				if _, err := tx.Exec(ctx, "INSERT INTO t (id, v) VALUES (?, ?)", i+1, fmt.Sprint("call ", i)); err != nil {
					return err
				}
				if i == 3 {
					return fmt.Errorf("call %d fails", i)
				}
				return nil
			})
		}()
		waitQueued(t, d, i+1) // one at a time, so the queue's order is known
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if len(txs) != 1 {
		t.Errorf("the %d waiting calls ran in %d transactions, want 1", n, len(txs))
	}
	for i := range n {
		want := i // the calls before, less the failed one once it has run
		if i > 3 {
			want--
		}
		if seen[i] != want {
			t.Errorf("call %d saw %d rows, want %d", i, seen[i], want)
		}
		if (errs[i] != nil) != (i == 3) {
			t.Errorf("call %d: InTx = %v", i, errs[i])
		}
	}
	var kept int
	if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM t WHERE id > 0").Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if kept != n-1 {
		t.Errorf("%d rows kept, want %d (all but the failed call's)", kept, n-1)
	}
	var failed int
	if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM t WHERE id = 4").Scan(&failed); err != nil || failed != 0 {
		t.Errorf("the failed call's row: count %d, err %v; want none", failed, err)
	}
}

// TestInTxPanicsInItsCaller checks that a function that panics panics
// in its own caller, with its own value, whether that caller runs the
// batch or waits while another does, and that the other's writes are
// kept.
func TestInTxPanicsInItsCaller(t *testing.T) {
	for _, panicsFirst := range []bool{true, false} {
		t.Run(fmt.Sprint("first=", panicsFirst), func(t *testing.T) {
			d := openTestSQLite(t)
			ctx := context.Background()
			release := holdWriter(t, d)
			var wg sync.WaitGroup
			var recovered any
			var okErr error
			keep := func() {
				defer wg.Done()
				okErr = d.InTx(ctx, func(tx *Tx) error {
					_, err := tx.Exec(ctx, "INSERT INTO t (id, v) VALUES (1, 'kept')")
					return err
				})
			}
			boom := func() {
				defer wg.Done()
				defer func() { recovered = recover() }()
				_ = d.InTx(ctx, func(tx *Tx) error {
					if _, err := tx.Exec(ctx, "INSERT INTO t (id, v) VALUES (2, 'lost')"); err != nil {
						return err
					}
					panic("boom")
				})
			}
			calls := []func(){keep, boom}
			if panicsFirst {
				calls = []func(){boom, keep}
			}
			for i, c := range calls {
				wg.Add(1)
				go c()
				waitQueued(t, d, i+1)
			}
			if err := release(); err != nil {
				t.Fatal(err)
			}
			wg.Wait()
			if recovered != "boom" {
				t.Errorf("recovered %v in the panicking caller, want its value", recovered)
			}
			if okErr != nil {
				t.Errorf("the other call: %v", okErr)
			}
			var ids []int
			rows, err := d.Query(ctx, "SELECT id FROM t WHERE id > 0 ORDER BY id")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var id int
				if err := rows.Scan(&id); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}
			if fmt.Sprint(ids) != "[1]" {
				t.Errorf("rows %v, want [1]", ids)
			}
		})
	}
}

// TestInTxSkipsACallWhoseContextEnded checks that a call whose context
// ends while it waits is not started, and says so.
func TestInTxSkipsACallWhoseContextEnded(t *testing.T) {
	d := openTestSQLite(t)
	release := holdWriter(t, d)
	ctx, cancel := context.WithCancel(context.Background())
	ran := false
	done := make(chan error, 1)
	go func() {
		done <- d.InTx(ctx, func(tx *Tx) error { ran = true; return nil })
	}()
	waitQueued(t, d, 1)
	cancel()
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("InTx = %v, want context.Canceled", err)
	}
	if ran {
		t.Error("the function ran after its context ended")
	}
}

// TestInTxUnderLoad runs many concurrent calls, some failing, and checks
// that exactly the successful ones' writes are kept and each caller got
// its own outcome.
func TestInTxUnderLoad(t *testing.T) {
	d := openTestSQLite(t)
	ctx := context.Background()
	const n = 400
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = d.InTx(ctx, func(tx *Tx) error {
				if _, err := tx.Exec(ctx, "INSERT INTO t (id, v) VALUES (?, 'x')", i+1); err != nil {
					return err
				}
				if i%7 == 0 {
					return errMine(i)
				}
				return nil
			})
		}()
	}
	wg.Wait()
	want := 0
	for i, err := range errs {
		if i%7 == 0 {
			if !errors.Is(err, errMine(i)) {
				t.Errorf("call %d: %v, want its own error", i, err)
			}
			continue
		}
		want++
		if err != nil {
			t.Errorf("call %d: %v", i, err)
		}
	}
	var kept, bad int
	if err := d.QueryRow(ctx, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN (id - 1) % 7 = 0 THEN 1 ELSE 0 END), 0) FROM t").Scan(&kept, &bad); err != nil {
		t.Fatal(err)
	}
	if kept != want || bad != 0 {
		t.Errorf("%d rows kept (%d of failed calls), want %d and 0", kept, bad, want)
	}
}

// errMine is a call's own error.
type errMine int

func (e errMine) Error() string { return fmt.Sprintf("call %d fails", int(e)) }
