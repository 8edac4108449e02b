package surveys

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// Check returns every problem of a definition, in document order: empty
// means it may be published. Parse calls it; it is exported for tests and
// for definitions built in Go (the demo).
func (d *Definition) Check() []Problem {
	c := checker{d: d}
	c.run()
	return c.probs
}

type checker struct {
	d     *Definition
	probs []Problem
	// order maps a question id to its position in the document; page
	// maps it to its page index.
	order map[string]int
	page  map[string]int
}

func (c *checker) add(path, format string, args ...any) {
	c.probs = append(c.probs, Problem{path, fmt.Sprintf(format, args...)})
}

func (c *checker) run() {
	d := c.d
	if utf8.RuneCountInString(d.Intro) > MaxIntro {
		c.add("intro", "Lời giới thiệu dài quá %d ký tự.", MaxIntro)
	}
	if utf8.RuneCountInString(d.Thanks) > MaxIntro {
		c.add("thanks", "Lời cảm ơn dài quá %d ký tự.", MaxIntro)
	}
	switch d.Identity {
	case IdentityNone:
		if d.OnePerIdentity {
			c.add("one_per_identity", "Chỉ giới hạn một lượt trả lời cho mỗi người khi khảo sát hỏi danh tính (identity: \"phone\" hoặc \"email\").")
		}
	case IdentityPhone, IdentityEmail:
	default:
		c.add("identity", "Danh tính người trả lời phải là \"phone\", \"email\" hoặc bỏ trống (ẩn danh).")
	}
	if len(d.Pages) == 0 {
		c.add("pages", "Khảo sát cần ít nhất một trang.")
		return
	}
	if len(d.Pages) > MaxPages {
		c.add("pages", "Khảo sát có quá %d trang.", MaxPages)
		return
	}
	c.order, c.page = map[string]int{}, map[string]int{}
	pageIDs := map[string]bool{}
	n := 0
	for i := range d.Pages {
		p := &d.Pages[i]
		path := fmt.Sprintf("pages[%d]", i)
		switch {
		case !idPattern.MatchString(p.ID):
			c.add(path+".id", "Mã trang «%s» không hợp lệ: dùng chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ, tối đa 32 ký tự.", p.ID)
		case p.ID == End:
			c.add(path+".id", "Mã trang không được là «end»: từ này dành cho việc kết thúc khảo sát.")
		case pageIDs[p.ID]:
			c.add(path+".id", "Mã trang «%s» bị trùng.", p.ID)
		}
		pageIDs[p.ID] = true
		if utf8.RuneCountInString(p.Title) > MaxLabel {
			c.add(path+".title", "Tiêu đề trang dài quá %d ký tự.", MaxLabel)
		}
		if len(p.Questions) == 0 {
			c.add(path+".questions", "Trang %d chưa có câu hỏi nào.", i+1)
		}
		for j := range p.Questions {
			q := &p.Questions[j]
			qpath := fmt.Sprintf("%s.questions[%d]", path, j)
			n++
			if n > MaxQuestions {
				c.add(qpath, "Khảo sát có quá %d câu hỏi.", MaxQuestions)
				return
			}
			// Conditions may only look back: checked before this question's
			// id is registered, so a question cannot depend on itself.
			c.conditions(qpath+".show_if", q.ShowIf, len(c.order))
			c.question(qpath, q)
			if _, dup := c.order[q.ID]; dup {
				c.add(qpath+".id", "Mã câu hỏi «%s» bị trùng.", q.ID)
			} else if idPattern.MatchString(q.ID) {
				c.order[q.ID], c.page[q.ID] = len(c.order), i
			}
		}
	}
	for i := range d.Pages {
		p := &d.Pages[i]
		if len(p.Routes) > MaxRoutes {
			c.add(fmt.Sprintf("pages[%d].routes", i), "Trang %d có quá %d quy tắc chuyển trang.", i+1, MaxRoutes)
			continue
		}
		for j, r := range p.Routes {
			rpath := fmt.Sprintf("pages[%d].routes[%d]", i, j)
			// A route is decided when its page is submitted: it may test
			// any question of this page or an earlier one.
			limit := 0
			for id, pg := range c.page {
				if pg <= i {
					limit = max(limit, c.order[id]+1)
				}
			}
			c.conditions(rpath+".if", r.If, limit)
			if r.Goto != End && !pageIDs[r.Goto] {
				c.add(rpath+".goto", "Trang đích «%s» không tồn tại (dùng mã một trang, hoặc «end» để kết thúc).", r.Goto)
			}
		}
	}
	if len(c.probs) == 0 {
		if cycle := d.routeCycle(); cycle != nil {
			c.add("pages", "Quy tắc chuyển trang tạo thành vòng lặp: %s. Người trả lời sẽ quay lại mãi mà không đến được cuối khảo sát; hãy sửa đích của một quy tắc.", d.describeCycle(cycle))
		}
	}
}

