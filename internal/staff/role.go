package staff

import "slices"

// Role is what a staff account is for. The set is closed: the web layer
// declares routes by Perm, never by Role, so adding a role means adding one
// line to rolePerms.
type Role string

// The roles.
const (
	// RoleAdmin is the national coordinator: every permission, every agency.
	RoleAdmin Role = "admin"
	// RoleAgencyAdmin runs one agency (and, for a province, its communes):
	// accounts, API tokens, audit, and the agency's own content.
	RoleAgencyAdmin Role = "agency_admin"
	// RoleEditor writes guides and FAQs for the agency's services.
	RoleEditor Role = "editor"
	// RoleReviewer approves or returns editors' drafts.
	RoleReviewer Role = "reviewer"
	// RoleCaseHandler answers citizens' reports and assistant handoffs.
	RoleCaseHandler Role = "case_handler"
	// RoleAnalyst reads dashboards and nothing else.
	RoleAnalyst Role = "analyst"
)

// Perm is one thing an account or an API token may do. Routes declare the
// Perm they need; roles and tokens carry sets of them.
type Perm string

// The permissions. Their string values are stored in api_tokens.perms, so
// they must not change.
const (
	PermGuideEdit            Perm = "guide.edit"             // write drafts of guides and FAQs
	PermGuideReview          Perm = "guide.review"           // approve or return someone else's draft
	PermGuidePublishOverride Perm = "guide.publish_override" // publish without an independent review (audited)
	PermUserManage           Perm = "user.manage"            // create, edit, disable accounts; reset passwords
	PermTokenManage          Perm = "token.manage"           // create and revoke API tokens
	PermAuditRead            Perm = "audit.read"             // read and export the audit log
	PermJobsRead             Perm = "jobs.read"              // see the background job page
	PermCaseHandle           Perm = "case.handle"            // work on cases assigned to the agency
	PermCaseCreate           Perm = "case.create"            // open a case (hotline staff, agencies' systems)
	PermDashboardRead        Perm = "dashboard.read"         // read dashboards and indicators
	PermMeasureIngest        Perm = "measure.ingest"         // send measurements (dossier counts, timings)
	PermRatingLinkCreate     Perm = "rating_link.create"     // create links inviting a citizen to rate a service
	PermSurveyManage         Perm = "survey.manage"          // build, publish and close the agency's surveys; read their results
	PermCaseConfigure        Perm = "case.configure"         // edit case routing, deadlines and the working-day calendar
	PermCasePublishOverride  Perm = "case.publish_override"  // publish one's own answer to a case without review (audited)
	PermMeasureConfigure     Perm = "measure.configure"      // edit the indicators' parameters; release quarantined measurements (audited)
)

// allPerms lists every permission, in the order shown to people.
var allPerms = []Perm{
	PermGuideEdit, PermGuideReview, PermGuidePublishOverride,
	PermUserManage, PermTokenManage, PermAuditRead, PermJobsRead,
	PermCaseHandle, PermCaseCreate, PermDashboardRead,
	PermMeasureIngest, PermRatingLinkCreate, PermSurveyManage,
	PermCaseConfigure, PermCasePublishOverride, PermMeasureConfigure,
}

// rolePerms is the whole authorisation policy for people:
//
//	role          permissions
//	admin         all
//	agency_admin  guide.edit guide.review user.manage token.manage audit.read
//	              case.handle case.create dashboard.read measure.ingest rating_link.create
//	              survey.manage
//	editor        guide.edit dashboard.read survey.manage
//	reviewer      guide.review dashboard.read
//	case_handler  case.handle case.create dashboard.read
//	analyst       dashboard.read
//
// Only the national coordinator may override the review rules (guides and
// case answers), see the job queue, which is shared by all agencies, or
// configure case routing, deadlines and the working-day calendar, which
// apply nationally, or configure measuring (the indicators' parameters and
// the release of quarantined figures), on which every ranking depends.
// An agency admin holds the machine
// permissions (measure.ingest …) so that it may grant them to its tokens.
var rolePerms = map[Role][]Perm{
	RoleAdmin: allPerms,
	RoleAgencyAdmin: {
		PermGuideEdit, PermGuideReview, PermUserManage, PermTokenManage, PermAuditRead,
		PermCaseHandle, PermCaseCreate, PermDashboardRead, PermMeasureIngest, PermRatingLinkCreate,
		PermSurveyManage,
	},
	RoleEditor:      {PermGuideEdit, PermDashboardRead, PermSurveyManage},
	RoleReviewer:    {PermGuideReview, PermDashboardRead},
	RoleCaseHandler: {PermCaseHandle, PermCaseCreate, PermDashboardRead},
	RoleAnalyst:     {PermDashboardRead},
}

// roleOrder lists the roles from most to least powerful, for forms.
var roleOrder = []Role{RoleAdmin, RoleAgencyAdmin, RoleEditor, RoleReviewer, RoleCaseHandler, RoleAnalyst}

// Roles returns every role, most powerful first.
func Roles() []Role { return slices.Clone(roleOrder) }

// Perms returns every permission.
func Perms() []Perm { return slices.Clone(allPerms) }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := rolePerms[r]; return ok }

// Can reports whether the role grants p. An unknown role grants nothing.
func (r Role) Can(p Perm) bool { return slices.Contains(rolePerms[r], p) }

// Perms returns the role's permissions.
func (r Role) Perms() []Perm { return slices.Clone(rolePerms[r]) }

// covers reports whether r holds every permission of other, the rule for
// who may give a role to someone: nobody hands out more than they hold.
func (r Role) covers(other Role) bool {
	for _, p := range rolePerms[other] {
		if !r.Can(p) {
			return false
		}
	}
	return other.Valid()
}

// roleNames are the Vietnamese names shown in the back office.
var roleNames = map[Role]string{
	RoleAdmin:       "Điều phối quốc gia",
	RoleAgencyAdmin: "Quản trị đơn vị",
	RoleEditor:      "Biên tập viên",
	RoleReviewer:    "Người duyệt",
	RoleCaseHandler: "Cán bộ xử lý phản ánh",
	RoleAnalyst:     "Chuyên viên phân tích",
}

// Name returns the role's Vietnamese name, or the code for an unknown role.
func (r Role) Name() string {
	if n, ok := roleNames[r]; ok {
		return n
	}
	return string(r)
}

// Valid reports whether p is a known permission.
func (p Perm) Valid() bool { return slices.Contains(allPerms, p) }

// machinePerms are the permissions an API token may carry: things an
// agency's system does, never things a person decides (publishing,
// managing accounts).
var machinePerms = []Perm{PermMeasureIngest, PermRatingLinkCreate, PermCaseCreate}

// MachinePerms returns the permissions an API token may be given.
func MachinePerms() []Perm { return slices.Clone(machinePerms) }
