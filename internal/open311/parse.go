package open311

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/internal/cases"
)

// Post is a POST requests body, checked by ParsePost. The contact, the
// description and the attributes are checked again, with the rest of the
// case, by cases.Store.Validate.
type Post struct {
	// APIKey is the api_key field ("" when the key came as a header).
	APIKey      string
	ServiceCode cases.Category
	// HasPoint says Lat and Long were given.
	HasPoint  bool
	Lat, Long float64
	Address   string
	AddressID string
	Email     string
	Phone     string
	// Name is last_name then first_name, the Vietnamese order.
	Name        string
	Description string
	MediaURL    string
	// Province, Commune and Service are the attributes of Loa's service
	// definitions (AttrProvince, AttrCommune, AttrService).
	Province, Commune, Service string
}

// Limits on the fields ParsePost checks itself.
const (
	maxAddress   = 500
	maxAddressID = 64
	maxNamePart  = 100
	maxMediaURL  = 2048
	maxShort     = 254 // e-mail, phone, keys, ids
	maxLong      = 8000
)

// Vietnam's bounding box, the Hoàng Sa (Paracel) and Trường Sa (Spratly)
// archipelagos included: a point outside it is a mistake (swapped
// coordinates, another country, 0,0).
const (
	MinLat, MaxLat   = 6.0, 23.5
	MinLong, MaxLong = 102.0, 118.0
)

// singleFields are the fields of POST requests that may be sent once.
// Others, except attribute[…], are ignored: device_id and account_id on
// purpose (Loa keeps no device or account ids of citizens), unknown ones
// for forward compatibility.
var singleFields = []string{"api_key", "jurisdiction_id", "service_code", "lat", "long",
	"address_string", "address_id", "email", "device_id", "account_id", "first_name",
	"last_name", "phone", "description", "media_url"}

var (
	attrKey   = regexp.MustCompile(`^attribute\[([A-Za-z0-9_.\-]{1,64})\](\[\])?$`)
	degrees   = regexp.MustCompile(`^[+-]?[0-9]{1,3}(\.[0-9]{1,15})?$`)
	addressID = regexp.MustCompile(`^[A-Za-z0-9_.:\-]+$`)
)

// collector gathers the errors of one parse.
type collector struct{ errs []Error }

func (c *collector) add(code int, msg string) {
	c.errs = append(c.errs, Error{Code: code, Description: msg})
}

func (c *collector) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return &Errors{Items: c.errs}
}

// text cleans a value: valid UTF-8 (else an error), NFC, trimmed, at most
// max characters, control characters refused (line breaks and tabs too
// unless multiline). It returns ok false after adding the error.
func (c *collector) text(field, v string, max int, multiline bool) (string, bool) {
	if !utf8.ValidString(v) {
		c.add(400, "Trường "+field+" không phải văn bản UTF-8 hợp lệ.")
		return "", false
	}
	if len(v) > 4*max {
		c.add(400, "Trường "+field+" dài quá "+itoa(max)+" ký tự.")
		return "", false
	}
	v = strings.TrimSpace(norm.NFC.String(v))
	if utf8.RuneCountInString(v) > max {
		c.add(400, "Trường "+field+" dài quá "+itoa(max)+" ký tự.")
		return "", false
	}
	for _, r := range v {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\r' || r == '\t')) {
			c.add(400, "Trường "+field+" chứa ký tự điều khiển không được phép.")
			return "", false
		}
	}
	return v, true
}

