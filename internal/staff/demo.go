package staff

import (
	"context"
	"errors"
	"fmt"
)

// DemoAccount is a demonstration account: one per role, so a visitor can
// see the back office as each kind of user.
type DemoAccount struct {
	Username    string
	DisplayName string
	Role        Role
	Agency      string
	// Password is set only in SeedDemo's result, for the accounts it created.
	Password string
}

// DemoAccounts lists the demonstration accounts, without passwords. The
// province accounts belong to UBND-01 (Hà Nội) so they share one scope.
func DemoAccounts() []DemoAccount {
	return []DemoAccount{
		{Username: "demo.admin", DisplayName: "Điều phối quốc gia (demo)", Role: RoleAdmin, Agency: National},
		{Username: "demo.quantri", DisplayName: "Quản trị UBND tỉnh (demo)", Role: RoleAgencyAdmin, Agency: "UBND-01"},
		{Username: "demo.bientap", DisplayName: "Biên tập viên (demo)", Role: RoleEditor, Agency: "UBND-01"},
		{Username: "demo.duyet", DisplayName: "Người duyệt (demo)", Role: RoleReviewer, Agency: "UBND-01"},
		{Username: "demo.xuly", DisplayName: "Cán bộ xử lý phản ánh (demo)", Role: RoleCaseHandler, Agency: "UBND-01"},
		{Username: "demo.phantich", DisplayName: "Chuyên viên phân tích (demo)", Role: RoleAnalyst, Agency: National},
	}
}

// SeedDemo creates the demonstration accounts that do not exist yet, with
// generated passwords, and returns those it created with their passwords
// so that `loa serve` can print them once. An account that exists is left
// alone (its password is not known, so it is not returned); replicas
// seeding at the same time create each account once.
func (s *Store) SeedDemo(ctx context.Context) ([]DemoAccount, error) {
	var created []DemoAccount
	for _, d := range DemoAccounts() {
		_, err := s.UserByUsername(ctx, d.Username)
		if err == nil {
			continue
		}
		if !errors.Is(err, ErrNotFound) {
			return created, fmt.Errorf("staff: seed demo %s: %w", d.Username, err)
		}
		_, pw, err := s.CreateUser(ctx, System(), NewUser{
			Username: d.Username, DisplayName: d.DisplayName, Role: d.Role, Agency: d.Agency,
		})
		if errors.Is(err, ErrUsernameTaken) {
			continue // another replica was quicker
		}
		if err != nil {
			return created, fmt.Errorf("staff: seed demo %s: %w", d.Username, err)
		}
		d.Password = pw
		created = append(created, d)
	}
	return created, nil
}
