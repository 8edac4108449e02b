package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/catalog"
)

// maxShownErrors bounds the list of rejected records printed after an import.
const maxShownErrors = 50

// printRejected writes the first maxShownErrors of list to w, one a line,
// then how many more there are: "… và N " + more.
func printRejected[T any](w io.Writer, list []T, more string) {
	for i, e := range list {
		if i == maxShownErrors {
			fmt.Fprintf(w, "… và %d %s\n", len(list)-maxShownErrors, more)
			break
		}
		fmt.Fprintln(w, e)
	}
}

func cmdImport(ctx context.Context, env environment, args []string) error {
	if len(args) > 0 && args[0] == "aggregates" {
		return cmdImportAggregates(ctx, env, args[1:])
	}
	if len(args) == 0 || (args[0] != "tthc" && args[0] != "services") {
		fmt.Fprint(env.stderr, "Cách dùng: loa import tthc FILE.jsonl | loa import services FILE.csv [--skip-invalid]\n")
		return errSilent
	}
	kind := args[0]
	fs := flag.NewFlagSet("import "+kind, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	skip := fs.Bool("skip-invalid", false, "nhập các bản ghi hợp lệ, bỏ qua bản ghi lỗi")
	storage := storageFlags(fs, env)
	// Accept flags before or after the file name.
	var files []string
	rest := args[1:]
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return errSilent
		}
		rest = fs.Args()
		if len(rest) > 0 {
			files = append(files, rest[0])
			rest = rest[1:]
		}
	}
	if len(files) != 1 {
		fmt.Fprintf(env.stderr, "loa import %s: cần đúng một tệp\n", kind)
		return errSilent
	}
	f, err := os.Open(files[0])
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	res, err := parseImport(kind, f)
	if err != nil {
		return err
	}

	a, err := app.Open(ctx, storage())
	if err != nil {
		return err
	}
	defer a.Close()

	bar := newProgress(env.stderr, fmt.Sprintf("Nhập %s", files[0]))
	sum, err := a.Catalog.Import(ctx, res, catalog.ImportOptions{SkipInvalid: *skip, Progress: bar.update})
	bar.done()
	printSummary(env.stdout, sum)
	printRejected(env.stderr, sum.Errors, "lỗi khác")
	if errors.Is(err, catalog.ErrInvalid) {
		fmt.Fprintln(env.stderr, "Không có thay đổi nào được ghi vì tệp có bản ghi lỗi. Sửa các lỗi trên, hoặc chạy lại với --skip-invalid để bỏ qua chúng.")
		return errSilent
	}
	return err
}

func parseImport(kind string, r io.Reader) (*catalog.ParseResult, error) {
	if kind == "tthc" {
		return catalog.ParseTTHC(r)
	}
	return catalog.ParseServicesCSV(r)
}

func printSummary(w io.Writer, s catalog.ImportSummary) {
	fmt.Fprintf(w, "Tạo mới: %d · Cập nhật: %d · Không đổi: %d · Bị từ chối: %d\n",
		s.Created, s.Updated, s.Unchanged, s.Rejected)
}
