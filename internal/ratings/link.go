package ratings

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/units"
)

// Link is a one-time rating link: an agency's system asks for one after a
// dossier and sends it to the citizen, who may rate the service once.
type Link struct {
	ID          int64
	ServiceCode string
	// Agency is the agency the rating counts under: the one that handled
	// the dossier, within the requesting token's scope.
	Agency    string
	TokenID   int64
	CreatedAt time.Time
	ExpiresAt time.Time
	// UsedAt is zero until the link is used.
	UsedAt time.Time
}

// Used reports whether the link has been used to rate.
func (l *Link) Used() bool { return !l.UsedAt.IsZero() }

// Expired reports whether the link is past its expiry at now.
func (l *Link) Expired(now time.Time) bool { return !now.Before(l.ExpiresAt) }

// Lifetimes of a link.
const (
	// DefaultLinkTTL is how long a link stays usable when the request does
	// not say: long enough for a citizen who receives the result by post.
	DefaultLinkTTL = 30 * 24 * time.Hour
	// MaxLinkTTL bounds what a request may ask for.
	MaxLinkTTL = 180 * 24 * time.Hour
)

// NewLink asks for a rating link.
type NewLink struct {
	// Service is the service's slug or national code.
	Service string
	// Agency is the agency the rating counts under (required).
	Agency string
	// TokenID is the API token that asks; kept to trace misuse.
	TokenID int64
	// TTL is the link's lifetime; zero means DefaultLinkTTL.
	TTL time.Duration
}

// codeBytes is the randomness of a link code: 128 bits, beyond guessing.
const codeBytes = 16

// codeEncoding writes codes in lower-case base32 without padding (26
// characters): safe in URLs, SMS and case-folding mail clients.
var codeEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// codeLen is the length of an encoded code.
var codeLen = codeEncoding.EncodedLen(codeBytes)

// CreateLink creates a one-time link and returns its code, shown once:
// only its SHA-256 is stored. The caller checks that the agency is within
// the token's scope; CreateLink checks that the service and the agency
// exist.
func (s *Store) CreateLink(ctx context.Context, in NewLink) (string, *Link, error) {
	var errs []FieldError
	key := strings.TrimSpace(in.Service)
	var svc Service
	if key == "" || len(key) > maxServiceKey {
		errs = append(errs, FieldError{Field: "service", Message: "Vui lòng cho biết dịch vụ công (mã thủ tục hoặc slug)."})
	} else {
		var ok bool
		var err error
		if svc, ok, err = s.findService(ctx, key); err != nil {
			return "", nil, err
		} else if !ok {
			errs = append(errs, FieldError{Field: "service", Message: "Dịch vụ công này không có trong danh mục."})
		}
	}
	agency := strings.TrimSpace(in.Agency)
	if !units.ValidAgencyCode(agency) {
		errs = append(errs, FieldError{Field: "agency", Message: "Mã cơ quan không hợp lệ."})
	} else if s.lookup.Agency != nil {
		ok, err := s.lookup.Agency(ctx, agency)
		if err != nil {
			return "", nil, fmt.Errorf("ratings: create link: agency: %w", err)
		}
		if !ok {
			errs = append(errs, FieldError{Field: "agency", Message: "Không có cơ quan với mã này."})
		}
	}
	ttl := in.TTL
	if ttl == 0 {
		ttl = DefaultLinkTTL
	}
	if ttl < time.Hour || ttl > MaxLinkTTL {
		errs = append(errs, FieldError{Field: "ttl", Message: "Thời hạn của liên kết phải từ 1 giờ đến 180 ngày."})
	}
	if len(errs) > 0 {
		return "", nil, &InvalidError{Fields: errs}
	}
	now := s.now().Truncate(time.Microsecond)
	l := &Link{ServiceCode: svc.Code, Agency: agency, TokenID: in.TokenID, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	// A collision of 128 random bits does not happen; a second one in a
	// row means the random source is broken.
	for attempt := 0; attempt < 2; attempt++ {
		code, err := newCode(s.rand)
		if err != nil {
			return "", nil, err
		}
		// Through a transaction: the database's QueryRow reads from the
		// reader pool, which on SQLite cannot write.
		err = s.db.InTx(ctx, func(tx *db.Tx) error {
			return tx.QueryRow(ctx, `INSERT INTO rating_links (code_hash, service_code, agency, token_id, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code_hash) DO NOTHING RETURNING id`,
				hashCode(code), l.ServiceCode, l.Agency, l.TokenID, l.CreatedAt, l.ExpiresAt).Scan(&l.ID)
		})
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return "", nil, fmt.Errorf("ratings: create link: %w", err)
		}
		return code, l, nil
	}
	return "", nil, errors.New("ratings: create link: code collision twice; is the random source broken?")
}

