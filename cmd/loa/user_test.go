package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestUserCreate(t *testing.T) {
	storages(t, func(t *testing.T, env map[string]string) {
		code, out, errs := loa(t, env, "user", "create", "--username", "dieuphoi", "--role", "admin", "--agency", "VN")
		if code != 0 || !strings.Contains(out, "Mật khẩu tạm thời") {
			t.Fatalf("create with generated password: exit %d\n%s\n%s", code, out, errs)
		}
		// The password from standard input is used as given.
		var stdout, stderr bytes.Buffer
		code = run(context.Background(), []string{"user", "create", "--username", "bientap.hn", "--role", "editor", "--agency", "UBND-01", "--password-stdin"},
			strings.NewReader("mat-khau-du-dai-123\n"), &stdout, &stderr, func(k string) string { return env[k] })
		if code != 0 || strings.Contains(stdout.String(), "mat-khau") {
			t.Fatalf("create with --password-stdin: exit %d\n%s\n%s", code, stdout.String(), stderr.String())
		}
		for _, bad := range [][]string{
			{"--username", "dieuphoi", "--role", "admin", "--agency", "VN"}, // taken
			{"--username", "x1", "--role", "boss", "--agency", "VN"},        // unknown role
			{"--username", "x2", "--role", "editor", "--agency", "UBND-99"}, // unknown agency
			{"--username", "x3", "--role", "editor"},                        // missing agency
		} {
			if code, _, errs := loa(t, env, append([]string{"user", "create"}, bad...)...); code == 0 || errs == "" {
				t.Errorf("user create %v: exit %d, message %q", bad, code, errs)
			}
		}
	})
}
