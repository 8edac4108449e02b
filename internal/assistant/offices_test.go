package assistant

import "testing"

func TestOfficeSpans(t *testing.T) {
	for q, want := range map[string]string{
		"lam o dau, bhxh huyen hay xa":                   "bhxh huyen hay xa",
		"có phải lên công an xã hoặc tỉnh không":         "công an xã hoặc tỉnh",
		"làm ở chỗ đang tạm trú được ko":                 "chỗ đang tạm trú",
		"nộp ở ủy ban nhân dân phường được không":        "ủy ban nhân dân phường",
		"đăng ký tạm trú ở đâu":                          "",
		"rút bhxh 1 lần":                                 "",
		"bhxh huyện hay là xin ở đâu":                    "bhxh huyện",
		"nop qua dvc quoc gia hay vneid":                 "dvc quoc gia hay vneid",
		"làm trên app vneid được không":                  "app vneid",
		"đăng ký vneid mức 2 thế nào":                    "",
		"mình dùng tài khoản vneid của mình nộp được ko": "tài khoản vneid",
	} {
		checkSpans(t, officeSpans, q, want)
	}
}
