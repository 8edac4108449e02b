package staff

// National is the agency code of the national coordinator; its scope
// covers every agency.
const National = "VN"

// ParentFunc returns the agency directly above code — the province
// committee "UBND-01" for the commune committee "UBND-00004" — or "" when
// code has none or is unknown. Package units provides the real one; staff
// does not import units, so that the two can change independently.
type ParentFunc func(code string) string

// NoParents knows no hierarchy: every agency's scope is itself (and VN's is
// everything). It is the default until the caller plugs in units.
func NoParents(string) string { return "" }

// maxDepth bounds the walk up the hierarchy, so a cycle in bad data ends
// the walk instead of hanging a request.
const maxDepth = 16

// InScope reports whether an account or token belonging to agency scope may
// act on target: its own agency, anything below it (a province committee
// covers its communes' committees), and, for National, everything.
func InScope(scope, target string, parent ParentFunc) bool {
	if scope == "" || target == "" {
		return false
	}
	if scope == National || scope == target {
		return true
	}
	if parent == nil {
		return false
	}
	for code, i := target, 0; i < maxDepth; i++ {
		code = parent(code)
		if code == "" {
			return false
		}
		if code == scope {
			return true
		}
	}
	return false
}
