package search

import (
	"strings"

	"github.com/loa-vn/loa/internal/catalog"
)

// itemSep separates the items of a list inside one field: it ends a
// phrase, so no bigram joins the last word of one item to the next.
const itemSep = "; "

// CatalogDocs turns services into documents, one per service, with the
// service slug as ID:
//
//   - title: the name;
//   - keywords: the editors' keywords;
//   - FAQ: the questions and their paraphrases;
//   - summary: the guide's summary and who it is for, and the field (lĩnh vực);
//   - body: the guide's preparation, steps and common mistakes, the formal
//     steps, papers, conditions, result and agency, and the FAQ answers.
func CatalogDocs(services []catalog.Service) []Doc {
	docs := make([]Doc, 0, len(services))
	for i := range services {
		svc := &services[i]
		d := Doc{
			ID:       svc.Slug,
			Title:    svc.Name,
			Keywords: strings.Join(svc.Keywords, itemSep),
		}
		var faq, summary, body []string
		for _, q := range svc.FAQs {
			faq = append(faq, q.Question)
			faq = append(faq, q.Paraphrases...)
			body = append(body, q.Answer)
		}
		if g := svc.Guide; g != nil {
			summary = append(summary, g.Summary, g.WhoFor)
			body = append(body, g.Prepare...)
			body = append(body, g.Steps...)
			body = append(body, g.CommonMistakes...)
		}
		summary = append(summary, svc.Field)
		body = append(body, svc.Steps...)
		for _, doc := range svc.Documents {
			body = append(body, doc.Name)
		}
		body = append(body, svc.Conditions, svc.Result, svc.AgencyText)
		d.FAQ = joinItems(faq)
		d.Summary = joinItems(summary)
		d.Body = joinItems(body)
		docs = append(docs, d)
	}
	return docs
}

// joinItems joins the non-empty items with itemSep.
func joinItems(items []string) string {
	var b strings.Builder
	for _, it := range items {
		if strings.TrimSpace(it) == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(itemSep)
		}
		b.WriteString(it)
	}
	return b.String()
}
