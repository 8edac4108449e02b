package vn

import "testing"

// benchText is a guide sentence of the kind the search index normalises,
// folds and tokenises by the thousand when the catalogue changes.
const benchText = "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi; nộp hồ sơ tại Ủy ban nhân dân cấp xã hoặc trực tuyến trên Cổng Dịch vụ công quốc gia."

func BenchmarkNormalize(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Normalize(benchText)
	}
}

func BenchmarkFold(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Fold(benchText)
	}
}

func BenchmarkPhrases(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Phrases(benchText)
	}
}

func BenchmarkRedactPII(b *testing.B) {
	text := "Tôi là Nguyễn Văn A, CCCD 001099012345, điện thoại 0912 345 678, email a.nguyen@gmail.com, hỏi về " + benchText
	b.ReportAllocs()
	for b.Loop() {
		RedactPII(text)
	}
}
