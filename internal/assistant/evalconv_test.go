package assistant

import (
	"strings"
	"testing"
)

const convSample = "# conversation, message, expected\n" +
	"1\tlàm hộ chiếu\tcap-ho-chieu-pho-thong\n" +
	"1\tmất bao lâu?\tcap-ho-chieu-pho-thong\n" +
	"\n" +
	"2\tdoi bang lai\tcap-doi-giay-phep-lai-xe|cap-lai-giay-phep-lai-xe\n" +
	"2\tcảm ơn\tout_of_scope\n" +
	"3\tkhai sinh\tdang-ky-khai-sinh\n"

func TestReadConversationSet(t *testing.T) {
	convs, err := ReadConversationSet(strings.NewReader(convSample))
	if err != nil {
		t.Fatal(err)
	}
	if len(convs) != 3 || len(convs[0].Turns) != 2 || len(convs[1].Turns) != 2 || len(convs[2].Turns) != 1 {
		t.Fatalf("%+v", convs)
	}
	if c := convs[0]; c.Number != "1" || c.Turns[0].Style != StyleFirst || c.Turns[1].Style != StyleFollowUp || c.Turns[1].Line != 3 {
		t.Errorf("%+v", c)
	}
	if q := convs[1].Turns[0]; len(q.Expected) != 2 {
		t.Errorf("%+v", q)
	}
	if q := convs[1].Turns[1]; !q.OutOfScope {
		t.Errorf("%+v", q)
	}
	for _, bad := range []string{
		"1\tlàm hộ chiếu\n",                        // no expected
		"\tlàm hộ chiếu\tcap-ho-chieu-pho-thong\n", // no number
		"1\t\tcap-ho-chieu-pho-thong\n",            // no message
		"1\ta\tcap-ho-chieu-pho-thong\n2\tb\tdang-ky-khai-sinh\n1\tc\tcap-ho-chieu-pho-thong\n", // 1 resumes
	} {
		if _, err := ReadConversationSet(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestPickExpected(t *testing.T) {
	q := EvalQuestion{Expected: []string{"b", "x"}}
	offer := &Answer{Status: StatusClarify, Options: []Option{{Slug: "a"}, {Slug: "b"}, {Slug: "c"}}}
	if got := q.PickExpected(offer); got != "2" {
		t.Errorf("pick %q, want 2", got)
	}
	if got := q.PickExpected(&Answer{Status: StatusClarify, Options: []Option{{Slug: "a"}}}); got != "" {
		t.Errorf("pick %q among options without the expected one", got)
	}
	if got := q.PickExpected(&Answer{Status: StatusAnswered, Sources: []Source{{Slug: "b"}}}); got != "" {
		t.Errorf("pick %q after an answer", got)
	}
}
