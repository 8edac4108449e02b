package vn

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestDefaultSynonymsExpand(t *testing.T) {
	syn := DefaultSynonyms()
	tests := []struct {
		query string
		want  string // one expansion that must be among the results
	}{
		{"cccd", "căn cước công dân"},
		{"CCCD", "thẻ căn cước"},
		{"cmnd", "chứng minh nhân dân"},
		{"cmt", "căn cước"},
		{"chứng minh thư", "căn cước"},
		{"lam gplx", "giấy phép lái xe"},
		{"đổi bằng lái", "giấy phép lái xe"},
		{"doi bang lai", "giấy phép lái xe"},
		{"bhyt", "bảo hiểm y tế"},
		{"bhxh", "bảo hiểm xã hội"},
		{"lltp", "lý lịch tư pháp"},
		{"vneid", "định danh điện tử"},
		{"attp", "an toàn thực phẩm"},
		{"tncn", "thu nhập cá nhân"},
		{"gtgt", "giá trị gia tăng"},
		{"vat", "giá trị gia tăng"},
		{"nvqs", "nghĩa vụ quân sự"},
		{"so do", "giấy chứng nhận quyền sử dụng đất"},
		{"Sổ hồng", "giấy chứng nhận quyền sử dụng đất"},
		{"bia do", "giấy chứng nhận quyền sử dụng đất"},
		{"ho khau", "đăng ký thường trú"},
		{"nhap khau", "đăng ký thường trú"},
		{"nhap ho khau", "đăng ký thường trú"},
		{"tam vang", "khai báo tạm vắng"},
		{"passport", "hộ chiếu"},
		{"phat nguoi", "nộp phạt vi phạm giao thông"},
		{"dkkd", "đăng ký kinh doanh"},
		{"mst", "mã số thuế"},
		{"thpt", "trung học phổ thông"},
		{"dh", "đại học"},
		{"đh", "đại học"},
		{"gpxd", "giấy phép xây dựng"},
		{"hkd", "hộ kinh doanh"},
		{"dn", "doanh nghiệp"},
		{"ubnd", "ủy ban nhân dân"},
		{"giay khai sinh", "đăng ký khai sinh"},
		{"nop online", "trực tuyến"},
	}
	for _, tt := range tests {
		got := syn.Expand(Tokens(tt.query))
		var phrases []string
		for _, e := range got {
			phrases = append(phrases, strings.Join(e, " "))
		}
		if !slices.Contains(phrases, tt.want) {
			t.Errorf("Expand(%q) = %q, want it to contain %q", tt.query, phrases, tt.want)
		}
	}
}

func TestSynonymsFindPositions(t *testing.T) {
	syn := DefaultSynonyms()
	got := syn.Find(Tokens("thủ tục nhập hộ khẩu cho con"))
	var spans [][2]int
	for _, m := range got {
		spans = append(spans, [2]int{m.Start, m.End})
	}
	// "nhập hộ khẩu" at 2..5 and "hộ khẩu" at 3..5.
	for _, want := range [][2]int{{2, 5}, {3, 5}} {
		if !slices.Contains(spans, want) {
			t.Errorf("Find spans = %v, want %v among them", spans, want)
		}
	}
	if m := syn.Find(Tokens("đăng ký kết hôn")); len(m) != 0 {
		t.Errorf("Find(đăng ký kết hôn) = %+v, want no term", m)
	}
}

func TestSynonymsExpandDeduplicates(t *testing.T) {
	got := DefaultSynonyms().Expand(Tokens("nhap ho khau"))
	n := 0
	for _, e := range got {
		if strings.Join(e, " ") == "đăng ký thường trú" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("Expand(nhap ho khau) = %q: đăng ký thường trú %d times, want once", got, n)
	}
}

func TestSynonymsAdd(t *testing.T) {
	syn := NewSynonyms()
	if err := syn.Add("Thẻ xanh", "thẻ thường trú"); err != nil {
		t.Fatal(err)
	}
	if err := syn.Add("the xanh", "thẻ tạm trú", "thẻ thường trú"); err != nil {
		t.Fatal(err)
	}
	got := syn.Entries()
	if len(got) != 1 || got[0].Term != "Thẻ xanh" || !slices.Equal(got[0].Expansions, []string{"thẻ thường trú", "thẻ tạm trú"}) {
		t.Errorf("Entries = %+v, want one row Thẻ xanh → [thẻ thường trú thẻ tạm trú]", got)
	}
	if exp := syn.Expand([]string{"the", "xanh"}); len(exp) != 2 {
		t.Errorf("Expand(the xanh) = %q, want 2 expansions", exp)
	}
	if err := syn.Add("!!!", "x"); err == nil {
		t.Error("Add with an empty term: want an error")
	}
	if err := syn.Add("abc"); err == nil {
		t.Error("Add without expansions: want an error")
	}
	if err := syn.Add("abc", " ", "--"); err == nil {
		t.Error("Add with blank expansions: want an error")
	}
	if len(syn.Entries()) != 1 {
		t.Errorf("failed Adds changed the table: %+v", syn.Entries())
	}
}

func TestDefaultSynonymsAreIndependent(t *testing.T) {
	a, b := DefaultSynonyms(), DefaultSynonyms()
	if err := a.Add("zzqq", "thử"); err != nil {
		t.Fatal(err)
	}
	if len(b.Find([]string{"zzqq"})) != 0 {
		t.Error("Add on one DefaultSynonyms changed another")
	}
}

func TestParseSynonymsErrors(t *testing.T) {
	_, err := ParseSynonyms(strings.NewReader("# comment\n\ncccd\tcăn cước\nlonely\n"))
	if err == nil || !strings.Contains(err.Error(), "line 4") {
		t.Errorf("ParseSynonyms: err = %v, want one naming line 4", err)
	}
}

func TestDefaultSynonymsFileIsClean(t *testing.T) {
	// Every row parses (DefaultSynonyms would panic otherwise) and every
	// term is written once, so editors find one row per term.
	seen := map[string]int{}
	for i, line := range strings.Split(defaultSynonyms, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) < 2 {
			t.Errorf("synonyms.tsv line %d: no TAB-separated expansion: %q", i+1, line)
		}
		key := strings.Join(foldTokens(Tokens(fields[0])), " ")
		if prev, ok := seen[key]; ok {
			t.Errorf("synonyms.tsv line %d: term %q already on line %d", i+1, fields[0], prev)
		}
		seen[key] = i + 1
	}
	if len(DefaultSynonyms().Entries()) < 50 {
		t.Errorf("default table has %d rows, want the curated ones", len(DefaultSynonyms().Entries()))
	}
}

func TestSynonymsConcurrentAddAndFind(t *testing.T) {
	syn := DefaultSynonyms()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := range 200 {
			if err := syn.Add("từ"+strings.Repeat("a", i%7+1), "thử nghiệm"); err != nil {
				t.Error(err)
			}
		}
	}()
	go func() {
		defer wg.Done()
		for range 200 {
			if len(syn.Expand([]string{"gplx"})) == 0 {
				t.Error("gplx lost its expansion during Add")
			}
		}
	}()
	wg.Wait()
}
