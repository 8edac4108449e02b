package cases

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/files"
)

// Limits on a report's attachments. A screenshot or a photographed paper
// fits in 5 MB; three cover the usual "the error, the receipt, the form".
const (
	MaxAttachments    = 3
	MaxAttachmentSize = 5 << 20
)

// Upload is a file as a citizen sent it: the name their device gave it
// (only shown, never trusted) and its bytes.
type Upload struct {
	Name string
	Data []byte
}

// Attachment describes a stored file; its bytes are read apart
// (AttachmentData). Attachments may hold personal data: only the back
// office shows them.
type Attachment struct {
	ID int64
	// Token is the random handle a web form carries between posts until
	// its case claims the file.
	Token string
	// CaseID is 0 while the file waits for its case.
	CaseID int64
	// Name is cleaned (files.CleanName) and ends with the sniffed type's
	// extension.
	Name        string
	ContentType string
	Size        int
	CreatedAt   time.Time
}

// attachmentsField is the field name of attachment problems in an
// *InvalidError, as the form and the API call it.
const attachmentsField = "attachments"

// nth names the n-th file (1-based) in messages: a file's name may itself
// be personal data ("CCCD Nguyễn Văn An.jpg"), its position is not.
func nth(n int) string { return "Tệp thứ " + strconv.Itoa(n) }

// CheckAttachmentSize refuses the n-th file (1-based) when size is over
// MaxAttachmentSize, with a message naming both sizes. The web layer calls
// it with the size an upload declares, before reading it.
func CheckAttachmentSize(n int, size int64) error {
	if size > MaxAttachmentSize {
		return &InvalidError{Fields: []FieldError{{Field: attachmentsField, Message: fmt.Sprintf(
			"%s nặng %s, vượt giới hạn %s mỗi tệp. Vui lòng chọn tệp nhỏ hơn hoặc chụp lại với độ phân giải thấp hơn.",
			nth(n), files.FormatSize(min(size, 1<<40)), files.FormatSize(MaxAttachmentSize))}}}
	}
	return nil
}

// CheckAttachment checks the n-th file (1-based) of a report: not empty,
// at most MaxAttachmentSize, and a PDF, JPEG or PNG by its content. It
// returns the sniffed type, or an *InvalidError for the field
// "attachments".
func CheckAttachment(n int, data []byte) (string, error) {
	if err := CheckAttachmentSize(n, int64(len(data))); err != nil {
		return "", err
	}
	if len(data) == 0 {
		return "", &InvalidError{Fields: []FieldError{{Field: attachmentsField, Message: nth(n) + " rỗng; vui lòng chọn lại tệp."}}}
	}
	ct, ok := files.Sniff(data)
	if !ok {
		return "", &InvalidError{Fields: []FieldError{{Field: attachmentsField, Message: nth(n) +
			" không phải PDF, JPEG hoặc PNG. Chỉ nhận ảnh chụp (JPEG, PNG) hoặc tệp PDF; hãy chụp màn hình hoặc lưu tài liệu dưới dạng PDF rồi gửi lại."}}}
	}
	return ct, nil
}

// CheckAttachmentCount refuses more than MaxAttachments files.
func CheckAttachmentCount(n int) error {
	if n > MaxAttachments {
		return &InvalidError{Fields: []FieldError{{Field: attachmentsField, Message: fmt.Sprintf(
			"Chỉ được đính kèm tối đa %d tệp; bạn đã chọn %d tệp. Vui lòng bỏ bớt.", MaxAttachments, n)}}}
	}
	return nil
}

// newToken draws an attachment's handle from crypto/rand, never from the
// store's random source (tests make that one predictable): a token lets
// whoever holds it claim the file.
func newToken() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("cases: attachment token: %w", err)
	}
	return "t" + hex.EncodeToString(b[:]), nil
}