// ParsePost checks the form of POST requests (already URL-decoded by the
// caller, with its size bounded). Every problem found is returned at once
// as *Errors: 404 for a service_code Loa does not have, 400 for the rest,
// with Vietnamese descriptions that never repeat a value.
func ParsePost(form url.Values) (*Post, error) {
	var c collector
	p := &Post{}
	for _, f := range singleFields {
		if len(form[f]) > 1 {
			c.add(400, "Trường "+f+" chỉ được gửi một lần.")
		}
	}
	get := func(field string, max int, multiline bool) string {
		v, _ := c.text(field, form.Get(field), max, multiline)
		return v
	}
	p.APIKey = get("api_key", maxShort, false)
	get("jurisdiction_id", maxShort, false) // one jurisdiction: checked for shape, else ignored
	code := get("service_code", maxShort, false)
	switch {
	case code == "":
		c.add(400, "Thiếu service_code: hãy chọn một loại phản ánh trong danh sách services.")
	case !cases.Category(code).Valid():
		c.add(404, "Không có loại phản ánh với service_code này.")
	default:
		p.ServiceCode = cases.Category(code)
	}
	lat, long := get("lat", 32, false), get("long", 32, false)
	switch {
	case lat == "" && long == "":
	case lat == "" || long == "":
		c.add(400, "Cần gửi cả lat và long, hoặc không gửi cả hai.")
	default:
		la, okLat := parseDegrees(lat)
		lo, okLong := parseDegrees(long)
		switch {
		case !okLat || !okLong:
			c.add(400, "lat và long phải là số thập phân (độ, WGS84), ví dụ lat=21.0285&long=105.8542.")
		case la < MinLat || la > MaxLat || lo < MinLong || lo > MaxLong:
			c.add(400, "Vị trí (lat, long) nằm ngoài lãnh thổ Việt Nam; hãy kiểm tra lại, có thể đã đảo lat và long.")
		default:
			p.HasPoint, p.Lat, p.Long = true, la, lo
		}
	}
	p.Address = get("address_string", maxAddress, false)
	if id := get("address_id", maxAddressID, false); id != "" {
		if !addressID.MatchString(id) {
			c.add(400, "address_id chỉ gồm chữ cái không dấu, chữ số và các dấu . _ : -")
		} else {
			p.AddressID = id
		}
	}
	get("device_id", maxShort, false)
	get("account_id", maxShort, false)
	p.Email = get("email", maxShort, false)
	p.Phone = get("phone", maxShort, false)
	first, last := get("first_name", maxNamePart, false), get("last_name", maxNamePart, false)
	p.Name = strings.TrimSpace(last + " " + first)
	p.Description = get("description", maxLong, true)
	if u := get("media_url", maxMediaURL, false); u != "" {
		if !validMediaURL(u) {
			c.add(400, "media_url phải là địa chỉ http hoặc https đầy đủ.")
		} else {
			p.MediaURL = u
		}
	}
	parseAttributes(&c, form, p)
	if err := c.err(); err != nil {
		return nil, err
	}
	return p, nil
}

// parseAttributes reads attribute[code] fields: the codes of Loa's
// definitions are checked (one value each); other well-formed codes are
// ignored, since clients such as FixMyStreet send their own attributes
// with every request; a malformed attribute key is an error.
func parseAttributes(c *collector, form url.Values, p *Post) {
	for key, vals := range form {
		if !strings.HasPrefix(key, "attribute") {
			continue
		}
		m := attrKey.FindStringSubmatch(key)
		if m == nil {
			c.add(400, "Tên trường thuộc tính không đúng dạng attribute[mã].")
			continue
		}
		var dst *string
		max := 16
		switch m[1] {
		case AttrProvince:
			dst = &p.Province
		case AttrCommune:
			dst = &p.Commune
		case AttrService:
			dst, max = &p.Service, 160
		default:
			continue
		}
		if m[2] != "" || len(vals) != 1 {
			c.add(400, "Thuộc tính "+m[1]+" chỉ nhận một giá trị.")
			continue
		}
		if v, ok := c.text("attribute["+m[1]+"]", vals[0], max, false); ok {
			*dst = v
		}
	}
}

// parseDegrees reads a decimal number of degrees: digits, an optional sign
// and fraction, nothing else (no exponent, hex, "NaN" or "Inf", which
// strconv.ParseFloat would take).
func parseDegrees(s string) (float64, bool) {
	if !degrees.MatchString(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

func validMediaURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil
}
