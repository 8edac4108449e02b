// Package staff holds the back office's people and machines: staff
// accounts, roles and permissions, agency scopes, login (password,
// throttling, TOTP), sessions and API tokens. It knows nothing of HTTP; the
// web layer turns its results into cookies, pages and status codes.
//
// # Setting up
//
//	s := staff.NewStore(d,
//		staff.WithParents(units.ParentAgency),   // scope: a province covers its communes
//		staff.WithKnownAgency(units.AgencyExists)) // optional: refuse unknown agency codes
//
// A Store keeps no state that matters, so every replica may have its own.
// Tests add staff.WithHashParams(staff.TestHashParams) for speed and
// staff.WithClock(...) to move time.
//
// # Roles, permissions, scopes
//
// Routes declare a Perm (PermGuideEdit, PermUserManage, …); roles carry
// fixed sets of them (see rolePerms in role.go for the table; Role.Can,
// Role.Perms). Every account belongs to an agency code: a ministry ("BCA"),
// a province committee ("UBND-01"), a commune committee ("UBND-00004") or
// the nation ("VN"). InScope(scope, target, parent) says whether an agency
// covers another: itself, everything below it, and for "VN" everything;
// role admin covers everything whatever its agency. The single check for a
// route is
//
//	s.Allowed(user, staff.PermGuideEdit, guideAgency) // role has perm, agency in scope, not disabled
//	s.TokenAllows(token, staff.PermMeasureIngest, agency)
//
// Methods that change accounts or tokens take the acting user (by) and check
// permission and scope themselves, returning ErrForbidden. Nobody hands out
// more than they hold: creating or editing an account needs every
// permission of its role, and a token's permissions must be held by its
// creator and be machine permissions (MachinePerms). System() is the actor
// for the command line and seeding, never for the web.
//
// # Accounts
//
//	CreateUser(ctx, by, NewUser{...}) (*User, password, error) // password generated when empty
//	GetUser, UserByUsername, ListUsers(ctx, by)             // ListUsers: by's scope, Vietnamese order
//	UpdateUser(ctx, by, id, version, Profile{...})          // stale version → ErrConflict
//	ChangePassword(ctx, userID, old, new)                   // ends all the user's sessions
//	ResetPassword(ctx, by, userID) (password, error)        // sets MustChangePassword, lifts lock-out
//	EnableTOTP(ctx, by, userID, secret, code) / DisableTOTP(ctx, by, userID)
//	NewTOTPSecret(), ProvisioningURI(username, secret), GeneratePassword()
//	DemoAccounts(), SeedDemo(ctx)                           // one demo account per role
//
// Usernames are stored trimmed, NFC and lower case (NormalizeUsername).
// Passwords are NFC-normalised, at least MinPasswordLen characters, hashed
// with argon2id (HashParams). Accounts are disabled, never deleted.
// Input errors are *InvalidError with a Vietnamese Message to show.
//
// # Login and sessions
//
//	u, err := s.Authenticate(ctx, username, password, totpCode)
//	// ErrBadCredentials (unknown user or wrong password, indistinguishable),
//	// *LockedError{Until} (MaxFailedLogins failures → LockDuration), ErrDisabled,
//	// ErrTOTPRequired (ask for the code, call again), ErrBadTOTP
//	token, err := s.NewSession(ctx, u.ID) // always a fresh token: no session fixation
//	u, err = s.SessionUser(ctx, token)    // ErrNoSession when unknown, expired or ended
//	s.EndSession(ctx, token); s.EndAllSessions(ctx, userID); s.PurgeSessions(ctx)
//
// The lock-out counter and sessions live in the database, so they hold
// across restarts and replicas. Sessions expire after SessionIdle without
// use and SessionMaxAge after login. Only SHA-256 hashes of session and API
// tokens are stored. u.MustChangePassword asks the web layer to send the
// user to the password page first.
//
// # API tokens
//
//	plain, tok, err := s.CreateToken(ctx, by, agency, name, perms) // plain shown once: "loa_…"
//	tok, err := s.AuthenticateToken(ctx, plain)                   // ErrBadToken, ErrTokenRevoked
//	s.TokenAllows(tok, perm, agency)
//	s.RevokeToken(ctx, by, id); s.ListTokens(ctx, by, agency); s.GetToken(ctx, id)
//
// # Audit
//
// Every change to an account or token is recorded with package audit in
// the same transaction, with before/after snapshots that never hold a
// password hash, TOTP secret or token. Actions: user.create, user.update,
// user.password_change, user.password_reset, user.totp_enable,
// user.totp_disable, user.login, user.lock, token.create, token.revoke;
// object types AuditUser ("staff_user") and AuditToken ("api_token").
package staff
