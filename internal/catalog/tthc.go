package catalog

import (
	"github.com/loa-vn/loa/internal/vn"

	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// SourceTTHC is the Source of records imported from the national database.
const SourceTTHC = "CSDL quốc gia về TTHC"

// maxTTHCLine bounds one record; the largest real one is about 22 KB.
const maxTTHCLine = 4 << 20

// nationalPortalURL is the detail page of a procedure on the National Public
// Service Portal. NOTE: some portal links seen in the wild carry an internal
// numeric id in ma_thu_tuc rather than the national code; check this link
// against the live portal and change it here if it does not resolve.
func nationalPortalURL(code string) string {
	return "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=" + url.QueryEscape(code)
}

// tthcRecord is one line of the national database export (see
// /work/shared/data/tthc/SOURCE.md). Only the modelled parts are listed;
// the whole line is kept in Service.Raw.
type tthcRecord struct {
	ID       jsonText `json:"thu_tuc_id"`
	Metadata struct {
		Code     jsonText `json:"mã_thủ_tục"`
		Name     jsonText `json:"tên_thủ_tục"`
		Decision jsonText `json:"số_quyết_định"`
		Levels   jsonText `json:"cấp_thực_hiện"`
		Field    jsonText `json:"lĩnh_vực"`
	} `json:"metadata"`
	Content struct {
		Steps      jsonText `json:"trình_tự_thực_hiện"`
		Audience   jsonText `json:"đối_tượng_thực_hiện"`
		Agency     jsonText `json:"cơ_quan_thực_hiện"`
		Authority  jsonText `json:"cơ_quan_có_thẩm_quyền"`
		Result     jsonText `json:"kết_quả_thực_hiện"`
		Conditions jsonText `json:"yêu_cầu_điều_kiện_thực_hiện"`
		Keywords   jsonText `json:"từ_khóa"`
	} `json:"content"`
	Tables struct {
		Channels []struct {
			Kind jsonText `json:"hinh_thuc"`
			Time jsonText `json:"thoi_han_giai_quyet"`
			Fee  jsonText `json:"phi_le_phi"`
			Note jsonText `json:"mo_ta"`
		} `json:"hinh_thuc_nop"`
		Documents []struct {
			Name  jsonText `json:"ten_giay_to"`
			Count jsonText `json:"so_luong"`
			Note  jsonText `json:"ghi_chu"`
		} `json:"thanh_phan_ho_so"`
		Legal []struct {
			Number  jsonText `json:"so_ky_hieu"`
			Summary jsonText `json:"trich_yeu"`
		} `json:"can_cu_phap_ly"`
	} `json:"tables"`
}

// jsonText is a text field that also accepts a number or a boolean, written
// as in the file, and null as empty: exports from spreadsheets turn codes
// and counts into numbers, and refusing the record for that would help
// nobody. Objects and arrays are still an error.
type jsonText string

// UnmarshalJSON implements json.Unmarshaler.
func (t *jsonText) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = jsonText(s)
	case bytes.Equal(b, []byte("null")):
		*t = ""
	case len(b) > 0 && (b[0] == '{' || b[0] == '['):
		return &json.UnmarshalTypeError{Value: "object or array", Type: reflect.TypeFor[string]()}
	default:
		*t = jsonText(b)
	}
	return nil
}

