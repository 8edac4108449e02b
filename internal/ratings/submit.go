package ratings

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/loa-vn/loa/internal/idempotency"
)

// Receipt is the answer to an accepted rating: what the API returns, and
// what a repeat with the same idempotency key returns again, unchanged.
type Receipt struct {
	ID        int64     `json:"id"`
	Service   string    `json:"service"`
	Agency    string    `json:"agency,omitempty"`
	Level     Level     `json:"level"`
	CreatedAt time.Time `json:"created_at"`
}

// Outcome is a stored rating's receipt and whether it was stored now or
// earlier, by a submission with the same idempotency key.
type Outcome struct {
	Receipt Receipt
	// Replayed is true when the key was seen before: nothing was stored
	// now and Receipt is the first answer.
	Replayed bool
}

// Submit validates in and stores it. key is the client's idempotency key
// ("" for none): the key and the receipt are stored in the rating's
// transaction, so a repeat with the same key and the same submission
// returns the first receipt and stores nothing, and a crash keeps both or
// neither. A key reused for a different submission gives ErrKeyReused.
// Invalid input gives an *InvalidError and stores nothing. Ratings from a
// one-time link go through SubmitLink.
func (s *Store) Submit(ctx context.Context, in Submission, key string) (Outcome, error) {
	if in.Source == SourceLink {
		return Outcome{}, &InvalidError{Fields: []FieldError{{Field: "source", Message: "Nguồn đánh giá không hợp lệ."}}}
	}
	if err := checkKey(key); err != nil {
		return Outcome{}, err
	}
	c, err := s.validate(ctx, in)
	if err != nil {
		return Outcome{}, err
	}
	return s.store(ctx, c, nil, key)
}

// store writes a validated rating, the link's use and the idempotency key
// in one transaction (see batch.go), then answers: the new receipt, or the
// stored one of an earlier submission with the same key.
func (s *Store) store(ctx context.Context, c clean, link *Link, key string) (Outcome, error) {
	w := &write{c: c, link: link, key: key, now: s.now().Truncate(time.Microsecond)}
	if key != "" {
		w.hash = requestHash(c, link)
	}
	res, err := s.commit(ctx, w)
	if err != nil {
		return Outcome{}, err
	}
	switch {
	case res.state == written:
		return Outcome{Receipt: res.rec}, nil
	case res.state == keyTaken, res.state == linkGone && key != "":
		// A twin with the same key committed first: its answer is ours.
		out, ok, err := s.replay(ctx, key, w.hash)
		if err != nil || ok {
			return out, err
		}
		if res.state == keyTaken {
			return Outcome{}, fmt.Errorf("ratings: submit: idempotency key taken but not readable")
		}
	}
	return Outcome{}, s.linkGone(ctx, link.ID)
}

// scopeRating is the idempotency scope of rating submissions: keys are
// unique within it.
const scopeRating = "rating"

// replay returns the stored answer for key, if any. A stored answer for a
// different submission is ErrKeyReused.
func (s *Store) replay(ctx context.Context, key, hash string) (Outcome, bool, error) {
	body, ok, err := idempotency.Replay(ctx, s.db, scopeRating, key, hash)
	if errors.Is(err, idempotency.ErrReused) {
		return Outcome{}, false, ErrKeyReused
	}
	if err != nil || !ok {
		return Outcome{}, false, err
	}
	var rec Receipt
	if err := json.Unmarshal([]byte(body), &rec); err != nil {
		return Outcome{}, false, fmt.Errorf("ratings: read idempotency key: stored answer: %w", err)
	}
	return Outcome{Receipt: rec, Replayed: true}, true, nil
}

// MaxKeyLength bounds an idempotency key (a UUID is 36 characters).
const MaxKeyLength = idempotency.MaxKeyLength

// checkKey accepts "" or 1 to MaxKeyLength visible ASCII characters, the
// shape of the keys clients generate (UUIDs, random strings).
func checkKey(key string) error {
	if key != "" && !idempotency.ValidKey(key) {
		return &InvalidError{Fields: []FieldError{{Field: "idempotency_key", Message: "Khóa Idempotency-Key phải gồm 1 đến 255 ký tự ASCII nhìn thấy được."}}}
	}
	return nil
}

// requestHash fingerprints a cleaned submission, so that a key reused for
// another submission is told apart from a retry. The parts and their order
// must not change while keys are kept: stored hashes are compared to it.
func requestHash(c clean, link *Link) string {
	var linkID int64
	if link != nil {
		linkID = link.ID
	}
	return idempotency.Hash("v1", c.service, c.agency, strconv.Itoa(int(c.level)),
		strconv.FormatUint(uint64(c.wentWell), 10), strconv.FormatUint(uint64(c.didNot), 10),
		c.comment, string(c.source), strconv.FormatInt(linkID, 10))
}
