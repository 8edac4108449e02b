package vn

// Replace makes s hold exactly the rows of from, in one step: a lookup
// running meanwhile sees the old table or the new one, never a mix. It is
// how rows are taken out (Add only adds): the search index and the
// assistant keep their *Synonyms, and the back office rebuilds the table —
// the curated rows plus editors' — and swaps it in. Later Adds to either
// table do not affect the other.
func (s *Synonyms) Replace(from *Synonyms) {
	// Tables are never changed once stored (Add clones), so both may
	// share one.
	t := from.table.Load()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.table.Store(t)
}