// question checks one question's own fields.
func (c *checker) question(path string, q *Question) {
	if !idPattern.MatchString(q.ID) {
		c.add(path+".id", "Mã câu hỏi «%s» không hợp lệ: dùng chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ, tối đa 32 ký tự.", q.ID)
	}
	if !q.Type.Valid() {
		c.add(path+".type", "Loại câu hỏi «%s» không được hỗ trợ.", q.Type)
		return
	}
	if q.Label == "" {
		c.add(path+".label", "Câu hỏi chưa có nội dung (label).")
	} else if utf8.RuneCountInString(q.Label) > MaxLabel {
		c.add(path+".label", "Nội dung câu hỏi dài quá %d ký tự.", MaxLabel)
	}
	if utf8.RuneCountInString(q.Help) > MaxHelp {
		c.add(path+".help", "Phần hướng dẫn dài quá %d ký tự.", MaxHelp)
	}
	choice := q.Type == TypeSingle || q.Type == TypeMultiple
	text := q.Type == TypeShortText || q.Type == TypeLongText
	notFor := func(field string, set bool) {
		if set {
			c.add(path+"."+field, "Trường «%s» không áp dụng cho câu hỏi loại «%s».", field, q.Type.Name())
		}
	}
	notFor("options", !choice && q.Options != nil)
	notFor("min_length", !text && q.MinLength != nil)
	notFor("max_length", !text && q.MaxLength != nil)
	notFor("min", q.Type != TypeNumber && q.Min != nil)
	notFor("max", q.Type != TypeNumber && q.Max != nil)
	notFor("integer", q.Type != TypeNumber && q.Integer)
	notFor("min_date", q.Type != TypeDate && q.MinDate != "")
	notFor("max_date", q.Type != TypeDate && q.MaxDate != "")
	notFor("min_choices", q.Type != TypeMultiple && q.MinChoices != nil)
	notFor("max_choices", q.Type != TypeMultiple && q.MaxChoices != nil)
	notFor("level", q.Type != TypePlace && q.Level != "")
	notFor("max_kb", q.Type != TypeFile && q.MaxKB != 0)
	switch {
	case choice:
		c.options(path, q)
	case text:
		lo, hi := 0, q.TextLimit()
		if q.MinLength != nil {
			lo = *q.MinLength
		}
		if lo < 0 || hi < 1 || hi > MaxTextLength || lo > hi {
			c.add(path+".max_length", "Giới hạn độ dài không hợp lệ: cần 0 ≤ min_length ≤ max_length ≤ %d.", MaxTextLength)
		}
	case q.Type == TypeNumber:
		bad := func(f *float64) bool {
			return f != nil && (math.IsNaN(*f) || math.IsInf(*f, 0) || math.Abs(*f) > maxNumber)
		}
		if bad(q.Min) || bad(q.Max) || (q.Min != nil && q.Max != nil && *q.Min > *q.Max) {
			c.add(path+".max", "Giới hạn giá trị không hợp lệ: cần min ≤ max, trong khoảng ±10^15.")
		}
	case q.Type == TypeDate:
		lo, hi := q.MinDate, q.MaxDate
		for _, f := range []struct{ name, v string }{{"min_date", lo}, {"max_date", hi}} {
			if f.v != "" {
				if _, err := time.Parse(time.DateOnly, f.v); err != nil {
					c.add(path+"."+f.name, "Ngày «%s» phải viết dạng NNNN-TT-NN (ví dụ 2026-03-01).", f.v)
				}
			}
		}
		if lo != "" && hi != "" && lo > hi {
			c.add(path+".max_date", "Ngày sớm nhất phải trước ngày muộn nhất.")
		}
	case q.Type == TypePlace:
		if q.Level != "" && q.Level != LevelProvince && q.Level != LevelCommune {
			c.add(path+".level", "Cấp địa bàn phải là \"province\" (tỉnh) hoặc \"commune\" (xã, phường).")
		}
	case q.Type == TypeFile:
		if q.MaxKB < 0 || q.MaxKB > MaxFileKB {
			c.add(path+".max_kb", "Giới hạn dung lượng tệp phải từ 1 đến %d KB.", MaxFileKB)
		}
	}
}

// options checks the choices of a single or multiple question.
func (c *checker) options(path string, q *Question) {
	switch {
	case len(q.Options) < 2:
		c.add(path+".options", "Câu hỏi lựa chọn cần ít nhất hai phương án.")
	case len(q.Options) > MaxOptions:
		c.add(path+".options", "Câu hỏi có quá %d phương án.", MaxOptions)
	}
	seen := map[string]bool{}
	for k, o := range q.Options {
		opath := fmt.Sprintf("%s.options[%d]", path, k)
		if !idPattern.MatchString(o.Value) {
			c.add(opath+".value", "Giá trị phương án «%s» không hợp lệ: dùng chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ.", o.Value)
		} else if seen[o.Value] {
			c.add(opath+".value", "Giá trị phương án «%s» bị trùng.", o.Value)
		}
		seen[o.Value] = true
		if o.Label == "" || utf8.RuneCountInString(o.Label) > MaxLabel {
			c.add(opath+".label", "Phương án cần nhãn từ 1 đến %d ký tự.", MaxLabel)
		}
	}
	if q.Type != TypeMultiple {
		return
	}
	lo, hi := 0, len(q.Options)
	if q.MinChoices != nil {
		lo = *q.MinChoices
	}
	if q.MaxChoices != nil {
		hi = *q.MaxChoices
	}
	if lo < 0 || hi < 1 || lo > hi || hi > len(q.Options) {
		c.add(path+".max_choices", "Số lựa chọn tối thiểu, tối đa không hợp lệ: cần 0 ≤ min_choices ≤ max_choices ≤ số phương án.")
	}
}

