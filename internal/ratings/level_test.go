package ratings

import "testing"

func TestLevels(t *testing.T) {
	ls := Levels()
	if len(ls) != 5 || ls[0] != VerySatisfied || ls[4] != VeryDissatisfied {
		t.Fatalf("Levels() = %v, want 5 … 1", ls)
	}
	for _, tc := range []struct {
		l         Level
		valid     bool
		satisfied bool
		name      string
	}{
		{0, false, false, ""},
		{1, true, false, "Rất không hài lòng"},
		{3, true, false, "Bình thường"},
		{4, true, true, "Hài lòng"},
		{5, true, true, "Rất hài lòng"},
		{6, false, false, ""},
		{-1, false, false, ""},
	} {
		if tc.l.Valid() != tc.valid || tc.l.Satisfied() != tc.satisfied || tc.l.Name() != tc.name {
			t.Errorf("level %d: valid=%v satisfied=%v name=%q", tc.l, tc.l.Valid(), tc.l.Satisfied(), tc.l.Name())
		}
	}
}
