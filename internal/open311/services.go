package open311

import (
	"github.com/loa-vn/loa/internal/cases"
	"github.com/loa-vn/loa/internal/vn"
)

// The attributes every service definition has: where the problem is and
// which procedure it concerns. They are Loa's own fields of a case
// (province_code, commune_code, service), checked by cases.Validate.
const (
	AttrProvince = "province_code"
	AttrCommune  = "commune_code"
	AttrService  = "service"
)

// Group is the group of every service: they are all reports and
// recommendations about public services.
const Group = "phan-anh-kien-nghi"

// serviceDescriptions say what each category is for, in Vietnamese.
var serviceDescriptions = map[cases.Category]string{
	cases.CategoryGuidance: "Cần hướng dẫn hoặc thấy hướng dẫn thực hiện thủ tục hành chính chưa rõ, chưa đúng.",
	cases.CategorySystem:   "Cổng Dịch vụ công hoặc dịch vụ công trực tuyến bị lỗi, không truy cập được, không nộp được hồ sơ hay thanh toán được.",
	cases.CategoryAttitude: "Thái độ, cách phục vụ của cán bộ, công chức khi tiếp nhận, giải quyết thủ tục.",
	cases.CategoryDelay:    "Hồ sơ bị giải quyết chậm, quá hạn so với quy định.",
	cases.CategoryFee:      "Phí, lệ phí thu sai, thu thêm hoặc không rõ ràng.",
	cases.CategoryOther:    "Phản ánh, kiến nghị khác về thủ tục hành chính và dịch vụ công.",
}

// ServiceList returns Loa's request types: one per case category, in the
// order forms list them.
func ServiceList() []Service {
	var out []Service
	for _, c := range cases.Categories() {
		label := c.Label()
		out = append(out, Service{
			ServiceCode: string(c), ServiceName: label, Description: serviceDescriptions[c],
			Metadata: true, Type: "realtime",
			Keywords: label + ", " + vn.Fold(label), Group: Group,
		})
	}
	return out
}

// Definition returns the definition of the service with code, given the
// provinces in force (key: the 2-digit code, name: the province's name),
// or false for an unknown code.
func Definition(code string, provinces []Value) (*ServiceDefinition, bool) {
	if !cases.Category(code).Valid() {
		return nil, false
	}
	return &ServiceDefinition{ServiceCode: code, Attributes: []Attribute{
		{Variable: true, Code: AttrProvince, Datatype: TypeSingleValueList, Order: 1,
			DatatypeDescription: "Mã tỉnh, thành phố (2 chữ số).",
			Description:         "Tỉnh, thành phố nơi phát sinh sự việc.", Values: provinces},
		{Variable: true, Code: AttrCommune, Datatype: TypeString, Order: 2,
			DatatypeDescription: "Mã xã, phường, đặc khu (5 chữ số); cần chọn tỉnh, thành phố trước.",
			Description:         "Xã, phường nơi phát sinh sự việc, nếu biết."},
		{Variable: true, Code: AttrService, Datatype: TypeString, Order: 3,
			DatatypeDescription: "Mã đường dẫn của thủ tục trên Loa, ví dụ cap-doi-giay-phep-lai-xe.",
			Description:         "Thủ tục hành chính liên quan, nếu có."},
	}}, true
}
