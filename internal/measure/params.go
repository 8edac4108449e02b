package measure

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
)

// Params are the parameters of the time-saved indicators, one version.
// Versions are never edited: a change adds a version that applies from
// its ValidFrom day on, so figures already published for earlier periods
// do not move.
type Params struct {
	ID int64
	// ValidFrom is the first day the version applies to, "YYYY-MM-01":
	// always the first of a month. An aggregate for a longer period uses
	// the version in force on its first day.
	ValidFrom string
	// MinutesPerDossier is the work an online dossier saves (120: 2 hours,
	// Thông tư 02/2017/TT-VPCP). Minutes keep the arithmetic in integers.
	MinutesPerDossier int64
	// VNDPerHour values an hour saved, in đồng (35,000).
	VNDPerHour int64
	Note       string
	CreatedBy  string
	CreatedAt  time.Time
}

// Hours is MinutesPerDossier in hours.
func (p Params) Hours() float64 { return float64(p.MinutesPerDossier) / 60 }

// Errors of AddParams, with messages for people.
var (
	ErrBadParamDate  = errors.New("Ngày áp dụng phải là ngày đầu tháng (YYYY-MM-01), từ năm 2000.")
	ErrBadParamHours = errors.New("Số giờ tiết kiệm cho mỗi hồ sơ phải lớn hơn 0 và không quá 100 giờ.")
	ErrBadParamValue = errors.New("Giá trị một giờ phải lớn hơn 0 và không quá 10.000.000 đồng.")
	ErrBadParamNote  = errors.New("Ghi chú (căn cứ thay đổi) không được để trống và tối đa 500 ký tự.")
)

// ParamVersions returns every version, oldest first.
func (s *Store) ParamVersions(ctx context.Context) ([]Params, error) {
	rows, err := s.db.Query(ctx, `SELECT id, valid_from, minutes_per_dossier, vnd_per_hour, note, created_by, created_at
		FROM measure_params ORDER BY valid_from, id`)
	if err != nil {
		return nil, fmt.Errorf("measure: params: %w", err)
	}
	defer rows.Close()
	var out []Params
	for rows.Next() {
		var p Params
		if err := rows.Scan(&p.ID, &p.ValidFrom, &p.MinutesPerDossier, &p.VNDPerHour, &p.Note, &p.CreatedBy, &p.CreatedAt); err != nil {
			return nil, fmt.Errorf("measure: params: %w", err)
		}
		p.CreatedAt = p.CreatedAt.UTC()
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("measure: params: %w", err)
	}
	return out, nil
}

// AddParams adds a version on behalf of by (the national coordinator: the
// caller checks), recorded in the audit log in the same transaction.
func (s *Store) AddParams(ctx context.Context, by audit.Actor, p Params) (*Params, error) {
	p.Note = norm.NFC.String(strings.TrimSpace(p.Note))
	// A version starts on the first of a month so that daily and monthly
	// rollups always agree on which version applies.
	if t, err := time.Parse(time.DateOnly, p.ValidFrom); err != nil || t.Day() != 1 || t.Year() < 2000 || t.Year() > 2100 {
		return nil, ErrBadParamDate
	}
	if p.MinutesPerDossier <= 0 || p.MinutesPerDossier > 100*60 {
		return nil, ErrBadParamHours
	}
	if p.VNDPerHour <= 0 || p.VNDPerHour > 10_000_000 {
		return nil, ErrBadParamValue
	}
	if p.Note == "" || len([]rune(p.Note)) > 500 {
		return nil, ErrBadParamNote
	}
	p.CreatedBy = by.Name
	p.CreatedAt = s.clock().UTC().Truncate(time.Microsecond)
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var before []Params
		rows, err := tx.Query(ctx, "SELECT valid_from, minutes_per_dossier, vnd_per_hour FROM measure_params WHERE valid_from <= ? ORDER BY valid_from DESC, id DESC LIMIT 1", p.ValidFrom)
		if err != nil {
			return err
		}
		for rows.Next() {
			var b Params
			if err := rows.Scan(&b.ValidFrom, &b.MinutesPerDossier, &b.VNDPerHour); err != nil {
				rows.Close()
				return err
			}
			before = append(before, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `INSERT INTO measure_params (valid_from, minutes_per_dossier, vnd_per_hour, note, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, p.ValidFrom, p.MinutesPerDossier, p.VNDPerHour, p.Note, p.CreatedBy, p.CreatedAt).Scan(&p.ID); err != nil {
			return err
		}
		snap := func(q Params) map[string]any {
			return map[string]any{"valid_from": q.ValidFrom, "minutes_per_dossier": q.MinutesPerDossier, "vnd_per_hour": q.VNDPerHour}
		}
		var b []byte
		if len(before) > 0 {
			if b, err = audit.Snapshot(snap(before[0])); err != nil {
				return err
			}
		}
		a, err := audit.Snapshot(snap(p))
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Actor: by, Action: "measure.params", ObjectType: "measure_params",
			ObjectID: fmt.Sprint(p.ID), Agency: National, Before: b, After: a, Note: p.Note})
	})
	if err != nil {
		return nil, fmt.Errorf("measure: add params: %w", err)
	}
	return &p, nil
}

// paramSet answers "which version applies on this day?".
type paramSet []Params

// at returns the version in force on day ("YYYY-MM-DD"): the latest
// ValidFrom not after it, the latest added among equals.
func (ps paramSet) at(day string) (Params, bool) {
	i := sort.Search(len(ps), func(i int) bool { return ps[i].ValidFrom > day })
	if i == 0 {
		return Params{}, false
	}
	return ps[i-1], true
}
