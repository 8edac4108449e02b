package surveys

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/internal/audit"
	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
)

var fixedNow = time.Date(2026, 3, 2, 2, 30, 0, 0, time.UTC)

// editor is the staff member making changes in these tests.
var editor = audit.Actor{ID: 7, Name: "bientap.hanoi", Agency: "UBND-01"}

type testPlaces struct{}

func (testPlaces) Province(c string) bool   { return testLookup.Province(c) }
func (testPlaces) Commune(p, c string) bool { return testLookup.Commune(p, c) }

func testStore(d *db.DB) *Store {
	return NewStore(d, WithClock(func() time.Time { return fixedNow }), WithPlaces(testPlaces{}))
}

func countRows(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// published creates a survey with def as its live version.
func published(t *testing.T, s *Store, slug, def string) (*Survey, *Version) {
	t.Helper()
	ctx := context.Background()
	sv, err := s.Create(ctx, NewSurvey{Slug: slug, Agency: "UBND-01", Title: "Khảo sát thử", By: editor})
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.SaveVersion(ctx, editor, sv.ID, []byte(def), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(ctx, editor, sv.ID, v.ID); err != nil {
		t.Fatal(err)
	}
	sv, err = s.Get(ctx, sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	return sv, v
}

func TestSurveyLifecycle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		var inv *InvalidError
		if _, err := s.Create(ctx, NewSurvey{Slug: "Sai Dia Chi", Title: "", Agency: "UBND-01"}); !errors.As(err, &inv) || inv.Message("slug") == "" || inv.Message("title") == "" {
			t.Fatalf("bad create = %v", err)
		}
		sv, err := s.Create(ctx, NewSurvey{Slug: "hai-long", Agency: "UBND-01", Title: "Hài lòng", By: editor})
		if err != nil {
			t.Fatal(err)
		}
		if sv.Accepting() {
			t.Error("a survey without a published version accepts responses")
		}
		if _, err := s.Create(ctx, NewSurvey{Slug: "hai-long", Agency: "BCA", Title: "Khác"}); !errors.Is(err, ErrSlugTaken) {
			t.Errorf("duplicate slug: %v", err)
		}
		vs, err := s.Versions(ctx, sv.ID)
		if err != nil || len(vs) != 1 || vs[0].Number != 1 {
			t.Fatalf("versions after create: %v %v", vs, err)
		}
		// A bad definition stores nothing.
		var de *DefinitionError
		if _, err := s.SaveVersion(ctx, editor, sv.ID, []byte(`{"pages":[]}`), ""); !errors.As(err, &de) {
			t.Fatalf("bad definition: %v", err)
		}
		v2, err := s.SaveVersion(ctx, editor, sv.ID, DemoDefinition(), "Bộ câu hỏi mới")
		if err != nil {
			t.Fatal(err)
		}
		if v2.Number != 2 || countRows(t, d, "survey_versions") != 2 {
			t.Fatalf("version number %d", v2.Number)
		}
		if err := s.Publish(ctx, editor, sv.ID, v2.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Publish(ctx, editor, sv.ID+1, v2.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("publish another survey's version: %v", err)
		}
		got, err := s.BySlug(ctx, "hai-long")
		if err != nil || got.LiveVersionID != v2.ID || !got.Accepting() {
			t.Fatalf("after publish: %+v %v", got, err)
		}
		live, err := s.Live(ctx, got)
		if err != nil || live.Definition.Question("hai_long") == nil || live.PublishedAt.IsZero() {
			t.Fatalf("live: %+v %v", live, err)
		}
		if err := s.SetState(ctx, editor, sv.ID, StateClosed); err != nil {
			t.Fatal(err)
		}
		if err := s.SetResultsPublic(ctx, editor, sv.ID, true); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Get(ctx, sv.ID)
		if got.Accepting() || !got.ResultsPublic {
			t.Errorf("after close: %+v", got)
		}
		if _, err := s.Submit(ctx, sv.ID, Submission{Raw: Answers{}}); !errors.Is(err, ErrClosed) {
			t.Errorf("submit to closed survey: %v", err)
		}
		list, err := s.List(ctx, []string{"BCA"})
		if err != nil || len(list) != 0 {
			t.Errorf("list of another agency: %v %v", list, err)
		}
		list, err = s.List(ctx, nil)
		if err != nil || len(list) != 1 {
			t.Errorf("list all: %v %v", list, err)
		}
	})
}

func TestSubmit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		sv, v := published(t, s, "demo", string(DemoDefinition()))
		raw := Answers{"dich_vu": {"khai_sinh"}, "hai_long": {"4"}, "gap_kho": {"no"}, "loai_kho_khan": {"khac"}, "dia_ban": {"79"}}
		r, err := s.Submit(ctx, sv.ID, Submission{Raw: raw, IdempotencyKey: "key-00000001"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Repeat || r.VersionID != v.ID {
			t.Errorf("first submit: %+v", r)
		}
		if _, ok := r.Answers["loai_kho_khan"]; ok {
			t.Error("answer of a skipped page stored")
		}
		// The same key again: the first response, nothing new stored.
		again, err := s.Submit(ctx, sv.ID, Submission{Raw: Answers{}, IdempotencyKey: "key-00000001"})
		if err != nil || !again.Repeat || again.ID != r.ID {
			t.Fatalf("repeat: %+v %v", again, err)
		}
		if n := countRows(t, d, "survey_responses"); n != 1 {
			t.Errorf("%d responses after a repeat", n)
		}
		// Invalid answers store nothing and name the question.
		var inv *InvalidError
		if _, err := s.Submit(ctx, sv.ID, Submission{Raw: Answers{"dich_vu": {"khai_sinh"}}}); !errors.As(err, &inv) || inv.Message("hai_long") == "" {
			t.Errorf("invalid submit: %v", err)
		}
		if _, err := s.Submit(ctx, sv.ID, Submission{Raw: raw, IdempotencyKey: "bad key!"}); !errors.As(err, &inv) {
			t.Errorf("malformed key: %v", err)
		}
		if n := countRows(t, d, "survey_responses"); n != 1 {
			t.Errorf("%d responses after invalid submissions", n)
		}
	})
}

