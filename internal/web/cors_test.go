package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestWidgetCORS checks the headers each widget endpoint grants, and that
// a preflight is answered with no content.
func TestWidgetCORS(t *testing.T) {
	for _, tc := range []struct {
		name           string
		c              widgetCORS
		allow, exposed string
	}{
		{"assistant", assistantCORS, "Content-Type", ""},
		{"rating", ratingCORS, "Content-Type, Idempotency-Key", "Idempotent-Replayed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			if err := tc.c.preflight(rec, httptest.NewRequest("OPTIONS", "/api/v1/x", nil)); err != nil {
				t.Fatal(err)
			}
			h := rec.Result().Header
			if rec.Code != http.StatusNoContent {
				t.Errorf("status %d, want 204", rec.Code)
			}
			for k, want := range map[string]string{
				"Access-Control-Allow-Origin":   "*",
				"Access-Control-Allow-Methods":  "POST, OPTIONS",
				"Access-Control-Allow-Headers":  tc.allow,
				"Access-Control-Expose-Headers": tc.exposed,
				"Access-Control-Max-Age":        "86400",
			} {
				if got := h.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			if _, ok := h["Access-Control-Expose-Headers"]; ok != (tc.exposed != "") {
				t.Errorf("Expose-Headers present = %v, want %v", ok, tc.exposed != "")
			}
		})
	}
}
