package vn

import "testing"

func TestIsCCCD(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"001099012345", true},
		{" 079 203 004 567 ", true},
		{"096123456789", true},
		{"097123456789", false}, // no province 097
		{"000123456789", false},
		{"123456789012", false},
		{"00109901234", false},   // 11 digits
		{"0010990123456", false}, // 13 digits
		{"00109901234a", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsCCCD(tt.in); got != tt.want {
			t.Errorf("IsCCCD(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsMobile(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"0912345678", true},
		{"0312345678", true},
		{"0512345678", true},
		{"0712345678", true},
		{"0812345678", true},
		{"0912 345 678", true},
		{"091.234.5678", true},
		{"+84912345678", true},
		{"(+84) 912 345 678", true},
		{"84912345678", true},
		{"0084912345678", true},
		{"0212345678", false}, // 02x is a landline
		{"0612345678", false},
		{"091234567", false},   // 9 digits
		{"09123456789", false}, // 11 digits
		{"+0912345678", false},
		{"+1 912 345 6789", false},
		{"0912a45678", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsMobile(tt.in); got != tt.want {
			t.Errorf("IsMobile(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestRedactPII(t *testing.T) {
	tests := []struct{ in, want string }{
		{"CCCD của tôi là 001099012345, gọi 0912345678 nhé",
			"CCCD của tôi là [số CCCD], gọi [số điện thoại] nhé"},
		{"sđt: 0912 345 678.", "sđt: [số điện thoại]."},
		{"sđt: +84 912 345 678", "sđt: [số điện thoại]"},
		{"số 091.234.5678 hoặc 0987-654-321", "số [số điện thoại] hoặc [số điện thoại]"},
		{"email nguyen.van.a+loa@gmail.com.vn giúp em", "email [email] giúp em"},
		{"0912345678@gmail.com", "[email]"},
		{"thẻ 4111 1111 1111 1111 hết hạn", "thẻ [số thẻ] hết hạn"},
		{"thẻ 9704-1234-5678-9012-345", "thẻ [số thẻ]"},
		{"cccd 079 203 004 567", "cccd [số CCCD]"},
		// Left alone: dates, amounts, procedure codes, short numbers.
		{"ngày 12/05/2024, lệ phí 50.000 đồng", "ngày 12/05/2024, lệ phí 50.000 đồng"},
		{"dự án 150.000.000.000 đồng", "dự án 150.000.000.000 đồng"},
		{"mã thủ tục 1.001193", "mã thủ tục 1.001193"},
		{"năm 2024 có 34 tỉnh", "năm 2024 có 34 tỉnh"},
		{"số 0212345678", "số 0212345678"}, // landline
		{"", ""},
	}
	for _, tt := range tests {
		if got := RedactPII(tt.in); got != tt.want {
			t.Errorf("RedactPII(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}
