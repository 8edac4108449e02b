package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	"github.com/loa-vn/loa/internal/app"
	"github.com/loa-vn/loa/internal/llm"
	"github.com/loa-vn/loa/internal/notify"
	"github.com/loa-vn/loa/internal/ratelimit"
	"github.com/loa-vn/loa/internal/staff"
)

func cmdServe(ctx context.Context, env environment, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	addr := fs.String("addr", "", "địa chỉ lắng nghe (mặc định 127.0.0.1:8080, hoặc LOA_ADDR)")
	demo := fs.Bool("demo", true, "nạp dữ liệu minh họa ở lần chạy đầu tiên")
	storage := storageFlags(fs, env)
	if err := fs.Parse(args); err != nil {
		return errSilent
	}
	if *addr == "" {
		*addr = env.getenv("LOA_ADDR")
	}
	if *addr == "" {
		*addr = "127.0.0.1:8080"
	}
	logger := slog.New(slog.NewJSONHandler(env.stderr, nil))

	a, err := openSeeded(ctx, storage())
	if err != nil {
		return err
	}
	defer a.Close()
	var accounts []staff.DemoAccount
	if *demo {
		demo, err := a.SeedDemo(ctx)
		if err != nil {
			return err
		}
		if demo.Loaded {
			logger.Info("demo data loaded")
		}
		accounts = demo.Accounts
		// A small demo year of figures, once, so the dashboards are alive.
		if demo.Loaded {
			fmt.Fprintln(env.stderr, "Lần chạy đầu: đang tạo một năm số liệu minh họa cho trang Số liệu (khoảng 15 giây)…")
		}
		if loaded, err := a.SeedMeasureDemo(ctx, app.MeasureDemoScale); err != nil {
			return err
		} else if loaded {
			logger.Info("demo measurements loaded")
		}
	}
	scale, err := ratelimit.ParseScale(env.getenv("LOA_RATE_LIMIT_SCALE"))
	if err != nil {
		return fmt.Errorf("serve: LOA_RATE_LIMIT_SCALE: %w", err)
	}
	if scale != 1 {
		fmt.Fprintf(env.stderr, "CẢNH BÁO: LOA_RATE_LIMIT_SCALE=%s: giới hạn tần suất đã bị nới hoặc tắt, chỉ dùng khi đo tải, không bao giờ dùng khi vận hành thật.\n", env.getenv("LOA_RATE_LIMIT_SCALE"))
	}
	srv, err := a.Web(ctx, app.WebOptions{Logger: logger, BaseURL: env.getenv("LOA_BASE_URL"), Version: version(), RateLimitScale: scale,
		Hotline: env.getenv("LOA_HOTLINE"), HotlineHours: env.getenv("LOA_HOTLINE_HOURS"),
		LLM:  llm.Config{URL: env.getenv("LOA_LLM_URL"), Model: env.getenv("LOA_LLM_MODEL"), APIKey: env.getenv("LOA_LLM_API_KEY")},
		Zalo: zaloConfig(env), Messenger: messengerConfig(env), SMTP: notify.ConfigFromEnv(env.getenv)})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: listen %s: %w", *addr, err)
	}
	fmt.Fprintf(env.stdout, "Loa đang chạy tại http://%s/ (cơ sở dữ liệu: %s)\n", ln.Addr(), a.DB)
	printDemoAccounts(env.stdout, accounts)
	logger.Info("listening", "addr", ln.Addr().String(), "database", a.DB.String())
	if err := a.StartJobs(ctx); err != nil {
		return err
	}
	serveErr := srv.Serve(ctx, ln)
	// Requests are done; give running jobs a little longer before closing
	// the database under them.
	stopCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return errors.Join(serveErr, a.StopJobs(stopCtx))
}

// printDemoAccounts shows the demo staff accounts created on the first
// start. Their passwords exist nowhere else, so they go to the terminal,
// never to the log.
func printDemoAccounts(w io.Writer, accounts []staff.DemoAccount) {
	if len(accounts) == 0 {
		return
	}
	fmt.Fprintln(w, "Tài khoản minh họa cho trang quản trị /quan-tri (chỉ hiện một lần, hãy ghi lại):")
	for _, d := range accounts {
		fmt.Fprintf(w, "  %-15s %-22s %-10s mật khẩu: %s\n", d.Username, d.Role.Name(), d.Agency, d.Password)
	}
}
