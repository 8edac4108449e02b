package assistant

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/catalog"
	"github.com/loa-vn/loa/internal/staff"
	"github.com/loa-vn/loa/internal/vn"
)

// DraftWriter is the editorial workflow's way in: *catalog.Store is one.
// A proposal from the inbox is an ordinary draft of the service's national
// guide, so review applies to it as to any change.
type DraftWriter interface {
	Open(ctx context.Context, actor *staff.User, serviceCode, scope string) (*catalog.Editing, error)
	Draft(ctx context.Context, actor *staff.User, in catalog.DraftInput) (*catalog.Revision, error)
}

// Proposal turns inbox questions into an FAQ change.
type Proposal struct {
	// ServiceCode is the service whose national guide gets the change.
	ServiceCode string
	// FAQ is the question of the existing FAQ that Question becomes a
	// paraphrase of (matched without case or diacritics); empty proposes
	// a new FAQ asking Question and answering Answer.
	FAQ      string
	Question string
	Answer   string
	// Resolve are the inbox questions the proposal deals with: they leave
	// the inbox until asked again.
	Resolve []string
}

// proposalNote is the change note a proposal adds to the draft, so the
// reviewer knows where the change came from.
const proposalNote = "Bổ sung từ câu hỏi người dân gửi trợ lý ảo."

// Propose writes p into the actor's draft of the service's national guide
// (the draft they have open, else a new one on the published text) through
// the editorial workflow: catalogue permissions and scope, validation,
// optimistic locking and the audit all apply, and nothing reaches the site
// before a reviewer approves it. It then marks p.Resolve as proposed. It
// returns the draft, an *InvalidError for a proposal that makes no sense,
// or the workflow's *catalog.EditorialError.
func (e *Engine) Propose(ctx context.Context, w DraftWriter, actor *staff.User, p Proposal) (*catalog.Revision, error) {
	question := vn.Normalize(p.Question)
	if question == "" {
		return nil, &InvalidError{"question", "Vui lòng nhập câu hỏi."}
	}
	if !utf8.ValidString(p.FAQ) || !utf8.ValidString(p.Answer) {
		return nil, &InvalidError{"question", msgEncoding}
	}
	ed, err := w.Open(ctx, actor, p.ServiceCode, "")
	if err != nil {
		return nil, err
	}
	in := ed.Input
	action := resolvedParaphrase
	if strings.TrimSpace(p.FAQ) == "" {
		action = resolvedFAQ
		answer := strings.TrimSpace(p.Answer)
		if answer == "" {
			return nil, &InvalidError{"answer", "Câu hỏi thường gặp mới cần có câu trả lời."}
		}
		for _, f := range in.Body.FAQs {
			if questionKey(f.Question) == questionKey(question) {
				return nil, &InvalidError{"question", "Hướng dẫn đã có câu hỏi thường gặp này. Hãy thêm làm cách hỏi khác của nó."}
			}
		}
		in.Body.FAQs = append(in.Body.FAQs, catalog.FAQ{Question: question, Answer: answer})
	} else {
		i := findFAQ(in.Body.FAQs, p.FAQ)
		if i < 0 {
			return nil, &InvalidError{"faq", "Không tìm thấy câu hỏi thường gặp đã chọn trong bản hiện tại của hướng dẫn. Có thể ai đó vừa sửa; hãy tải lại trang."}
		}
		f := &in.Body.FAQs[i]
		key := questionKey(question)
		if questionKey(f.Question) == key || hasKey(f.Paraphrases, key) {
			return nil, &InvalidError{"question", "Câu hỏi thường gặp này đã có cách hỏi đó."}
		}
		f.Paraphrases = append(append([]string(nil), f.Paraphrases...), question)
	}
	switch {
	case in.ChangeNote == "":
		in.ChangeNote = proposalNote
	case !strings.Contains(in.ChangeNote, proposalNote):
		in.ChangeNote += " " + proposalNote
	}
	rev, err := w.Draft(ctx, actor, in)
	if err != nil {
		return nil, err
	}
	// The wording the editor kept is resolved too: it may differ from
	// the citizens' (a typo fixed), and it is never empty.
	resolve := append(append([]string(nil), p.Resolve...), question)
	if len(resolve) > maxResolve {
		resolve = resolve[len(resolve)-maxResolve:]
	}
	slug := ""
	if snap := e.catalog.Current(); snap != nil {
		if svc := snap.ByCode(p.ServiceCode); svc != nil {
			slug = svc.Slug
		}
	}
	// The draft is committed; marking the questions is a second step. If
	// it fails they stay in the inbox, which is harmless.
	if err := e.resolve(ctx, nil, actor.Actor(), action, slug, resolve); err != nil {
		return rev, err
	}
	return rev, nil
}

// findFAQ returns the index of the FAQ asking question (compared by key),
// or -1.
func findFAQ(faqs []catalog.FAQ, question string) int {
	key := questionKey(question)
	for i, f := range faqs {
		if questionKey(f.Question) == key {
			return i
		}
	}
	return -1
}

// hasKey reports whether one of texts has key.
func hasKey(texts []string, key string) bool {
	for _, t := range texts {
		if questionKey(t) == key {
			return true
		}
	}
	return false
}
