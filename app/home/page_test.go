package home

import (
	"testing"

	"spacerr/shared/api"
)

func TestDestination(t *testing.T) {
	if got := destination(nil); got != "/sign-in" {
		t.Errorf("signed out → %q, want /sign-in", got)
	}
	if got := destination(&api.SessionResponse{}); got != "/settings" {
		t.Errorf("signed in → %q, want /settings", got)
	}
}