// TestSubmitConcurrentSameKey sends one response twice at once with the
// same key, as a double-click on a slow line does: one is stored.
func TestSubmitConcurrentSameKey(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		sv, _ := published(t, s, "demo", string(DemoDefinition()))
		raw := Answers{"dich_vu": {"khai_sinh"}, "hai_long": {"4"}, "gap_kho": {"no"}}
		var wg sync.WaitGroup
		ids := make([]int64, 4)
		errs := make([]error, 4)
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := s.Submit(ctx, sv.ID, Submission{Raw: raw, IdempotencyKey: "same-key-123"})
				errs[i] = err
				if err == nil {
					ids[i] = r.ID
				}
			}()
		}
		wg.Wait()
		for i := range ids {
			if errs[i] != nil || ids[i] != ids[0] {
				t.Errorf("submission %d: id %d, err %v; want id %d", i, ids[i], errs[i], ids[0])
			}
		}
		if n := countRows(t, d, "survey_responses"); n != 1 {
			t.Errorf("%d responses stored", n)
		}
	})
}

func TestOnePerIdentity(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		def := `{"identity":"phone","one_per_identity":true,"pages":[{"id":"p1","questions":[{"id":"a","type":"yes_no","label":"x"}]}]}`
		sv, _ := published(t, s, "mot-lan", def)
		r, err := s.Submit(ctx, sv.ID, Submission{Raw: Answers{IdentityField: {"0912 345 678"}, "a": {"yes"}}})
		if err != nil || r.Respondent != "0912345678" {
			t.Fatalf("first: %+v %v", r, err)
		}
		// The same number written another way is the same identity.
		if _, err := s.Submit(ctx, sv.ID, Submission{Raw: Answers{IdentityField: {"+84912345678"}, "a": {"no"}}}); !errors.Is(err, ErrAlreadyResponded) {
			t.Errorf("second response of one identity: %v", err)
		}
		if _, err := s.Submit(ctx, sv.ID, Submission{Raw: Answers{IdentityField: {"0987654321"}}}); err != nil {
			t.Errorf("another identity: %v", err)
		}
		// The index holds a keyed hash, never the number.
		var key string
		if err := d.QueryRow(ctx, "SELECT identity_key FROM survey_responses WHERE id = ?", r.ID).Scan(&key); err != nil {
			t.Fatal(err)
		}
		if len(key) != 64 || strings.Contains(key, "912345678") {
			t.Errorf("identity key %q", key)
		}
		// Another survey: the same person may answer it, with another hash.
		sv2, _ := published(t, s, "mot-lan-2", def)
		r2, err := s.Submit(ctx, sv2.ID, Submission{Raw: Answers{IdentityField: {"0912345678"}}})
		if err != nil {
			t.Fatal(err)
		}
		var key2 string
		if err := d.QueryRow(ctx, "SELECT identity_key FROM survey_responses WHERE id = ?", r2.ID).Scan(&key2); err != nil {
			t.Fatal(err)
		}
		if key2 == key {
			t.Error("identity hashes of two surveys are equal")
		}
	})
}

