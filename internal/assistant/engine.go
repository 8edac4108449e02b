package assistant

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/search"
	"github.com/loa-vn/loa/internal/vn"
)

// CaseOpener opens a case in the caller's transaction; *cases.Store is
// one. The handoff turn and the case commit together or not at all.
type CaseOpener interface {
	OpenTx(ctx context.Context, tx *db.Tx, c cases.NewCase) (*cases.Case, error)
}

// Options tune an Engine. The zero value is usable.
type Options struct {
	// Synonyms is the table of abbreviations and everyday names; pass the
	// search index's own, so that editors' additions reach both. Nil means
	// vn.DefaultSynonyms().
	Synonyms *vn.Synonyms
	// Hotline is the telephone number a handoff gives for urgent help, and
	// HotlineHours when it answers. They are configuration: each
	// installation sets its own support line. Empty means DefaultHotline
	// and DefaultHotlineHours.
	Hotline      string
	HotlineHours string
	// ReplyTime says when staff answer a handoff, as the handoff message
	// words it ("trong 1 ngày làm việc"); it should match the agency's
	// service level for cases. Empty means DefaultReplyTime.
	ReplyTime string
	// BaseURL prefixes the links written in answers ("https://loa.gov.vn"),
	// for channels that show plain text outside the site (Zalo,
	// Messenger). Empty leaves them relative ("/dich-vu/...").
	BaseURL string
	// Writer, when set, writes answers from the retrieved sections with a
	// language model; an answer that fails the grounding check is
	// discarded for the extractive one. WriterTimeout bounds one call
	// (8 s when zero), and WriterFailed, when set, hears why a written
	// answer was discarded (the server logs it).
	Writer        Writer
	WriterTimeout time.Duration
	WriterFailed  func(error)
	// Now is the clock (time.Now when nil); Random the source of
	// conversation ids (crypto/rand when nil). Tests set them.
	Now    func() time.Time
	Random io.Reader
}

// The defaults of Options. They are placeholders an installation is
// expected to replace (LOA_ASSISTANT_HOTLINE and friends, wired by the
// server): DefaultHotline is the support line of the National Public
// Service Portal (Cổng Dịch vụ công quốc gia), which answers questions on
// online public services nationwide.
const (
	DefaultHotline      = "1800 1096"
	DefaultHotlineHours = "7:30–17:30 các ngày làm việc"
	DefaultReplyTime    = "trong 1 ngày làm việc"
)

// recentForCase is how many of the conversation's questions a handoff
// case quotes.
const recentForCase = 6

// Engine answers citizens' questions from the published catalogue. It is
// safe for concurrent use; its state lives in the database, so several
// replicas can share conversations.
type Engine struct {
	db      *db.DB
	catalog *catalog.Live
	index   *search.Index
	cases   CaseOpener
	opts    Options

	model    atomic.Pointer[model]
	buildMu  sync.Mutex  // one rebuild at a time
	building atomic.Bool // a background rebuild is running
}

