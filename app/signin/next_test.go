package signin

import (
	"testing"

	"spacerr/app/authapi"
	"spacerr/shared/api"
)

func TestAfterSignIn(t *testing.T) {
	if got := afterSignIn(authapi.SignInResponse{AuthResponse: api.AuthResponse{Token: "t"}}); got != "/settings" {
		t.Errorf("signed in: %s", got)
	}
	if got := afterSignIn(authapi.SignInResponse{TwoFactorRedirect: true, TwoFactorMethods: []string{"totp"}}); got != "/sign-in/two-factor" {
		t.Errorf("two-factor: %s", got)
	}
}
