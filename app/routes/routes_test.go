package routes

import (
	"reflect"
	"slices"
	"testing"
)

func TestPaths(t *testing.T) {
	want := []string{"/", "/sign-in", "/sign-in/two-factor", "/sign-up", "/settings", "/forgot-password", "/reset-password",
		"/magic-link", "/verify-email", "/admin", "/admin/user"}
	if !slices.Equal(Paths, want) {
		t.Fatalf("Paths = %v, want %v", Paths, want)
	}
}

func TestEveryPathHasItsOwnFreshPage(t *testing.T) {
	seen := map[reflect.Type]string{}
	for _, pg := range pages {
		a, b := pg.page(), pg.page()
		if a == nil || a == b {
			t.Errorf("%s: factory must return a new page each time", pg.path)
		}
		typ := reflect.TypeOf(a)
		if other, dup := seen[typ]; dup {
			t.Errorf("%s and %s share page type %v", pg.path, other, typ)
		}
		seen[typ] = pg.path
	}
}
