package catalog

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/loa-vn/loa/internal/units"
	"github.com/loa-vn/loa/internal/vn"
)

// SourceCSV is the Source of records imported from an agency's CSV file
// when the file does not name one.
const SourceCSV = "Danh mục dịch vụ (tệp CSV)"

// maxCSVSize bounds the file ParseServicesCSV reads into memory; a whole
// national catalogue is a few megabytes.
const maxCSVSize = 64 << 20

// servicesCSVColumns are the columns of the services template, in the order
// of the template. docs/import-services.md describes each one.
var servicesCSVColumns = []string{
	"code", "slug", "name", "field", "online_level", "levels", "channels",
	"agencies", "agency_text", "audience", "life_events",
	"processing_time", "fee", "fee_vnd", "documents", "steps",
	"conditions", "result", "legal_basis", "keywords", "portal_url", "source",
}

// requiredCSVColumns must be in the header and filled in on every row.
var requiredCSVColumns = []string{"code", "name", "online_level", "levels"}

// ServicesCSVHeader returns the columns of the services CSV template in
// their documented order, for writing an empty template.
func ServicesCSVHeader() []string {
	return append([]string(nil), servicesCSVColumns...)
}

// ParseServicesCSV reads an agency's catalogue in the services CSV template
// (docs/import-services.md): UTF-8 with or without BOM, comma separated,
// a header row naming the columns, one service a row.
//
// Every row that cannot be used is reported in the result's Errors with its
// line (the line where the CSV record starts) and column, and the others are
// returned. The error is only for a failure to read or a file that is not in
// the template at all: not UTF-8, no header, unknown, repeated or missing
// required columns.
func ParseServicesCSV(r io.Reader) (*ParseResult, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCSVSize+1))
	if err != nil {
		return nil, fmt.Errorf("catalog: csv: read: %w", err)
	}
	if len(data) > maxCSVSize {
		return nil, fmt.Errorf("catalog: csv: tệp lớn quá %d MiB; hãy chia thành nhiều tệp", maxCSVSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		return nil, fmt.Errorf("catalog: csv: dòng %d: tệp không phải UTF-8; trong Excel hãy chọn Lưu dưới dạng \"CSV UTF-8 (Comma delimited)\"", line)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	switch {
	case errors.Is(err, io.EOF):
		return nil, errors.New("catalog: csv: tệp trống; cần dòng tiêu đề với tên các cột")
	case err != nil:
		return nil, fmt.Errorf("catalog: csv: dòng tiêu đề: %w", err)
	}
	cols, err := csvHeader(header)
	if err != nil {
		return nil, err
	}

	res := &ParseResult{}
	seenCode := map[string]int{}
	seenSlug := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return res, nil
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			res.reject(perr.StartLine, "", "dòng CSV hỏng (thường do dấu ngoặc kép \" không đóng hoặc thừa): %v", perr.Err)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("catalog: csv: read: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if blankRecord(rec) {
			continue
		}
		if len(rec) != len(header) {
			res.reject(line, "", "dòng có %d cột nhưng dòng tiêu đề có %d cột (giá trị có dấu phẩy phải đặt trong ngoặc kép)", len(rec), len(header))
			continue
		}
		svc, le := parseCSVRecord(rec, cols)
		if le != nil {
			le.Line = line
			res.Errors = append(res.Errors, le)
			continue
		}
		if prev, ok := seenCode[svc.Code]; ok {
			res.reject(line, "code", "mã %s đã có ở dòng %d", svc.Code, prev)
			continue
		}
		if prev, ok := seenSlug[svc.Slug]; ok {
			res.reject(line, "slug", "đường dẫn %q đã dùng ở dòng %d", svc.Slug, prev)
			continue
		}
		seenCode[svc.Code], seenSlug[svc.Slug] = line, line
		res.add(svc, line)
	}
}

// firstInvalidUTF8 returns the offset of the first byte that is not UTF-8.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// csvColumns maps a column name to its index; -1 marks columns without a
// name, whose cells must stay empty.
type csvColumns struct {
	index   map[string]int
	unnamed []int
}

