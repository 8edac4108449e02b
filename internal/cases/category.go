package cases

// Category is what a report is about. The list is small and fixed on
// purpose: it drives routing and per-category deadlines, and citizens must
// be able to choose at a glance. Values are stable slugs (stored, sent over
// the API, used in addresses); labels are what people read.
type Category string

// The categories.
const (
	CategoryGuidance Category = "huong-dan" // how to do a procedure
	CategorySystem   Category = "he-thong"  // the portal or an online service is broken
	CategoryAttitude Category = "thai-do"   // how staff treated the citizen
	CategoryDelay    Category = "thoi-han"  // a dossier handled late
	CategoryFee      Category = "phi"       // fees and charges
	CategoryOther    Category = "khac"      // anything else
)

// categoryLabels holds the Vietnamese label of every category, in the order
// a form lists them.
var categoryLabels = []struct {
	c     Category
	label string
}{
	{CategoryGuidance, "Hướng dẫn thủ tục"},
	{CategorySystem, "Lỗi hệ thống, Cổng dịch vụ công"},
	{CategoryAttitude, "Thái độ phục vụ"},
	{CategoryDelay, "Trễ hạn giải quyết"},
	{CategoryFee, "Phí, lệ phí"},
	{CategoryOther, "Khác"},
}

// Categories returns every category in display order.
func Categories() []Category {
	out := make([]Category, len(categoryLabels))
	for i, c := range categoryLabels {
		out[i] = c.c
	}
	return out
}

// Valid reports whether c is one of the categories.
func (c Category) Valid() bool { return c.Label() != "" }

// Label returns the Vietnamese label, or "" for an unknown category.
func (c Category) Label() string {
	for _, l := range categoryLabels {
		if l.c == c {
			return l.label
		}
	}
	return ""
}