// ParseTTHC reads JSON Lines in the schema of the national database of
// administrative procedures (CSDL quốc gia về TTHC): one procedure a line.
//
// Every record that cannot be used is reported in the result's Errors with
// its line and field, and the others are returned; the error is only for a
// failure to read or for input that is not JSON Lines at all. Blank lines
// are skipped. All text is NFC; Raw keeps the whole line (in NFC). See
// docs/import-services.md for how each field is mapped.
func ParseTTHC(r io.Reader) (*ParseResult, error) {
	res := &ParseResult{}
	br := bufio.NewReaderSize(r, 64<<10)
	seenCode := map[string]int{}
	seenSlug := map[string]int{}
	first := true
	for lineNo := 1; ; lineNo++ {
		line, tooLong, err := readLine(br, maxTTHCLine)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("catalog: tthc: read line %d: %w", lineNo, err)
		}
		if first && lineNo == 1 {
			line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
		}
		trimmed := bytes.TrimSpace(line)
		switch {
		case tooLong:
			res.reject(lineNo, "", "dòng dài quá %d MiB; mỗi dòng phải là một thủ tục", maxTTHCLine>>20)
		case len(trimmed) == 0:
			// blank line
		default:
			if first {
				first = false
				if trimmed[0] != '{' {
					return nil, notJSONLines(lineNo, trimmed)
				}
			}
			svc, le := parseTTHCLine(trimmed)
			if le != nil {
				le.Line = lineNo
				res.Errors = append(res.Errors, le)
				break
			}
			if prev, ok := seenCode[svc.Code]; ok {
				res.reject(lineNo, "mã_thủ_tục", "mã thủ tục %s đã có ở dòng %d", svc.Code, prev)
				break
			}
			if prev, ok := seenSlug[svc.Slug]; ok {
				res.reject(lineNo, "slug", "đường dẫn %q trùng với thủ tục ở dòng %d", svc.Slug, prev)
				break
			}
			seenCode[svc.Code], seenSlug[svc.Slug] = lineNo, lineNo
			res.add(svc, lineNo)
		}
		if errors.Is(err, io.EOF) {
			return res, nil
		}
	}
}

// notJSONLines explains a file whose first record is not a JSON object.
func notJSONLines(line int, b []byte) error {
	if b[0] == '[' {
		return fmt.Errorf("catalog: tthc: dòng %d: tệp là một mảng JSON; cần JSON Lines (mỗi dòng một đối tượng JSON, một thủ tục)", line)
	}
	return fmt.Errorf("catalog: tthc: dòng %d không phải một đối tượng JSON; tệp không ở dạng JSON Lines (mỗi dòng một thủ tục)", line)
}

// readLine reads one line without its line end. A line longer than max is
// consumed and reported as tooLong rather than held in memory.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		return line, tooLong, err
	}
}

