package jobs

// FastOptions turns off river's start-up jitter, which would otherwise add
// seconds to every test that starts a queue.
func FastOptions(o Options) Options {
	o.testOnly = true
	return o
}
