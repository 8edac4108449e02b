package staff

import "testing"

func TestAllowed(t *testing.T) {
	s := NewStore(nil, WithParents(parentOf))
	editor := &User{ID: 1, Role: RoleEditor, Agency: "UBND-01"}
	communeEditor := &User{ID: 2, Role: RoleEditor, Agency: "UBND-00004"}
	admin := &User{ID: 3, Role: RoleAdmin, Agency: "VN"}
	analyst := &User{ID: 4, Role: RoleAnalyst, Agency: "VN"}
	disabled := &User{ID: 5, Role: RoleEditor, Agency: "UBND-01", Disabled: true}
	tests := []struct {
		name   string
		u      *User
		p      Perm
		agency string
		want   bool
	}{
		{"editor own province", editor, PermGuideEdit, "UBND-01", true},
		{"editor a commune of the province", editor, PermGuideEdit, "UBND-00004", true},
		{"editor another province", editor, PermGuideEdit, "UBND-02", false},
		{"editor another province's commune", editor, PermGuideEdit, "UBND-00100", false},
		{"editor lacks the permission", editor, PermGuideReview, "UBND-01", false},
		{"commune editor on its province", communeEditor, PermGuideEdit, "UBND-01", false},
		{"admin anywhere", admin, PermGuidePublishOverride, "UBND-00100", true},
		{"analyst reads everywhere", analyst, PermDashboardRead, "BCA", true},
		{"analyst cannot edit", analyst, PermGuideEdit, "BCA", false},
		{"disabled", disabled, PermGuideEdit, "UBND-01", false},
		{"nobody", nil, PermDashboardRead, "VN", false},
	}
	for _, tt := range tests {
		if got := s.Allowed(tt.u, tt.p, tt.agency); got != tt.want {
			t.Errorf("%s: Allowed = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestAdminRoleCoversAllWhateverItsAgency(t *testing.T) {
	s := NewStore(nil)
	odd := &User{ID: 1, Role: RoleAdmin, Agency: "UBND-01"}
	if !s.Allowed(odd, PermUserManage, "BCA") {
		t.Error("an admin account outside VN is limited to its agency")
	}
}