var (
	pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	pdfBytes = []byte("%PDF-1.7\n%âãÏÓ\n")
)

func TestFiles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		def := `{"pages":[{"id":"p1","questions":[{"id":"tep","type":"file","label":"Ảnh","required":true,"max_kb":1}]}]}`
		sv, v := published(t, s, "tep", def)
		q := v.Definition.Question("tep")
		var inv *InvalidError
		if _, err := s.SaveFile(ctx, sv, q, "a.exe", []byte("MZ\x90\x00 not an image")); !errors.As(err, &inv) || !strings.Contains(inv.Message("tep"), "PDF, JPEG hoặc PNG") {
			t.Errorf("wrong type: %v", err)
		}
		if _, err := s.SaveFile(ctx, sv, q, "big.pdf", append(pdfBytes, make([]byte, 2000)...)); !errors.As(err, &inv) || !strings.Contains(inv.Message("tep"), "vượt giới hạn 1 KB") {
			t.Errorf("too large: %v", err)
		}
		if n := countRows(t, d, "survey_files"); n != 0 {
			t.Fatalf("%d files stored after refusals", n)
		}
		// A PNG named .pdf is stored as the PNG it is.
		f, err := s.SaveFile(ctx, sv, q, `C:\Users\an\giay to.pdf`, pngBytes)
		if err != nil {
			t.Fatal(err)
		}
		if f.ContentType != TypePNG || f.Name != "giay to.png" {
			t.Errorf("file %+v", f)
		}
		r, err := s.Submit(ctx, sv.ID, Submission{Raw: Answers{"tep": {f.Token}}})
		if err != nil {
			t.Fatal(err)
		}
		got, data, err := s.FileData(ctx, sv.ID, f.ID)
		if err != nil || got.ResponseID != r.ID || !bytes.Equal(data, pngBytes) {
			t.Fatalf("file after submit: %+v %v", got, err)
		}
		// A claimed file cannot be used by another response.
		if _, err := s.Submit(ctx, sv.ID, Submission{Raw: Answers{"tep": {f.Token}}}); !errors.As(err, &inv) || inv.Message("tep") == "" {
			t.Errorf("file reused: %v", err)
		}
		// Unclaimed files are pruned; claimed ones stay.
		if _, err := s.SaveFile(ctx, sv, q, "x.pdf", pdfBytes); err != nil {
			t.Fatal(err)
		}
		n, err := s.PruneFiles(ctx, fixedNow.Add(time.Hour))
		if err != nil || n != 1 || countRows(t, d, "survey_files") != 1 {
			t.Errorf("prune: %d %v", n, err)
		}
	})
}

