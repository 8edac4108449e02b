package measure

import (
	"math"
	"slices"
)

// Outliers are found with the modified z-score of Iglewicz and Hoaglin
// (1993): M = 0.6745 · (x − median) / MAD, where MAD is the median of the
// absolute deviations from the median. It rests on medians, so one bad
// day in the window does not hide another, as it would with a mean and a
// standard deviation. |M| > 3.5 is an outlier.

// OutlierThreshold is the |M| above which a value is an outlier.
const OutlierThreshold = 3.5

// madScale is 0.6745, the 0.75 quantile of the standard normal: it makes
// MAD estimate the standard deviation of normal data.
const madScale = 0.6745

// meanADScale is used when MAD is zero (more than half the window holds
// the same value, common for small daily counts): the mean absolute
// deviation times 1.253314 (√(π/2)) estimates the standard deviation
// instead, so M = (x − median) / (1.253314 · meanAD).
const meanADScale = 1.253314

// maxScore caps a score when the window has no spread at all, so it can
// be stored and shown.
const maxScore = 999

// median returns the median of xs (0 for none); xs is not modified.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// ModifiedZ returns the modified z-score of x against the window, with
// the window's median and MAD. A window without any spread gives ±999
// when x differs from it, 0 when it does not.
func ModifiedZ(x float64, window []float64) (score, med, mad float64) {
	if len(window) == 0 {
		return 0, 0, 0
	}
	med = median(window)
	dev := make([]float64, len(window))
	var sum float64
	for i, w := range window {
		dev[i] = math.Abs(w - med)
		sum += dev[i]
	}
	mad = median(dev)
	switch {
	case mad > 0:
		score = madScale * (x - med) / mad
	case sum > 0:
		score = (x - med) / (meanADScale * sum / float64(len(window)))
	case x != med:
		score = math.Copysign(maxScore, x-med)
	}
	return math.Max(-maxScore, math.Min(maxScore, score)), med, mad
}

// IsOutlier reports whether a modified z-score flags its value.
func IsOutlier(score float64) bool { return math.Abs(score) > OutlierThreshold }
