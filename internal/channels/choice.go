package channels

import (
	"context"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/assistant"
	"github.com/loa-vn/loa/internal/catalog"
)

// Choice is a reply the user can tap under a message: a Messenger quick
// reply. Tapping it posts Title in the conversation and sends Payload back
// with the webhook.
type Choice struct {
	Title   string
	Payload string
}

// ChoiceSender is a Sender whose platform can show choices under a
// message. Messenger's client is one; Zalo's OA message API offers no
// quick replies for free-text chats, so there the options stay numbered
// lines and the user replies with the number.
type ChoiceSender interface {
	Sender
	// SendChoices delivers text with the choices under it.
	SendChoices(ctx context.Context, to, text string, choices []Choice) error
}

// The limits of Messenger's quick replies (Send API reference, "Quick
// Replies": at most 13, a title of at most 20 characters, a payload of at
// most 1,000).
const (
	MaxChoices       = 13
	MaxChoiceTitle   = 20
	maxChoicePayload = 1000
)

// choicePrefix marks the payloads this package makes, so that a payload
// of anything else (a Get Started button, a persistent menu item) is not
// mistaken for a choice.
const choicePrefix = "LOA_OPTION:"

// ChoicePayload is the payload of the choice of the service slug.
func ChoicePayload(slug string) string { return choicePrefix + slug }

// ChoiceSlug reads a payload back: the slug of the service it chooses,
// and false for a payload this package did not make or whose slug is
// malformed. Whether the slug was offered to this user is checked when the
// message is answered.
func ChoiceSlug(payload string) (string, bool) {
	slug, ok := strings.CutPrefix(strings.TrimSpace(payload), choicePrefix)
	if !ok || !catalog.ValidSlug(slug) {
		return "", false
	}
	return slug, true
}

// Choices are the quick replies for a clarifying question's options: the
// option's number and its title, shortened to the platform's limit (the
// message above lists the full titles under the same numbers, so the
// number ties each button to its line and keeps two buttons whose titles
// start alike apart).
func Choices(options []assistant.Option) []Choice {
	var out []Choice
	for i, o := range options {
		if i == MaxChoices {
			break
		}
		out = append(out, Choice{Title: ChoiceTitle(i, o.Title), Payload: ChoicePayload(o.Slug)})
	}
	return out
}

// ChoiceTitle is option i's button title: "1. " and the title, cut at a
// word boundary with an ellipsis when the whole does not fit in
// MaxChoiceTitle characters.
func ChoiceTitle(i int, title string) string {
	prefix := strconv.Itoa(i+1) + ". "
	title = strings.Join(strings.Fields(title), " ")
	room := MaxChoiceTitle - utf8.RuneCountInString(prefix)
	r := []rune(title)
	if len(r) <= room {
		return prefix + title
	}
	cut := room - 1 // room for "…"
	// Cut at the last space when it keeps at least half of the room, so
	// that a word is not broken ("Cấp hộ chiếu…", not "Cấp hộ chiếu ph…").
	for j := cut; j > cut/2; j-- {
		if unicode.IsSpace(r[j]) {
			cut = j
			break
		}
	}
	head := strings.TrimRightFunc(string(r[:cut]), func(c rune) bool { return unicode.IsSpace(c) || unicode.IsPunct(c) })
	return prefix + head + "…"
}

// optionNumber reads a message that is only a number ("2", " 2 ", "2.",
// "2)"): the way a chat user picks a numbered option.
func optionNumber(text string) (int, bool) {
	s := strings.TrimSpace(text)
	s = strings.TrimRight(s, ".)")
	if len(s) == 0 || len(s) > 2 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || s[0] == '+' || s[0] == '-' {
		return 0, false
	}
	return n, true
}
