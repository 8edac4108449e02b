package catalog

import (
	"github.com/loa-vn/loa/internal/vn"

	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestParseCleanText(t *testing.T) {
	nfd := norm.NFD.String("Đăng ký khai sinh")
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"  a \t  b  ", "a b"},
		{"Không có thông tin", ""},
		{"không có thông tin.", ""},
		{"Không", "Không"}, // only conditions treat "Không" as empty
		{nfd, "Đăng ký khai sinh"},
		{"a\r\nb\rc", "a\nb\nc"},
		{"a\n\n\n\nb", "a\n\nb"},
		{"a  \n   b", "a\nb"},
		{"nul\x00 and\u200b zero\u00a0width", "nul and zero width"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
	} {
		if got := cleanText(tc.in); got != tc.want {
			t.Errorf("cleanText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := cleanLine("a\nb\n\nc"); got != "a b c" {
		t.Errorf("cleanLine: %q", got)
	}
}

func TestParseIsNone(t *testing.T) {
	for _, s := range []string{"Không", "không", "Không.", "Không quy định", "KHÔNG CÓ"} {
		if !isNone(s) {
			t.Errorf("isNone(%q) = false", s)
		}
	}
	for _, s := range []string{"", "Không quá 60 tuổi", "Có"} {
		if isNone(s) {
			t.Errorf("isNone(%q) = true", s)
		}
	}
}

func TestParseFoldAndSlugify(t *testing.T) {
	if got := vn.Fold("ĐĂNG Ký Thường Trú ở Hà Nội"); got != "dang ky thuong tru o ha noi" {
		t.Errorf("foldText: %q", got)
	}
	for _, tc := range []struct{ in, want string }{
		{"Đăng ký khai sinh", "dang-ky-khai-sinh"},
		{"  Cấp đổi giấy phép lái xe (GPLX) — trực tuyến!  ", "cap-doi-giay-phep-lai-xe-gplx-truc-tuyen"},
		{"Ưu đãi người có công", "uu-dai-nguoi-co-cong"},
		{"1.013124", "1-013124"},
		{"---", ""},
	} {
		if got := slugify(tc.in); got != tc.want {
			t.Errorf("slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseNewSlug(t *testing.T) {
	if got := NewSlug("Thủ tục đăng ký nghĩa vụ quân sự lần đầu", "1.013133"); got != "thu-tuc-dang-ky-nghia-vu-quan-su-lan-dau-1-013133" {
		t.Errorf("short name: %q", got)
	}
	long := "Thủ tục thẩm định và phê duyệt kế hoạch ứng phó sự cố tràn dầu của các cơ sở, dự án dầu khí ngoài khơi"
	got := NewSlug(long, "1.013124")
	base := strings.TrimSuffix(got, "-1-013124")
	if base == got || len(base) > slugNameMax || !strings.HasPrefix(slugify(long), base+"-") {
		t.Errorf("long name not cut at a word boundary within %d: %q", slugNameMax, got)
	}
	if NewSlug(long, "1.013124") != got {
		t.Error("slug not stable")
	}
	if got := NewSlug(strings.Repeat("x", 200), "A.1"); got != strings.Repeat("x", slugNameMax)+"-a-1" {
		t.Errorf("one long word: %q", got)
	}
	if got := NewSlug("!!!", "1.2"); got != "1-2" {
		t.Errorf("name without letters: %q", got)
	}
	if !slugPattern.MatchString(NewSlug("Đăng ký – kết hôn ", "2.000.528")) {
		t.Error("generated slug does not match the slug pattern")
	}
}

func TestParseSplitAudience(t *testing.T) {
	got := splitAudience("Công dân Việt Nam, Người nước ngoài, Cán bộ, công chức, viên chức, Tổ chức (không bao gồm doanh nghiệp, HTX), Hợp tác xã, Công dân Việt Nam")
	want := []string{"Công dân Việt Nam", "Người nước ngoài", "Cán bộ, công chức, viên chức", "Tổ chức (không bao gồm doanh nghiệp, HTX)", "Hợp tác xã"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if splitAudience("Không có thông tin") != nil {
		t.Error("no information should give no audience")
	}
}
