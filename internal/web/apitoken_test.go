package web

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/loa-vn/loa/internal/db"
	"github.com/loa-vn/loa/internal/db/dbtest"
	"github.com/loa-vn/loa/internal/staff"
)

// TestAPITokenAuthorization drives the adapter of a machine route with no
// token, a malformed, an unknown, a revoked token, one lacking the
// permission, one whose agency does not cover the object, and a good one.
func TestAPITokenAuthorization(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		parents := map[string]string{"UBND-01-00004": "UBND-01"}
		st := staff.NewStore(d, staff.WithParents(func(a string) string { return parents[a] }))
		msg, err := LoadMessages("vi")
		if err != nil {
			t.Fatal(err)
		}
		s := &Server{cfg: Config{Staff: st}, msg: msg, log: slog.New(slog.DiscardHandler)}
		ingest, _, err := st.CreateToken(ctx, staff.System(), "UBND-01", "Hệ thống một cửa Hà Nội", []staff.Perm{staff.PermMeasureIngest})
		if err != nil {
			t.Fatal(err)
		}
		rating, _, err := st.CreateToken(ctx, staff.System(), "UBND-01", "Đánh giá", []staff.Perm{staff.PermRatingLinkCreate})
		if err != nil {
			t.Fatal(err)
		}
		revoked, rt, err := st.CreateToken(ctx, staff.System(), "UBND-01", "Cũ", []staff.Perm{staff.PermMeasureIngest})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.RevokeToken(ctx, staff.System(), rt.ID); err != nil {
			t.Fatal(err)
		}
		var seen *staff.Token
		route := Route{Method: "POST", Pattern: "/api/v1/thu/{agency}", Perm: need(staff.PermMeasureIngest), Surface: SurfaceAPI,
			Scope: func(r *http.Request) (string, error) { return r.PathValue("agency"), nil },
			Handler: func(w http.ResponseWriter, r *http.Request) error {
				seen = apiToken(r)
				return writeJSON(w, map[string]string{"ok": "1"})
			}}
		mux := http.NewServeMux()
		mux.Handle(route.Method+" "+route.Pattern, s.adapt(route))
		for _, c := range []struct {
			name, header, agency string
			status               int
			code                 string
		}{
			{"no header", "", "UBND-01", 401, "token_required"},
			{"basic scheme", "Basic dXNlcjpwYXNz", "UBND-01", 401, "token_required"},
			{"malformed", "Bearer abc", "UBND-01", 401, "token_invalid"},
			{"unknown", "Bearer loa_khongtontai", "UBND-01", 401, "token_invalid"},
			{"revoked", "Bearer " + revoked, "UBND-01", 401, "token_invalid"},
			{"other permission", "Bearer " + rating, "UBND-01", 403, "forbidden"},
			{"outside scope", "Bearer " + ingest, "UBND-79", 403, "forbidden"},
			{"own agency", "Bearer " + ingest, "UBND-01", 200, ""},
			{"commune below", "bearer  " + ingest, "UBND-01-00004", 200, ""},
		} {
			seen = nil
			req := httptest.NewRequest("POST", "/api/v1/thu/"+c.agency, nil)
			if c.header != "" {
				req.Header.Set("Authorization", c.header)
			}
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, req)
			if w.Code != c.status {
				t.Errorf("%s: status %d, want %d (%s)", c.name, w.Code, c.status, w.Body)
				continue
			}
			if c.status == 200 {
				if seen == nil || seen.Agency != "UBND-01" {
					t.Errorf("%s: handler saw token %+v", c.name, seen)
				}
				continue
			}
			if seen != nil {
				t.Errorf("%s: handler ran on a refused request", c.name)
			}
			var body struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || body.Error.Code != c.code || body.Error.Message == "" {
				t.Errorf("%s: body %s, want code %s", c.name, w.Body, c.code)
			}
			if c.status == 401 && w.Header().Get("WWW-Authenticate") == "" {
				t.Errorf("%s: 401 without WWW-Authenticate", c.name)
			}
		}
	})
}
