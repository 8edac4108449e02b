package search

import "github.com/loa-vn/loa/internal/catalog"

// testServices is a small synthetic catalogue written for these tests (not
// the demo catalogue, and not the evaluation set): realistic names, guides
// and questions, with the near-duplicates that make ranking hard —
// khai sinh and the liên thông procedure that also registers a birth,
// cấp đổi and cấp lại of a driving licence.
func testServices() []catalog.Service {
	return []catalog.Service{
		{
			Slug: "dang-ky-khai-sinh", Name: "Đăng ký khai sinh", Field: "Hộ tịch",
			Keywords: []string{"khai sinh cho con", "làm giấy khai sinh"},
			Guide: &catalog.Guide{
				Summary: "Đăng ký khai sinh cho trẻ mới sinh tại Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ, hoặc nộp trực tuyến trên Cổng Dịch vụ công.",
				WhoFor:  "Cha, mẹ, ông bà hoặc người thân thích của trẻ.",
				Prepare: []string{"Giấy chứng sinh do bệnh viện cấp", "Thẻ căn cước của người đi đăng ký", "Giấy chứng nhận kết hôn của cha mẹ nếu có"},
				Steps:   []string{"Điền tờ khai đăng ký khai sinh", "Nộp hồ sơ tại Ủy ban nhân dân cấp xã hoặc trực tuyến", "Nhận Giấy khai sinh"},
			},
			Documents: []catalog.Document{{Name: "Tờ khai đăng ký khai sinh"}, {Name: "Giấy chứng sinh"}},
			Result:    "Giấy khai sinh",
			FAQs: []catalog.FAQ{
				{Question: "Làm giấy khai sinh cho con ở đâu?", Paraphrases: []string{"đăng ký khai sinh ở đâu", "khai sinh cho bé cần giấy tờ gì"}, Answer: "Tại Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ."},
				{Question: "Quá hạn đăng ký khai sinh có bị phạt không?", Answer: "Có thể bị nhắc nhở; thủ tục vẫn làm được."},
			},
		},
		{
			Slug: "lien-thong-khai-sinh-thuong-tru-bhyt", Field: "Hộ tịch",
			Name:     "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
			Keywords: []string{"liên thông khai sinh", "khai sinh thường trú bảo hiểm y tế"},
			Guide: &catalog.Guide{
				Summary: "Một bộ hồ sơ để đăng ký khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi.",
				WhoFor:  "Cha mẹ có con dưới 6 tuổi.",
				Prepare: []string{"Giấy chứng sinh", "Tờ khai đăng ký khai sinh", "Tờ khai thay đổi thông tin cư trú", "Tờ khai tham gia bảo hiểm y tế"},
				Steps:   []string{"Nộp hồ sơ liên thông trên Cổng Dịch vụ công", "Nhận Giấy khai sinh, kết quả đăng ký thường trú và thẻ bảo hiểm y tế"},
			},
			FAQs: []catalog.FAQ{{Question: "Đăng ký khai sinh và nhập khẩu cho con cùng lúc được không?", Answer: "Được, qua thủ tục liên thông."}},
		},
		{
			Slug: "dang-ky-thuong-tru", Name: "Đăng ký thường trú", Field: "Đăng ký, quản lý cư trú",
			Guide: &catalog.Guide{
				Summary: "Đăng ký nơi thường trú khi chuyển đến chỗ ở hợp pháp mới.",
				WhoFor:  "Công dân có chỗ ở hợp pháp.",
				Prepare: []string{"Tờ khai thay đổi thông tin cư trú (CT01)", "Giấy tờ chứng minh chỗ ở hợp pháp"},
				Steps:   []string{"Nộp hồ sơ cho Công an cấp xã", "Nhận thông báo kết quả"},
			},
			Documents: []catalog.Document{{Name: "Tờ khai thay đổi thông tin cư trú"}},
		},
		{
			Slug: "dang-ky-tam-tru", Name: "Đăng ký tạm trú", Field: "Đăng ký, quản lý cư trú",
			Guide: &catalog.Guide{
				Summary: "Đăng ký tạm trú khi đến sinh sống, làm việc, học tập ngoài nơi thường trú từ 30 ngày trở lên.",
				WhoFor:  "Người ở trọ, sinh viên, người lao động.",
				Steps:   []string{"Nộp tờ khai cho Công an cấp xã nơi tạm trú", "Nhận thông báo"},
			},
		},
		{
			Slug: "cap-the-can-cuoc", Name: "Cấp thẻ căn cước", Field: "Căn cước",
			Guide: &catalog.Guide{
				Summary: "Cấp thẻ căn cước gắn chíp cho công dân Việt Nam từ đủ 14 tuổi, hoặc dưới 14 tuổi theo yêu cầu.",
				WhoFor:  "Công dân Việt Nam.",
				Steps:   []string{"Đặt lịch hẹn hoặc đến Công an", "Thu nhận vân tay, ảnh khuôn mặt", "Nhận thẻ"},
			},
			FAQs: []catalog.FAQ{{Question: "Làm căn cước mất bao lâu?", Answer: "Tối đa 7 ngày làm việc."}},
		},
		{
			Slug: "cap-ho-chieu-pho-thong", Name: "Cấp hộ chiếu phổ thông ở trong nước", Field: "Quản lý xuất nhập cảnh",
			Guide: &catalog.Guide{
				Summary: "Cấp hộ chiếu phổ thông để đi nước ngoài, nộp tại Công an tỉnh hoặc trực tuyến.",
				WhoFor:  "Công dân Việt Nam.",
				Steps:   []string{"Khai tờ khai đề nghị cấp hộ chiếu", "Chụp ảnh", "Nhận hộ chiếu"},
			},
			FAQs: []catalog.FAQ{{Question: "Làm hộ chiếu online được không?", Answer: "Được, trên Cổng Dịch vụ công; người chịu trách nhiệm là Công an tỉnh."}},
		},
		{
			Slug: "cap-doi-giay-phep-lai-xe", Name: "Cấp đổi giấy phép lái xe", Field: "Đường bộ",
			Guide: &catalog.Guide{
				Summary: "Đổi giấy phép lái xe hết hạn, hư hỏng hoặc đổi sang mẫu mới.",
				WhoFor:  "Người có giấy phép lái xe hết hạn hoặc hỏng.",
				Prepare: []string{"Giấy khám sức khỏe", "Bản sao giấy phép lái xe"},
			},
		},
		{
			Slug: "cap-lai-giay-phep-lai-xe", Name: "Cấp lại giấy phép lái xe", Field: "Đường bộ",
			Guide: &catalog.Guide{
				Summary: "Cấp lại giấy phép lái xe khi bị mất.",
				WhoFor:  "Người bị mất giấy phép lái xe.",
				Prepare: []string{"Giấy khám sức khỏe", "Đơn đề nghị cấp lại"},
			},
		},
		{
			Slug: "cap-giay-chung-nhan-qsdd", Field: "Đất đai",
			Name: "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu",
			Guide: &catalog.Guide{
				Summary: "Cấp Giấy chứng nhận lần đầu cho người đang sử dụng đất.",
				WhoFor:  "Hộ gia đình, cá nhân đang sử dụng đất chưa có Giấy chứng nhận.",
				Prepare: []string{"Đơn đăng ký đất đai", "Giấy tờ về quyền sử dụng đất", "Sơ đồ nhà ở nếu có"},
			},
		},
		{
			Slug: "dang-ky-ket-hon", Name: "Đăng ký kết hôn", Field: "Hộ tịch",
			Guide: &catalog.Guide{
				Summary: "Đăng ký kết hôn tại Ủy ban nhân dân cấp xã nơi cư trú của một trong hai bên.",
				WhoFor:  "Nam, nữ đủ tuổi kết hôn.",
				Prepare: []string{"Tờ khai đăng ký kết hôn", "Căn cước của hai bên"},
			},
		},
		{
			Slug: "dang-ky-khai-tu", Name: "Đăng ký khai tử", Field: "Hộ tịch",
			Guide: &catalog.Guide{Summary: "Đăng ký việc một người đã chết tại Ủy ban nhân dân cấp xã.", Prepare: []string{"Giấy báo tử"}},
		},
		{
			Slug: "cap-phieu-ly-lich-tu-phap", Name: "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", Field: "Lý lịch tư pháp",
			Guide: &catalog.Guide{Summary: "Cấp Phiếu lý lịch tư pháp số 1 hoặc số 2 để xin việc, đi nước ngoài.", Prepare: []string{"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "Bản sao thẻ căn cước"}},
		},
		{
			Slug: "cap-giay-phep-xay-dung", Name: "Cấp giấy phép xây dựng nhà ở riêng lẻ", Field: "Xây dựng",
			Guide: &catalog.Guide{Summary: "Xin phép trước khi xây nhà ở riêng lẻ.", Prepare: []string{"Đơn đề nghị cấp giấy phép xây dựng", "Bản vẽ thiết kế", "Giấy tờ về quyền sử dụng đất"}},
		},
	}
}
