package measure

// Figures are what a dashboard shows for one slice — a unit, a month, a
// procedure — kept as parts: event sums, every counter known, and
// imported aggregate lines, some counters unknown. A rate takes its
// numerator and denominator from the parts that know both, exactly as
// Report does, so an aggregate that knows only the total never dilutes a
// rate, and an unknown count is never read as zero.
type Figures struct {
	parts []tally
}

// addEvents adds event sums starting on day start ("YYYY-MM-DD"); sums of
// the same start are merged, since every counter of both is known.
func (f *Figures) addEvents(start string, sm Sums) {
	for i := range f.parts {
		if p := &f.parts[i]; p.events && p.start == start {
			for c := range nCounters {
				p.v[c] += sm[c]
			}
			return
		}
	}
	f.parts = append(f.parts, eventTally(start, sm))
}

// eventTally is a part of event sums: every counter known.
func eventTally(start string, sm Sums) tally {
	t := tally{start: start, events: true, v: sm}
	for c := range nCounters {
		t.known[c] = true
	}
	return t
}

// addAggregate adds an aggregate line.
func (f *Figures) addAggregate(a *aggRow) {
	f.parts = append(f.parts, a.tally)
}

// Count returns the sum of a counter by its registry name
// ("received_total") over the parts that know it: Known false when none
// does.
func (f Figures) Count(name string) Count {
	c, ok := counterByName(name)
	if !ok {
		return Count{}
	}
	var out Count
	for _, t := range f.parts {
		if t.known[c] {
			out.N += t.v[c]
			out.Known = true
		}
	}
	return out
}

// Value computes a rate indicator; Known false on a zero or unknown base,
// and for indicators that are not rates (hours need the parameters: see
// Store.SliceReport).
func (f Figures) Value(ind Indicator) Value {
	if ind.Kind != KindRate {
		return Value{Indicator: ind}
	}
	return rate(ind, f.parts)
}

// Empty reports whether nothing at all was counted.
func (f Figures) Empty() bool { return len(f.parts) == 0 }

// figuresBy are figures by a key: a unit, a month, a procedure.
type figuresBy map[string]*Figures

// of returns the figures of key, empty on first use.
func (b figuresBy) of(key string) *Figures {
	f := b[key]
	if f == nil {
		f = &Figures{}
		b[key] = f
	}
	return f
}
