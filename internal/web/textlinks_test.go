package web

import "testing"

func TestTextLinks(t *testing.T) {
	for in, want := range map[string]string{
		"Xem hướng dẫn đầy đủ: https://loa.gov.vn/dich-vu/dang-ky-khai-sinh": `Xem hướng dẫn đầy đủ: <a href="https://loa.gov.vn/dich-vu/dang-ky-khai-sinh">https://loa.gov.vn/dich-vu/dang-ky-khai-sinh</a>`,
		"Nộp tại http://a.vn/x.":                   `Nộp tại <a href="http://a.vn/x">http://a.vn/x</a>.`,
		"(xem https://a.vn/b?c=1&d=2)":             `(xem <a href="https://a.vn/b?c=1&amp;d=2">https://a.vn/b?c=1&amp;d=2</a>)`,
		`<b>đậm</b> "https://x.vn/"><script>`:      `&lt;b&gt;đậm&lt;/b&gt; &#34;<a href="https://x.vn/">https://x.vn/</a>&#34;&gt;&lt;script&gt;`,
		"dichvucong.gov.vn và javascript:alert(1)": "dichvucong.gov.vn và javascript:alert(1)",
		"": "",
	} {
		if got := string(textLinks(in)); got != want {
			t.Errorf("textLinks(%q) =\n%s\nwant\n%s", in, got, want)
		}
	}
}