func newCode(r io.Reader) (string, error) {
	var b [codeBytes]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", fmt.Errorf("ratings: link code: %w", err)
	}
	return strings.ToLower(codeEncoding.EncodeToString(b[:])), nil
}

func hashCode(code string) string {
	sum := sha256.Sum256([]byte(code))
	return hex.EncodeToString(sum[:])
}

// canonicalCode returns code in its stored form, or false when it cannot
// be a code (so it is not looked up).
func canonicalCode(code string) (string, bool) {
	code = strings.ToLower(strings.TrimSpace(code))
	if len(code) != codeLen {
		return "", false
	}
	if _, err := codeEncoding.DecodeString(strings.ToUpper(code)); err != nil {
		return "", false
	}
	return code, true
}

// LinkByCode returns the link with this code, used or not: ErrNotFound
// when there is none.
func (s *Store) LinkByCode(ctx context.Context, code string) (*Link, error) {
	code, ok := canonicalCode(code)
	if !ok {
		return nil, ErrNotFound
	}
	return s.linkWhere(ctx, "code_hash = ?", hashCode(code))
}

func (s *Store) linkWhere(ctx context.Context, where string, arg any) (*Link, error) {
	var l Link
	var used sql.NullTime
	err := s.db.QueryRow(ctx, `SELECT id, service_code, agency, token_id, created_at, expires_at, used_at
		FROM rating_links WHERE `+where, arg).Scan(&l.ID, &l.ServiceCode, &l.Agency, &l.TokenID, &l.CreatedAt, &l.ExpiresAt, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("ratings: read link: %w", err)
	}
	l.CreatedAt, l.ExpiresAt = l.CreatedAt.UTC(), l.ExpiresAt.UTC()
	if used.Valid {
		l.UsedAt = used.Time.UTC()
	}
	return &l, nil
}

// SubmitLink stores a rating given through the one-time link with this
// code: the service and agency are the link's, whatever in says. The link
// is used in the rating's transaction, so of two submissions only one is
// stored; the other gets ErrLinkUsed — or, with the same idempotency key
// and submission, the first one's receipt. An unknown code is ErrNotFound,
// an expired link ErrLinkExpired.
func (s *Store) SubmitLink(ctx context.Context, code string, in Submission, key string) (Outcome, error) {
	if err := checkKey(key); err != nil {
		return Outcome{}, err
	}
	l, err := s.LinkByCode(ctx, code)
	if err != nil {
		return Outcome{}, err
	}
	in.Service, in.Agency, in.Source = l.ServiceCode, l.Agency, SourceLink
	c, err := s.validate(ctx, in)
	if err != nil {
		return Outcome{}, err
	}
	if l.Used() || l.Expired(s.now()) {
		if key != "" {
			if out, ok, err := s.replay(ctx, key, requestHash(c, l)); err != nil || ok {
				return out, err
			}
		}
		return Outcome{}, s.linkGone(ctx, l.ID)
	}
	return s.store(ctx, c, l, key)
}

// linkGone says why the link can no longer rate: used, or expired.
func (s *Store) linkGone(ctx context.Context, id int64) error {
	l, err := s.linkWhere(ctx, "id = ?", id)
	if err != nil {
		return err
	}
	if l.Used() {
		return ErrLinkUsed
	}
	return ErrLinkExpired
}
