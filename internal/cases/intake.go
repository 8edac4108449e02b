package cases

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/idempotency"
)

// The idempotency scopes of citizens' reports (package idempotency): keys
// are unique within each.
const (
	// ScopeAPI holds the Idempotency-Key headers of POST /api/v1/reports.
	// A key sent again with another report is refused (ErrKeyReused).
	ScopeAPI = "report-api"
	// ScopeForm holds the random tokens of the site's form. A token sent
	// again finds the report its first post filed, whatever the form says
	// now: a double tap or a reload after a lost answer must not file a
	// second report, and a form is never meant to file two.
	ScopeForm = "report-form"
)

// ErrKeyReused is returned when an API idempotency key comes back with a
// different report; the web layer answers 422.
var ErrKeyReused = errors.New("cases: idempotency key reused for a different report")

// Intake is a citizen's report as it arrives over the API or the form:
// the case, the key that makes sending it again safe, and its files.
type Intake struct {
	Case NewCase
	// Scope is ScopeAPI or ScopeForm; Key the client's idempotency key
	// within it ("" for none: every call then opens a case).
	Scope, Key string
	// Files are attachments sent with the report (the API), checked and
	// stored with the case.
	Files []Upload
	// Tokens name files stored earlier by SaveUpload (the form); the case
	// claims them in its transaction.
	Tokens []string
	// Answer renders the answer the client gets from the public view of
	// the case just opened, inside its transaction, so that it is stored
	// with the key and a repeat gets it again unchanged. Nil answers "".
	Answer func(*PublicView) (string, error)
}

// Receipt is the answer to an intake.
type Receipt struct {
	// Code is the case's tracking code.
	Code string
	// Answer is what Intake.Answer rendered, for this intake or, when
	// Replayed, for the first one with the key.
	Answer string
	// Replayed is true when the key was used before: nothing was stored
	// now.
	Replayed bool
}

// storedReceipt is what the idempotency table keeps of a report's answer.
type storedReceipt struct {
	Code   string `json:"code"`
	Answer string `json:"answer"`
}

// Submit files a citizen's report with its attachments: it validates the
// case (Validate) and the files, opens the case (as Open does), stores the
// files or claims the form's, and saves the idempotency key with the
// answer, all in one transaction. With a key already used it returns the
// first answer, Replayed, and stores nothing; with an API key used for
// another report, ErrKeyReused. Input a person must correct gives an
// *InvalidError (field "attachments" for the files) and stores nothing.
func (s *Store) Submit(ctx context.Context, in Intake) (Receipt, error) {
	if in.Key != "" {
		if in.Scope != ScopeAPI && in.Scope != ScopeForm {
			return Receipt{}, fmt.Errorf("cases: submit: idempotency scope %q", in.Scope)
		}
		if !idempotency.ValidKey(in.Key) {
			return Receipt{}, &InvalidError{Fields: []FieldError{{Field: "idempotency_key", Message: "Khóa Idempotency-Key phải gồm 1 đến 255 ký tự ASCII nhìn thấy được."}}}
		}
	}
	if err := CheckAttachmentCount(len(in.Files) + len(in.Tokens)); err != nil {
		return Receipt{}, err
	}
	// Validate before taking the writer, so that lookups and bad input
	// never hold the write lock; a bad case and a bad file are reported
	// together.
	clean, err := s.Validate(ctx, in.Case)
	var inv *InvalidError
	if err != nil && !errors.As(err, &inv) {
		return Receipt{}, err
	}
	for i, f := range in.Files {
		if _, ferr := CheckAttachment(i+1, f.Data); ferr != nil {
			var finv *InvalidError
			errors.As(ferr, &finv)
			if inv == nil {
				inv = &InvalidError{}
			}
			inv.Fields = append(inv.Fields, finv.Fields...)
			break
		}
	}
	if inv != nil {
		return Receipt{}, inv
	}
	write := func(tx *db.Tx) (string, error) {
		c, err := s.insert(ctx, tx, clean)
		if err != nil {
			return "", err
		}
		for i, f := range in.Files {
			if _, err := s.insertAttachment(ctx, tx, c.ID, i+1, f); err != nil {
				return "", err
			}
		}
		if err := claimUploads(ctx, tx, c.ID, in.Tokens); err != nil {
			return "", err
		}
		rec := storedReceipt{Code: c.Code}
		if in.Answer != nil {
			v, err := s.publicView(ctx, tx, c)
			if err != nil {
				return "", fmt.Errorf("cases: submit %s: %w", c.Code, err)
			}
			if rec.Answer, err = in.Answer(v); err != nil {
				return "", fmt.Errorf("cases: submit %s: answer: %w", c.Code, err)
			}
		}
		b, err := json.Marshal(rec)
		return string(b), err
	}
	var body string
	replayed := false
	if in.Key == "" {
		err = s.db.InTx(ctx, func(tx *db.Tx) error {
			var err error
			body, err = write(tx)
			return err
		})
	} else {
		body, replayed, err = idempotency.Once(ctx, s.db, in.Scope, in.Key, intakeHash(in, clean),
			s.now().Truncate(time.Microsecond), write)
	}
	if errors.Is(err, idempotency.ErrReused) {
		return Receipt{}, ErrKeyReused
	}
	if err != nil {
		return Receipt{}, err
	}
	return decodeReceipt(body, replayed)
}

// ReplayForm returns the receipt of the report a form token filed, and
// false when it filed none. The form checks it before storing a post's
// files again.
func (s *Store) ReplayForm(ctx context.Context, token string) (Receipt, bool, error) {
	if !idempotency.ValidKey(token) {
		return Receipt{}, false, nil
	}
	body, ok, err := idempotency.Replay(ctx, s.db, ScopeForm, token, formHash)
	if err != nil || !ok {
		return Receipt{}, false, err
	}
	rec, err := decodeReceipt(body, true)
	return rec, err == nil, err
}

func decodeReceipt(body string, replayed bool) (Receipt, error) {
	var rec storedReceipt
	if err := json.Unmarshal([]byte(body), &rec); err != nil {
		return Receipt{}, fmt.Errorf("cases: submit: stored answer: %w", err)
	}
	return Receipt{Code: rec.Code, Answer: rec.Answer, Replayed: replayed}, nil
}

// formHash is the request hash of every form post: the token alone
// identifies the form (see ScopeForm).
var formHash = idempotency.Hash("report-form-v1")

// intakeHash fingerprints a cleaned report and its files, so that an API
// key reused for another report is told apart from a retry. The parts and
// their order must not change while keys are kept.
func intakeHash(in Intake, c NewCase) string {
	if in.Scope == ScopeForm {
		return formHash
	}
	parts := []string{"report-api-v1", string(c.Source), c.Channel, string(c.Category), c.ServiceSlug,
		c.ProvinceCode, c.CommuneCode, c.Description, c.Contact.Name, c.Contact.Phone, c.Contact.Email,
		c.ConversationID, c.Agency, c.By}
	for _, f := range in.Files {
		sum := sha256.Sum256(f.Data)
		parts = append(parts, f.Name, hex.EncodeToString(sum[:]))
	}
	return idempotency.Hash(parts...)
}
