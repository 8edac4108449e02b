package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// All returns every service with its published guide, FAQs and local notes. The
// catalogue is small (thousands of records at most), so the site keeps it
// in memory and reloads it when the version changes.
func (s *Store) All(ctx context.Context) ([]Service, error) {
	rows, err := s.db.Query(ctx, "SELECT code, body, updated_at FROM services ORDER BY code")
	if err != nil {
		return nil, fmt.Errorf("catalog: list services: %w", err)
	}
	defer rows.Close()
	var out []Service
	index := map[string]int{}
	for rows.Next() {
		var code, body string
		var updated time.Time
		if err := rows.Scan(&code, &body, &updated); err != nil {
			return nil, fmt.Errorf("catalog: list services: %w", err)
		}
		var svc Service
		if err := json.Unmarshal([]byte(body), &svc); err != nil {
			return nil, fmt.Errorf("catalog: list services: decode %s: %w", code, err)
		}
		svc.UpdatedAt = updated.UTC()
		index[code] = len(out)
		out = append(out, svc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("catalog: list services: %w", err)
	}
	if err := s.attachGuides(ctx, out, index); err != nil {
		return nil, err
	}
	if err := s.attachFAQs(ctx, out, index); err != nil {
		return nil, err
	}
	if err := s.attachNotes(ctx, out, index); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) attachGuides(ctx context.Context, out []Service, index map[string]int) error {
	rows, err := s.db.Query(ctx, "SELECT service_code, body FROM guides WHERE status = 'published'")
	if err != nil {
		return fmt.Errorf("catalog: list guides: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, body string
		if err := rows.Scan(&code, &body); err != nil {
			return fmt.Errorf("catalog: list guides: %w", err)
		}
		i, ok := index[code]
		if !ok {
			continue
		}
		var g Guide
		if err := json.Unmarshal([]byte(body), &g); err != nil {
			return fmt.Errorf("catalog: list guides: decode %s: %w", code, err)
		}
		out[i].Guide = &g
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("catalog: list guides: %w", err)
	}
	return nil
}

func (s *Store) attachFAQs(ctx context.Context, out []Service, index map[string]int) error {
	rows, err := s.db.Query(ctx, `SELECT service_code, question, answer, paraphrases FROM faqs
		WHERE status = 'published' ORDER BY service_code, position`)
	if err != nil {
		return fmt.Errorf("catalog: list faqs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, para string
		var f FAQ
		if err := rows.Scan(&code, &f.Question, &f.Answer, &para); err != nil {
			return fmt.Errorf("catalog: list faqs: %w", err)
		}
		if err := json.Unmarshal([]byte(para), &f.Paraphrases); err != nil {
			return fmt.Errorf("catalog: list faqs: decode %s: %w", code, err)
		}
		if i, ok := index[code]; ok {
			out[i].FAQs = append(out[i].FAQs, f)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("catalog: list faqs: %w", err)
	}
	return nil
}
