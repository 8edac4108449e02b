package catalog

// LifeEvent groups services around something that happens in a citizen's life.
type LifeEvent struct {
	Slug        string
	Name        string
	Description string
}

// LifeEvents is the fixed list of life events, in the order shown on the home page.
var LifeEvents = []LifeEvent{
	{"sinh-con", "Sinh con", "Khai sinh, thường trú, thẻ bảo hiểm y tế và chế độ thai sản cho gia đình có em bé."},
	{"ket-hon", "Kết hôn", "Đăng ký kết hôn và xác nhận tình trạng hôn nhân."},
	{"mua-nha-dat", "Mua nhà đất", "Sổ đỏ, sang tên, tặng cho, thừa kế nhà đất."},
	{"khoi-nghiep", "Khởi nghiệp", "Thành lập doanh nghiệp, hộ kinh doanh và các giấy phép đầu tiên."},
	{"chuyen-noi-o", "Chuyển nơi ở", "Đăng ký thường trú, tạm trú và xóa đăng ký khi chuyển nhà."},
	{"di-hoc", "Đi học", "Tuyển sinh đầu cấp, thi tốt nghiệp, xét tuyển đại học."},
	{"xay-nha", "Xây nhà", "Giấy phép xây dựng và cấp điện cho nhà mới."},
	{"mua-xe", "Mua xe", "Đăng ký xe và biển số."},
	{"di-nuoc-ngoai", "Đi nước ngoài", "Hộ chiếu và giấy phép lái xe quốc tế."},
	{"xin-viec", "Xin việc", "Lý lịch tư pháp và giấy tờ khi đi làm."},
	{"mat-viec", "Mất việc", "Trợ cấp thất nghiệp và bảo hiểm xã hội một lần."},
	{"nguoi-than-qua-doi", "Người thân qua đời", "Khai tử, xóa thường trú, trợ cấp mai táng."},
}

// LifeEventBySlug returns the life event with the slug, and whether it exists.
func LifeEventBySlug(slug string) (LifeEvent, bool) {
	for _, e := range LifeEvents {
		if e.Slug == slug {
			return e, true
		}
	}
	return LifeEvent{}, false
}
