package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/loa-vn/loa/internal/staff"
)

const userUsage = `Cách dùng:
  loa user create --username TÊN --role VAI_TRÒ --agency MÃ_CƠ_QUAN [--name "Họ tên"] [--password-stdin]

Vai trò: admin (điều phối quốc gia), agency_admin, editor, reviewer, case_handler, analyst.
Cơ quan: VN (quốc gia), mã bộ (BCA, BTP…), UBND-01 (tỉnh), UBND-00004 (xã).
Không có --password-stdin thì một mật khẩu ngẫu nhiên được tạo và in ra một lần;
người dùng phải đổi mật khẩu ở lần đăng nhập đầu.
`

// cmdUser manages staff accounts from the command line; `user create`
// bootstraps the first national administrator.
func cmdUser(ctx context.Context, env environment, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprint(env.stderr, userUsage)
		return errSilent
	}
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	username := fs.String("username", "", "tên đăng nhập")
	role := fs.String("role", "", "vai trò")
	agency := fs.String("agency", "", "mã cơ quan")
	name := fs.String("name", "", "họ tên hiển thị")
	fromStdin := fs.Bool("password-stdin", false, "đọc mật khẩu từ dòng đầu của đầu vào chuẩn")
	storage := storageFlags(fs, env)
	if err := fs.Parse(args[1:]); err != nil {
		return errSilent
	}
	if *username == "" || *role == "" || *agency == "" {
		fmt.Fprint(env.stderr, "loa user create: cần --username, --role và --agency\n\n"+userUsage)
		return errSilent
	}
	r := staff.Role(*role)
	if !r.Valid() {
		fmt.Fprintf(env.stderr, "loa user create: vai trò %q không có; chọn một trong: %s\n", *role, roleList())
		return errSilent
	}
	in := staff.NewUser{Username: *username, DisplayName: *name, Role: r, Agency: *agency, MustChangePassword: !*fromStdin}
	if in.DisplayName == "" {
		in.DisplayName = *username
	}
	if *fromStdin {
		line, err := bufio.NewReader(env.stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("user create: đọc mật khẩu từ đầu vào chuẩn: %w", err)
		}
		in.Password = strings.TrimRight(line, "\r\n")
	}

	a, err := openSeeded(ctx, storage())
	if err != nil {
		return err
	}
	defer a.Close()
	u, password, err := a.Staff.CreateUser(ctx, staff.System(), in)
	var invalid *staff.InvalidError
	switch {
	case errors.As(err, &invalid):
		fmt.Fprintln(env.stderr, "loa user create:", invalid.Message)
		return errSilent
	case errors.Is(err, staff.ErrUsernameTaken):
		fmt.Fprintf(env.stderr, "loa user create: tên đăng nhập %q đã có người dùng\n", *username)
		return errSilent
	case err != nil:
		return err
	}
	fmt.Fprintf(env.stdout, "Đã tạo tài khoản %s (%s, %s).\n", u.Username, u.Role.Name(), u.Agency)
	if !*fromStdin {
		fmt.Fprintf(env.stdout, "Mật khẩu tạm thời (chỉ hiện một lần): %s\n", password)
	}
	return nil
}

func roleList() string {
	var names []string
	for _, r := range staff.Roles() {
		names = append(names, string(r))
	}
	return strings.Join(names, ", ")
}
