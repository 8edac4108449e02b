package assistant

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/loa-vn/loa/internal/vn"
)

// Writer writes an answer from numbered source sections with a language
// model (internal/llm is one, for any OpenAI-compatible chat-completions
// endpoint). It is optional: without one, answers are extractive. The
// engine checks what a Writer returns before using it (see grounded).
type Writer interface {
	// Write answers question from sections only, citing their ids in
	// brackets ("[S1]"). It returns NoAnswer when the sections do not say.
	Write(ctx context.Context, question string, sections []Section) (string, error)
}

// Section is one retrieved part of a guide given to a Writer, with the id
// the written answer must cite.
type Section struct {
	ID    string
	Title string
	Text  string
}

// NoAnswer is what a Writer returns when its sections do not answer the
// question; the engine then keeps the extractive answer.
const NoAnswer = "KHONG_DU"

// Bounds of a written answer: a chat message read on a phone, and enough
// words to judge whether it comes from its sources.
const (
	maxWrittenRunes = 1200
	minWrittenWords = 4
	// minOverlap is the share of the answer's words that must occur in
	// its sources. Vietnamese syllables are words here, and connectives
	// ("bạn", "cần", "và") occur in any guide, so the bar is high: a
	// paraphrase passes, an answer adding facts of its own does not.
	minOverlap = 0.75
)

var citation = regexp.MustCompile(`\[(S\d{1,2})\]`)

// numberRun finds the figures of a text (fees, days, counts), which a
// written answer may not invent.
var numberRun = regexp.MustCompile(`\d+(?:[.,]\d+)*`)

// grounded checks a written answer against the sections it was given and
// returns it with the citations removed, or an error saying why it is
// discarded: it cites an unknown id or none, it says NoAnswer, it is empty
// or too long, a figure in it is not in the sources, or too few of its
// words are.
func grounded(answer string, sections []Section) (string, error) {
	answer = vn.Normalize(strings.TrimSpace(answer))
	if answer == "" || strings.Contains(answer, NoAnswer) {
		return "", fmt.Errorf("assistant: written answer: the model found no answer")
	}
	known := map[string]bool{}
	var source strings.Builder
	for _, s := range sections {
		known[s.ID] = true
		source.WriteString(s.Title)
		source.WriteByte('\n')
		source.WriteString(s.Text)
		source.WriteByte('\n')
	}
	cites := citation.FindAllStringSubmatch(answer, -1)
	if len(cites) == 0 {
		return "", fmt.Errorf("assistant: written answer: no citation")
	}
	for _, c := range cites {
		if !known[c[1]] {
			return "", fmt.Errorf("assistant: written answer: cites unknown section %s", c[1])
		}
	}
	text := strings.TrimSpace(citation.ReplaceAllString(answer, ""))
	text = strings.Join(strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\t' }), " ")
	text = strings.ReplaceAll(text, " .", ".")
	text = strings.ReplaceAll(text, " ,", ",")
	if n := len([]rune(text)); n > maxWrittenRunes {
		return "", fmt.Errorf("assistant: written answer: %d characters, more than %d", n, maxWrittenRunes)
	}
	src := source.String()
	srcDigits := map[string]bool{}
	for _, n := range numberRun.FindAllString(src, -1) {
		srcDigits[digitsOf(n)] = true
	}
	for _, n := range numberRun.FindAllString(text, -1) {
		if !srcDigits[digitsOf(n)] {
			return "", fmt.Errorf("assistant: written answer: figure %q is not in its sources", n)
		}
	}
	srcWords := map[string]bool{}
	for _, w := range vn.Tokens(vn.Fold(src)) {
		srcWords[w] = true
	}
	words := vn.Tokens(vn.Fold(text))
	if len(words) < minWrittenWords {
		return "", fmt.Errorf("assistant: written answer: %d words, too short", len(words))
	}
	in := 0
	for _, w := range words {
		if srcWords[w] {
			in++
		}
	}
	if share := float64(in) / float64(len(words)); share < minOverlap {
		return "", fmt.Errorf("assistant: written answer: %.0f%% of its words are in its sources, below %.0f%%", share*100, minOverlap*100)
	}
	return text, nil
}

// digitsOf keeps the digits of a figure, so "50.000" and "50000" match.
func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// sectionsOf numbers the parts an extractive answer would give, as the
// sources a Writer may use.
func sectionsOf(parts []part) []Section {
	out := make([]Section, len(parts))
	for i, p := range parts {
		out[i] = Section{ID: fmt.Sprintf("S%d", i+1), Title: p.heading, Text: p.text}
	}
	return out
}

// defaultWriterTimeout bounds a model call: past it the citizen gets the
// extractive answer rather than a wait.
const defaultWriterTimeout = 8 * time.Second

// writeAnswer replaces ans's text with one written by the Writer from r's
// parts, when it passes grounded; otherwise ans stays extractive and
// WriterFailed hears why.
func (e *Engine) writeAnswer(ctx context.Context, question string, r reply, ans *Answer) {
	timeout := e.opts.WriterTimeout
	if timeout <= 0 {
		timeout = defaultWriterTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	sections := sectionsOf(r.parts)
	written, err := e.opts.Writer.Write(ctx, question, sections)
	if err == nil {
		written, err = grounded(written, sections)
	}
	if err != nil {
		if e.opts.WriterFailed != nil {
			e.opts.WriterFailed(err)
		}
		return
	}
	ans.Answer = r.svc.Name + "\n\n" + written + "\n\nXem hướng dẫn đầy đủ: " + e.opts.BaseURL + serviceURL(r.svc.Slug)
	ans.Generated = true
}
