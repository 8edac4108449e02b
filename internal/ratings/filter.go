package ratings

import (
	"fmt"
	"regexp"
	"strings"
)

// Filter selects ratings. The zero value selects every rating.
type Filter struct {
	// Agencies, when not nil, keeps only ratings counted under one of
	// these agencies: a staff member's scope. An empty non-nil list
	// selects nothing.
	Agencies []string
	// Service is a national procedure code.
	Service string
	// Agency is one agency's code.
	Agency string
	// FromMonth and ToMonth bound the months, both included (YYYY-MM).
	FromMonth, ToMonth string
	// WithComment keeps only ratings with a comment.
	WithComment bool
}

var monthPattern = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

// ValidMonth reports whether m is a month as ratings store it (YYYY-MM).
func ValidMonth(m string) bool { return monthPattern.MatchString(m) }

// where returns the WHERE clause (with its leading " WHERE ", or "") and
// its arguments.
func (f Filter) where() (string, []any, error) {
	var conds []string
	var args []any
	if f.Agencies != nil {
		if len(f.Agencies) == 0 {
			return " WHERE 1 = 0", nil, nil
		}
		conds = append(conds, "agency IN (?"+strings.Repeat(", ?", len(f.Agencies)-1)+")")
		for _, a := range f.Agencies {
			args = append(args, a)
		}
	}
	if f.Service != "" {
		conds, args = append(conds, "service_code = ?"), append(args, f.Service)
	}
	if f.Agency != "" {
		conds, args = append(conds, "agency = ?"), append(args, f.Agency)
	}
	for _, m := range []struct{ v, op string }{{f.FromMonth, ">="}, {f.ToMonth, "<="}} {
		if m.v == "" {
			continue
		}
		if !ValidMonth(m.v) {
			return "", nil, fmt.Errorf("ratings: filter: month %q is not YYYY-MM", m.v)
		}
		conds, args = append(conds, "month "+m.op+" ?"), append(args, m.v)
	}
	if f.WithComment {
		conds = append(conds, "comment <> ''")
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}
