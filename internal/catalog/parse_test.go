package catalog

import "testing"

func TestParseLineErrorMessage(t *testing.T) {
	for _, tc := range []struct {
		err  LineError
		want string
	}{
		{LineError{Line: 12, Field: "tên_thủ_tục", Msg: "trống"}, `dòng 12, trường "tên_thủ_tục": trống`},
		{LineError{Line: 5, Msg: "JSON không hợp lệ"}, `dòng 5: JSON không hợp lệ`},
		{LineError{Field: "code", Msg: "trống"}, `trường "code": trống`},
		{LineError{Msg: "hỏng"}, `hỏng`},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.err, got, tc.want)
		}
	}
}
