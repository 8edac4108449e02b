package web

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/loa-vn/loa/internal/targets"
)

func TestTargetChart(t *testing.T) {
	base, year := 38.3, 2023
	tg := targets.Target{Name: "x", Unit: targets.UnitPercent, Direction: targets.HigherIsBetter,
		Baseline: &base, BaselineYear: &year, Target2025: ptrF(50), Target2030: ptrF(70)}
	p, _ := targets.ParsePeriod("2024")
	svg := string(targetChart("bd-1", `Tỷ lệ <script>"&`, "mô tả", tg, []targets.Observation{{Period: p, Value: 45}}))
	for _, want := range []string{`role="img"`, `aria-labelledby="bd-1-t bd-1-d"`, `<title id="bd-1-t">Tỷ lệ &lt;script&gt;&#34;&amp;</title>`,
		`<desc id="bd-1-d">mô tả</desc>`, "Mục tiêu 2025: 50%", "Mục tiêu 2030: 70%", "stroke-dasharray"} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q:\n%s", want, svg)
		}
	}
	if strings.Contains(svg, "<script") {
		t.Error("text not escaped")
	}
	if n := strings.Count(svg, "<circle"); n != 2 {
		t.Errorf("%d points, want baseline and one observation", n)
	}
	if strings.Count(svg, "<svg") != 1 || !strings.HasSuffix(svg, "</svg>") {
		t.Error("not one well-formed svg element")
	}

	// A rank is drawn with first place at the top: rank 50 above rank 70.
	rank, ry := 70.0, 2022
	osi := targets.Target{Unit: targets.UnitRank, Direction: targets.LowerIsBetter, Baseline: &rank, BaselineYear: &ry, Target2030: ptrF(50)}
	svg = string(targetChart("bd-2", "t", "d", osi, nil))
	path := regexp.MustCompile(`<polyline points="[\d.]+,([\d.]+) [\d.]+,([\d.]+)"`).FindStringSubmatch(svg)
	if path == nil {
		t.Fatalf("no target path:\n%s", svg)
	}
	y70, _ := strconv.ParseFloat(path[1], 64)
	y50, _ := strconv.ParseFloat(path[2], 64)
	if y50 >= y70 {
		t.Errorf("rank 50 drawn at y=%v, rank 70 at y=%v; better should be higher", y50, y70)
	}

	if got := targetChart("bd-3", "t", "d", targets.Target{Unit: targets.UnitPercent}, nil); got != "" {
		t.Errorf("nothing to draw, got %s", got)
	}
}
