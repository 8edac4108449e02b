package surveys

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/files"
)

// The file types citizens may upload, as sniffed from the content (see
// package files, shared with reports' attachments).
const (
	TypePDF  = files.TypePDF
	TypeJPEG = files.TypeJPEG
	TypePNG  = files.TypePNG
)

// SniffFile returns the type of an upload from its first bytes, and false
// for anything but PDF, JPEG and PNG: the name and the browser's claimed
// type are never trusted. It is files.Sniff.
func SniffFile(data []byte) (string, bool) { return files.Sniff(data) }

// File is an uploaded file's description (its bytes are read apart).
type File struct {
	ID          int64
	Token       string
	SurveyID    int64
	QuestionID  string
	ResponseID  int64 // 0 until the response is submitted
	Name        string
	ContentType string
	Size        int
	CreatedAt   time.Time
}

// SaveFile checks an upload for a file question of the survey's live
// version and stores it unclaimed, returning the token the form carries
// until the response is submitted. A file too large or of a type not
// allowed gives an *InvalidError for the question, naming the limit.
func (s *Store) SaveFile(ctx context.Context, sv *Survey, q *Question, name string, data []byte) (*File, error) {
	if q.Type != TypeFile {
		return nil, fmt.Errorf("surveys: save file: question %s is not a file question", q.ID)
	}
	if err := CheckFileSize(q, int64(len(data))); err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, &InvalidError{Fields: []FieldError{{Field: q.ID, Message: "Tệp rỗng; vui lòng chọn lại tệp."}}}
	}
	ct, ok := SniffFile(data)
	if !ok {
		return nil, &InvalidError{Fields: []FieldError{{Field: q.ID, Message: "Chỉ nhận tệp PDF, JPEG hoặc PNG; nội dung tệp đã chọn không thuộc các loại này."}}}
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("surveys: file token: %w", err)
	}
	f := &File{Token: "f" + hex.EncodeToString(b[:]), SurveyID: sv.ID, QuestionID: q.ID, Name: cleanFileName(name, ct),
		ContentType: ct, Size: len(data), CreatedAt: s.now().Truncate(time.Microsecond)}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO survey_files (token, survey_id, question_id, name, content_type, size, data, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			f.Token, f.SurveyID, f.QuestionID, f.Name, f.ContentType, f.Size, data, f.CreatedAt).Scan(&f.ID)
	})
	if err != nil {
		return nil, fmt.Errorf("surveys: save file for %d/%s: %w", sv.ID, q.ID, err)
	}
	return f, nil
}

// CheckFileSize refuses a file larger than the question allows, with a
// message naming both sizes. The web layer calls it with the size the
// upload declares before reading the file.
func CheckFileSize(q *Question, size int64) error {
	limit := q.FileLimitKB() << 10
	if size > int64(limit) {
		return &InvalidError{Fields: []FieldError{{Field: q.ID, Message: fmt.Sprintf("Tệp nặng %s, vượt giới hạn %s. Vui lòng chọn tệp nhỏ hơn hoặc chụp lại với độ phân giải thấp hơn.", formatSize(int(min(size, 1<<40))), formatSize(limit))}}}
	}
	return nil
}

// cleanFileName keeps the base of the name a browser sent, printable and
// short, with an extension matching the sniffed type.
func cleanFileName(name, ct string) string { return files.CleanName(name, ct) }

// formatSize writes a size for people: "4,8 MB", "320 KB".
func formatSize(n int) string { return files.FormatSize(int64(n)) }

const fileCols = "id, token, survey_id, question_id, COALESCE(response_id, 0), name, content_type, size, created_at"

func scanFile(sc interface{ Scan(...any) error }) (*File, error) {
	var f File
	err := sc.Scan(&f.ID, &f.Token, &f.SurveyID, &f.QuestionID, &f.ResponseID, &f.Name, &f.ContentType, &f.Size, &f.CreatedAt)
	f.CreatedAt = f.CreatedAt.UTC()
	return &f, err
}

// FileByToken returns the file with the token, or ErrNotFound.
func (s *Store) FileByToken(ctx context.Context, token string) (*File, error) {
	f, err := scanFile(s.db.QueryRow(ctx, "SELECT "+fileCols+" FROM survey_files WHERE token = ?", token))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("surveys: file: %w", err)
	}
	return f, nil
}

// FileData returns a submitted file of the survey with its bytes;
// unclaimed files are not served (ErrNotFound).
func (s *Store) FileData(ctx context.Context, surveyID, fileID int64) (*File, []byte, error) {
	var data []byte
	row := s.db.QueryRow(ctx, "SELECT "+fileCols+", data FROM survey_files WHERE id = ? AND survey_id = ? AND response_id IS NOT NULL", fileID, surveyID)
	var f File
	err := row.Scan(&f.ID, &f.Token, &f.SurveyID, &f.QuestionID, &f.ResponseID, &f.Name, &f.ContentType, &f.Size, &f.CreatedAt, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, ErrNotFound
	}
	if err != nil {
		return nil, nil, fmt.Errorf("surveys: file %d: %w", fileID, err)
	}
	return &f, data, nil
}

// PruneFiles deletes files uploaded before cutoff that no response
// claimed: pages abandoned half-way.
func (s *Store) PruneFiles(ctx context.Context, cutoff time.Time) (int64, error) {
	res, err := s.db.Exec(ctx, "DELETE FROM survey_files WHERE response_id IS NULL AND created_at < ?", cutoff.UTC())
	if err != nil {
		return 0, fmt.Errorf("surveys: prune files: %w", err)
	}
	return res.RowsAffected()
}

// Lookup returns the checks Walk needs for one survey: units through the
// store's Places, uploads through the survey's unclaimed files.
func (s *Store) Lookup(ctx context.Context, surveyID int64) Lookup {
	return &storeLookup{s: s, ctx: ctx, survey: surveyID}
}

type storeLookup struct {
	s      *Store
	ctx    context.Context
	survey int64
}

func (l *storeLookup) Province(code string) bool {
	return l.s.places != nil && l.s.places.Province(code)
}

func (l *storeLookup) Commune(p, c string) bool {
	return l.s.places != nil && l.s.places.Commune(p, c)
}

func (l *storeLookup) File(question, token string) bool {
	var n int
	err := l.s.db.QueryRow(l.ctx, `SELECT COUNT(*) FROM survey_files
		WHERE token = ? AND survey_id = ? AND question_id = ? AND response_id IS NULL`, token, l.survey, question).Scan(&n)
	return err == nil && n == 1
}

// claimFiles attaches the response's uploads to it in tx; a file claimed
// by a concurrent response gives an *InvalidError for its question.
func claimFiles(ctx context.Context, tx *db.Tx, def *Definition, surveyID, responseID int64, answers Answers) error {
	for _, q := range def.Questions() {
		if q.Type != TypeFile || len(answers[q.ID]) == 0 {
			continue
		}
		res, err := tx.Exec(ctx, `UPDATE survey_files SET response_id = ?
			WHERE token = ? AND survey_id = ? AND question_id = ? AND response_id IS NULL`,
			responseID, answers[q.ID][0], surveyID, q.ID)
		if err != nil {
			return fmt.Errorf("surveys: claim file for %s: %w", q.ID, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return &InvalidError{Fields: []FieldError{{Field: q.ID, Message: "Tệp đính kèm không còn trên máy chủ; vui lòng chọn lại tệp."}}}
		}
	}
	return nil
}