// New returns an engine answering from the catalogue's current snapshot
// and the search index built from it (the same index as the site's
// search), opening handoff cases with opener.
func New(d *db.DB, live *catalog.Live, index *search.Index, opener CaseOpener, opts Options) *Engine {
	if opts.Synonyms == nil {
		opts.Synonyms = vn.DefaultSynonyms()
	}
	if opts.Hotline == "" {
		opts.Hotline = DefaultHotline
	}
	if opts.HotlineHours == "" {
		opts.HotlineHours = DefaultHotlineHours
	}
	if opts.ReplyTime == "" {
		opts.ReplyTime = DefaultReplyTime
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Random == nil {
		opts.Random = rand.Reader
	}
	return &Engine{db: d, catalog: live, index: index, cases: opener, opts: opts}
}

// Refresh builds what the engine derives from a catalogue snapshot.
// Register it with catalog.Live.OnChange (before Live.Load) so that every
// snapshot has its model before it is served; otherwise the engine builds
// the first one on first use and later ones in the background, answering
// from the previous catalogue meanwhile.
func (e *Engine) Refresh(s *catalog.Snapshot) {
	if s == nil {
		return
	}
	e.buildMu.Lock()
	defer e.buildMu.Unlock()
	if cur := e.model.Load(); cur != nil && cur.snap == s {
		return
	}
	e.model.Store(buildModel(s, e.opts.Synonyms))
}

// current returns the model of the catalogue's current snapshot, or of
// the previous one while a rebuild runs in the background (a large
// catalogue takes a second or more); nil before the catalogue is loaded.
func (e *Engine) current() *model {
	snap := e.catalog.Current()
	if snap == nil {
		return nil
	}
	m := e.model.Load()
	if m != nil && m.snap == snap {
		return m
	}
	if m == nil {
		e.Refresh(snap)
		return e.model.Load()
	}
	if e.building.CompareAndSwap(false, true) {
		go func() {
			defer e.building.Store(false)
			e.Refresh(e.catalog.Current())
		}()
	}
	return m
}

// Offered returns the slugs of the options the conversation's last
// clarifying question offered, in their numbered order: what a reply "2"
// or a tapped option picks from. None when the conversation is unknown or
// its state holds no options (an answer or a handoff clears them).
func (e *Engine) Offered(ctx context.Context, conversationID string) ([]string, error) {
	if conversationID == "" {
		return nil, nil
	}
	c, err := loadConversation(ctx, e.db, conversationID)
	if err != nil {
		return nil, err
	}
	return c.state.Options, nil
}

// Ask answers one message. A request that cannot be answered gives an
// *InvalidError with a Vietnamese message. Personal data in the question
// is redacted before anything is stored or analysed, so it is never
// echoed either.
func (e *Engine) Ask(ctx context.Context, req Request) (*Answer, error) {
	start := time.Now()
	question, channel, err := validate(req)
	if err != nil {
		return nil, err
	}
	question = vn.RedactPII(question)
	conv := conversation{channel: channel}
	if req.ConversationID != "" {
		if conv, err = loadConversation(ctx, e.db, req.ConversationID); err != nil {
			return nil, err
		}
		if !conv.exists {
			// An unknown id (expired, or made up) starts a new conversation
			// under an id of ours: a client never chooses its id.
			conv = conversation{channel: channel}
		}
	}
	if !conv.exists {
		if conv.id, err = newConversationID(e.opts.Random); err != nil {
			return nil, err
		}
	}
	conv.channel = channel
	m := e.current()
	if m == nil {
		return nil, errors.New("assistant: ask: the catalogue is not loaded")
	}
	r := decide(m, e.index, e.opts.Synonyms, conv.state, question)
	ans := e.word(m, r)
	if r.status == StatusAnswered && e.opts.Writer != nil && len(r.parts) > 0 {
		e.writeAnswer(ctx, question, r, ans)
	}
	ans.ConversationID = conv.id
	t := turn{question: question, status: r.status, intents: r.intents, topSlug: r.top, confidence: r.confidence}
	if r.svc != nil {
		t.topSlug = r.svc.Slug
	}
	err = e.db.InTx(ctx, func(tx *db.Tx) error {
		if r.handoff != noHandoff {
			code := conv.state.CaseCode
			if code == "" {
				if code, err = e.openCase(ctx, tx, conv, question, r); err != nil {
					return err
				}
			}
			r.next.CaseCode, t.caseCode, ans.CaseCode = code, code, code
			ans.Answer = e.handoffText(r.handoff, code)
		}
		t.latency = time.Since(start)
		seq, err := saveTurn(ctx, tx, conv, r.next, t, e.opts.Now())
		ans.Turn = seq
		return err
	})
	if err != nil {
		return nil, err
	}
	return ans, nil
}

// openCase opens the handoff's case: the conversation's recent questions
// (redacted when stored) and this one, and the service in context.
func (e *Engine) openCase(ctx context.Context, tx *db.Tx, conv conversation, question string, r reply) (string, error) {
	if e.cases == nil {
		return "", fmt.Errorf("assistant: handoff: no case store")
	}
	var recent []string
	if conv.exists {
		var err error
		if recent, err = recentQuestions(ctx, tx, conv.id, recentForCase-1); err != nil {
			return "", err
		}
	}
	recent = append(recent, question)
	c, err := e.cases.OpenTx(ctx, tx, cases.NewCase{
		Source:         cases.SourceAssistant,
		Channel:        conv.channel,
		ServiceSlug:    conv.state.Service,
		Description:    caseDescription(r.handoff, conv.channel, recent),
		ConversationID: conv.id,
	})
	if err != nil {
		return "", fmt.Errorf("assistant: handoff: %w", err)
	}
	return c.Code, nil
}

// newConversationID returns 128 random bits, base64url: unguessable, and
// within the cases package's pattern for conversation ids.
func newConversationID(r io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", fmt.Errorf("assistant: conversation id: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}