// conditions checks a list of conditions that may refer only to the first
// `before` questions of the document.
func (c *checker) conditions(path string, cs []Condition, before int) {
	if len(cs) > MaxConditions {
		c.add(path, "Quá %d điều kiện.", MaxConditions)
		return
	}
	for k, cond := range cs {
		cpath := fmt.Sprintf("%s[%d]", path, k)
		pos, ok := c.order[cond.Question]
		if !ok {
			if c.d.Question(cond.Question) != nil {
				c.add(cpath+".question", "Điều kiện chỉ được dựa vào câu hỏi đứng trước; «%s» đứng sau.", cond.Question)
			} else {
				c.add(cpath+".question", "Điều kiện dựa vào câu hỏi «%s» không tồn tại.", cond.Question)
			}
			continue
		}
		if pos >= before {
			c.add(cpath+".question", "Điều kiện chỉ được dựa vào câu hỏi đứng trước; «%s» đứng sau.", cond.Question)
			continue
		}
		if msg := checkCondition(c.d.Question(cond.Question), cond); msg != "" {
			c.add(cpath, "%s", msg)
		}
	}
}

// checkCondition checks the operator and value against the question's
// type; it returns a message, or "" when the condition is sound.
func checkCondition(q *Question, cond Condition) string {
	numeric := q.Type == TypeRating || q.Type == TypeScale || q.Type == TypeNumber
	choice := q.Type == TypeSingle || q.Type == TypeMultiple || q.Type == TypeYesNo || q.Type == TypeRating || q.Type == TypeScale
	noValue := func() string {
		if cond.Value != "" || cond.Values != nil {
			return fmt.Sprintf("Phép so sánh «%s» không dùng value/values.", cond.Op)
		}
		return ""
	}
	switch cond.Op {
	case OpAnswered, OpNotAnswered:
		return noValue()
	case OpEquals, OpNotEquals:
		if !choice {
			return fmt.Sprintf("Phép so sánh «%s» chỉ dùng cho câu hỏi lựa chọn, có/không, đánh giá hoặc thang điểm.", cond.Op)
		}
		if cond.Values != nil {
			return fmt.Sprintf("Phép so sánh «%s» dùng value, không dùng values.", cond.Op)
		}
		return checkValue(q, cond.Value)
	case OpAnyOf:
		if !choice {
			return "Phép so sánh «any_of» chỉ dùng cho câu hỏi lựa chọn, có/không, đánh giá hoặc thang điểm."
		}
		if cond.Value != "" || len(cond.Values) == 0 || len(cond.Values) > MaxOptions {
			return "Phép so sánh «any_of» cần danh sách values (không dùng value)."
		}
		for _, v := range cond.Values {
			if msg := checkValue(q, v); msg != "" {
				return msg
			}
		}
		return ""
	case OpAtLeast, OpAtMost:
		if !numeric {
			return fmt.Sprintf("Phép so sánh «%s» chỉ dùng cho câu hỏi số, đánh giá hoặc thang điểm.", cond.Op)
		}
		if cond.Values != nil {
			return fmt.Sprintf("Phép so sánh «%s» dùng value, không dùng values.", cond.Op)
		}
		return checkValue(q, cond.Value)
	}
	return fmt.Sprintf("Phép so sánh «%s» không được hỗ trợ (dùng answered, not_answered, equals, not_equals, any_of, at_least, at_most).", cond.Op)
}

// checkValue checks a value a condition compares the question's answer to.
func checkValue(q *Question, v string) string {
	switch q.Type {
	case TypeSingle, TypeMultiple:
		if !slices.ContainsFunc(q.Options, func(o Option) bool { return o.Value == v }) {
			return fmt.Sprintf("Giá trị «%s» không phải phương án của câu hỏi «%s».", v, q.ID)
		}
	case TypeYesNo:
		if v != "yes" && v != "no" {
			return "Câu hỏi có/không chỉ so sánh với \"yes\" hoặc \"no\"."
		}
	case TypeRating, TypeScale:
		lo, hi := scaleRange(q.Type)
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return fmt.Sprintf("Giá trị so sánh phải là số nguyên từ %d đến %d.", lo, hi)
		}
	case TypeNumber:
		if _, ok := parseNumber(v); !ok {
			return "Giá trị so sánh phải là một số."
		}
	}
	return ""
}

// scaleRange is the range of a rating (1–5) or a scale (0–10).
func scaleRange(t QuestionType) (lo, hi int) {
	if t == TypeRating {
		return 1, 5
	}
	return 0, 10
}
