package search

import (
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/catalog"
)

func TestCatalogDocs(t *testing.T) {
	docs := CatalogDocs(testServices())
	if len(docs) != len(testServices()) {
		t.Fatalf("CatalogDocs: %d docs, want %d", len(docs), len(testServices()))
	}
	d := docs[0]
	checks := []struct {
		field, text, want string
	}{
		{"ID", d.ID, "dang-ky-khai-sinh"},
		{"Title", d.Title, "Đăng ký khai sinh"},
		{"Keywords", d.Keywords, "khai sinh cho con; làm giấy khai sinh"},
	}
	for _, c := range checks {
		if c.text != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.text, c.want)
		}
	}
	contains := []struct {
		field, text string
		parts       []string
	}{
		{"FAQ", d.FAQ, []string{"Làm giấy khai sinh cho con ở đâu?", "khai sinh cho bé cần giấy tờ gì", "Quá hạn"}},
		{"Summary", d.Summary, []string{"trẻ mới sinh", "người thân thích", "Hộ tịch"}},
		{"Body", d.Body, []string{"Giấy chứng sinh do bệnh viện cấp", "Nhận Giấy khai sinh", "Tờ khai đăng ký khai sinh", "Tại Ủy ban nhân dân"}},
	}
	for _, c := range contains {
		for _, p := range c.parts {
			if !strings.Contains(c.text, p) {
				t.Errorf("%s = %q, want it to contain %q", c.field, c.text, p)
			}
		}
	}
	if strings.Contains(d.FAQ, "Tại Ủy ban") {
		t.Errorf("FAQ field holds an answer: %q", d.FAQ)
	}
}

func TestCatalogDocsSkipsEmptyParts(t *testing.T) {
	docs := CatalogDocs([]catalog.Service{{Slug: "x", Name: "Tên", Conditions: "  ", Steps: []string{"", "Bước một"}}})
	if got := docs[0].Body; got != "Bước một" {
		t.Errorf("Body = %q, want %q", got, "Bước một")
	}
	if got := docs[0].Summary; got != "" {
		t.Errorf("Summary = %q, want empty", got)
	}
}
