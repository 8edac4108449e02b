package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/measure"
)

// openMeasure opens the installation with the units seeded and measuring
// ready to check units and procedures.
func openMeasure(ctx context.Context, opts app.Options) (*app.App, error) {
	a, err := openSeeded(ctx, opts)
	if err != nil {
		return nil, err
	}
	if err := a.PrepareMeasure(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// cmdMeasure runs "loa measure report".
func cmdMeasure(ctx context.Context, env environment, args []string) error {
	if len(args) == 0 || args[0] != "report" {
		fmt.Fprint(env.stderr, "Cách dùng: loa measure report --period 2023 --unit VN [--procedure SLUG] [--format json|text] [--compare]\n")
		return errSilent
	}
	fs := flag.NewFlagSet("measure report", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	period := fs.String("period", "", "kỳ: YYYY, YYYY-MM, YYYY-MM-DD hoặc YYYY-MM-DD..YYYY-MM-DD")
	unit := fs.String("unit", measure.National, "đơn vị: VN, mã bộ, mã tỉnh hoặc mã xã")
	proc := fs.String("procedure", "", "thủ tục (mã hoặc tên ngắn); bỏ trống là mọi thủ tục")
	format := fs.String("format", "text", "json hoặc text")
	compare := fs.Bool("compare", false, "so với kỳ liền trước cùng độ dài (chỉ với --format text)")
	storage := storageFlags(fs, env)
	if err := fs.Parse(args[1:]); err != nil {
		return errSilent
	}
	p, err := measure.ParsePeriod(*period)
	if err != nil {
		fmt.Fprintln(env.stderr, "loa measure report: --period: kỳ phải có dạng 2023, 2023-05, 2023-05-01 hoặc 2023-01-01..2023-03-31")
		return errSilent
	}
	if *format != "json" && *format != "text" {
		fmt.Fprintln(env.stderr, "loa measure report: --format phải là json hoặc text")
		return errSilent
	}
	a, err := openMeasure(ctx, storage())
	if err != nil {
		return err
	}
	defer a.Close()
	sl := measure.Slice{Period: p, Unit: *unit, Procedure: *proc}
	rep, prev, changes, err := a.Measure.Compare(ctx, sl)
	if errors.Is(err, measure.ErrUnknownUnit) {
		fmt.Fprintf(env.stderr, "loa measure report: không có đơn vị %q\n", *unit)
		return errSilent
	}
	if err != nil {
		return err
	}
	if *format == "json" {
		b, err := json.Marshal(rep.JSON())
		if err != nil {
			return err
		}
		fmt.Fprintln(env.stdout, string(b))
		return nil
	}
	fmt.Fprintf(env.stdout, "Kỳ %s · đơn vị %s · thủ tục %s\n", p.Label, rep.JSON().Unit, rep.JSON().Procedure)
	for i, v := range rep.Values {
		line := fmt.Sprintf("  %-36s %s", v.Indicator.Name, formatValue(v))
		if *compare {
			line += fmt.Sprintf("   (kỳ trước %s: %s; thay đổi %s)", prev.Slice.Period.Label, formatValue(prev.Values[i]), changes[i])
		}
		fmt.Fprintln(env.stdout, line)
	}
	return nil
}

func formatValue(v measure.Value) string {
	if !v.Known {
		return "n/a"
	}
	if v.Indicator.Kind == measure.KindRate {
		return fmt.Sprintf("%.2f %% (%d/%d)", v.Value, v.Numerator, v.Denominator)
	}
	return fmt.Sprintf("%.0f %s", v.Value, v.Indicator.Unit)
}

// cmdDemo runs "loa demo measure".
func cmdDemo(ctx context.Context, env environment, args []string) error {
	if len(args) == 0 || args[0] != "measure" {
		fmt.Fprint(env.stderr, "Cách dùng: loa demo measure [--scale 0.1] [--seed 1] [--end YYYY-MM-DD]\n")
		return errSilent
	}
	fs := flag.NewFlagSet("demo measure", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	scale := fs.Float64("scale", 0.1, "quy mô so với cả nước (1 = 47,6 triệu hồ sơ một năm)")
	seed := fs.Uint64("seed", 1, "hạt giống ngẫu nhiên: cùng hạt giống cho cùng số liệu")
	end := fs.String("end", "", "ngày cuối của năm số liệu (mặc định hôm qua)")
	storage := storageFlags(fs, env)
	if err := fs.Parse(args[1:]); err != nil {
		return errSilent
	}
	opts := measure.DemoOptions{Scale: *scale, Seed: *seed}
	if *end != "" {
		t, err := time.Parse(time.DateOnly, *end)
		if err != nil {
			fmt.Fprintln(env.stderr, "loa demo measure: --end phải có dạng YYYY-MM-DD")
			return errSilent
		}
		opts.End = t
	}
	a, err := openMeasure(ctx, storage())
	if err != nil {
		return err
	}
	defer a.Close()
	if opts.Services, err = a.Catalog.All(ctx); err != nil {
		return err
	}
	if len(opts.Services) == 0 {
		if _, err := a.Catalog.SeedDemo(ctx); err != nil {
			return err
		}
		if opts.Services, err = a.Catalog.All(ctx); err != nil {
			return err
		}
	}
	start := time.Now()
	sum, err := a.Measure.Demo(ctx, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Số liệu minh họa %s..%s: %d hồ sơ, %d thủ tục, %d dòng ngày, %d dòng tháng (%.1f giây)\n",
		sum.From, sum.To, sum.Dossiers, sum.Procedures, sum.Days, sum.Months, time.Since(start).Seconds())
	return nil
}

// cmdImportAggregates runs "loa import aggregates FILE.csv".
func cmdImportAggregates(ctx context.Context, env environment, args []string) error {
	fs := flag.NewFlagSet("import aggregates", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	skip := fs.Bool("skip-invalid", false, "nhập các dòng hợp lệ, bỏ qua dòng lỗi")
	storage := storageFlags(fs, env)
	var files []string
	for rest := args; len(rest) > 0; {
		if err := fs.Parse(rest); err != nil {
			return errSilent
		}
		rest = fs.Args()
		if len(rest) > 0 {
			files, rest = append(files, rest[0]), rest[1:]
		}
	}
	if len(files) != 1 {
		fmt.Fprintln(env.stderr, "loa import aggregates: cần đúng một tệp CSV")
		return errSilent
	}
	f, err := os.Open(files[0])
	if err != nil {
		return fmt.Errorf("import aggregates: %w", err)
	}
	defer f.Close()
	a, err := openMeasure(ctx, storage())
	if err != nil {
		return err
	}
	defer a.Close()
	parsed, err := a.Measure.ParseAggregates(f)
	if err != nil {
		fmt.Fprintln(env.stderr, "loa import aggregates:", err)
		return errSilent
	}
	sum, err := a.Measure.ImportAggregates(ctx, audit.System, parsed, measure.ImportOptions{SkipInvalid: *skip, Source: "file:" + files[0]})
	fmt.Fprintf(env.stdout, "Đã ghi: %d (mới %d, thay số cũ %d) · Bị từ chối: %d\n", sum.Imported, sum.Created, sum.Replaced, sum.Rejected)
	printRejected(env.stderr, append(sum.Errors, sum.Warnings...), "dòng khác")
	if errors.Is(err, measure.ErrInvalid) {
		fmt.Fprintln(env.stderr, "Không dòng nào được ghi vì tệp có dòng lỗi. Sửa các lỗi trên, hoặc chạy lại với --skip-invalid để bỏ qua chúng.")
		return errSilent
	}
	return err
}