// insertAttachment checks up (the n-th file) and stores it through q,
// attached to caseID or, with caseID 0, waiting for its case.
func (s *Store) insertAttachment(ctx context.Context, q db.Querier, caseID int64, n int, up Upload) (*Attachment, error) {
	ct, err := CheckAttachment(n, up.Data)
	if err != nil {
		return nil, err
	}
	token, err := newToken()
	if err != nil {
		return nil, err
	}
	a := &Attachment{Token: token, CaseID: caseID, Name: files.CleanName(up.Name, ct), ContentType: ct,
		Size: len(up.Data), CreatedAt: s.now().Truncate(time.Microsecond)}
	var owner any
	if caseID != 0 {
		owner = caseID
	}
	if err := q.QueryRow(ctx, `INSERT INTO case_attachments (token, case_id, name, content_type, size, data, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.Token, owner, a.Name, a.ContentType, a.Size, up.Data, a.CreatedAt).Scan(&a.ID); err != nil {
		return nil, fmt.Errorf("cases: store attachment: %w", err)
	}
	return a, nil
}

// SaveUpload stores the n-th file (1-based) of a report form that is not
// filed yet, and returns it with the token the form carries until Submit
// claims it (Intake.Tokens). A bad file gives an *InvalidError for the
// field "attachments" and stores nothing.
func (s *Store) SaveUpload(ctx context.Context, n int, up Upload) (*Attachment, error) {
	if _, err := CheckAttachment(n, up.Data); err != nil {
		return nil, err
	}
	var a *Attachment
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		a, err = s.insertAttachment(ctx, tx, 0, n, up)
		return err
	})
	return a, err
}

// claimUploads attaches the waiting files with the tokens to caseID in
// tx. A token unknown, already claimed or pruned gives an *InvalidError:
// the citizen chooses the file again.
func claimUploads(ctx context.Context, tx *db.Tx, caseID int64, tokens []string) error {
	for _, t := range tokens {
		res, err := tx.Exec(ctx, "UPDATE case_attachments SET case_id = ? WHERE token = ? AND case_id IS NULL", caseID, t)
		if err != nil {
			return fmt.Errorf("cases: claim attachment: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("cases: claim attachment: %w", err)
		} else if n != 1 {
			return &InvalidError{Fields: []FieldError{{Field: attachmentsField, Message: "Tệp đính kèm không còn trên máy chủ; vui lòng chọn lại tệp."}}}
		}
	}
	return nil
}

const attachmentCols = "id, token, COALESCE(case_id, 0), name, content_type, size, created_at"

func scanAttachment(sc scanner, extra ...any) (*Attachment, error) {
	var a Attachment
	dest := append([]any{&a.ID, &a.Token, &a.CaseID, &a.Name, &a.ContentType, &a.Size, &a.CreatedAt}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	a.CreatedAt = a.CreatedAt.UTC()
	return &a, nil
}

// listAttachments runs a query of attachmentCols.
func (s *Store) listAttachments(ctx context.Context, op, query string, args ...any) ([]Attachment, error) {
	rows, err := s.db.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("cases: %s: %w", op, err)
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		a, err := scanAttachment(rows)
		if err != nil {
			return nil, fmt.Errorf("cases: %s: %w", op, err)
		}
		out = append(out, *a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cases: %s: %w", op, err)
	}
	return out, nil
}

// Attachments returns the files of the case, in the order they came.
func (s *Store) Attachments(ctx context.Context, caseID int64) ([]Attachment, error) {
	return s.listAttachments(ctx, "attachments of case "+strconv.FormatInt(caseID, 10),
		"SELECT "+attachmentCols+" FROM case_attachments WHERE case_id = ? ORDER BY id", caseID)
}

// PendingUploads returns the files with the tokens that still wait for
// their case, in the order of tokens; unknown or claimed tokens are left
// out. The form shows them when it comes back for corrections.
func (s *Store) PendingUploads(ctx context.Context, tokens []string) ([]Attachment, error) {
	if len(tokens) == 0 {
		return nil, nil
	}
	args := make([]any, len(tokens))
	for i, t := range tokens {
		args[i] = t
	}
	found, err := s.listAttachments(ctx, "pending uploads",
		"SELECT "+attachmentCols+" FROM case_attachments WHERE case_id IS NULL AND token IN ("+marks(len(tokens))+")", args...)
	if err != nil {
		return nil, err
	}
	var out []Attachment
	for _, t := range tokens {
		for _, a := range found {
			if a.Token == t {
				out = append(out, a)
			}
		}
	}
	return out, nil
}

// AttachmentData returns a file of the case with its bytes, or
// ErrNotFound (also for a file of another case: the back office's scope
// check is on the case).
func (s *Store) AttachmentData(ctx context.Context, caseID, id int64) (*Attachment, []byte, error) {
	var data []byte
	a, err := scanAttachment(s.db.QueryRow(ctx, "SELECT "+attachmentCols+", data FROM case_attachments WHERE id = ? AND case_id = ?",
		id, caseID), &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, fmt.Errorf("cases: attachment %d of case %d: %w", id, caseID, ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("cases: attachment %d of case %d: %w", id, caseID, err)
	}
	return a, data, nil
}

// UploadKeep is how long a form's file waits for its case: a person
// correcting a form takes minutes, not a day.
const UploadKeep = 24 * time.Hour

// PruneUploads deletes the files uploaded before cutoff that no case
// claimed: forms abandoned half-way.
func (s *Store) PruneUploads(ctx context.Context, cutoff time.Time) (int64, error) {
	res, err := s.db.Exec(ctx, "DELETE FROM case_attachments WHERE case_id IS NULL AND created_at < ?", cutoff.UTC())
	if err != nil {
		return 0, fmt.Errorf("cases: prune uploads: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("cases: prune uploads: %w", err)
	}
	return n, nil
}