// csvHeader checks the header row against the template.
func csvHeader(header []string) (csvColumns, error) {
	if len(header) == 1 && strings.Contains(header[0], ";") {
		return csvColumns{}, errors.New("catalog: csv: dòng tiêu đề dùng dấu chấm phẩy (;) để phân cách; tệp phải phân cách bằng dấu phẩy — trong Excel chọn \"CSV UTF-8 (Comma delimited)\"")
	}
	known := map[string]bool{}
	for _, c := range servicesCSVColumns {
		known[c] = true
	}
	cols := csvColumns{index: map[string]int{}}
	for i, h := range header {
		name := strings.ToLower(cleanLine(h))
		name = strings.NewReplacer(" ", "_", "-", "_").Replace(name)
		switch {
		case name == "":
			cols.unnamed = append(cols.unnamed, i)
		case !known[name]:
			return csvColumns{}, fmt.Errorf("catalog: csv: dòng tiêu đề: cột %q không có trong mẫu; các cột là: %s", strings.TrimSpace(h), strings.Join(servicesCSVColumns, ", "))
		default:
			if _, dup := cols.index[name]; dup {
				return csvColumns{}, fmt.Errorf("catalog: csv: dòng tiêu đề: cột %q có hai lần", name)
			}
			cols.index[name] = i
		}
	}
	var missing []string
	for _, c := range requiredCSVColumns {
		if _, ok := cols.index[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return csvColumns{}, fmt.Errorf("catalog: csv: dòng tiêu đề: thiếu cột bắt buộc %s", strings.Join(missing, ", "))
	}
	return cols, nil
}

func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// parseCSVRecord maps one row. The LineError it returns has no line yet.
func parseCSVRecord(rec []string, cols csvColumns) (Service, *LineError) {
	fail := func(field, format string, args ...any) (Service, *LineError) {
		return Service{}, &LineError{Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	for _, i := range cols.unnamed {
		if strings.TrimSpace(rec[i]) != "" {
			return fail("", "cột thứ %d không có tên ở dòng tiêu đề nhưng có giá trị %q", i+1, cleanLine(rec[i]))
		}
	}
	get := func(col string) string {
		if i, ok := cols.index[col]; ok {
			return rec[i]
		}
		return ""
	}

	code := cleanLine(get("code"))
	switch {
	case code == "":
		return fail("code", "trống")
	case len(code) > maxCodeLen || !codePattern.MatchString(code):
		return fail("code", "mã %q không hợp lệ: chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới, tối đa %d ký tự", code, maxCodeLen)
	}
	name := cleanLine(get("name"))
	if name == "" {
		return fail("name", "trống")
	}
	slug := strings.TrimSpace(get("slug"))
	switch {
	case slug == "":
		slug = NewSlug(name, code)
	case !ValidSlug(slug):
		hint := slugify(slug)
		if len(hint) > maxSlugLen || hint == "" {
			hint = NewSlug(name, code)
		}
		return fail("slug", "đường dẫn %q không hợp lệ: chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ %q), hoặc để trống để tự tạo", slug, hint)
	}
	level, err := parseOnlineLevel(get("online_level"))
	if err != nil {
		return fail("online_level", "%v", err)
	}
	levels, err := parseCSVLevels(get("levels"))
	if err != nil {
		return fail("levels", "%v", err)
	}

	svc := Service{
		Code:        code,
		Slug:        slug,
		Name:        name,
		Field:       cleanLine(get("field")),
		OnlineLevel: level,
		Levels:      levels,
		AgencyText:  cleanLine(get("agency_text")),
		Audience:    dedupe(splitItems(get("audience"), ";")),
		Result:      cleanText(get("result")),
		LegalBasis:  dedupe(splitItems(get("legal_basis"), ";")),
		Keywords:    dedupe(splitAny(get("keywords"), ";,\n")),
		PortalURL:   strings.TrimSpace(get("portal_url")),
		Source:      cleanLine(get("source")),
	}
	if svc.Source == "" {
		svc.Source = SourceCSV
	}
	if c := cleanText(get("conditions")); !isNone(c) {
		svc.Conditions = c
	}
	for _, a := range splitAny(get("agencies"), ";,\n") {
		a = strings.ToUpper(vn.Fold(a))
		if !units.ValidAgencyCode(a) {
			return fail("agencies", "mã cơ quan %q không hợp lệ: viết hoa, không dấu, ví dụ BCA, BTP, BQP", a)
		}
		svc.Agencies = append(svc.Agencies, a)
	}
	svc.Agencies = dedupe(svc.Agencies)
	for _, e := range splitAny(get("life_events"), ";,\n") {
		slug, ok := lifeEventSlug(e)
		if !ok {
			return fail("life_events", "sự kiện %q không có trong danh sách; dùng một trong: %s", e, lifeEventSlugs())
		}
		svc.LifeEvents = append(svc.LifeEvents, slug)
	}
	svc.LifeEvents = dedupe(svc.LifeEvents)
	for _, item := range splitItems(get("steps"), ";") {
		if st := tidyStep(stepLabel.ReplaceAllString(item, "")); st != "" {
			svc.Steps = append(svc.Steps, st)
		}
	}
	for i, item := range splitItems(get("documents"), ";") {
		d, err := parseCSVDocument(item)
		if err != nil {
			return fail("documents", "giấy tờ thứ %d: %v", i+1, err)
		}
		svc.Documents = append(svc.Documents, d)
	}
	if field, err := csvChannels(&svc, get); err != nil {
		return fail(field, "%v", err)
	}
	if svc.PortalURL != "" {
		if err := checkWebURL(svc.PortalURL); err != nil {
			return fail("portal_url", "%v", err)
		}
	}

	if err := svc.Validate(); err != nil {
		// The checks above should catch everything; this is the safety net.
		var le *LineError
		if errors.As(err, &le) {
			return fail(le.Field, "%s", le.Msg)
		}
		return fail("", "%v", err)
	}
	return svc, nil
}

// csvChannels fills the channels of svc from the channels, processing_time,
// fee and fee_vnd columns, and returns the column at fault on error. The
// template has one processing time and fee for all channels; an agency whose
// channels differ uses the national import or edits the service afterwards.
func csvChannels(svc *Service, get func(string) string) (string, error) {
	var kinds []ChannelKind
	for _, c := range splitAny(get("channels"), ";,\n") {
		k, ok := channelKind(c)
		if !ok {
			return "channels", fmt.Errorf("kênh %q không rõ; dùng truc-tiep, truc-tuyen, buu-chinh (hoặc Trực tiếp, Trực tuyến, Bưu chính)", c)
		}
		if !containsKind(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	timeText, fee := cleanLine(get("processing_time")), cleanText(get("fee"))
	var feeVND *int64
	if s := strings.TrimSpace(get("fee_vnd")); s != "" {
		v, ok := parseAmount(strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(vn.Fold(s), "dong")), "d"))
		if !ok {
			return "fee_vnd", fmt.Errorf("%q không phải số tiền: cần số đồng, ví dụ 50000 hoặc 50.000; để trống nếu phí thay đổi theo trường hợp", s)
		}
		feeVND = &v
	} else {
		feeVND = parseFeeVND(fee)
	}
	online := containsKind(kinds, ChannelOnline)
	switch {
	case len(kinds) == 0 && (timeText != "" || fee != "" || feeVND != nil):
		// The time and fee need a channel to belong to: take the channels
		// the online level implies, as documented in the template.
		switch svc.OnlineLevel {
		case OnlineFull:
			kinds = []ChannelKind{ChannelOnline}
		case OnlinePartial:
			kinds = []ChannelKind{ChannelInPerson, ChannelOnline}
		default:
			kinds = []ChannelKind{ChannelInPerson}
		}
	case online && svc.OnlineLevel == OnlineNone:
		return "channels", errors.New("có kênh trực tuyến nhưng online_level là chua-truc-tuyen")
	case len(kinds) > 0 && !online && svc.OnlineLevel != OnlineNone:
		return "channels", fmt.Errorf("online_level là %s nhưng không có kênh truc-tuyen", svc.OnlineLevel)
	}
	for _, k := range kinds {
		ch := Channel{Kind: k, ProcessingTime: timeText, Fee: fee}
		if feeVND != nil {
			v := *feeVND
			ch.FeeVND = &v
		}
		svc.Channels = append(svc.Channels, ch)
	}
	return "", nil
}

func containsKind(list []ChannelKind, k ChannelKind) bool {
	for _, x := range list {
		if x == k {
			return true
		}
	}
	return false
}

// parseOnlineLevel accepts the slugs and the Vietnamese labels, with or
// without diacritics and the words "trực tuyến" in front.
func parseOnlineLevel(s string) (OnlineLevel, error) {
	f := slugify(s)
	if f != "truc-tuyen" {
		f = strings.TrimPrefix(f, "truc-tuyen-")
	}
	switch f {
	case "":
		return "", errors.New("trống; dùng toan-trinh, mot-phan hoặc chua-truc-tuyen")
	case "toan-trinh":
		return OnlineFull, nil
	case "mot-phan":
		return OnlinePartial, nil
	case "chua-truc-tuyen", "khong", "khong-truc-tuyen":
		return OnlineNone, nil
	}
	return "", fmt.Errorf("giá trị %q không hợp lệ; dùng toan-trinh, mot-phan hoặc chua-truc-tuyen (hoặc \"Toàn trình\", \"Một phần\", \"Chưa trực tuyến\")", cleanLine(s))
}

// parseCSVLevels accepts "bo;tinh;xa", "Bộ; Tỉnh; Xã", "Cấp Bộ, Cấp Xã".
func parseCSVLevels(s string) ([]Level, error) {
	have := map[Level]bool{}
	for _, part := range splitAny(s, ";,\n") {
		switch strings.TrimPrefix(slugify(part), "cap-") {
		case "bo", "trung-uong":
			have[LevelMinistry] = true
		case "tinh":
			have[LevelProvince] = true
		case "xa", "phuong", "dac-khu", "xa-phuong", "xa-phuong-dac-khu":
			have[LevelCommune] = true
		case "huyen":
			return nil, errors.New("không còn cấp huyện từ ngày 1/7/2025; thủ tục cấp huyện nay do cấp xã (hoặc cấp tỉnh) thực hiện — ghi xa hoặc tinh")
		default:
			return nil, fmt.Errorf("cấp %q không rõ; dùng bo, tinh, xa (hoặc Bộ, Tỉnh, Xã), phân cách bằng dấu chấm phẩy", part)
		}
	}
	var out []Level
	for _, l := range []Level{LevelMinistry, LevelProvince, LevelCommune} {
		if have[l] {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("trống; cần ít nhất một cấp: bo, tinh, xa")
	}
	return out, nil
}

// lifeEventSlug finds a life event by its slug or its Vietnamese name.
func lifeEventSlug(s string) (string, bool) {
	f := slugify(s)
	for _, e := range LifeEvents {
		if e.Slug == f || slugify(e.Name) == f {
			return e.Slug, true
		}
	}
	return "", false
}

func lifeEventSlugs() string {
	names := make([]string, len(LifeEvents))
	for i, e := range LifeEvents {
		names[i] = e.Slug
	}
	return strings.Join(names, ", ")
}

// parseCSVDocument reads one item of the documents column:
//
//	Tờ khai đăng ký khai sinh | chính: 1 | sao: 0 | mẫu: to-khai.docx | ghi chú: ...
//
// Only the name is required.
func parseCSVDocument(item string) (Document, error) {
	parts := strings.Split(item, "|")
	d := Document{Name: trimBullet(cleanLine(parts[0]))}
	if d.Name == "" {
		return d, errors.New("thiếu tên giấy tờ trước dấu |")
	}
	for _, p := range parts[1:] {
		key, value, ok := strings.Cut(p, ":")
		if !ok {
			return d, fmt.Errorf("phần %q cần dạng \"khóa: giá trị\" (chính: 1, sao: 0, mẫu: tên tệp, ghi chú: ...)", cleanLine(p))
		}
		value = cleanLine(value)
		switch k := slugify(key); k {
		case "chinh", "ban-chinh", "originals", "sao", "ban-sao", "copies":
			n, err := strconv.Atoi(value)
			if err != nil || n < 0 || n > 99 {
				return d, fmt.Errorf("số bản %q không hợp lệ: cần số từ 0 đến 99", value)
			}
			if strings.Contains(k, "chinh") || k == "originals" {
				d.Originals = n
			} else {
				d.Copies = n
			}
		case "mau", "mau-don", "template":
			d.Template = value
		case "ghi-chu", "note":
			d.Note = value
		default:
			return d, fmt.Errorf("khóa %q không rõ; dùng chính, sao, mẫu, ghi chú", cleanLine(key))
		}
	}
	return d, nil
}