// parseTTHCLine maps one record. The LineError it returns has no line yet.
func parseTTHCLine(line []byte) (Service, *LineError) {
	fail := func(field, format string, args ...any) (Service, *LineError) {
		return Service{}, &LineError{Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	if line[0] != '{' {
		return fail("json", "dòng không phải một đối tượng JSON")
	}
	if !json.Valid(line) {
		var syn *json.SyntaxError
		if err := json.Unmarshal(line, new(any)); errors.As(err, &syn) {
			return fail("json", "JSON không hợp lệ ở byte %d (bản ghi bị cắt hoặc hỏng?): %v", syn.Offset, err)
		}
		return fail("json", "JSON không hợp lệ (bản ghi bị cắt hoặc hỏng?)")
	}
	if !utf8.Valid(line) {
		return fail("", "dòng không phải văn bản UTF-8 hợp lệ")
	}
	// NFC first: the sheets mix composed and decomposed Vietnamese, and the
	// keys themselves must match the NFC names below.
	line = norm.NFC.Bytes(line)
	var rec tthcRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			field := typ.Field
			if field == "" {
				field = "json"
			}
			want := "văn bản"
			if typ.Type != nil {
				want = typeName(typ.Type.String())
			}
			return fail(field, "sai kiểu dữ liệu: cần %s, gặp %s", want, typ.Value)
		}
		return fail("json", "JSON không hợp lệ: %v", err)
	}

	code, meta := cleanLine(string(rec.ID)), cleanLine(string(rec.Metadata.Code))
	switch {
	case code == "" && meta == "":
		return fail("mã_thủ_tục", "trống (cần thu_tuc_id hoặc metadata.mã_thủ_tục)")
	case code == "":
		code = meta
	case meta != "" && meta != code:
		return fail("mã_thủ_tục", "thu_tuc_id %q khác metadata.mã_thủ_tục %q", code, meta)
	}
	if len(code) > maxCodeLen || !codePattern.MatchString(code) {
		return fail("mã_thủ_tục", "mã %q không hợp lệ: chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới", code)
	}
	name := cleanLine(string(rec.Metadata.Name))
	if name == "" {
		return fail("tên_thủ_tục", "trống")
	}
	levels, err := parseTTHCLevels(string(rec.Metadata.Levels))
	if err != nil {
		return fail("cấp_thực_hiện", "%v", err)
	}

	svc := Service{
		Code:       code,
		Slug:       NewSlug(name, code),
		Name:       name,
		Field:      cleanLine(string(rec.Metadata.Field)),
		Levels:     levels,
		Agencies:   agenciesFromDecision(string(rec.Metadata.Decision)),
		AgencyText: cleanLine(string(rec.Content.Agency)),
		Audience:   splitAudience(string(rec.Content.Audience)),
		Steps:      splitSteps(string(rec.Content.Steps)),
		Result:     cleanText(string(rec.Content.Result)),
		Keywords:   dedupe(splitAny(string(rec.Content.Keywords), ",;\n")),
		PortalURL:  nationalPortalURL(code),
		Source:     SourceTTHC,
		Raw:        json.RawMessage(line),
	}
	if svc.AgencyText == "" {
		svc.AgencyText = cleanLine(string(rec.Content.Authority))
	}
	if c := cleanText(string(rec.Content.Conditions)); !isNone(c) {
		svc.Conditions = c
	}
	for i, row := range rec.Tables.Channels {
		if row.Kind == "" && row.Time == "" && row.Fee == "" && row.Note == "" {
			continue
		}
		kind, ok := channelKind(string(row.Kind))
		if !ok {
			return fail(fmt.Sprintf("hinh_thuc_nop[%d].hinh_thuc", i), "hình thức nộp %q không rõ; cần Trực tiếp, Trực tuyến hoặc Dịch vụ bưu chính", cleanLine(string(row.Kind)))
		}
		fee := cleanText(string(row.Fee))
		ch := Channel{
			Kind:           kind,
			ProcessingTime: cleanLine(string(row.Time)),
			Fee:            fee,
			FeeVND:         parseFeeVND(fee),
			Note:           cleanText(string(row.Note)),
		}
		if !containsChannel(svc.Channels, ch) {
			svc.Channels = append(svc.Channels, ch)
		}
	}
	for _, row := range rec.Tables.Documents {
		doc, ok := tthcDocument(string(row.Name), string(row.Count), string(row.Note))
		if ok {
			svc.Documents = append(svc.Documents, doc)
		}
	}
	for _, row := range rec.Tables.Legal {
		if lb := legalBasis(string(row.Number), string(row.Summary)); lb != "" {
			svc.LegalBasis = append(svc.LegalBasis, lb)
		}
	}
	svc.LegalBasis = dedupe(svc.LegalBasis)
	svc.OnlineLevel = onlineLevelFromChannels(svc.Channels)

	if err := svc.Validate(); err != nil {
		// Should not happen: the mapping above only builds valid records.
		// Kept so that a gap in it rejects the record instead of storing it.
		var le *LineError
		if errors.As(err, &le) {
			return fail(tthcFieldName(le.Field), "%s", le.Msg)
		}
		return fail("", "%v", err)
	}
	return svc, nil
}

// tthcFieldName maps a Service field to the national schema's name for it.
func tthcFieldName(field string) string {
	switch field {
	case "code":
		return "mã_thủ_tục"
	case "name", "slug":
		return "tên_thủ_tục"
	case "levels":
		return "cấp_thực_hiện"
	case "field":
		return "lĩnh_vực"
	case "channels":
		return "hinh_thuc_nop"
	case "documents":
		return "thanh_phan_ho_so"
	case "legal_basis":
		return "can_cu_phap_ly"
	case "steps":
		return "trình_tự_thực_hiện"
	case "audience":
		return "đối_tượng_thực_hiện"
	case "agency_text":
		return "cơ_quan_thực_hiện"
	case "conditions":
		return "yêu_cầu_điều_kiện_thực_hiện"
	case "result":
		return "kết_quả_thực_hiện"
	case "keywords":
		return "từ_khóa"
	}
	return field
}

