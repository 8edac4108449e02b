package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"path/filepath"
	"runtime/debug"

	"github.com/loa-vn/loa/internal/app"
)

// errSilent reports failure when the details were already printed.
var errSilent = errors.New("failed")

// environment is the process's outside world, replaceable in tests.
type environment struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// storageFlags registers --data on fs and returns a function giving the
// storage options after parsing: flag, then environment, then ./data.
func storageFlags(fs *flag.FlagSet, env environment) func() app.Options {
	data := fs.String("data", "", "thư mục dữ liệu cho SQLite (mặc định ./data, hoặc LOA_DATA_DIR)")
	return func() app.Options {
		dir := *data
		if dir == "" {
			dir = env.getenv("LOA_DATA_DIR")
		}
		if dir == "" {
			dir = "data"
		}
		return app.Options{SQLitePath: filepath.Join(dir, "loa.db"), DatabaseURL: env.getenv("LOA_DATABASE_URL")}
	}
}

// openSeeded opens the installation and loads the reference data (units,
// roles) every command that writes relies on; it closes the installation
// again when that fails.
func openSeeded(ctx context.Context, opts app.Options) (*app.App, error) {
	a, err := app.Open(ctx, opts)
	if err != nil {
		return nil, err
	}
	if err := a.SeedReference(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// version is the module version, or the VCS revision for a development build.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return v + " (" + s.Value[:12] + ")"
		}
	}
	return v
}
