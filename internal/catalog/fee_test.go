package catalog

import "testing"

func TestParseFeeVND(t *testing.T) {
	n := func(v int64) *int64 { return &v }
	for _, tc := range []struct {
		in   string
		want *int64
	}{
		{"Phí : 0 Đồng", n(0)},
		{"Lệ phí: 50.000 đồng", n(50000)},
		{"Lệ phí : 20000 Đồng", n(20000)},
		{"Phí: 1,200,000 đồng", n(1200000)},
		{"Phí : Không Đồng", n(0)},
		{"Phí : không Đồng", n(0)},
		{"Miễn phí", n(0)},
		{"Phí : 0 Đồng\nLệ phí : 0 Đồng", n(0)},
		{"Phí : 50.000 Đồng (Phí thẩm định)", n(50000)},
		{"Phí : 50.000 Đồng (50.000 đồng/hồ sơ)", n(50000)},
		{"Phí : 0 Đồng\nFile đính kèm: 64-btc.pdf", n(0)},
		{"", nil},
		{"Phí :  Đồng", nil},
		{"Phí : o Đồng", nil},
		{"Lệ phí : 1.5 USD", nil},
		{"Lệ phí :   (Thông tư số 249/2016/TT-BTC ngày 11 tháng 11 năm 2016)", nil},
		{"Phí : 2.000.000 Đồng (A)\nPhí : 3.500.000 Đồng (B)", nil},
		{"Phí : 50.000 Đồng (50.000 đồng/hồ sơ. Riêng sơ tuyển các ngành năng khiếu: 120.000 đồng/hồ sơ)", nil},
		{"Phí : Mức thu bằng 50% mức thu phí quy định Đồng", nil},
		{"Phí : 1.\tMức thu bằng 50% mức thu phí Đồng", nil},
		{"Phí : 50.000 Đồng (giảm 50% cho hồ sơ trực tuyến)", nil},
		{"Phí : 99999999999999999999 Đồng", nil},
		{"Theo quy định của Bộ Tài chính", nil},
	} {
		got := parseFeeVND(tc.in)
		switch {
		case got == nil && tc.want == nil:
		case got == nil || tc.want == nil || *got != *tc.want:
			t.Errorf("parseFeeVND(%q) = %v, want %v", tc.in, show(got), show(tc.want))
		}
	}
}

func show(p *int64) any {
	if p == nil {
		return "nil"
	}
	return *p
}