func TestResultsAndExport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := testStore(d)
		sv, err := s.SeedDemo(ctx, "UBND-01", editor)
		if err != nil {
			t.Fatal(err)
		}
		if again, err := s.SeedDemo(ctx, "UBND-01", editor); err != nil || again.ID != sv.ID {
			t.Fatalf("second seed: %v", err)
		}
		v, err := s.Live(ctx, sv)
		if err != nil {
			t.Fatal(err)
		}
		// One response with text that a spreadsheet would run.
		if _, err := s.Submit(ctx, sv.ID, Submission{Raw: Answers{"dich_vu": {"khac"}, "hai_long": {"1"}, "gap_kho": {"no"},
			"gop_y": {"=HYPERLINK(\"http://x\")\x01 <b>"}}}); err != nil {
			t.Fatal(err)
		}
		res, err := s.Results(ctx, v)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 25 {
			t.Fatalf("total %d", res.Total)
		}
		var sum, n float64
		err = s.Responses(ctx, v.ID, func(r *Response) error {
			f, _ := parseNumber(r.Answers["hai_long"][0])
			sum, n = sum+f, n+1
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, qr := range res.Questions {
			switch qr.Question.ID {
			case "hai_long":
				if !qr.HasAverage || qr.Average != sum/n || len(qr.Options) != 5 || qr.Answered != 25 {
					t.Errorf("hai_long: %+v", qr)
				}
				total := 0
				for _, o := range qr.Options {
					total += o.Count
				}
				if total != 25 {
					t.Errorf("rating counts add to %d", total)
				}
			case "gap_kho":
				if qr.Options[0].Label != "Có" || qr.Options[0].Count+qr.Options[1].Count != 25 {
					t.Errorf("gap_kho: %+v", qr.Options)
				}
			case "gop_y":
				if len(qr.Texts) != 1 {
					t.Errorf("gop_y texts %q", qr.Texts)
				}
			}
		}
		tab, err := s.Export(ctx, v)
		if err != nil {
			t.Fatal(err)
		}
		if len(tab.Rows) != 25 || len(tab.Header) != 2+len(v.Definition.Questions()) {
			t.Fatalf("table %d rows, header %q", len(tab.Rows), tab.Header)
		}
		var csvOut bytes.Buffer
		if err := tab.WriteCSV(&csvOut); err != nil {
			t.Fatal(err)
		}
		text := csvOut.String()
		if !strings.HasPrefix(text, "\uFEFFSố thứ tự,") {
			t.Errorf("CSV starts %q", text[:20])
		}
		if !strings.Contains(text, `"'=HYPERLINK(""http://x"")`) {
			t.Errorf("formula not defused in CSV:\n%s", text)
		}
		if !strings.Contains(text, "Đăng ký khai sinh") {
			t.Error("CSV lacks option labels")
		}
		var x bytes.Buffer
		if err := tab.WriteXLSX(&x, "Kết quả: khảo sát"); err != nil {
			t.Fatal(err)
		}
		cells := readXLSX(t, x.Bytes())
		if len(cells) != 26 || cells[0][0] != "Số thứ tự" {
			t.Fatalf("xlsx rows %d, first %q", len(cells), cells[0])
		}
		found := false
		for _, row := range cells {
			for _, c := range row {
				if strings.HasPrefix(c, `=HYPERLINK("http://x") <b>`) {
					found = true // kept as text, control character dropped
				}
			}
		}
		if !found {
			t.Error("xlsx lacks the text answer")
		}
	})
}

// readXLSX opens a workbook the way a spreadsheet does: the zip, the
// content types, the sheet as XML; it returns the cell texts by row.
func readXLSX(t *testing.T, b []byte) [][]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"} {
		if _, ok := files[name]; !ok {
			t.Fatalf("xlsx lacks %s", name)
		}
		var any struct{}
		if err := xml.Unmarshal(files[name], &any); err != nil {
			t.Fatalf("%s is not XML: %v", name, err)
		}
	}
	var sheet struct {
		Rows []struct {
			Cells []struct {
				Ref   string `xml:"r,attr"`
				Type  string `xml:"t,attr"`
				Value string `xml:"v"`
				Text  string `xml:"is>t"`
			} `xml:"c"`
		} `xml:"sheetData>row"`
	}
	if err := xml.Unmarshal(files["xl/worksheets/sheet1.xml"], &sheet); err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, r := range sheet.Rows {
		var row []string
		for _, c := range r.Cells {
			if c.Type == "inlineStr" {
				row = append(row, c.Text)
			} else {
				row = append(row, c.Value)
			}
		}
		out = append(out, row)
	}
	return out
}

func TestColumnName(t *testing.T) {
	for c, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := columnName(c); got != want {
			t.Errorf("columnName(%d) = %q, want %q", c, got, want)
		}
	}
}

func TestMaskIdentity(t *testing.T) {
	for in, want := range map[string]string{"0912345678": "091****678", "nguyenvana@gmail.com": "ng***@gmail.com", "an@x.vn": "a***@x.vn", "": ""} {
		if got := MaskIdentity(in); got != want {
			t.Errorf("MaskIdentity(%q) = %q, want %q", in, got, want)
		}
	}
}