// typeName says a Go type in words staff understand.
func typeName(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "danh sách"
	case strings.HasPrefix(t, "struct"), strings.HasPrefix(t, "catalog."):
		return "đối tượng"
	}
	return "văn bản"
}

// parseTTHCLevels maps "Cấp Bộ, Cấp Tỉnh, Cấp Xã" to levels, in the order
// ministry, province, commune, without repeats.
func parseTTHCLevels(s string) ([]Level, error) {
	have := map[Level]bool{}
	for _, part := range splitAny(s, ",;\n") {
		f := strings.TrimPrefix(vn.Fold(part), "cap ")
		switch strings.TrimSpace(f) {
		case "bo", "trung uong":
			have[LevelMinistry] = true
		case "tinh":
			have[LevelProvince] = true
		case "xa":
			have[LevelCommune] = true
		case "huyen":
			// There are no districts since 1 July 2025 (two-tier local
			// government, Resolution 202/2025/QH15 and the 2025 Law on
			// Local Government): district-level procedures passed to the
			// communes, so older sheets' "Cấp Huyện" now means "Cấp Xã".
			have[LevelCommune] = true
		case "co quan khac":
			// "Other agency" is not an administrative level; who handles the
			// procedure is in cơ_quan_thực_hiện (AgencyText).
		default:
			return nil, fmt.Errorf("cấp thực hiện %q không rõ; cần Cấp Bộ, Cấp Tỉnh hoặc Cấp Xã", part)
		}
	}
	var out []Level
	for _, l := range []Level{LevelMinistry, LevelProvince, LevelCommune} {
		if have[l] {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("trống; cần ít nhất một trong Cấp Bộ, Cấp Tỉnh, Cấp Xã")
	}
	return out, nil
}

// splitAny splits s at any of the separator characters and returns the
// cleaned, non-empty parts.
func splitAny(s, seps string) []string {
	s = cleanText(s)
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if p = cleanLine(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// channelKind maps a submission channel name, in the national wording or
// as our slug.
func channelKind(s string) (ChannelKind, bool) {
	switch f := slugify(s); {
	case f == "truc-tiep":
		return ChannelInPerson, true
	case f == "truc-tuyen":
		return ChannelOnline, true
	case f == "buu-chinh", f == "dich-vu-buu-chinh", f == "buu-dien", strings.Contains(f, "buu-chinh"):
		return ChannelPost, true
	}
	return "", false
}

func containsChannel(list []Channel, ch Channel) bool {
	for _, c := range list {
		if c.Kind == ch.Kind && c.ProcessingTime == ch.ProcessingTime && c.Fee == ch.Fee && c.Note == ch.Note {
			return true
		}
	}
	return false
}

// onlineLevelFromChannels derives the online level from the channels, the
// only evidence the national export gives (cách_thức_thực_hiện is empty in
// it): no online channel means not online; online as the only channel means
// the whole procedure is done online (in the real data these are the
// electronic border procedures, whose result is an electronic
// confirmation), so "toàn trình"; online beside other channels is only
// known to be "một phần". Editors can raise a level the data cannot show.
func onlineLevelFromChannels(chs []Channel) OnlineLevel {
	online, other := false, false
	for _, c := range chs {
		if c.Kind == ChannelOnline {
			online = true
		} else {
			other = true
		}
	}
	switch {
	case online && !other:
		return OnlineFull
	case online:
		return OnlinePartial
	}
	return OnlineNone
}

var (
	originalsRe = regexp.MustCompile(`(?i)bản\s*chính\s*:\s*(\d{1,3})`)
	copiesRe    = regexp.MustCompile(`(?i)bản\s*sao\s*:\s*(\d{1,3})`)
	templateRe  = regexp.MustCompile(`(?i)\.(?:docx?|pdf|xlsx?|odt|ods|rtf|zip|rar)$`)
)

// tthcDocument maps one row of thanh_phan_ho_so: the counts come from
// ghi_chu ("Bản chính: 1\nBản sao: 0"), whatever else ghi_chu says becomes
// the note, and so_luong is the template when it is a file name (the
// export put the template's file name in the quantity column).
func tthcDocument(name, count, note string) (Document, bool) {
	d := Document{Name: trimBullet(cleanLine(name))}
	note = cleanText(note)
	if m := originalsRe.FindStringSubmatch(note); m != nil {
		d.Originals, _ = strconv.Atoi(m[1]) // at most 3 digits: cannot fail
	}
	if m := copiesRe.FindStringSubmatch(note); m != nil {
		d.Copies, _ = strconv.Atoi(m[1])
	}
	note = cleanText(copiesRe.ReplaceAllString(originalsRe.ReplaceAllString(note, ""), ""))
	count = cleanLine(count)
	switch {
	case count == "":
	case templateRe.MatchString(count):
		d.Template = count
	default:
		note = strings.TrimSpace(strings.Join([]string{count, note}, "\n"))
	}
	d.Note = note
	if d.Name == "" {
		if d.Template == "" && d.Note == "" {
			return d, false // an empty row
		}
		d.Name = "Giấy tờ không tên"
		if d.Template != "" {
			d.Name = "Mẫu " + d.Template
		}
	}
	return d, true
}

// legalBasis makes one line of the legal basis from a can_cu_phap_ly row:
// the summary, with the document number added when the summary lacks it
// ("Nghĩa vụ quân sự (78/2015/QH13)").
func legalBasis(number, summary string) string {
	number, summary = cleanLine(number), cleanLine(summary)
	switch {
	case summary == "":
		return number
	case number == "" || strings.Contains(squeeze(summary), squeeze(number)):
		return summary
	}
	return summary + " (" + number + ")"
}

// squeeze drops spaces and case, to compare document numbers loosely.
func squeeze(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

// splitAudience splits đối_tượng_thực_hiện at commas that are not inside
// parentheses. A part that starts in lower case continues the previous one,
// so the national category "Cán bộ, công chức, viên chức" stays whole.
func splitAudience(s string) []string {
	s = cleanText(s)
	if s == "" {
		return nil
	}
	var parts []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ',', ';', '\n':
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, s[start:])
	var out []string
	for _, p := range parts {
		p = trimBullet(cleanLine(p))
		if p == "" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(p); unicode.IsLower(r) && len(out) > 0 {
			out[len(out)-1] += ", " + p
			continue
		}
		out = append(out, p)
	}
	return dedupe(out)
}

// issuerAgency maps the ministries and ministry-level agencies since March
// 2025 (shared/data/units/ministries.csv), with the codes of merged
// ministries mapped to their successor. Only unambiguous successions are
// listed: the former Ministry of Labour (BLĐTBXH) was split among several
// ministries and is left out. Switch to the units package's agency list
// once it exists.
var issuerAgency = map[string]string{
	"BQP": "BQP", "BCA": "BCA", "BNG": "BNG", "BNV": "BNV", "BTP": "BTP", "BTC": "BTC",
	"BCT": "BCT", "BNNMT": "BNNMT", "BXD": "BXD", "BVHTTDL": "BVHTTDL", "BKHCN": "BKHCN",
	"BGDDT": "BGDDT", "BYT": "BYT", "BDTTG": "BDTTG", "NHNN": "NHNN", "TTCP": "TTCP", "VPCP": "VPCP",
	"BKHDT": "BTC", "BGTVT": "BXD", "BTNMT": "BNNMT", "BNNPTNT": "BNNMT", "BTTTT": "BKHCN", "UBDT": "BDTTG",
}

// decisionIssuer finds the issuer in a decision number ("6225/QĐ-BQP").
var decisionIssuer = regexp.MustCompile(`(?i)QĐ\s*-\s*([\p{L}\d]+)`)

// agenciesFromDecision names the ministry that manages the procedure: the
// one that issued the decision announcing it ("Quyết định số 6225/QĐ-BQP"
// → BQP). Decisions of provinces or of unknown issuers give none.
func agenciesFromDecision(decision string) []string {
	m := decisionIssuer.FindStringSubmatch(cleanLine(decision))
	if m == nil {
		return nil
	}
	if code, ok := issuerAgency[strings.ToUpper(vn.Fold(m[1]))]; ok {
		return []string{code}
	}
	return nil
}
