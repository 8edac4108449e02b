package staff

import "testing"

func TestInScope(t *testing.T) {
	tests := []struct {
		scope, target string
		want          bool
	}{
		{"UBND-01", "UBND-01", true},
		{"UBND-01", "UBND-00004", true},     // a province covers its communes
		{"UBND-01", "UBND-00100", false},    // not another province's
		{"UBND-00004", "UBND-01", false},    // a commune does not cover its province
		{"UBND-00004", "UBND-00007", false}, // nor a sibling commune
		{"UBND-02", "UBND-00004", false},
		{"VN", "UBND-00100", true},
		{"VN", "BCA", true},
		{"BCA", "BCA", true},
		{"BCA", "UBND-01", false},
		{"UBND-01", "UNKNOWN", false},
		{"", "UBND-01", false},
		{"UBND-01", "", false},
		{"VN", "", false},
	}
	for _, tt := range tests {
		if got := InScope(tt.scope, tt.target, parentOf); got != tt.want {
			t.Errorf("InScope(%q, %q) = %v, want %v", tt.scope, tt.target, got, tt.want)
		}
	}
}

func TestInScopeWithoutHierarchy(t *testing.T) {
	if InScope("UBND-01", "UBND-00004", nil) || InScope("UBND-01", "UBND-00004", NoParents) {
		t.Error("without parents a province covers a commune")
	}
	if !InScope("UBND-01", "UBND-01", nil) || !InScope("VN", "UBND-00004", nil) {
		t.Error("own agency or VN not covered without parents")
	}
}

// A cycle in bad data must end the walk, not hang.
func TestInScopeCycle(t *testing.T) {
	cyc := func(code string) string {
		if code == "A" {
			return "B"
		}
		return "A"
	}
	if InScope("C", "A", cyc) {
		t.Error("cycle put A in C's scope")
	}
	if !InScope("B", "A", cyc) {
		t.Error("B is A's parent")
	}
}
