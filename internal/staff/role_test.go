package staff

import "testing"

func TestRolePermissions(t *testing.T) {
	tests := []struct {
		role Role
		perm Perm
		want bool
	}{
		{RoleAdmin, PermGuidePublishOverride, true},
		{RoleAdmin, PermJobsRead, true},
		{RoleAgencyAdmin, PermUserManage, true},
		{RoleAgencyAdmin, PermTokenManage, true},
		{RoleAgencyAdmin, PermGuidePublishOverride, false},
		{RoleAgencyAdmin, PermJobsRead, false},
		{RoleEditor, PermGuideEdit, true},
		{RoleEditor, PermGuideReview, false},
		{RoleEditor, PermUserManage, false},
		{RoleReviewer, PermGuideReview, true},
		{RoleReviewer, PermGuideEdit, false},
		{RoleCaseHandler, PermCaseHandle, true},
		{RoleCaseHandler, PermCasePublishOverride, false},
		{RoleCaseHandler, PermCaseConfigure, false},
		{RoleAgencyAdmin, PermCaseConfigure, false},
		{RoleAdmin, PermCaseConfigure, true},
		{RoleAdmin, PermCasePublishOverride, true},
		{RoleAdmin, PermMeasureConfigure, true},
		{RoleAgencyAdmin, PermMeasureConfigure, false},
		{RoleEditor, PermMeasureConfigure, false},
		{RoleReviewer, PermMeasureConfigure, false},
		{RoleCaseHandler, PermMeasureConfigure, false},
		{RoleAnalyst, PermMeasureConfigure, false},
		{RoleCaseHandler, PermGuideEdit, false},
		{RoleAnalyst, PermDashboardRead, true},
		{RoleEditor, PermSurveyManage, true},
		{RoleAgencyAdmin, PermSurveyManage, true},
		{RoleReviewer, PermSurveyManage, false},
		{RoleCaseHandler, PermSurveyManage, false},
		{RoleAnalyst, PermSurveyManage, false},
		{RoleAnalyst, PermGuideEdit, false},
		{RoleAnalyst, PermAuditRead, false},
		{Role("root"), PermDashboardRead, false},
	}
	for _, tt := range tests {
		if got := tt.role.Can(tt.perm); got != tt.want {
			t.Errorf("%s.Can(%s) = %v, want %v", tt.role, tt.perm, got, tt.want)
		}
	}
}

func TestEveryPermBelongsToARoleAndAdminHasAll(t *testing.T) {
	for _, p := range Perms() {
		if !RoleAdmin.Can(p) {
			t.Errorf("admin lacks %s", p)
		}
		if !p.Valid() {
			t.Errorf("%s not valid", p)
		}
	}
	for _, r := range Roles() {
		if !r.Valid() || len(r.Perms()) == 0 || r.Name() == string(r) {
			t.Errorf("role %s: valid %v, perms %v, name %q", r, r.Valid(), r.Perms(), r.Name())
		}
	}
	if len(Roles()) != len(rolePerms) {
		t.Errorf("Roles() lists %d roles, table has %d", len(Roles()), len(rolePerms))
	}
	if Role("root").Valid() || Perm("root").Valid() {
		t.Error("unknown role or perm is valid")
	}
}

// An agency admin creates the tokens of its agency, so it must hold every
// machine permission or it could grant none.
func TestAgencyAdminHoldsMachinePerms(t *testing.T) {
	for _, p := range MachinePerms() {
		if !RoleAgencyAdmin.Can(p) {
			t.Errorf("agency_admin lacks machine perm %s", p)
		}
	}
}

func TestRoleCovers(t *testing.T) {
	tests := []struct {
		r, other Role
		want     bool
	}{
		{RoleAdmin, RoleAdmin, true},
		{RoleAdmin, RoleAnalyst, true},
		{RoleAgencyAdmin, RoleAdmin, false},
		{RoleAgencyAdmin, RoleAgencyAdmin, true},
		{RoleAgencyAdmin, RoleEditor, true},
		{RoleAgencyAdmin, RoleReviewer, true},
		{RoleEditor, RoleReviewer, false},
		{RoleEditor, RoleAnalyst, true},
		{RoleAdmin, Role("root"), false},
	}
	for _, tt := range tests {
		if got := tt.r.covers(tt.other); got != tt.want {
			t.Errorf("%s covers %s = %v, want %v", tt.r, tt.other, got, tt.want)
		}
	}
}
