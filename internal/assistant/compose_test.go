package assistant

import (
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/catalog"
)

func TestSectionsForEachIntent(t *testing.T) {
	svc := &catalog.Service{
		Slug: "x", Name: "Thủ tục X", Conditions: "Điều kiện X.",
		Guide: &catalog.Guide{
			Summary: "Tóm tắt X.", WhoFor: "Ai X.", Prepare: []string{"Giấy A", "Giấy B"},
			Steps: []string{"Bước một", "Bước hai"}, Duration: "3 ngày", Cost: "Miễn phí", WhereOnline: "Cổng DVC",
		},
	}
	tests := []struct {
		in    Intent
		label string
		text  string
	}{
		{IntentDocuments, SectionPrepare, "• Giấy A\n• Giấy B"},
		{IntentSteps, SectionSteps, "1. Bước một\n2. Bước hai"},
		{IntentFee, SectionCost, "Miễn phí"},
		{IntentTime, SectionDuration, "3 ngày"},
		{IntentWhere, SectionWhere, "Cổng DVC"},
		{IntentWho, SectionWhoFor, "Ai X."},
		{IntentConditions, SectionConditions, "Điều kiện X."},
	}
	for _, tt := range tests {
		parts := sectionsFor(svc, tt.in)
		if len(parts) != 1 || parts[0].label != tt.label || parts[0].text != tt.text {
			t.Errorf("%s: %+v", tt.in, parts)
		}
	}
	if parts := sectionsFor(svc, IntentTime|IntentFee); len(parts) != 2 || parts[0].label != SectionCost {
		t.Errorf("two intents: %+v", parts)
	}
	if parts := overview(svc); len(parts) != 2 || parts[0].text != "Tóm tắt X." || parts[1].text != "Cổng DVC" {
		t.Errorf("overview: %+v", parts)
	}
}

func TestSectionsFallBackOnTheRecord(t *testing.T) {
	svc := &catalog.Service{
		Slug: "y", Name: "Thủ tục Y", OnlineLevel: catalog.OnlineFull, PortalURL: "https://dichvucong.gov.vn",
		Documents: []catalog.Document{{Name: "Tờ khai"}},
		Steps:     []string{"Nộp hồ sơ"},
		Channels: []catalog.Channel{
			{Kind: catalog.ChannelOnline, ProcessingTime: "5 ngày", Fee: "50.000 đồng"},
			{Kind: catalog.ChannelInPerson, ProcessingTime: "7 ngày", Fee: "50.000 đồng"},
		},
	}
	parts := sectionsFor(svc, IntentDocuments|IntentSteps|IntentFee|IntentTime|IntentWhere)
	got := map[string]string{}
	for _, p := range parts {
		got[p.label] = p.text
	}
	if got[SectionPrepare] != "• Tờ khai" || got[SectionSteps] != "1. Nộp hồ sơ" || got[SectionCost] != "50.000 đồng" ||
		got[SectionDuration] != "Trực tuyến: 5 ngày\nTrực tiếp: 7 ngày" || !strings.Contains(got[SectionWhere], "dichvucong.gov.vn") {
		t.Errorf("%#v", got)
	}
}

func TestAnswerTextIsShortWithLink(t *testing.T) {
	items := make([]string, 20)
	for i := range items {
		items[i] = "Bước"
	}
	svc := &catalog.Service{Slug: "z", Name: "Z", Guide: &catalog.Guide{Steps: items}}
	text := answerText(svc, sectionsFor(svc, IntentSteps), "https://loa.example")
	if strings.Count(text, "Bước") != maxItems {
		t.Errorf("%d steps listed, want %d", strings.Count(text, "Bước"), maxItems)
	}
	if !strings.HasSuffix(text, "https://loa.example/dich-vu/z") || !strings.HasPrefix(text, "Z\n") {
		t.Errorf("%q", text)
	}
}
