package assistant

import (
	"strconv"
	"strings"

	"github.com/loa-vn/loa/internal/catalog"
)

// The section labels name the part of the guide an answer comes from, as
// the service page titles it, so the citizen finds it there.
const (
	SectionSummary    = "Tóm tắt"
	SectionWhoFor     = "Ai cần làm"
	SectionPrepare    = "Cần chuẩn bị"
	SectionSteps      = "Các bước thực hiện"
	SectionDuration   = "Mất bao lâu"
	SectionCost       = "Hết bao nhiêu tiền"
	SectionWhere      = "Nộp trực tuyến ở đâu"
	SectionConditions = "Điều kiện"
	SectionMistakes   = "Lỗi thường gặp"
	SectionFAQ        = "Câu hỏi thường gặp"
)

// maxItems bounds a list in an answer (papers, steps): a chat message is
// read on a phone, and the link leads to the rest.
const maxItems = 8

// part is one section of a guide, or one FAQ, as an answer gives it.
type part struct {
	// label names the section for the answer's source.
	label string
	// heading introduces the text in the answer: the label, or the FAQ's
	// question.
	heading string
	text    string
}

// sectionPart is a guide section under its label.
func sectionPart(label, text string) part {
	return part{label: label, heading: label + ":", text: text}
}

// faqPart is an FAQ's answer under its question.
func faqPart(f *catalog.FAQ) part {
	return part{label: SectionFAQ + ": " + f.Question, heading: f.Question, text: strings.TrimSpace(f.Answer)}
}

// sectionsFor returns the parts of svc's guide that answer intents, in
// the order of the intents; none when the guide has nothing for them.
func sectionsFor(svc *catalog.Service, in Intent) []part {
	var out []part
	add := func(label, text string) {
		if text = strings.TrimSpace(text); text != "" {
			out = append(out, sectionPart(label, text))
		}
	}
	g := svc.Guide
	if g == nil {
		g = &catalog.Guide{}
	}
	if in.Has(IntentWhere) {
		add(SectionWhere, whereText(svc, g))
	}
	if in.Has(IntentDocuments) {
		add(SectionPrepare, bullets(prepareItems(svc, g)))
	}
	if in.Has(IntentSteps) {
		add(SectionSteps, numbered(stepItems(svc, g)))
	}
	if in.Has(IntentFee) {
		text := g.Cost
		if text == "" {
			text = channelFacts(svc, func(c catalog.Channel) string { return c.Fee })
		}
		add(SectionCost, text)
	}
	if in.Has(IntentTime) {
		text := g.Duration
		if text == "" {
			text = channelFacts(svc, func(c catalog.Channel) string { return c.ProcessingTime })
		}
		add(SectionDuration, text)
	}
	if in.Has(IntentWho) {
		text := g.WhoFor
		if text == "" {
			text = strings.Join(svc.Audience, ", ")
		}
		add(SectionWhoFor, text)
	}
	if in.Has(IntentConditions) {
		text := svc.Conditions
		if text == "" {
			text = g.WhoFor
		}
		add(SectionConditions, text)
	}
	return out
}

// prepareItems are what to prepare: the guide's plain words, else the
// names of the record's documents.
func prepareItems(svc *catalog.Service, g *catalog.Guide) []string {
	if len(g.Prepare) > 0 {
		return g.Prepare
	}
	var items []string
	for _, d := range svc.Documents {
		items = append(items, d.Name)
	}
	return items
}

// stepItems are the steps: the guide's, else the record's.
func stepItems(svc *catalog.Service, g *catalog.Guide) []string {
	if len(g.Steps) > 0 {
		return g.Steps
	}
	return svc.Steps
}

// overview is the answer to a question that names a service and asks
// nothing in particular: what it is, and where to do it online.
func overview(svc *catalog.Service) []part {
	var out []part
	if g := svc.Guide; g != nil {
		if g.Summary != "" {
			out = append(out, sectionPart(SectionSummary, g.Summary))
		}
		if w := whereText(svc, g); w != "" {
			out = append(out, sectionPart(SectionWhere, w))
		}
	}
	if len(out) == 0 {
		if svc.Result != "" {
			out = append(out, sectionPart(SectionSummary, svc.Result))
		}
		if w := whereText(svc, &catalog.Guide{}); w != "" {
			out = append(out, sectionPart(SectionWhere, w))
		}
	}
	return out
}

// whereText says where to file: the guide's words, else the online level
// and the portal.
func whereText(svc *catalog.Service, g *catalog.Guide) string {
	if g.WhereOnline != "" {
		return g.WhereOnline
	}
	if svc.PortalURL == "" {
		if svc.AgencyText != "" {
			return svc.OnlineLevel.Label() + ". Nơi giải quyết: " + svc.AgencyText + "."
		}
		return ""
	}
	return svc.OnlineLevel.Label() + ": " + svc.PortalURL
}

// channelFacts lists one fact per submission channel, each once.
func channelFacts(svc *catalog.Service, fact func(catalog.Channel) string) string {
	var lines []string
	seen := map[string]bool{}
	for _, c := range svc.Channels {
		f := strings.TrimSpace(fact(c))
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		lines = append(lines, c.Kind.Label()+": "+f)
	}
	if len(lines) == 1 {
		_, f, _ := strings.Cut(lines[0], ": ")
		return f
	}
	return strings.Join(lines, "\n")
}

func bullets(items []string) string {
	var b strings.Builder
	for i, it := range trimItems(items) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("• ")
		b.WriteString(it)
	}
	return b.String()
}

func numbered(items []string) string {
	var b strings.Builder
	for i, it := range trimItems(items) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(". ")
		b.WriteString(it)
	}
	return b.String()
}

func trimItems(items []string) []string {
	var out []string
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
		if len(out) == maxItems {
			break
		}
	}
	return out
}

// serviceURL is the path of a service's guide on the site.
func serviceURL(slug string) string { return "/dich-vu/" + slug }

// answerText writes an answer about svc from parts: the service's name,
// each part under its label, and the link to the whole guide.
func answerText(svc *catalog.Service, parts []part, baseURL string) string {
	var b strings.Builder
	b.WriteString(svc.Name)
	b.WriteByte('\n')
	for _, p := range parts {
		b.WriteByte('\n')
		b.WriteString(p.heading)
		b.WriteByte('\n')
		b.WriteString(p.text)
		b.WriteByte('\n')
	}
	b.WriteString("\nXem hướng dẫn đầy đủ: ")
	b.WriteString(baseURL)
	b.WriteString(serviceURL(svc.Slug))
	return b.String()
}

// sectionLabel names the parts an answer gives, for its source.
func sectionLabel(parts []part) string {
	labels := make([]string, len(parts))
	for i, p := range parts {
		labels[i] = p.label
	}
	return strings.Join(labels, "; ")
}
