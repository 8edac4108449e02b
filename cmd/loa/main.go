// Command loa runs the Loa platform: the public guide site, the JSON API
// and the tools that fill the catalogue.
//
//	loa serve                     run the web server (SQLite in ./data by default)
//	loa migrate                   bring the database schema up to date
//	loa import tthc FILE.jsonl    import procedures in the national schema
//	loa import services FILE.csv  import procedures from the CSV template
//	loa user create ...           create a staff account (the first admin)
//	loa version                   print the version
//
// Every subcommand uses the same database: ./data/loa.db under the working
// directory (--data DIR or LOA_DATA_DIR), or PostgreSQL when
// LOA_DATABASE_URL is set.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

const usage = `Loa – nền tảng hỗ trợ dịch vụ công trực tuyến

Cách dùng:
  loa serve    [--addr 127.0.0.1:8080] [--data DIR] [--demo=true]
  loa migrate  [--data DIR]
  loa import tthc FILE.jsonl [--skip-invalid] [--data DIR]
  loa import services FILE.csv [--skip-invalid] [--data DIR]
  loa import aggregates FILE.csv [--skip-invalid] [--data DIR]
  loa measure report --period 2023 --unit VN [--procedure SLUG] [--format json|text] [--compare]
  loa demo measure [--scale 0.1] [--seed 1] [--end YYYY-MM-DD]
  loa user create --username TÊN --role VAI_TRÒ --agency MÃ [--password-stdin]
  loa eval assistant --questions FILE.tsv [--addr URL] [--explain]
  loa eval retrieval --corpus F.jsonl --queries F.jsonl --qrels F.tsv
  loa version

Biến môi trường: LOA_ADDR, LOA_DATA_DIR, LOA_DATABASE_URL (postgres://...), LOA_BASE_URL.
`

// run is main without the process: tests call it directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	env := environment{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	var err error
	switch args[0] {
	case "serve":
		err = cmdServe(ctx, env, args[1:])
	case "migrate":
		err = cmdMigrate(ctx, env, args[1:])
	case "measure":
		err = cmdMeasure(ctx, env, args[1:])
	case "demo":
		err = cmdDemo(ctx, env, args[1:])
	case "import":
		err = cmdImport(ctx, env, args[1:])
	case "user":
		err = cmdUser(ctx, env, args[1:])
	case "eval":
		err = cmdEval(ctx, env, args[1:])
	case "version":
		fmt.Fprintln(stdout, "loa", version())
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "loa: lệnh không rõ %q\n\n%s", args[0], usage)
		return 2
	}
	if err != nil {
		if err != errSilent {
			fmt.Fprintln(stderr, "loa:", err)
		}
		return 1
	}
	return 0
}
