package measure

// counter names one numerator or denominator summed in reports.
type counter int

// The counters. Their names (counterNames) are what the indicator
// registry refers to.
const (
	cReceived counter = iota
	cReceivedOnline
	cReceivedFullyOnline
	cResolved
	cResolvedDueKnown
	cResolvedOnTime
	cReturned
	cPaidOnline
	cRatings
	cRatingsSatisfied
	cRatingPoints
	nCounters
)

var counterNames = [nCounters]string{
	"received_total", "received_online", "received_fully_online", "resolved_total", "resolved_due_known",
	"resolved_on_time", "returned", "paid_online", "ratings", "ratings_satisfied", "rating_points",
}

// String is the counter's name.
func (c counter) String() string { return counterNames[c] }

func counterByName(name string) (counter, bool) {
	for i, n := range counterNames {
		if n == name {
			return counter(i), true
		}
	}
	return 0, false
}

// IndicatorKind says how an indicator is computed from its counters.
type IndicatorKind string

// The kinds of indicator.
const (
	// KindRate is Numerator ÷ Denominator as a percentage, summed over
	// the rows where both are known: a ratio of sums, never a mean of
	// rates.
	KindRate IndicatorKind = "rate"
	// KindHours is Numerator × the hours per dossier of the parameter
	// version in force at each row's start.
	KindHours IndicatorKind = "hours"
	// KindValue is Numerator × hours per dossier × đồng per hour.
	KindValue IndicatorKind = "value"
)

// Indicator is one entry of the registry: data, not code, so a new rate
// is a new line here and every report, page and export picks it up.
type Indicator struct {
	ID          string
	Name        string
	Description string
	Kind        IndicatorKind
	Numerator   string
	Denominator string
	// Unit is shown after the value ("%", "giờ", "đồng").
	Unit string
}

// RegistryVersion changes whenever an indicator's definition changes, so
// a published figure can say which definitions produced it.
const RegistryVersion = 1

// registry lists the indicators of the programme, in display order.
var registry = []Indicator{
	{ID: "online_rate", Name: "Tỷ lệ hồ sơ trực tuyến", Kind: KindRate, Unit: "%",
		Numerator: "received_online", Denominator: "received_total",
		Description: "Hồ sơ nộp trực tuyến trên tổng số hồ sơ tiếp nhận."},
	{ID: "fully_online_rate", Name: "Tỷ lệ hồ sơ trực tuyến toàn trình", Kind: KindRate, Unit: "%",
		Numerator: "received_fully_online", Denominator: "received_total",
		Description: "Hồ sơ trực tuyến toàn trình trên tổng số hồ sơ tiếp nhận."},
	{ID: "on_time_rate", Name: "Tỷ lệ giải quyết đúng hạn", Kind: KindRate, Unit: "%",
		Numerator: "resolved_on_time", Denominator: "resolved_due_known",
		Description: "Hồ sơ giải quyết đúng hạn trên số hồ sơ đã giải quyết có hạn xử lý."},
	{ID: "online_payment_rate", Name: "Tỷ lệ thanh toán trực tuyến", Kind: KindRate, Unit: "%",
		Numerator: "paid_online", Denominator: "received_online",
		Description: "Lượt thanh toán trực tuyến trên số hồ sơ trực tuyến (thủ tục không thu phí kéo tỷ lệ xuống; so sánh theo từng thủ tục)."},
	{ID: "satisfaction", Name: "Mức độ hài lòng", Kind: KindRate, Unit: "%",
		Numerator: "ratings_satisfied", Denominator: "ratings",
		Description: "Lượt đánh giá hài lòng (4 hoặc 5 trên 5) trên tổng số lượt đánh giá."},
	{ID: "hours_saved", Name: "Số giờ tiết kiệm", Kind: KindHours, Unit: "giờ",
		Numerator:   "received_online",
		Description: "Hồ sơ trực tuyến × số giờ tiết kiệm cho mỗi hồ sơ (tham số)."},
	{ID: "value_saved_vnd", Name: "Giá trị thời gian tiết kiệm", Kind: KindValue, Unit: "đồng",
		Numerator:   "received_online",
		Description: "Số giờ tiết kiệm × giá trị một giờ (tham số)."},
}

// Indicators returns the registry, in display order.
func Indicators() []Indicator { return append([]Indicator(nil), registry...) }
