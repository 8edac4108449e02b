package main

import (
	"context"
	"flag"
	"fmt"
)

func cmdMigrate(ctx context.Context, env environment, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	storage := storageFlags(fs, env)
	if err := fs.Parse(args); err != nil {
		return errSilent
	}
	a, err := openSeeded(ctx, storage())
	if err != nil {
		return err
	}
	defer a.Close()
	cur, _, err := a.DB.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Cơ sở dữ liệu %s ở phiên bản lược đồ %d.\n", a.DB, cur)
	return nil
}
