package cases

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/vn"
)

// SimilarQuery describes a report being written, to find open reports
// about the same problem before a duplicate is filed.
type SimilarQuery struct {
	Category     Category
	ServiceSlug  string
	ProvinceCode string
	Text         string
}

// SimilarCase is an open report like the one being written, as the public
// may see it.
type SimilarCase struct {
	Code       string
	StateLabel string
	// Summary is the start of the description, redacted.
	Summary string
	// Score is the overlap of the two texts' words, 0 to 1.
	Score float64
}

// Limits of the similarity search: how many candidates are compared, the
// overlap that counts as similar, and how many are suggested.
const (
	similarCandidates = 300
	similarThreshold  = 0.25
	similarMax        = 3
	summaryLen        = 160
)

// foldedWords returns the distinct folded words of s of two characters or
// more, so that "Đăng ký" and "dang ky" compare equal.
func foldedWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, t := range vn.Tokens(s) {
		if f := vn.Fold(t); utf8.RuneCountInString(f) >= 2 && !stopWords[f] {
			out[f] = true
		}
	}
	return out
}

// stopWords are frequent words that say nothing about the problem.
var stopWords = map[string]bool{
	"toi": true, "la": true, "va": true, "cua": true, "co": true, "khong": true, "duoc": true,
	"da": true, "cho": true, "voi": true, "nay": true, "khi": true, "thi": true, "ma": true,
	"nhung": true, "cac": true, "mot": true, "de": true, "tai": true, "ve": true, "den": true,
	"xin": true, "em": true, "anh": true, "chi": true, "minh": true, "o": true, "rat": true,
}

// jaccard is the overlap of two word sets.
func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// Similar returns up to three open reports on the same service (or, with
// no service, the same category in the same province) whose words overlap
// the text's, best first. Their summaries are redacted: the citizen
// writing sees other people's reports.
func (s *Store) Similar(ctx context.Context, q SimilarQuery) ([]SimilarCase, error) {
	words := foldedWords(q.Text)
	if len(words) < 3 {
		return nil, nil
	}
	where := " WHERE state NOT IN (?, ?, ?)"
	args := []any{StateClosed, StateDuplicate, StateNotOurResponsibility}
	switch {
	case q.ServiceSlug != "":
		where += " AND service_slug = ?"
		args = append(args, q.ServiceSlug)
	case q.ProvinceCode != "" && q.Category.Valid():
		where += " AND province_code = ? AND category = ?"
		args = append(args, q.ProvinceCode, q.Category)
	default:
		return nil, nil
	}
	rows, err := s.db.Query(ctx, selectCase+where+" ORDER BY id DESC LIMIT ?", append(args, similarCandidates)...)
	if err != nil {
		return nil, fmt.Errorf("cases: similar: %w", err)
	}
	defer rows.Close()
	var out []SimilarCase
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("cases: similar: %w", err)
		}
		score := jaccard(words, foldedWords(c.Description))
		if score < similarThreshold {
			continue
		}
		out = append(out, SimilarCase{Code: c.Code, StateLabel: c.State.Label(),
			Summary: summarize(Redact(c.Description, c.Contact)), Score: score})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cases: similar: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > similarMax {
		out = out[:similarMax]
	}
	return out, nil
}

// summarize cuts text to its first line's first summaryLen characters.
func summarize(text string) string {
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	r := []rune(text)
	if len(r) > summaryLen {
		return strings.TrimSpace(string(r[:summaryLen])) + "…"
	}
	return text
}
