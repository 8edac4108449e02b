package staff

import (
	"errors"
	"fmt"
	"time"
)

// Errors returned by the store. The web layer maps them to pages and JSON
// errors; the messages here are for logs, not for people, except those of
// *InvalidError, which are Vietnamese and meant to be shown.
var (
	// ErrNotFound: no such account or token.
	ErrNotFound = errors.New("staff: not found")
	// ErrConflict: the account changed since it was read (stale version).
	ErrConflict = errors.New("staff: conflict: the account was changed by someone else")
	// ErrForbidden: the actor lacks the permission or the agency scope.
	ErrForbidden = errors.New("staff: forbidden")
	// ErrBadCredentials: unknown username or wrong password. The two are
	// deliberately indistinguishable.
	ErrBadCredentials = errors.New("staff: bad username or password")
	// ErrTOTPRequired: the password was right and the account has a second
	// factor; ask for the code and try again with it.
	ErrTOTPRequired = errors.New("staff: one-time code required")
	// ErrBadTOTP: the one-time code was wrong, expired or already used.
	ErrBadTOTP = errors.New("staff: bad one-time code")
	// ErrDisabled: the password was right but the account is disabled.
	ErrDisabled = errors.New("staff: account disabled")
	// ErrNoSession: the session token is unknown, expired or ended.
	ErrNoSession = errors.New("staff: no session")
	// ErrBadToken: the API token is unknown or malformed.
	ErrBadToken = errors.New("staff: bad API token")
	// ErrTokenRevoked: the API token was revoked.
	ErrTokenRevoked = errors.New("staff: API token revoked")
)

// LockedError says the account is locked after too many failed logins,
// until Until. It is returned without checking the password.
type LockedError struct {
	Until time.Time
}

func (e *LockedError) Error() string {
	return "staff: account locked until " + e.Until.UTC().Format(time.RFC3339)
}

// Message is the Vietnamese text to show, with the time in Vietnam.
func (e *LockedError) Message() string {
	return fmt.Sprintf("Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau %s.",
		e.Until.In(vietnam).Format("15:04"))
}

// vietnam is Asia/Ho_Chi_Minh, which has no daylight saving.
var vietnam = time.FixedZone("ICT", 7*60*60)

// InvalidError reports input a person must correct. Message is Vietnamese
// and ready to show next to Field.
type InvalidError struct {
	Field   string
	Message string
}

func (e *InvalidError) Error() string { return "staff: invalid " + e.Field + ": " + e.Message }

// Input errors worth testing for by identity.
var (
	ErrPasswordTooShort = &InvalidError{"password", fmt.Sprintf("Mật khẩu phải có ít nhất %d ký tự.", MinPasswordLen)}
	ErrPasswordTooLong  = &InvalidError{"password", fmt.Sprintf("Mật khẩu không được dài quá %d ký tự.", MaxPasswordLen)}
	ErrPasswordReused   = &InvalidError{"password", "Mật khẩu mới phải khác mật khẩu cũ."}
	ErrUsernameTaken    = &InvalidError{"username", "Tên đăng nhập này đã có người dùng."}
	ErrBadUsername      = &InvalidError{"username", "Tên đăng nhập dài 3–64 ký tự, chỉ gồm chữ, số và các dấu . _ - @."}
	ErrBadRole          = &InvalidError{"role", "Vai trò không hợp lệ."}
	ErrBadAgency        = &InvalidError{"agency", "Mã đơn vị không hợp lệ."}
	ErrBadDisplayName   = &InvalidError{"display_name", "Vui lòng nhập họ tên (tối đa 200 ký tự)."}
	ErrSelfChange       = &InvalidError{"role", "Bạn không thể tự đổi vai trò, đơn vị hoặc khóa tài khoản của chính mình."}
	ErrBadTokenName     = &InvalidError{"name", "Vui lòng đặt tên cho mã truy cập (tối đa 200 ký tự)."}
	ErrBadTokenPerms    = &InvalidError{"perms", "Quyền của mã truy cập không hợp lệ hoặc vượt quá quyền của bạn."}
	ErrBadTOTPSecret    = &InvalidError{"totp", "Khoá xác thực hai lớp không hợp lệ."}
)

// sentinels are the errors returned as they are, unwrapped, so callers can
// compare and show them; anything else gets the operation's name.
var sentinels = []error{ErrNotFound, ErrConflict, ErrForbidden, ErrBadCredentials, ErrTOTPRequired,
	ErrBadTOTP, ErrDisabled, ErrNoSession, ErrBadToken, ErrTokenRevoked}

// isStaffError reports whether err is one of this package's own errors.
func isStaffError(err error) bool {
	var inv *InvalidError
	var locked *LockedError
	if errors.As(err, &inv) || errors.As(err, &locked) {
		return true
	}
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}
