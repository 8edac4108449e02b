package archtest

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/loa-vn/loa/internal/"

// domain packages must not reach up into the HTTP layer or the wiring.
var domain = []string{"catalog", "units", "search", "vn", "db", "ratelimit", "staff", "audit", "jobs", "cases", "assistant", "ratings", "targets", "workdays", "channels", "surveys", "measure", "open311", "notify", "idempotency", "files", "fielderr"}

// forbidden are imports a domain package may never have, even indirectly.
var forbidden = []string{module + "web", module + "app", "net/http"}

func TestDomainPackagesDoNotImportWeb(t *testing.T) {
	args := []string{"list", "-deps", "-json=ImportPath,Deps"}
	for _, d := range domain {
		args = append(args, module+d)
	}
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := 0
	for dec.More() {
		var p struct {
			ImportPath string
			Deps       []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if !isDomain(p.ImportPath) {
			continue
		}
		seen++
		for _, dep := range p.Deps {
			for _, f := range forbidden {
				if dep == f {
					t.Errorf("%s depends on %s", p.ImportPath, dep)
				}
			}
		}
	}
	if seen != len(domain) {
		t.Errorf("checked %d domain packages, want %d", seen, len(domain))
	}
}

func isDomain(path string) bool {
	for _, d := range domain {
		if path == module+d {
			return true
		}
	}
	return false
}
